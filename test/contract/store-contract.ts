/** The store contract: every repo behaves the same on each backend. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.js";
import { OutboxRepo, type PendingDelivery } from "../../src/store/outbox.js";
import { SubscriptionRepo } from "../../src/store/subscriptions.js";
import { type BlogRecord, WatchStateRepo } from "../../src/store/watch-state.js";
import { makeEntry } from "../helpers.js";

const chat = { platform: "telegram" as const, id: "-100" };
const other = { platform: "discord" as const, id: "555" };

function blog(key: string): BlogRecord {
	return {
		key,
		url: `https://news.example/${key}`,
		title: key,
		aliases: [],
		createdAt: 1,
		failures: 0,
		status: "ok",
		isLive: true,
	};
}

function delivery(entryId: string, blogKey = "b1"): PendingDelivery {
	return {
		blogKey,
		entryId,
		enqueuedAt: 1,
		attempts: 0,
		update: {
			kind: "new",
			blogUrl: "u",
			blogTitle: "t",
			entryId,
			entryUrl: `u#${entryId}`,
			summary: "s",
		},
	};
}

/** Runs the contract against a store opened by `open` and closed by the returned cleanup. */
export function storeContract(
	name: string,
	open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>,
): void {
	describe(`store contract: ${name}`, () => {
		let store: Store;
		let cleanup: () => Promise<void>;
		beforeEach(async () => {
			({ store, cleanup } = await open());
		});
		afterEach(async () => {
			await cleanup();
		});

		it("round-trips values and deletes them", async () => {
			await store.set("k", { a: 1, list: ["x"] });
			expect(await store.get("k")).toEqual({ a: 1, list: ["x"] });
			expect(await store.getMany(["k", "missing"])).toEqual([{ a: 1, list: ["x"] }, undefined]);
			await store.delete("k");
			expect(await store.get("k")).toBeUndefined();
		});

		it("reads many keys in order, across chunks", async () => {
			const keys = Array.from({ length: 600 }, (_, i) => `many:${i}`);
			await Promise.all(keys.filter((_, i) => i % 3 === 0).map((k) => store.set(k, k)));
			const values = await store.getMany<string>(keys);
			expect(values).toHaveLength(600);
			expect(
				values.map((v, i) => (i % 3 === 0 ? v === keys[i] : v === undefined)).every(Boolean),
			).toBe(true);
		});

		it("serialises concurrent read-modify-write of one key", async () => {
			await Promise.all(
				Array.from({ length: 25 }, (_, i) =>
					store.update<number[]>("list", (cur = []) => [...cur, i]),
				),
			);
			expect((await store.get<number[]>("list"))?.sort((a, b) => a - b)).toEqual(
				Array.from({ length: 25 }, (_, i) => i),
			);
		});

		it("keeps blog records, the blog index, seen sets and recent entries", async () => {
			const state = new WatchStateRepo(store);
			await state.putBlog(blog("b1"));
			await state.putBlog(blog("b2"));
			await state.putBlog(blog("b1"));
			expect(await state.listBlogKeys()).toEqual(["b1", "b2"]);
			await state.updateBlog("b1", (r) => ({ ...r, failures: 3 }));
			expect((await state.getBlog("b1"))?.failures).toBe(3);
			await state.putSeen("b1", { items: [["e1", "h", 5]], present: ["e1"] });
			expect(await state.getSeen("b1")).toEqual({ items: [["e1", "h", 5]], present: ["e1"] });
			await state.putRecent("b1", [makeEntry(1), makeEntry(2)]);
			const recent = await state.getRecent("b1");
			expect(recent.map((e) => e.id)).toEqual(["e1", "e2"]);
			expect(recent[0]?.publishedAt).toBe(Date.UTC(2024, 8, 11, 8, 1, 0));
			await state.deleteBlog("b1");
			expect(await state.getBlog("b1")).toBeUndefined();
			expect(await state.getSeen("b1")).toBeUndefined();
			expect(await state.listBlogKeys()).toEqual(["b2"]);
		});

		it("keeps subscriptions in both directions", async () => {
			const subs = new SubscriptionRepo(store);
			expect(await subs.add(chat, "b1")).toBe(true);
			expect(await subs.add(chat, "b1")).toBe(false);
			await subs.add(other, "b1");
			await subs.add(chat, "b2");
			expect(await subs.targetsOf("b1")).toEqual([chat, other]);
			expect(await subs.blogsOf(chat)).toEqual(["b1", "b2"]);
			expect(await subs.remove(chat, "b1")).toBe(true);
			expect(await subs.targetsOf("b1")).toEqual([other]);
			expect(await subs.removeTarget(chat)).toEqual(["b2"]);
			expect(await subs.blogsOf(chat)).toEqual([]);
			expect(await subs.countTargets("b2")).toBe(0);
		});

		it("moves a migrated target's subscriptions", async () => {
			const subs = new SubscriptionRepo(store);
			await subs.add(chat, "b1");
			const moved = { platform: "telegram" as const, id: "-100999" };
			await subs.moveTarget(chat, moved);
			expect(await subs.targetsOf("b1")).toEqual([moved]);
			expect(await subs.blogsOf(chat)).toEqual([]);
		});

		it("enqueues each (target, entry) once and forgets delivered ones only after recording them", async () => {
			const outbox = new OutboxRepo(store);
			expect(await outbox.enqueue("telegram:-100", [delivery("e1"), delivery("e2")])).toBe(2);
			expect(await outbox.enqueue("telegram:-100", [delivery("e2"), delivery("e3")])).toBe(1);
			expect((await outbox.pending("telegram:-100")).map((d) => d.entryId)).toEqual([
				"e1",
				"e2",
				"e3",
			]);
			expect(await outbox.targetsWithPending()).toEqual(["telegram:-100"]);
			const [first] = await outbox.pending("telegram:-100");
			if (!first) throw new Error("no pending delivery");
			await outbox.markDelivered("telegram:-100", first, "42", 10);
			expect(await outbox.wasDelivered("telegram:-100", "b1", "e1")).toBe(true);
			// Detecting e1 again after a crash adds nothing: it was delivered.
			expect(await outbox.enqueue("telegram:-100", [delivery("e1")])).toBe(0);
			await outbox.reschedule("telegram:-100", delivery("e2"), { attempts: 2, notBefore: 99 });
			expect((await outbox.pending("telegram:-100"))[0]).toMatchObject({
				entryId: "e2",
				attempts: 2,
				notBefore: 99,
			});
			expect(await outbox.clear("telegram:-100")).toBe(2);
			expect(await outbox.targetsWithPending()).toEqual([]);
		});

		it("moves pending deliveries to a new target key", async () => {
			const outbox = new OutboxRepo(store);
			await outbox.enqueue("telegram:-1", [delivery("e1")]);
			await outbox.move("telegram:-1", "telegram:-1002");
			expect(await outbox.pending("telegram:-1")).toEqual([]);
			expect((await outbox.pending("telegram:-1002")).map((d) => d.entryId)).toEqual(["e1"]);
		});
	});
}
