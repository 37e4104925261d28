import { describe, expect, it } from "vitest";
import { createSilentLogger } from "../../src/log.js";
import { Scheduler } from "../../src/schedule/scheduler.js";

function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => {
		resolve = r;
	});
	return { promise, resolve };
}

describe("Scheduler", () => {
	const base = { schedule: "0 0 1 1 *", log: createSilentLogger(), now: () => 1_000 };

	it("polls due blogs, skips ones in backoff, and never runs two polls of one blog", async () => {
		const gate = deferred();
		const polled: string[] = [];
		const scheduler = new Scheduler({
			...base,
			concurrency: 4,
			listDue: async () => [
				{ key: "a", url: "https://a.example/1" },
				{ key: "b", url: "https://b.example/1", nextPollAt: 5_000 },
				{ key: "c", url: "https://c.example/1", nextPollAt: 500 },
			],
			poll: async (key) => {
				polled.push(key);
				await gate.promise;
			},
		});
		const first = scheduler.tick();
		const second = scheduler.tick(); // while the first polls are still running
		gate.resolve();
		await Promise.all([first, second]);
		expect(polled.sort()).toEqual(["a", "c"]);
		await scheduler.tick(true);
		expect(polled.sort()).toEqual(["a", "a", "b", "c", "c"]);
	});

	it("limits concurrent polls per host and overall", async () => {
		let active = 0;
		let maxActive = 0;
		const perHostActive = new Map<string, number>();
		let maxPerHost = 0;
		const blogs = [
			...Array.from({ length: 6 }, (_, i) => ({ key: `n${i}`, url: `https://news.example/${i}` })),
			...Array.from({ length: 6 }, (_, i) => ({ key: `o${i}`, url: `https://other${i}.example/` })),
		];
		const scheduler = new Scheduler({
			...base,
			concurrency: 4,
			perHostConcurrency: 2,
			listDue: async () => blogs,
			poll: async (key) => {
				const host = new URL(blogs.find((b) => b.key === key)?.url ?? "").host;
				active++;
				perHostActive.set(host, (perHostActive.get(host) ?? 0) + 1);
				maxActive = Math.max(maxActive, active);
				maxPerHost = Math.max(maxPerHost, perHostActive.get(host) ?? 0);
				await new Promise((r) => setTimeout(r, 5));
				active--;
				perHostActive.set(host, (perHostActive.get(host) ?? 1) - 1);
			},
		});
		await scheduler.tick();
		expect(maxActive).toBe(4);
		expect(maxPerHost).toBe(2);
	});

	it("passes the tick time to scheduled polls and none to forced ones", async () => {
		const ticks: (number | undefined)[] = [];
		const scheduler = new Scheduler({
			...base,
			concurrency: 1,
			listDue: async () => [{ key: "a", url: "https://a.example/" }],
			poll: async (_key, tick) => {
				ticks.push(tick);
			},
		});
		await scheduler.tick();
		await scheduler.tick(true);
		expect(ticks).toEqual([1_000, undefined]);
	});
});
