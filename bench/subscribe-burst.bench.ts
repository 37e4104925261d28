/**
 * Subscribe burst: RSS of one relay while 100 users subscribe at once to a ~4 MB live-blog page.
 * Target: the peak RSS rise stays under 300 MB (the issue measured 229 → 1,069 MB before the cap).
 *
 * The page is served by a child process (so only the relay's memory is measured) from one file for
 * every path. MODE=same: 100 subscribes of one URL (coalesced into one read). MODE=distinct: 100
 * subscribes of 100 different blogs of that size (no coalescing: MAX_CONCURRENT_READS bounds it).
 * RSS is sampled every 10 ms from before the burst until every subscribe has answered.
 *
 * Run: npm run bench:subscribe-burst
 * Env: MODE (same | distinct; default same), USERS (100), ENTRIES (1950 → about 4 MB),
 *      MAX_CONCURRENT_READS (the relay's default, 8; 100 shows the uncapped behaviour).
 * Exits 1 when the target is missed.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../src/config.js";
import { createSilentLogger } from "../src/log.js";
import { createRelay } from "../src/relay/relay.js";
import { type FakeBlog, renderBlog } from "../test/fakes/liveblog-server.js";
import { makeTempDir } from "../test/helpers.js";

const MODE = process.env.MODE === "distinct" ? "distinct" : "same";
const USERS = Number(process.env.USERS ?? 100);
const ENTRIES = Number(process.env.ENTRIES ?? 1950);
const TARGET_RISE_MB = 300;

const tmp = makeTempDir("subscribe-burst-");
const body =
	"A long paragraph of live coverage that goes on and on about the news of the day. ".repeat(11);
const blog: FakeBlog = {
	slug: "burst",
	title: "Burst live",
	entries: Array.from({ length: ENTRIES }, (_, i) => ({
		id: `e${i}`,
		headline: `Entry ${i}`,
		body: `${i}: ${body}`,
		publishedAt: new Date(Date.UTC(2024, 0, 1) + (ENTRIES - i) * 60_000),
	})),
};

const pageFile = path.join(tmp.dir, "page.html");
// The page names its own URL (canonical link, JSON-LD): rendered with a placeholder origin that the
// server replaces with its real one once it listens.
const PLACEHOLDER = "http://placeholder.invalid";
const serverCode = `
const http = require("node:http");
const fs = require("node:fs");
const [file, placeholder] = process.argv.slice(1);
const text = fs.readFileSync(file, "utf8");
let origin;
let same;
let requests = 0;
const server = http.createServer((req, res) => {
	requests++;
	res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
	// /burst is one page; any other path is a page of its own (its own canonical URL).
	res.end(req.url === "/burst" ? same : text.replaceAll(placeholder + "/burst", origin + req.url));
});
server.listen(0, "127.0.0.1", () => {
	origin = "http://127.0.0.1:" + server.address().port;
	same = Buffer.from(text.replaceAll(placeholder, origin));
	process.send({ port: server.address().port });
});
process.on("message", () => process.send({ requests }));
`;

async function main(): Promise<number> {
	writeFileSync(pageFile, renderBlog(blog, PLACEHOLDER));
	const pageBytes = Buffer.byteLength(renderBlog(blog, PLACEHOLDER));
	const site = spawn(process.execPath, ["-e", serverCode, pageFile, PLACEHOLDER], {
		stdio: ["ignore", "inherit", "inherit", "ipc"],
	});
	const sitePort = await new Promise<number>((resolve) =>
		site.once("message", (m) => resolve((m as { port: number }).port)),
	);
	const siteOrigin = `http://127.0.0.1:${sitePort}`;

	const config = loadConfig({
		STORE_URL: `sqlite://${path.join(tmp.dir, "store.sqlite")}`,
		ALLOW_PRIVATE_NETWORK: "1",
		POLL_SCHEDULE: "0 0 1 1 *",
		LOG_LEVEL: "silent",
		...(process.env.MAX_CONCURRENT_READS
			? { MAX_CONCURRENT_READS: process.env.MAX_CONCURRENT_READS }
			: {}),
	});
	const relay = await createRelay({
		config,
		adapters: [],
		schedule: false,
		log: createSilentLogger(),
	});
	await relay.start();

	(globalThis as { gc?: () => void }).gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	// Live memory too: after a full GC (node --expose-gc), heap + external, every 100 ms.
	const gc = (globalThis as { gc?: () => void }).gc;
	const live = () => {
		const m = process.memoryUsage();
		return m.heapUsed + m.external + m.arrayBuffers;
	};
	const liveBefore = live();
	let livePeak = liveBefore;
	let ticks = 0;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
		if (gc && ++ticks % 10 === 0) {
			gc();
			livePeak = Math.max(livePeak, live());
		}
	}, 10);
	const started = performance.now();
	const replies = await Promise.all(
		Array.from({ length: USERS }, (_, i) =>
			relay.core.commands.subscribe(
				{ platform: "telegram", id: String(100_000 + i) },
				MODE === "same" ? `${siteOrigin}/burst` : `${siteOrigin}/burst-${i}`,
				{ userId: String(100_000 + i), canManage: true },
			),
		),
	);
	const elapsed = performance.now() - started;
	clearInterval(sampler);
	gc?.();
	const liveAfter = live();
	peak = Math.max(peak, process.memoryUsage().rss);
	const requests = await new Promise<number>((resolve) => {
		site.once("message", (m) => resolve((m as { requests: number }).requests));
		site.send("count");
	});
	site.kill();
	await relay.stop();
	tmp.cleanup();

	const ok = replies.filter((r) => r.kind === "subscribed").length;
	const errors = new Map<string, number>();
	for (const r of replies) {
		if (r.kind === "error") errors.set(r.error.message, (errors.get(r.error.message) ?? 0) + 1);
	}
	for (const [message, n] of errors) console.log(`${n} × ${message}`);
	const riseMb = (peak - before) / 1024 / 1024;
	const pass = riseMb < TARGET_RISE_MB && ok === USERS;
	console.log(
		JSON.stringify({
			mode: MODE,
			users: USERS,
			pageMb: +(pageBytes / 1024 / 1024).toFixed(2),
			maxConcurrentReads: config.maxConcurrentReads,
			subscribed: ok,
			siteRequests: requests,
			rssBeforeMb: Math.round(before / 1024 / 1024),
			rssPeakMb: Math.round(peak / 1024 / 1024),
			riseMb: Math.round(riseMb),
			...(gc
				? {
						liveRiseMb: Math.round((livePeak - liveBefore) / 1024 / 1024),
						liveAfterMb: Math.round((liveAfter - liveBefore) / 1024 / 1024),
					}
				: {}),
			seconds: +(elapsed / 1000).toFixed(1),
		}),
	);
	console.log(
		`${pass ? "PASS" : "FAIL"}: peak RSS rise ${Math.round(riseMb)} MB (target < ${TARGET_RISE_MB} MB)`,
	);
	return pass ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
