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
});
