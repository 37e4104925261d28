/**
 * Capacity: how many blogs one instance watches at a 60 s interval, with its CPU and RSS.
 * Target: 5,000 blogs at under 50% of one core and under 400 MB RSS, every blog polled every interval.
 *
 * The fake sites run in a child process (bench/support/capacity-sites.ts) so only the relay's CPU is
 * measured: ~250 KB live-blog pages (JSON-LD + Reach-style markup), 10% of polls see a new entry,
 * the rest answer 304 or the same bytes without validators (half each). The relay runs here with a
 * SQLite store in a temp dir, POLL_SCHEDULE "0 * * * * *" and a counting sink adapter, 1 target per
 * blog. Subscribing (one fetch + parse per blog) is setup and not measured; the relay's schedule is
 * started 1 s before a minute boundary and measured over ROUNDS whole intervals from there.
 *
 * Run: npm run bench:capacity
 * Env: BLOGS (5000), DURATION_S (120; rounded up to whole minutes), HOSTS (50 loopback addresses;
 *      the scheduler allows 2 polls per host at once), POLL_CONCURRENCY (4, the relay's default),
 *      SEED (42), CHANGE_P (0.1), GZIP=1 (sites gzip their pages), SUBSCRIBE_CONCURRENCY (8),
 *      CPU_PROFILE=<file.cpuprofile> (profile the measured window; the profiler adds some CPU).
 * Quick run: BLOGS=500 DURATION_S=120 npm run bench:capacity
 * Exits 1 when a target is missed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadConfig } from "../src/config.js";
import type { PlatformAdapter } from "../src/index.js";
import { createSilentLogger } from "../src/log.js";
import { createRelay } from "../src/relay/relay.js";
import type { PollOutcome } from "../src/relay/watcher.js";
import { makeTempDir } from "../test/helpers.js";
import {
	capacityBlogUrl,
	type SiteCommand,
	type SiteMessage,
	type SiteStats,
} from "./support/capacity-protocol.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");

function envNumber(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return process.env[name] !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

const BLOGS = Math.floor(envNumber("BLOGS", 5000));
const ROUNDS = Math.max(1, Math.ceil(envNumber("DURATION_S", 120) / 60));
const HOSTS = Math.floor(envNumber("HOSTS", 50));
const POLL_CONCURRENCY = Math.floor(envNumber("POLL_CONCURRENCY", 4));
const SEED = Math.floor(envNumber("SEED", 42));
const CHANGE_P = envNumber("CHANGE_P", 0.1);
const SUBSCRIBE_CONCURRENCY = Math.floor(envNumber("SUBSCRIBE_CONCURRENCY", 8));
/** Write a .cpuprofile of the measured window only (open in Chrome DevTools or speedscope). */
const CPU_PROFILE = process.env.CPU_PROFILE;
const INTERVAL_MS = 60_000;
const TARGET_CPU = 0.5;
const TARGET_RSS_MB = 400;
const MB = 1024 * 1024;
const LOOP_RESOLUTION_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The fake sites as a child process, answering stats/reset over IPC. */
interface Sites {
	port: number;
	hosts: string[];
	stats(): Promise<SiteStats>;
	reset(): Promise<void>;
	close(): void;
}

