/**
 * One entry fanned out to 2,000 Telegram chats through the fake Bot API, which enforces Telegram's
 * limits (30 msg/s overall, 1 msg/s per chat, 20 msg/min per group) by answering 429.
 * Target: at least 95% of 30 msg/s (28.5/s), no 429, nothing lost, nothing doubled.
 * Run: npx tsx bench/telegram-fanout.bench.ts [chats]   (about 70 s for 2,000 chats)
 */
import { createTelegramAdapter } from "../adapters/telegram/index.js";
import { loadConfig } from "../src/config.js";
import { createSilentLogger } from "../src/log.js";
import { createRelay } from "../src/relay/relay.js";
import { makeFakeBlog, startLiveblogServer } from "../test/fakes/liveblog-server.js";
import { startFakeTelegram, TELEGRAM_LIMITS } from "../test/fakes/telegram-bot-api.js";
import { makeTempDir } from "../test/helpers.js";

const CHATS = Math.max(1, Number(process.argv[2] ?? 2000) || 2000);
const TARGET_RATE = 30 * 0.95;
const SUBSCRIBE_CONCURRENCY = 16;

async function main(): Promise<void> {
	const site = await startLiveblogServer();
	const tg = await startFakeTelegram({ limits: TELEGRAM_LIMITS });
	const temp = makeTempDir("telegram-bench-");
	site.setBlog(makeFakeBlog("bench", 5, "Bench live"));
	const config = loadConfig({
		STORE_URL: `sqlite://${temp.dir}/bench.sqlite`,
		ALLOW_PRIVATE_NETWORK: "1",
		TELEGRAM_BOT_TOKEN: tg.token,
		TELEGRAM_API_ROOT: tg.apiRoot,
		LOG_LEVEL: "silent",
	});
	const log = createSilentLogger();
	const adapter = createTelegramAdapter({ token: tg.token, apiRoot: tg.apiRoot, log });
	const relay = await createRelay({ config, adapters: [adapter], schedule: false, log });
	await relay.start();

	// Subscribing through the core directly: 2,000 chat round trips would only measure the fake.
	const subscribeStart = performance.now();
	const ids = Array.from({ length: CHATS }, (_, i) => 10_000 + i);
	let next = 0;
	await Promise.all(
		Array.from({ length: SUBSCRIBE_CONCURRENCY }, async () => {
			while (next < ids.length) {
				const id = ids[next++];
				const reply = await relay.core.commands.subscribe(
					{ platform: "telegram", id: String(id) },
					site.url("bench"),
					{ canManage: true },
				);
				if (reply.kind !== "subscribed") throw new Error(`subscribe ${id} failed: ${reply.kind}`);
			}
		}),
	);
	const subscribeSeconds = (performance.now() - subscribeStart) / 1000;

	site.addEntry("bench", { id: "fanout", headline: "Fan-out entry" });
	const runStart = performance.now();
	await relay.pollAll();
	await relay.idle();
	const runSeconds = (performance.now() - runStart) / 1000;

	const delivered = tg.sent.filter((m) => m.text.includes("Fan-out entry"));
	const perChat = new Map<string, number>();
	for (const m of delivered) perChat.set(m.chat_id, (perChat.get(m.chat_id) ?? 0) + 1);
	const lost = ids.filter((id) => !perChat.has(String(id))).length;
	const doubled = [...perChat.values()].filter((n) => n > 1).length;
	const first = delivered[0]?.at ?? 0;
	const last = delivered.at(-1)?.at ?? 0;
	const spanSeconds = (last - first) / 1000;
	const rate = delivered.length > 1 ? (delivered.length - 1) / spanSeconds : 0;

	await relay.stop();
	await tg.close();
	await site.close();
	temp.cleanup();

	const ok = rate >= TARGET_RATE && tg.rateLimited === 0 && lost === 0 && doubled === 0;
	const rows: [string, string][] = [
		["chats", String(CHATS)],
		["subscribe (core, s)", subscribeSeconds.toFixed(1)],
		["delivered", String(delivered.length)],
		["first→last sendMessage (s)", spanSeconds.toFixed(2)],
		["poll→first sendMessage (s)", ((first - runStart) / 1000).toFixed(2)],
		["poll→idle (s)", runSeconds.toFixed(2)],
		["messages/s", `${rate.toFixed(2)} (target ≥ ${TARGET_RATE})`],
		["429 answers", String(tg.rateLimited)],
		["lost", String(lost)],
		["doubled", String(doubled)],
		["result", ok ? "PASS" : "FAIL"],
	];
	const width = Math.max(...rows.map(([k]) => k.length));
	console.log("\nTelegram fan-out (fake Bot API, Telegram limits enforced)");
	for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
	process.exitCode = ok ? 0 : 1;
}

await main();
