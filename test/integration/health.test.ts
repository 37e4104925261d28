import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../adapters/console/index.js";
import { type HealthServer, startHealthServer } from "../../src/observe/health-server.js";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	renderBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { MemoryStream, makeConfig, makeTempDir } from "../helpers.js";

describe("health and metrics endpoint", () => {
	let site: LiveblogServer;
	let tmp: { dir: string; cleanup: () => void };
	let relay: Relay;
	let server: HealthServer;

	beforeEach(async () => {
		site = await startLiveblogServer();
		site.setBlog(makeFakeBlog("war", 2));
		tmp = makeTempDir();
		relay = await createRelay({
			config: makeConfig({}, tmp.dir),
			schedule: false,
			adapters: [createConsoleAdapter({ out: new MemoryStream(), json: true, ownTargetId: "h" })],
		});
		await relay.start();
		server = await startHealthServer({
			port: 0,
			host: "127.0.0.1",
			check: () => relay.health(),
			metrics: relay.metrics,
			beforeScrape: async () => {
				await relay.health();
			},
		});
	});
	afterEach(async () => {
		await server.close();
		await relay.stop();
		await site.close();
		tmp.cleanup();
	});

	it("reports the store and adapters healthy", async () => {
		const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true, checks: { store: "ok", console: "ok" } });
	});

	it("counts polls, 304s, detected entries and deliveries with latency", async () => {
		await relay.core.commands.subscribe({ platform: "console", id: "h" }, site.url("war"), {
			canManage: true,
		});
		await relay.pollAll();
		site.addEntry("war", { id: "e3" });
		await relay.pollAll();
		await relay.idle();
		const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
		expect(text).toMatch(/relay_polls_total\{result="polled"\} 2/);
		expect(text).toMatch(/relay_fetch_not_modified_total 1/);
		expect(text).toMatch(/relay_entries_detected_total 1/);
		expect(text).toMatch(/relay_deliveries_total\{platform="console",status="delivered"\} 1/);
		expect(text).toMatch(/relay_delivery_latency_seconds_count\{platform="console"\} 1/);
		expect(text).toMatch(/relay_blogs_watched 1/);
	});

	it("does not parse identical bytes again when the site sends no validators", async () => {
		site.setHandler("/war", (_req, res) => {
			res
				.writeHead(200, { "content-type": "text/html" })
				.end(renderBlog(site.blog("war"), site.origin));
		});
		await relay.core.commands.subscribe({ platform: "console", id: "h" }, site.url("war"), {
			canManage: true,
		});
		await relay.pollAll();
		await relay.pollAll();
		site.addEntry("war", { id: "e3" });
		await relay.pollAll();
		const text = await relay.metrics.registry.metrics();
		expect(text).toMatch(/relay_polls_total\{result="unchanged"\} 2/);
		expect(text).toMatch(/relay_polls_total\{result="polled"\} 2/);
		expect(text).toMatch(/relay_entries_detected_total 1/);
	});

	it("answers 503 in time when the check itself hangs", async () => {
		const hung = await startHealthServer({
			port: 0,
			host: "127.0.0.1",
			check: () => new Promise(() => {}),
			metrics: relay.metrics,
			beforeScrape: () => new Promise(() => {}),
			answerWithinMs: 200,
		});
		try {
			const res = await fetch(`http://127.0.0.1:${hung.port}/healthz`);
			expect(res.status).toBe(503);
			expect(await res.json()).toEqual({
				ok: false,
				checks: { health: "failing: the health check gave no answer within 200 ms" },
			});
			// Metrics are served with the gauges as they were.
			const metrics = await fetch(`http://127.0.0.1:${hung.port}/metrics`);
			expect(metrics.status).toBe(200);
			expect(await metrics.text()).toMatch(/relay_blogs_watched/);
		} finally {
			await hung.close();
		}
	});

	it("answers 503 when the store is gone", async () => {
		await relay.store.close();
		const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
		expect(res.status).toBe(503);
		expect(((await res.json()) as { checks: { store: string } }).checks.store).toMatch(
			/^failing: SQLite store write of meta:v1:probe failed/,
		);
	});
});