async function startSites(): Promise<Sites> {
	// tsx's ESM loader by absolute URL, so the child resolves it whatever its cwd.
	const loader = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
	const child: ChildProcess = spawn(
		process.execPath,
		["--import", loader, path.join(HERE, "support/capacity-sites.ts")],
		{
			env: {
				...process.env,
				BLOGS: String(BLOGS),
				HOSTS: String(HOSTS),
				SEED: String(SEED),
				CHANGE_P: String(CHANGE_P),
			},
			stdio: ["ignore", "inherit", "inherit", "ipc"],
		},
	);
	const waiters: ((message: SiteMessage) => boolean)[] = [];
	child.on("message", (message: SiteMessage) => {
		const index = waiters.findIndex((accept) => accept(message));
		if (index >= 0) waiters.splice(index, 1);
	});
	const next = <K extends SiteMessage["type"]>(type: K, command?: SiteCommand) =>
		new Promise<Extract<SiteMessage, { type: K }>>((resolve, reject) => {
			const onExit = (code: number | null) => reject(new Error(`fake sites exited (${code})`));
			child.once("exit", onExit);
			waiters.push((message) => {
				if (message.type !== type) return false;
				child.off("exit", onExit);
				resolve(message as Extract<SiteMessage, { type: K }>);
				return true;
			});
			if (command) child.send(command);
		});
	const ready = await next("ready");
	return {
		port: ready.port,
		hosts: ready.hosts,
		stats: async () => (await next("stats", { type: "stats" })).stats,
		reset: async () => {
			await next("reset-done", { type: "reset" });
		},
		close: () => {
			if (child.connected) child.disconnect();
		},
	};
}

