import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../src/store/open-store.js";
import { makeTempDir } from "./helpers.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("coordination across two instances on one Redis", () => {
	let a: Store;
	let b: Store;
	beforeAll(async () => {
		const namespace = `coord-${randomUUID()}`;
		a = await openStore(REDIS_URL, { namespace });
		b = await openStore(REDIS_URL, { namespace });
	});
	afterAll(async () => {
		await a.close();
		await b.close();
	});

	it("gives a lease to one instance at a time and lets only its holder release it", async () => {
		const lease = await a.coordinator.tryAcquire("poll:blog1", 10_000);
		expect(lease).toBeDefined();
		expect(await b.coordinator.tryAcquire("poll:blog1", 10_000)).toBeUndefined();
		expect(await lease?.renew(10_000)).toBe(true);
		await lease?.release();
		const taken = await b.coordinator.tryAcquire("poll:blog1", 10_000);
		expect(taken).toBeDefined();
		// The old holder's release must not free the new holder's lease.
		await lease?.release();
		expect(await a.coordinator.tryAcquire("poll:blog1", 10_000)).toBeUndefined();
		expect(await lease?.renew(10_000)).toBe(false);
		await taken?.release();
	});

	it("lets a lease lapse when its holder dies, so another instance takes over", async () => {
		expect(await a.coordinator.tryAcquire("poll:blog2", 50)).toBeDefined();
		await new Promise((r) => setTimeout(r, 120));
		expect(await b.coordinator.tryAcquire("poll:blog2", 10_000)).toBeDefined();
	});

	it("claims each schedule tick of a blog for one instance, and never an older tick", async () => {
		// Instances' crons fire within ±500 ms of the same whole second.
		const tick = Date.UTC(2026, 0, 1, 12, 0, 0) + 120;
		expect(await a.coordinator.claimTick("blog1", tick)).toBe(true);
		expect(await b.coordinator.claimTick("blog1", tick + 300)).toBe(false);
		expect(await b.coordinator.claimTick("blog1", tick - 400)).toBe(false);
		expect(await b.coordinator.claimTick("blog2", tick + 300)).toBe(true);
		expect(await b.coordinator.claimTick("blog1", tick + 1_000)).toBe(true);
		// An instance that runs a tick late does not poll again what was polled after it.
		expect(await a.coordinator.claimTick("blog1", tick)).toBe(false);
	});

	it("lets a waiting acquire take the lease when another instance releases it", async () => {
		const held = await a.coordinator.tryAcquire("poll:blog3", 60_000);
		expect(held).toBeDefined();
		const waiting = b.coordinator.acquire("poll:blog3", 60_000, 60_000);
		const early = await Promise.race([
			waiting,
			new Promise<"waiting">((r) => setTimeout(() => r("waiting"), 200)),
		]);
		expect(early).toBe("waiting");
		await held?.release();
		const lease = await waiting;
		expect(lease).toBeDefined();
		expect(await a.coordinator.tryAcquire("poll:blog3", 60_000)).toBeUndefined();
		await lease?.release();
	});

	it("gives up waiting for a lease after the wait", async () => {
		const held = await a.coordinator.tryAcquire("poll:blog4", 60_000);
		expect(await b.coordinator.acquire("poll:blog4", 60_000, 100)).toBeUndefined();
		await held?.release();
	});

	it("serialises read-modify-write of one key across instances", async () => {
		const key = "shared-list";
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				(i % 2 ? a : b).update<number[]>(key, (cur = []) => [...cur, i]),
			),
		);
		expect((await a.get<number[]>(key))?.sort((x, y) => x - y)).toEqual(
			Array.from({ length: 20 }, (_, i) => i),
		);
	});

	it("hands out distinct rate slots to both instances", async () => {
		const order: string[] = [];
		await Promise.all(
			Array.from({ length: 6 }, (_, i) =>
				(i % 2 ? a : b).coordinator
					.reserveSlot("telegram", 1000, 1000)
					.then(() => order.push(String(i))),
			),
		);
		expect(order.sort()).toEqual(["0", "1", "2", "3", "4", "5"]);
	});
});

describe("coordination on the embedded store", () => {
	it("grants a lease once per name until released", async () => {
		const { dir, cleanup } = makeTempDir();
		const store = await openStore(`sqlite://${dir}/c.sqlite`);
		const lease = await store.coordinator.tryAcquire("x", 10_000);
		expect(lease).toBeDefined();
		expect(await store.coordinator.tryAcquire("x", 10_000)).toBeUndefined();
		await lease?.release();
		expect(await store.coordinator.tryAcquire("x", 10_000)).toBeDefined();
		await store.close();
		cleanup();
	});

	it("wakes a lease waiter when the holder releases, long before the lease would lapse", async () => {
		const { dir, cleanup } = makeTempDir();
		const store = await openStore(`sqlite://${dir}/c.sqlite`);
		const held = await store.coordinator.tryAcquire("x", 10 * 60_000);
		const waiting = store.coordinator.acquire("x", 10 * 60_000, 10 * 60_000);
		await held?.release();
		// Without the wake-up this waits for the 10-minute lease (the test's hang guard fails first).
		expect(await waiting).toBeDefined();
		expect(await store.coordinator.acquire("x", 10_000, 50)).toBeUndefined();
		await store.close();
		cleanup();
	});

	it("lets the one process poll every tick (nobody to share a tick with)", async () => {
		const { dir, cleanup } = makeTempDir();
		const store = await openStore(`sqlite://${dir}/c.sqlite`);
		expect(await store.coordinator.claimTick("blog", 1_000)).toBe(true);
		expect(await store.coordinator.claimTick("blog", 1_000)).toBe(true);
		await store.close();
		cleanup();
	});
});
