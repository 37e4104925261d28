/**
 * Detection latency: an entry appears on a page → the first platform request (the fake Bot API
 * receiving sendMessage), p50/p95/max against the poll interval. Target: p95 ≤ interval + 300 ms.
 *
 * Everything runs in this process on one clock (performance.now()): BLOGS ~250 KB live blogs (the
 * capacity bench's pages, served with an ETag and 304 on a match), one Telegram chat per blog through
 * the real Telegram adapter (grammY) against the fake Bot API with its limits NOT enforced and the
 * adapter's default pacing (30 msg/s overall, 1 msg/s per chat) left on, and a SQLite store.
 * ENTRIES probe entries are prepended to random blogs at uniformly random moments over DURATION_S,
 * after two warm-up ticks. "tick → send" is the part the relay adds after the cron tick that found
 * the entry (position in the poll round + fetch + parse + outbox + send); the rest is waiting for
 * the tick, on average half an interval.
 *
 * Run: npm run bench:latency
 * Env: INTERVAL_S (10; must divide 60, or be 60), BLOGS (200), ENTRIES (100), DURATION_S (180),
 *      SEED (7), POLL_CONCURRENCY (4, the relay's default).
 * 60 s interval: INTERVAL_S=60 DURATION_S=600 npm run bench:latency   (about 13 minutes)
 * Exits 1 when the target is missed or a probe is lost or doubled.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { createTelegramAdapter } from "../adapters/telegram/index.js";
import { loadConfig } from "../src/config.js";
import { createSilentLogger } from "../src/log.js";
import { createRelay } from "../src/relay/relay.js";
import type { FakeBlog } from "../test/fakes/liveblog-server.js";
import { startFakeTelegram } from "../test/fakes/telegram-bot-api.js";
import { makeTempDir } from "../test/helpers.js";
import {
	capacityBlog,
	capacitySlug,
	mix,
	mulberry32,
	renderWithChrome,
} from "./support/capacity-pages.js";

function envNumber(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return process.env[name] !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

const INTERVAL_S = Math.floor(envNumber("INTERVAL_S", 10));
const BLOGS = Math.floor(envNumber("BLOGS", 200));
const ENTRIES = Math.floor(envNumber("ENTRIES", 100));
const DURATION_S = envNumber("DURATION_S", 180);
const SEED = Math.floor(envNumber("SEED", 7));
const POLL_CONCURRENCY = Math.floor(envNumber("POLL_CONCURRENCY", 4));
const SLACK_MS = 300;
const INTERVAL_MS = INTERVAL_S * 1000;

if (60 % INTERVAL_S !== 0 && INTERVAL_S !== 60) {
	throw new Error(`INTERVAL_S must divide 60 (or be 60), got ${INTERVAL_S}`);
}
const SCHEDULE = INTERVAL_S === 60 ? "0 * * * * *" : `*/${INTERVAL_S} * * * * *`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1] ?? Number.NaN;
}

/** One served blog: the page is rendered once per change, not per request. */
interface ServedBlog {
	blog: FakeBlog;
	body: Buffer;
	etag: string;
	version: number;
}

/** In-process site: ~250 KB pages with an ETag, 304 when If-None-Match matches. */
async function startSite(blogs: number) {
	const served = new Map<string, ServedBlog>();
	let origin = "";
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const page = served.get((req.url ?? "/").slice(1));
		if (!page) {
			res.writeHead(404, { "content-type": "text/plain" });
			res.end("not found");
			return;
		}
		if (req.headers["if-none-match"] === page.etag) {
			res.writeHead(304, { etag: page.etag });
			res.end();
			return;
		}
		res.writeHead(200, {
			"content-type": "text/html; charset=utf-8",
			etag: page.etag,
			"content-length": String(page.body.length),
		});
		res.end(page.body);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const render = (n: number, slug: string, page: Omit<ServedBlog, "body" | "etag">) => {
		served.set(slug, {
			...page,
			body: Buffer.from(renderWithChrome(page.blog, origin)),
			etag: `"b${n}-v${page.version}"`,
		});
	};
	const slugs: string[] = [];
	const baseTime = Date.now() - 3 * 60 * 60_000;
	for (let n = 0; n < blogs; n++) {
		const slug = capacitySlug(n);
		slugs.push(slug);
		render(n, slug, {
			blog: capacityBlog({ seed: SEED, blog: n, version: 0, origin, slug, baseTime }),
			version: 0,
		});
	}
	return {
		url: (n: number) => `${origin}/${slugs[n]}`,
		/** Prepends an entry; returns once the new page is what the site serves. */
		addEntry(n: number, id: string, headline: string): void {
			const slug = slugs[n];
			const page = slug === undefined ? undefined : served.get(slug);
			if (!slug || !page) throw new Error(`no blog ${n}`);
			const entry = {
				id,
				headline,
				body: `${headline}. A probe entry for the latency bench, added at a random moment. It has a second sentence.`,
				publishedAt: new Date(),
			};
			render(n, slug, {
				blog: { ...page.blog, entries: [entry, ...page.blog.entries] },
				version: page.version + 1,
			});
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

async function main(): Promise<void> {
	const loadAtStart = os.loadavg();
	const site = await startSite(BLOGS);
	const tg = await startFakeTelegram({ limits: false });
	const temp = makeTempDir("latency-bench-");
	const config = loadConfig({
		STORE_URL: `sqlite://${temp.dir}/bench.sqlite`,
		POLL_SCHEDULE: SCHEDULE,
		POLL_CONCURRENCY: String(POLL_CONCURRENCY),
		ALLOW_PRIVATE_NETWORK: "1",
		TELEGRAM_BOT_TOKEN: tg.token,
		TELEGRAM_API_ROOT: tg.apiRoot,
		LOG_LEVEL: "silent",
	});
	const log = createSilentLogger();
	const adapter = createTelegramAdapter({ token: tg.token, apiRoot: tg.apiRoot, log });
	const relay = await createRelay({ config, adapters: [adapter], log });

	// Subscribing through the core: one chat per blog, each fetch + parse seeds the blog silently.
	const chatOf = (n: number) => 50_000 + n;
	for (let n = 0; n < BLOGS; n++) {
		const reply = await relay.core.commands.subscribe(
			{ platform: "telegram", id: String(chatOf(n)) },
			site.url(n),
			{ canManage: true },
		);
		if (reply.kind !== "subscribed") throw new Error(`subscribe ${n}: ${reply.error.message}`);
	}
	await relay.start();
	// Two ticks of warm-up: every blog polled through the schedule, JIT and connections warm.
	const firstTick = Math.ceil((Date.now() + 1) / INTERVAL_MS) * INTERVAL_MS;
	await sleep(firstTick + INTERVAL_MS + 2_000 - Date.now());

	const rand = mulberry32(mix(SEED, BLOGS, ENTRIES));
	const plan = Array.from({ length: ENTRIES }, (_, i) => ({
		probe: i,
		at: rand() * DURATION_S * 1000,
		blog: Math.floor(rand() * BLOGS),
	})).sort((a, b) => a.at - b.at);
	const added = new Map<number, { blog: number; addedAt: number; headline: string }>();
	const start = performance.now();
	console.error(
		`  ${BLOGS} blogs subscribed; adding ${ENTRIES} entries over ${DURATION_S} s, polling ${SCHEDULE}`,
	);
	for (const p of plan) {
		await sleep(start + p.at - performance.now());
		const headline = `Latency probe [${p.probe}]`;
		site.addEntry(p.blog, `probe-${p.probe}`, headline);
		// Stamped after the render: the entry is on the page from now on.
		added.set(p.probe, { blog: p.blog, addedAt: performance.now(), headline });
	}
	const allSent = () =>
		[...added.values()].every((a) => tg.sent.some((m) => m.text.includes(a.headline)));
	await tg.waitFor(allSent, 2 * INTERVAL_MS + 30_000).catch(() => undefined);
	await relay.idle();

	const latencies: number[] = [];
	const afterTick: number[] = [];
	let lost = 0;
	let doubled = 0;
	let wrongChat = 0;
	for (const a of added.values()) {
		const messages = tg.sent.filter((m) => m.text.includes(a.headline));
		if (messages.length === 0) {
			lost++;
			continue;
		}
		if (messages.length > 1) doubled++;
		const first = messages.reduce((x, y) => (y.at < x.at ? y : x));
		if (first.chat_id !== String(chatOf(a.blog))) wrongChat++;
		latencies.push(first.at - a.addedAt);
		// The cron tick that found it: the last tick at or before the send (wall clock of this process).
		const sentWall = performance.timeOrigin + first.at;
		afterTick.push(sentWall - Math.floor(sentWall / INTERVAL_MS) * INTERVAL_MS);
	}
	latencies.sort((x, y) => x - y);
	afterTick.sort((x, y) => x - y);
	const p95 = percentile(latencies, 95);
	const sendMessages = tg.requests.filter((r) => r.method === "sendMessage").length;

	await relay.stop();
	await tg.close();
	await site.close();
	temp.cleanup();

	const ok = p95 <= INTERVAL_MS + SLACK_MS && lost === 0 && doubled === 0 && wrongChat === 0;
	const s = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
	const loadAtEnd = os.loadavg();
	const rows: [string, string][] = [
		["poll interval", `${INTERVAL_S} s (POLL_SCHEDULE "${SCHEDULE}")`],
		[
			"blogs / chats",
			`${BLOGS} / ${BLOGS} (one host, 127.0.0.1; POLL_CONCURRENCY ${POLL_CONCURRENCY})`,
		],
		["entries added", `${added.size} over ${DURATION_S} s, uniformly random`],
		["delivered / lost / doubled", `${latencies.length} / ${lost} / ${doubled}`],
		["sendMessage requests", String(sendMessages)],
		["latency p50", s(percentile(latencies, 50))],
		["latency p95", `${s(p95)} (target ≤ ${s(INTERVAL_MS + SLACK_MS)})`],
		["latency max", s(latencies.at(-1) ?? Number.NaN)],
		["latency min", s(latencies[0] ?? Number.NaN)],
		[
			"tick → send p50 / p95 / max",
			`${s(percentile(afterTick, 50))} / ${s(percentile(afterTick, 95))} / ${s(afterTick.at(-1) ?? Number.NaN)}`,
		],
		[
			"machine",
			`${os.cpus().length} CPUs, node ${process.version}, load ${loadAtStart.map((l) => l.toFixed(2)).join(" ")} → ${loadAtEnd.map((l) => l.toFixed(2)).join(" ")}`,
		],
		["result", ok ? "PASS" : "FAIL"],
	];
	const width = Math.max(...rows.map(([k]) => k.length));
	console.log(
		"\nDetection latency (entry on page → fake Bot API sendMessage; Telegram adapter, default pacing, limits not enforced)",
	);
	for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
	process.exitCode = ok ? 0 : 1;
}

await main();
