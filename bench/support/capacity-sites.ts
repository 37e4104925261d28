/**
 * The capacity bench's fake news sites, run as a child process so the relay's CPU is measured alone.
 * Serves BLOGS blogs of ~250 KB spread over HOSTS loopback addresses (127.0.0.1 … 127.0.0.HOSTS, one
 * port): real blogs live on many sites, and the scheduler allows only 2 concurrent polls per host, so
 * one host would measure that limit rather than the relay (HOSTS=1 still works). Every request draws from its
 * blog's own seeded PRNG (so the sequence per blog does not depend on request interleaving):
 *   p = CHANGE_P        the page changes (a new entry is prepended), 200 with a new ETag;
 *   half of the rest    conditional: 304 when If-None-Match matches, else 200 with the ETag;
 *   the other half      the same bytes again with no ETag (the relay's hash path).
 * Protocol (IPC): sends { type: "ready", port, hosts }; answers "stats" and "reset" messages.
 * Run by bench/capacity.bench.ts; env: BLOGS, HOSTS, SEED, CHANGE_P, GZIP=1 (gzip bodies).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import {
	type CapacityBlog,
	capacitySlug,
	mix,
	mulberry32,
	renderCapacityPage,
} from "./capacity-pages.js";
import type { SiteCommand, SiteMessage, SiteStats } from "./capacity-protocol.js";

function envInt(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
	const blogs = envInt("BLOGS", 5000);
	const hostCount = Math.min(250, envInt("HOSTS", 50));
	const seed = envInt("SEED", 42);
	const changeP = Number(process.env.CHANGE_P ?? 0.1);
	const gzip = process.env.GZIP === "1";
	const hosts = Array.from({ length: hostCount }, (_, i) => `127.0.0.${i + 1}`);
	// Entry 0 three hours ago, one a minute: every entry is in the past and the pages stay stable.
	const baseTime = Date.now() - 3 * 60 * 60_000;
	const versions = new Uint32Array(blogs);
	const served = new Uint8Array(blogs);
	const rngs = Array.from({ length: blogs }, (_, i) => mulberry32(mix(seed, i, 0x5eed)));
	const bySlug = new Map<string, number>();
	for (let i = 0; i < blogs; i++) bySlug.set(`/${capacitySlug(i)}`, i);
	let stats = emptyStats();
	let cpuAtReset = process.cpuUsage();
	let port = 0;

	const handle = (req: IncomingMessage, res: ServerResponse): void => {
		stats.requests++;
		const n = bySlug.get((req.url ?? "/").split("?")[0] ?? "/");
		const rng = n === undefined ? undefined : rngs[n];
		if (n === undefined || rng === undefined) {
			stats.notFound++;
			res.writeHead(404, { "content-type": "text/plain" });
			res.end("not found");
			return;
		}
		// A blog's first request (the subscribe) always gets the ETag, as a site with validators would
		// send it; otherwise half the blogs would start without one and the 304 share would sag.
		const first = !served[n];
		served[n] = 1;
		const r = first ? changeP : rng();
		if (r < changeP) versions[n] = (versions[n] ?? 0) + 1;
		const version = versions[n] ?? 0;
		const etag = `"b${n}-v${version}"`;
		let withEtag = true;
		if (r < changeP) {
			stats.changed++;
		} else if (r < changeP + (1 - changeP) / 2) {
			if (req.headers["if-none-match"] === etag) {
				stats.notModified++;
				res.writeHead(304, { etag });
				res.end();
				return;
			}
			stats.conditionalMiss++;
		} else {
			stats.sameBytes++;
			withEtag = false;
		}
		const blog: CapacityBlog = {
			seed,
			blog: n,
			version,
			origin: `http://${hosts[n % hosts.length]}:${port}`,
			slug: capacitySlug(n),
			baseTime,
		};
		let body = Buffer.from(renderCapacityPage(blog));
		const headers: Record<string, string> = {
			"content-type": "text/html; charset=utf-8",
			"cache-control": "max-age=0, s-maxage=15",
		};
		if (withEtag) headers.etag = etag;
		if (gzip) {
			body = gzipSync(body, { level: 1 });
			headers["content-encoding"] = "gzip";
		}
		headers["content-length"] = String(body.length);
		stats.bytesSent += body.length;
		res.writeHead(200, headers);
		res.end(body);
	};

	const servers: Server[] = [];
	for (const host of hosts) {
		const server = createServer({ keepAliveTimeout: 120_000 }, handle);
		// All of 127/8 is loopback on Linux: one port, many addresses, so the relay sees many hosts.
		await new Promise<void>((resolve, reject) => {
			server.once("error", reject);
			server.listen(port, host, () => {
				port = (server.address() as AddressInfo).port;
				resolve();
			});
		});
		servers.push(server);
	}

	const send = (message: SiteMessage) => process.send?.(message);
	process.on("message", (message: SiteCommand) => {
		if (message.type === "reset") {
			stats = emptyStats();
			cpuAtReset = process.cpuUsage();
			send({ type: "reset-done" });
		} else if (message.type === "stats") {
			const cpu = process.cpuUsage(cpuAtReset);
			send({
				type: "stats",
				stats: { ...stats, cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage.rss() },
			});
		}
	});
	// The bench closing the channel (or dying) ends the fake too.
	process.on("disconnect", () => {
		for (const server of servers) server.closeAllConnections();
		process.exit(0);
	});
	send({ type: "ready", port, hosts });
}

function emptyStats(): SiteStats {
	return {
		requests: 0,
		changed: 0,
		notModified: 0,
		sameBytes: 0,
		conditionalMiss: 0,
		notFound: 0,
		bytesSent: 0,
		cpuMicros: 0,
		rss: 0,
	};
}

await main();