async function main(): Promise<void> {
	const loadAtStart = os.loadavg();
	const sites = await startSites();
	const temp = makeTempDir("capacity-bench-");
	const config = loadConfig({
		STORE_URL: `sqlite://${temp.dir}/bench.sqlite`,
		POLL_SCHEDULE: "0 * * * * *",
		POLL_CONCURRENCY: String(POLL_CONCURRENCY),
		MAX_WATCHED_BLOGS: String(Math.max(5000, BLOGS)),
		ALLOW_PRIVATE_NETWORK: "1",
		LOG_LEVEL: "silent",
	});
	let deliveries = 0;
	// A platform that accepts everything at once: the bench measures watching, not sending.
	const sink: PlatformAdapter = {
		platform: "console",
		summaryLimit: 500,
		async start() {},
		async post() {
			deliveries++;
			return { status: "delivered" };
		},
		async stop() {},
	};

	// Outcomes and per-blog finish times of the polls inside the measured window.
	let measuring = false;
	const outcomes = { "not-modified": 0, unchanged: 0, polled: 0, failed: 0, skipped: 0 };
	let detected = 0;
	const finishes = new Map<string, number[]>();
	const failures = new Map<string, number>();
	const onPolled = (blog: { key: string }, outcome: PollOutcome): void => {
		if (!measuring) return;
		outcomes[outcome.status]++;
		if (outcome.status === "polled") detected += outcome.added.length;
		if (outcome.status === "failed") {
			const reason = outcome.error.message.replace(/https?:\/\/\S+/g, "<url>").slice(0, 120);
			failures.set(reason, (failures.get(reason) ?? 0) + 1);
		}
		if (outcome.status === "skipped") return;
		let list = finishes.get(blog.key);
		if (!list) {
			list = [];
			finishes.set(blog.key, list);
		}
		list.push(Date.now());
	};
	const log = createSilentLogger();
	const relay = await createRelay({ config, adapters: [sink], log, events: { onPolled } });

	// Setup (not measured): each subscribe fetches and parses its page once and seeds the seen set.
	const setupStart = performance.now();
	let nextBlog = 0;
	let subscribeErrors = 0;
	let firstError = "";
	await Promise.all(
		Array.from({ length: SUBSCRIBE_CONCURRENCY }, async () => {
			while (nextBlog < BLOGS) {
				const n = nextBlog++;
				const reply = await relay.core.commands.subscribe(
					{ platform: "console", id: `bench-${n}` },
					capacityBlogUrl(n, sites.hosts, sites.port),
					{ canManage: true },
				);
				if (reply.kind !== "subscribed") {
					subscribeErrors++;
					firstError ||= reply.error.message;
				}
				if ((n + 1) % 500 === 0)
					console.error(
						`  subscribed ${n + 1}/${BLOGS} (${((performance.now() - setupStart) / 1000).toFixed(0)} s)`,
					);
			}
		}),
	);
	const setupSeconds = (performance.now() - setupStart) / 1000;
	if (subscribeErrors > 0) console.error(`  ${subscribeErrors} subscribes failed: ${firstError}`);
	// Blogs with no new entry for 30 min drop to a 2-minute poll gap (lifecycle.ts); the first
	// blogs were created at setup start, so a long setup would make the window measure that instead.
	if (setupSeconds + ROUNDS * 60 + 60 > 29 * 60)
		console.error("  warning: setup + window exceed 29 min; early blogs may count as quiet");

	// Start the schedule just before a minute boundary, so the first tick is the window's first.
	let firstTick = Math.ceil((Date.now() + 3_000) / INTERVAL_MS) * INTERVAL_MS;
	const windowStart = firstTick - 1_000;
	await sleep(windowStart - Date.now());
	firstTick = Math.ceil(Date.now() / INTERVAL_MS) * INTERVAL_MS;
	const windowEnd = firstTick + ROUNDS * INTERVAL_MS - 1_000;
	await sites.reset();
	const profiler = CPU_PROFILE ? new Session() : undefined;
	if (profiler) {
		profiler.connect();
		await profiler.post("Profiler.enable");
		await profiler.post("Profiler.start");
	}
	const eventLoop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
	eventLoop.enable();
	const cpuStart = process.cpuUsage();
	const wallStart = performance.now();
	const deliveriesStart = deliveries;
	let rssMax = process.memoryUsage.rss();
	let heapMax = process.memoryUsage().heapUsed;
	const sampler = setInterval(() => {
		const memory = process.memoryUsage();
		rssMax = Math.max(rssMax, memory.rss);
		heapMax = Math.max(heapMax, memory.heapUsed);
	}, 1_000);
	measuring = true;
	await relay.start();
	console.error(
		`  setup done in ${setupSeconds.toFixed(0)} s; measuring ${ROUNDS} interval(s) from ${new Date(firstTick).toISOString()}`,
	);
	await sleep(windowEnd - Date.now());
	measuring = false;
	const cpu = process.cpuUsage(cpuStart);
	const wallMs = performance.now() - wallStart;
	clearInterval(sampler);
	eventLoop.disable();
	const rssEnd = process.memoryUsage.rss();
	rssMax = Math.max(rssMax, rssEnd);
	const windowDeliveries = deliveries - deliveriesStart;
	const site = await sites.stats();
	const loadAtEnd = os.loadavg();
	if (profiler && CPU_PROFILE) {
		const { profile } = await profiler.post("Profiler.stop");
		writeFileSync(CPU_PROFILE, JSON.stringify(profile));
		profiler.disconnect();
	}

	await relay.stop();
	sites.close();
	temp.cleanup();

	// Round k is every blog's k-th poll in the window (a blog still in flight at a tick skips it).
	const perBlog = [...finishes.values()];
	const rounds = Array.from({ length: ROUNDS }, (_, k) => {
		const tick = firstTick + k * INTERVAL_MS;
		const done = perBlog.filter((times) => times.length > k);
		const last = Math.max(...done.map((times) => times[k] ?? tick));
		return { tick, polled: done.length, seconds: done.length ? (last - tick) / 1000 : Number.NaN };
	});
	const overPolled = perBlog.filter((times) => times.length > ROUNDS).length;
	const cpuFraction = (cpu.user + cpu.system) / 1000 / wallMs;
	const polls = outcomes["not-modified"] + outcomes.unchanged + outcomes.polled + outcomes.failed;
	const allPolled =
		rounds.every((r) => r.polled === BLOGS && r.seconds < INTERVAL_MS / 1000) &&
		outcomes.failed === 0;
	const cpuOk = cpuFraction < TARGET_CPU;
	const rssOk = rssMax / MB < TARGET_RSS_MB;
	const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : "-");
	// The histogram holds whole timer periods; what exceeds the sampling period is the lag.
	const lag = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS).toFixed(1);

	const rows: [string, string][] = [
		["blogs", `${BLOGS} over ${sites.hosts.length} loopback hosts (2 polls/host at once)`],
		["POLL_CONCURRENCY", String(POLL_CONCURRENCY)],
		["page encoding", process.env.GZIP === "1" ? "gzip (level 1)" : "identity (uncompressed)"],
		["setup (subscribe all, s)", setupSeconds.toFixed(1)],
		["window", `${ROUNDS} × 60 s ticks, ${(wallMs / 1000).toFixed(1)} s measured`],
		...rounds.map((r, i): [string, string] => [
			`round ${i + 1} (${new Date(r.tick).toISOString().slice(11, 19)})`,
			`${r.polled}/${BLOGS} blogs polled, tick → last poll ${r.seconds.toFixed(1)} s`,
		]),
		["polls (relay)", `${polls} (${(polls / ROUNDS).toFixed(0)} per interval)`],
		["  304 not modified", `${outcomes["not-modified"]} (${pct(outcomes["not-modified"], polls)})`],
		["  unchanged bytes (hashed)", `${outcomes.unchanged} (${pct(outcomes.unchanged, polls)})`],
		["  changed (parsed)", `${outcomes.polled} (${pct(outcomes.polled, polls)})`],
		["  failed", String(outcomes.failed)],
		["  skipped (lease)", String(outcomes.skipped)],
		["blogs polled > once per tick", String(overPolled)],
		["entries detected", String(detected)],
		["deliveries (sink)", String(windowDeliveries)],
		[
			"fake: requests",
			`${site.requests} (200 changed ${site.changed}, 304 ${site.notModified}, 200 same ${site.sameBytes}, cond. miss ${site.conditionalMiss}, 404 ${site.notFound})`,
		],
		[
			"fake: bytes sent",
			`${(site.bytesSent / MB).toFixed(0)} MB (${(site.bytesSent / Math.max(1, site.changed + site.sameBytes + site.conditionalMiss) / 1024).toFixed(0)} KB per 200)`,
		],
		["fake: CPU (its own process)", pct(site.cpuMicros / 1000, wallMs)],
		[
			"relay CPU (1 core = 100%)",
			`${pct(cpu.user / 1000 + cpu.system / 1000, wallMs)} (user ${pct(cpu.user / 1000, wallMs)}, system ${pct(cpu.system / 1000, wallMs)}; target < ${TARGET_CPU * 100}%)`,
		],
		[
			"relay CPU per poll",
			`${((cpu.user + cpu.system) / Math.max(1, polls) / 1000).toFixed(2)} ms`,
		],
		[
			"relay RSS max / end",
			`${(rssMax / MB).toFixed(0)} / ${(rssEnd / MB).toFixed(0)} MB (target < ${TARGET_RSS_MB} MB)`,
		],
		["relay heap used max", `${(heapMax / MB).toFixed(0)} MB`],
		[
			"event loop lag p50/p99/max",
			`${lag(eventLoop.percentile(50))} / ${lag(eventLoop.percentile(99))} / ${lag(eventLoop.max)} ms`,
		],
		[
			"machine",
			`${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, node ${process.version}, load ${loadAtStart.map((l) => l.toFixed(2)).join(" ")} → ${loadAtEnd.map((l) => l.toFixed(2)).join(" ")}`,
		],
		["CPU < 50%", cpuOk ? "PASS" : "FAIL"],
		["RSS < 400 MB", rssOk ? "PASS" : "FAIL"],
		["every blog polled every interval", allPolled ? "PASS" : "FAIL"],
		["result", cpuOk && rssOk && allPolled ? "PASS" : "FAIL"],
	];
	const width = Math.max(...rows.map(([k]) => k.length));
	console.log("\nCapacity (fake sites in a child process, 60 s interval, SQLite store)");
	for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
	for (const [reason, count] of failures) console.log(`  failure ×${count}: ${reason}`);
	process.exitCode = cpuOk && rssOk && allPolled ? 0 : 1;
}

await main();
