/**
 * One entry fanned out to 1,000 Discord channels through the fake API, which enforces Discord's
 * global limit of 50 requests per second by answering 429.
 * Target: at least 90% of 50 msg/s (45/s), nothing lost, nothing doubled; 429s are reported.
 * Run: npx tsx bench/discord-fanout.bench.ts [channels]   (about 25 s for 1,000 channels)
 */
import { createDiscordAdapter } from "../adapters/discord/index.js";
import { loadConfig } from "../src/config.js";
import { createSilentLogger } from "../src/log.js";
import { createRelay } from "../src/relay/relay.js";
import { startDiscordFake } from "../test/fakes/discord-api.js";
import { makeFakeBlog, startLiveblogServer } from "../test/fakes/liveblog-server.js";
import { makeTempDir } from "../test/helpers.js";

const CHANNELS = Math.max(2, Number(process.argv[2] ?? 1000) || 1000);
const GLOBAL_LIMIT = 50;
const TARGET_RATE = GLOBAL_LIMIT * 0.9;
const SUBSCRIBE_CONCURRENCY = 16;

async function main(): Promise<void> {
	const site = await startLiveblogServer();
	const discord = await startDiscordFake();
	const temp = makeTempDir("discord-bench-");
	site.setBlog(makeFakeBlog("bench", 5, "Bench live"));
	const config = loadConfig({
		STORE_URL: `sqlite://${temp.dir}/bench.sqlite`,
		ALLOW_PRIVATE_NETWORK: "1",
		DISCORD_BOT_TOKEN: discord.token,
		DISCORD_API_ROOT: discord.apiRoot,
		LOG_LEVEL: "silent",
	});
	const log = createSilentLogger();
	const adapter = createDiscordAdapter({ token: discord.token, apiRoot: discord.apiRoot, log });
	const relay = await createRelay({ config, adapters: [adapter], schedule: false, log });
	await relay.start();

	// Following through the core directly: 1,000 slash-command round trips would only measure the fake.
	const subscribeStart = performance.now();
	const ids = Array.from({ length: CHANNELS }, (_, i) =>
		String(300_000_000_000_000_000n + BigInt(i)),
	);
	let next = 0;
	await Promise.all(
		Array.from({ length: SUBSCRIBE_CONCURRENCY }, async () => {
			while (next < ids.length) {
				const id = ids[next++] as string;
				const reply = await relay.core.commands.subscribe(
					{ platform: "discord", id },
					site.url("bench"),
					{
						canManage: true,
					},
				);
				if (reply.kind !== "subscribed")
					throw new Error(`following in ${id} failed: ${reply.kind}`);
			}
		}),
	);
	const subscribeSeconds = (performance.now() - subscribeStart) / 1000;

	// Enforced only for the fan-out, so setting up the follows does not eat into the window.
	discord.setGlobalRateLimit(GLOBAL_LIMIT);
	site.addEntry("bench", { id: "fanout", headline: "Fan-out entry" });
	const runStart = performance.now();
	await relay.pollAll();
	await relay.idle();
	const runSeconds = (performance.now() - runStart) / 1000;

	const delivered = discord.messages.filter((m) => m.embeds[0]?.title === "Fan-out entry");
	const perChannel = new Map<string, number>();
	for (const m of delivered) perChannel.set(m.channel_id, (perChannel.get(m.channel_id) ?? 0) + 1);
	const lost = ids.filter((id) => !perChannel.has(id)).length;
	const doubled = [...perChannel.values()].filter((n) => n > 1).length;
	const times = delivered.map((m) => Date.parse(m.timestamp));
	const spanSeconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
	const rate = delivered.length > 1 && spanSeconds > 0 ? (delivered.length - 1) / spanSeconds : 0;
	const rateLimited = discord.rateLimit.rejected;

	await relay.stop();
	await discord.close();
	await site.close();
	temp.cleanup();

	const ok = rate >= TARGET_RATE && lost === 0 && doubled === 0;
	const rows: [string, string][] = [
		["channels", String(CHANNELS)],
		["follow (core, s)", subscribeSeconds.toFixed(1)],
		["delivered", String(delivered.length)],
		["first→last message (s)", spanSeconds.toFixed(2)],
		["poll→idle (s)", runSeconds.toFixed(2)],
		["messages/s", `${rate.toFixed(2)} (target ≥ ${TARGET_RATE}, ceiling ${GLOBAL_LIMIT})`],
		["429 answers", String(rateLimited)],
		["lost", String(lost)],
		["doubled", String(doubled)],
		["result", ok ? "PASS" : "FAIL"],
	];
	const width = Math.max(...rows.map(([k]) => k.length));
	console.log(`\nDiscord fan-out (fake API, global limit ${GLOBAL_LIMIT} req/s enforced)`);
	for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
	process.exitCode = ok ? 0 : 1;
}

await main();
