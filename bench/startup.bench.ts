/**
 * Start-up cost of the compiled build (run `npm run build` first; this bench never builds).
 *
 * 1. `watch <url> --once --json` on a one-entry loopback page: wall, CPU (user + system) and peak
 *    RSS under GNU time, next to a bare `node -e "import('undici')"` floor; RUNS runs each, interleaved.
 * 2. The bot (`node dist/cli.js`) with Telegram and Discord configured against the loopback fakes
 *    (test/fakes): spawn → first poll of a subscribed blog, and → first delivery of an outbox entry
 *    left pending by a SIGKILL (the send was held by the fake when the bot was killed).
 * 3. RSS at rest: 50 blogs, 200 targets (100 Telegram chats, 100 Discord channels, two blogs each),
 *    both platforms, default poll schedule, sampled every 10 s for REST_S seconds.
 * Medians with (min–max) spread. The first poll waits for the first tick of POLL_SCHEDULE
 * "* * * * * *" unless the relay polls due blogs at start.
 *
 * Run: npm run build && npm run bench:startup
 * Flags: --runs N (default 7), --rest-seconds S (default 600; shorten for a quick look), --skip-rest,
 * --one-shot-only (section 1 alone),
 * --cli <path/to/cli.js> to measure another build (before/after; the tsc build had dist/src/cli.js).
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { ChannelType } from "discord.js";
import type { Target } from "../src/types.js";
import { startDiscordFake } from "../test/fakes/discord-api.js";
import { makeFakeBlog, startLiveblogServer } from "../test/fakes/liveblog-server.js";
import { startFakeTelegram } from "../test/fakes/telegram-bot-api.js";
import { makeTempDir, ROOT } from "../test/helpers.js";
import { seedSubscriptions } from "../test/seed.js";
import { exited, type OneShot, rssMb, show, timedRun, timeWhen } from "./support/startup-runs.js";

const { values: flags } = parseArgs({
	options: {
		runs: { type: "string", default: "7" },
		"rest-seconds": { type: "string", default: "600" },
		"skip-rest": { type: "boolean", default: false },
		// Only the one-shot section (1), for quick looks while cutting start-up cost.
		"one-shot-only": { type: "boolean", default: false },
		// Another build's CLI (e.g. an older commit's dist/src/cli.js) for before/after comparisons.
		cli: { type: "string" },
	},
});
const RUNS = Math.max(1, Number(flags.runs));
const REST_S = Math.max(10, Number(flags["rest-seconds"]));
const CLI = path.resolve(flags.cli ?? path.join(ROOT, "dist", "cli.js"));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const baseEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" };

/** Section 1: the one-shot watch against the undici floor. */
async function oneShot(): Promise<void> {
	const site = await startLiveblogServer();
	site.setBlog(makeFakeBlog("small", 1, "Small live page"));
	const tmp = makeTempDir("bench-startup-");
	const env = { ...baseEnv, ALLOW_PRIVATE_NETWORK: "1", LOG_LEVEL: "warn" };
	const floor: OneShot[] = [];
	const watch: OneShot[] = [];
	try {
		for (let i = 0; i < RUNS; i++) {
			floor.push(
				await timedRun(process.execPath, ["-e", "import('undici')"], { cwd: ROOT, env: baseEnv }),
			);
			watch.push(
				await timedRun(process.execPath, [CLI, "watch", site.url("small"), "--once", "--json"], {
					cwd: tmp.dir,
					env,
				}),
			);
		}
	} finally {
		await site.close();
		tmp.cleanup();
	}
	const row = (name: string, runs: OneShot[]) =>
		`  ${name.padEnd(34)} wall ${show(runs.map((r) => r.wallS))} s   CPU ${show(runs.map((r) => r.cpuS))} s   peak RSS ${show(
			runs.map((r) => r.peakRssMb),
			0,
		)} MB`;
	console.log(`\n1. one-shot, ${RUNS} runs each: median (min–max)`);
	console.log(row(`node -e "import('undici')"`, floor));
	console.log(row("watch <url> --once --json", watch));
	const ratio = median(watch.map((r) => r.cpuS)) / median(floor.map((r) => r.cpuS));
	console.log(`  CPU ratio to the floor (medians): ${ratio.toFixed(2)}× (target ≤ 3×)`);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Loopback Telegram, Discord and a blog site, a seeded SQLite store, and a bot launcher. */
async function botWorld(options: { blogs: number; perPlatform: number; schedule: string }) {
	const site = await startLiveblogServer();
	const telegram = await startFakeTelegram();
	const channels = Array.from({ length: options.perPlatform }, (_, i) => ({
		id: String(300000000000000000n + BigInt(i)),
		name: `news-${i}`,
		type: ChannelType.GuildText as const,
	}));
	const discord = await startDiscordFake({ channels });
	const tmp = makeTempDir("bench-startup-bot-");
	const slugs = Array.from({ length: options.blogs }, (_, i) => `blog${i}`);
	for (const slug of slugs) site.setBlog(makeFakeBlog(slug, 3, `Live: ${slug}`));
	const env = {
		...baseEnv,
		TELEGRAM_BOT_TOKEN: telegram.token,
		TELEGRAM_API_ROOT: telegram.apiRoot,
		DISCORD_BOT_TOKEN: discord.token,
		DISCORD_API_ROOT: discord.apiRoot,
		STORE_URL: `sqlite://${path.join(tmp.dir, "bench.sqlite")}`,
		POLL_SCHEDULE: options.schedule,
		ALLOW_PRIVATE_NETWORK: "1",
		LOG_LEVEL: "warn",
	};
	const targets: Target[] = [
		...Array.from({ length: options.perPlatform }, (_, i) => ({
			platform: "telegram" as const,
			id: String(7000 + i),
		})),
		...channels.map((c) => ({ platform: "discord" as const, id: c.id })),
	];
	await seedSubscriptions(
		env,
		tmp.dir,
		targets.flatMap((target, i) =>
			[...new Set([slugs[i % slugs.length], slugs[(i * 7 + 3) % slugs.length]])].map((slug) => ({
				target,
				url: site.url(slug ?? "blog0"),
			})),
		),
	);
	let stderr = "";
	return {
		site,
		telegram,
		discord,
		slugs,
		spawnBot(): ChildProcess {
			const bot = spawn(process.execPath, [CLI], {
				cwd: tmp.dir,
				env,
				stdio: ["ignore", "ignore", "pipe"],
			});
			bot.stderr?.on("data", (d) => {
				stderr = (stderr + d).slice(-3000);
			});
			return bot;
		},
		stderr: () => stderr,
		async close() {
			await Promise.all([site.close(), telegram.close(), discord.close()]);
			tmp.cleanup();
		},
	};
}

/** Section 2: spawn → first poll, and → first delivery of an entry left pending by SIGKILL. */
async function botStart(): Promise<void> {
	const world = await botWorld({ blogs: 1, perPlatform: 1, schedule: "* * * * * *" });
	const blogPath = `/${world.slugs[0]}`;
	const firstPoll: number[] = [];
	const firstDelivery: number[] = [];
	const gracefulStop: number[] = [];
	const exits: string[] = [];
	try {
		for (let run = 0; run < RUNS; run++) {
			// Start → first poll (then a graceful stop, timed too).
			let seen = world.site.requests.length;
			let t0 = performance.now();
			let bot = world.spawnBot();
			const polled = await timeWhen(
				() => world.site.requests.slice(seen).some((r) => r.path === blogPath),
				"the first poll",
				bot,
			);
			firstPoll.push((polled - t0) / 1000);
			// Deliveries of this run's entry: Telegram's send is held, so it stays pending.
			const sendsBefore = world.telegram.requests.length;
			const release = world.telegram.hold("sendMessage", () => true);
			world.site.addEntry(world.slugs[0] ?? "blog0", { id: `run${run}` });
			await timeWhen(
				() => world.telegram.requests.slice(sendsBefore).some((r) => r.method === "sendMessage"),
				"the held send",
				bot,
			);
			bot.kill("SIGKILL");
			await exited(bot);
			// The dead bot's send is refused, so the entry is still owed to the chat.
			release({ error: { error_code: 500, description: "Internal Server Error" } });
			seen = world.telegram.requests.length;
			t0 = performance.now();
			bot = world.spawnBot();
			const delivered = await timeWhen(
				() => world.telegram.requests.slice(seen).some((r) => r.method === "sendMessage"),
				"the pending delivery",
				bot,
			);
			firstDelivery.push((delivered - t0) / 1000);
			const stopAt = performance.now();
			bot.kill("SIGTERM");
			await exited(bot);
			gracefulStop.push((performance.now() - stopAt) / 1000);
			exits.push(bot.exitCode === null ? String(bot.signalCode) : `exit ${bot.exitCode}`);
			if (bot.exitCode !== 0)
				console.error(`run ${run}: ${exits.at(-1)}; stderr:\n${world.stderr()}`);
			await sleep(1100); // The blog is due again at the next run's first tick.
		}
	} finally {
		await world.close();
	}
	console.log(`\n2. bot with Telegram + Discord (loopback fakes), ${RUNS} runs: median (min–max)`);
	console.log(`  spawn → first poll of a blog           ${show(firstPoll)} s`);
	console.log(`  spawn → first pending delivery (SIGKILL) ${show(firstDelivery)} s`);
	console.log(
		`  SIGTERM → exit (nothing in flight)     ${show(gracefulStop)} s; ended by ${exits.join(", ")}`,
	);
}

/** Section 3: RSS of one bot process at rest. */
async function atRest(): Promise<void> {
	const world = await botWorld({ blogs: 50, perPlatform: 100, schedule: "*/60 * * * * *" });
	const bot = world.spawnBot();
	const samples: { s: number; rss: number; peak: number }[] = [];
	try {
		await timeWhen(
			() => world.telegram.requests.some((r) => r.method === "getUpdates"),
			"the bot",
			bot,
		);
		const t0 = performance.now();
		while ((performance.now() - t0) / 1000 < REST_S) {
			await sleep(10_000);
			if (bot.exitCode !== null) throw new Error(`bot exited: ${world.stderr()}`);
			samples.push({ s: Math.round((performance.now() - t0) / 1000), ...rssMb(bot.pid ?? 0) });
		}
	} finally {
		bot.kill("SIGTERM");
		await exited(bot);
		await world.close();
	}
	const last = samples.at(-1);
	console.log(`\n3. at rest: 50 blogs, 200 targets, both platforms, ${REST_S} s`);
	console.log(
		`  RSS at ${last?.s} s: ${last?.rss.toFixed(0)} MB (peak ${last?.peak.toFixed(0)} MB); samples: ${samples.map((x) => x.rss.toFixed(0)).join(" ")}`,
	);
	console.log(`  polls seen by the site: ${world.site.requests.length} (target < 120 MB)`);
}

console.log(`bench:startup: node ${process.version}, ${CLI}`);
await oneShot();
if (!flags["one-shot-only"]) {
	await botStart();
	if (!flags["skip-rest"]) await atRest();
}
