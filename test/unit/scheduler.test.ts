import { describe, expect, it } from "vitest";
import { createSilentLogger } from "../../src/log.js";
import { Scheduler } from "../../src/schedule/scheduler.js";
import { waitFor } from "../helpers.js";

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

	it("catches up at start: polls the due blogs not polled for a whole interval, not the others", async () => {
		const now = 50_000_000;
		const polled: string[] = [];
		const scheduler = new Scheduler({
			...base,
			schedule: "0 0 * * * *", // hourly
			now: () => now,
			concurrency: 4,
			listDue: async () => [
				{ key: "never", url: "https://a.example/1" },
				{ key: "recent", url: "https://a.example/2", lastPollAt: now - 20 * 60_000 },
				{ key: "stale", url: "https://b.example/1", lastPollAt: now - 2 * 3_600_000 },
				{ key: "backoff", url: "https://c.example/1", nextPollAt: now + 60_000 },
			],
			poll: async (key) => {
				polled.push(key);
			},
		});
		await scheduler.catchUp(); // not started: nothing to catch up with
		expect(polled).toEqual([]);
		scheduler.start();
		await scheduler.catchUp();
		await scheduler.stop();
		expect(polled.sort()).toEqual(["never", "stale"]);
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

	it("takes hosts in turn, so one host never holds more than half the pool", async () => {
		const gates = new Map<string, ReturnType<typeof deferred>>();
		const started: string[] = [];
		const blogs = [
			...["s1", "s2", "s3"].map((key) => ({ key, url: `https://slow.example/${key}` })),
			{ key: "f1", url: "https://fast.example/live" },
		];
		const scheduler = new Scheduler({
			...base,
			concurrency: 2,
			perHostConcurrency: 2,
			listDue: async () => blogs,
			poll: async (key) => {
				started.push(key);
				if (key.startsWith("s")) {
					const gate = deferred();
					gates.set(key, gate);
					await gate.promise;
				}
			},
		});
		const tick = scheduler.tick();
		// The fast blog, listed after three slow ones, is polled while the slow host's first poll hangs.
		await waitFor(() => started.includes("f1"), "the fast blog's poll");
		expect(started.filter((k) => k.startsWith("s"))).toEqual(["s1"]);
		await waitFor(() => started.length === 2 && gates.size === 1, "one slow poll running");
		for (let i = 1; i <= 3; i++) {
			await waitFor(() => gates.has(`s${i}`), `slow poll s${i}`);
			// Still one slot for the slow host: s(i+1) starts only after s(i) ends.
			expect(gates.size).toBe(i);
			gates.get(`s${i}`)?.resolve();
		}
		await tick;
		expect(started).toEqual(["s1", "f1", "s2", "s3"]);
	});

	it("lets slow hosts share only half the pool, so fast blogs keep being polled", async () => {
		let clock = 1_000;
		const gates: ReturnType<typeof deferred>[] = [];
		let slowRunning = 0;
		let maxSlowRunning = 0;
		const fastPolls: number[] = [];
		const took = new Map<string, number>();
		const blogs = [
			...["a", "b", "c"].flatMap((h) =>
				[1, 2].map((n) => ({ key: `${h}${n}`, url: `https://${h}.slow.example/${n}` })),
			),
			{ key: "fast", url: "https://fast.example/live" },
		];
		const scheduler = new Scheduler({
			...base,
			now: () => clock,
			concurrency: 4,
			perHostConcurrency: 2,
			slowPollMs: 5_000,
			listDue: async () => blogs,
			onPollDone: async (key, ms) => {
				took.set(key, ms);
			},
			poll: async (key) => {
				if (key === "fast") {
					fastPolls.push(clock);
					return;
				}
				slowRunning++;
				maxSlowRunning = Math.max(maxSlowRunning, slowRunning);
				const gate = deferred();
				gates.push(gate);
				await gate.promise;
				slowRunning--;
			},
		});
		/** Lets every slow poll take 10 s by the injected clock until the tick is done. */
		async function drain(tick: Promise<void>): Promise<void> {
			let done = false;
			void tick.then(() => {
				done = true;
			});
			while (!done) {
				clock += 10_000;
				for (const gate of gates.splice(0)) gate.resolve();
				await new Promise((r) => setTimeout(r, 5));
			}
		}
		// First round: no host is known to be slow yet.
		const first = scheduler.tick();
		await waitFor(() => fastPolls.length === 1, "the fast blog's first poll");
		await drain(first);
		expect(took.get("a1")).toBe(10_000);
		// Second round: the three slow hosts share two slots; the fast blog is polled at once.
		maxSlowRunning = 0;
		const second = scheduler.tick();
		await waitFor(() => fastPolls.length === 2 && gates.length === 2, "the second round");
		await scheduler.tick(); // another tick while the slow polls hang: only the fast blog is due
		expect(fastPolls).toHaveLength(3);
		expect(slowRunning).toBe(2);
		await drain(second);
		expect(maxSlowRunning).toBe(2);
	});
});
