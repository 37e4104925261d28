/** The store contract: every repo behaves the same on each backend. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoredValueError } from "../../src/errors.js";
import { KEYS } from "../../src/store/keys.js";
import type { Store } from "../../src/store/open-store.js";
import { OutboxRepo, type PendingDelivery } from "../../src/store/outbox.js";
import { SubscriptionRepo } from "../../src/store/subscriptions.js";
import { asTargetKey, targetKey } from "../../src/store/target-key.js";
import { WatchStateRepo } from "../../src/store/watch-state.js";
import { makeBlogRecord, makeEntry, waitFor } from "../helpers.js";

const chat = targetKey({ platform: "telegram", id: "-100" });
const other = targetKey({ platform: "discord", id: "555" });

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
			await state.putBlog(makeBlogRecord("b1"));
			await state.putBlog(makeBlogRecord("b2"));
			await state.putBlog(makeBlogRecord("b1"));
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
			const moved = targetKey({ platform: "telegram", id: "-100999" });
			await subs.moveTarget(chat, moved);
			expect(await subs.targetsOf("b1")).toEqual([moved]);
			expect(await subs.blogsOf(chat)).toEqual([]);
		});

		it("enqueues each (target, entry) once and forgets delivered ones only after recording them", async () => {
			const outbox = new OutboxRepo(store);
			expect(
				await outbox.enqueue(asTargetKey("telegram:-100"), [delivery("e1"), delivery("e2")]),
			).toBe(2);
			expect(
				await outbox.enqueue(asTargetKey("telegram:-100"), [delivery("e2"), delivery("e3")]),
			).toBe(1);
			expect((await outbox.pending(asTargetKey("telegram:-100"))).map((d) => d.entryId)).toEqual([
				"e1",
				"e2",
				"e3",
			]);
			expect(await outbox.targetsWithPending()).toEqual([chat]);
			const [first] = await outbox.pending(asTargetKey("telegram:-100"));
			if (!first) throw new Error("no pending delivery");
			await outbox.markDelivered(asTargetKey("telegram:-100"), first, "42", 10);
			expect(await outbox.wasDelivered(asTargetKey("telegram:-100"), "b1", "e1")).toBe(true);
			// Detecting e1 again after a crash adds nothing: it was delivered.
			expect(await outbox.enqueue(asTargetKey("telegram:-100"), [delivery("e1")])).toBe(0);
			await outbox.reschedule(asTargetKey("telegram:-100"), delivery("e2"), {
				attempts: 2,
				notBefore: 99,
			});
			expect((await outbox.pending(asTargetKey("telegram:-100")))[0]).toMatchObject({
				entryId: "e2",
				attempts: 2,
				notBefore: 99,
			});
			expect(await outbox.clear(asTargetKey("telegram:-100"))).toBe(2);
			expect(await outbox.targetsWithPending()).toEqual([]);
		});

		it("keeps each target's queue in enqueue order across removals, holes and reschedules", async () => {
			const outbox = new OutboxRepo(store);
			const t = asTargetKey("telegram:-7");
			await outbox.enqueue(
				t,
				["a", "b", "c", "d", "e"].map((id) => delivery(id)),
			);
			expect((await outbox.peek(t))?.entryId).toBe("a");
			// Out of order: "c" leaves a hole that nothing else notices.
			await outbox.remove(t, { blogKey: "b1", entryId: "c" });
			const a = await outbox.peek(t);
			if (!a) throw new Error("no head");
			await outbox.markDelivered(t, a, "1", 5);
			expect((await outbox.peek(t))?.entryId).toBe("b");
			await outbox.remove(t, delivery("b"));
			// The head skips the hole left by "c".
			expect((await outbox.peek(t))?.entryId).toBe("d");
			await outbox.reschedule(t, delivery("e"), { attempts: 1 });
			await outbox.enqueue(t, [delivery("f")]);
			expect((await outbox.pending(t)).map((d) => [d.entryId, d.attempts])).toEqual([
				["d", 0],
				["e", 1],
				["f", 0],
			]);
			expect(await outbox.size(t)).toBe(3);
			for (const id of ["d", "e", "f"]) await outbox.remove(t, delivery(id));
			expect(await outbox.peek(t)).toBeUndefined();
			expect(await outbox.targetsWithPending()).toEqual([]);
			// An emptied queue starts again; stale positions of old entries do not hide new ones.
			expect(await outbox.enqueue(t, [delivery("c"), delivery("g")])).toBe(2);
			expect((await outbox.pending(t)).map((d) => d.entryId)).toEqual(["c", "g"]);
		});

		it("recovers from a crash in the middle of an enqueue without losing or doubling a delivery", async () => {
			const outbox = new OutboxRepo(store);
			const t = asTargetKey("discord:77");
			await outbox.enqueue(t, [delivery("a")]);
			// Crash after the counters moved and x's position was written, before any slot: two holes.
			await store.set(KEYS.outboxMeta(t), { head: 0, tail: 3 });
			await store.set(KEYS.outboxEntry(t, "b1", "x"), 1);
			expect(await outbox.enqueue(t, [delivery("x"), delivery("y")])).toBe(2);
			expect((await outbox.pending(t)).map((d) => d.entryId)).toEqual(["a", "x", "y"]);
			expect(await outbox.enqueue(t, [delivery("x"), delivery("a")])).toBe(0);
			await outbox.remove(t, delivery("a"));
			expect((await outbox.peek(t))?.entryId).toBe("x");
			expect(await outbox.size(t)).toBe(2);
		});

		it("migrates a queue stored in the v1 layout and delivers it in order", async () => {
			const t = asTargetKey("telegram:-55");
			await store.set(KEYS.legacyOutbox(t), [delivery("old1"), delivery("old2")]);
			await store.set(KEYS.outboxIndex(t), [t]);
			const outbox = new OutboxRepo(store);
			expect(await outbox.migrateLegacy()).toBe(2);
			expect(await outbox.migrateLegacy()).toBe(0);
			expect(await store.get(KEYS.legacyOutbox(t))).toBeUndefined();
			expect((await outbox.pending(t)).map((d) => d.entryId)).toEqual(["old1", "old2"]);
			expect(await outbox.targetsWithPending()).toEqual([t]);
		});

		it("expires delivery records after their lifetime", async () => {
			const outbox = new OutboxRepo(store, { deliveredTtlMs: 200 });
			const t = asTargetKey("telegram:-9");
			await outbox.enqueue(t, [delivery("a")]);
			const a = await outbox.peek(t);
			if (!a) throw new Error("no head");
			await outbox.markDelivered(t, a, "1", 5);
			expect(await outbox.wasDelivered(t, "b1", "a")).toBe(true);
			await waitFor(async () => !(await outbox.wasDelivered(t, "b1", "a")), "record expiry");
		});

		it("sweeps expired values under a prefix, bounded per call (SQLite keeps them otherwise)", async () => {
			const now = Date.now();
			for (let i = 0; i < 5; i++) await store.set(`msg:v1:t:${i}`, { i }, 60_000);
			await store.set("msg:v1:t:forever", { i: -1 });
			await store.set("msh:other", { i: -2 }, 60_000);
			const later = now + 120_000;
			if (store.kind === "sqlite") {
				expect(await store.sweepExpired("msg:v1:", 3, later)).toBe(3);
				expect(await store.sweepExpired("msg:v1:", 3, later)).toBe(2);
				expect(await store.sweepExpired("msg:v1:", 3, later)).toBe(0);
			} else {
				expect(await store.sweepExpired("msg:v1:", 3, later)).toBe(0);
			}
			// Not yet expired, outside the prefix, or without a TTL: kept.
			expect(await store.get("msg:v1:t:forever")).toEqual({ i: -1 });
			expect(await store.get("msh:other")).toEqual({ i: -2 });
			expect(await store.sweepExpired("msg:v1:", 10, now)).toBe(0);
		});

		it("moves pending deliveries to a new target key", async () => {
			const outbox = new OutboxRepo(store);
			await outbox.enqueue(asTargetKey("telegram:-1"), [delivery("e1")]);
			await outbox.move(asTargetKey("telegram:-1"), asTargetKey("telegram:-1002"));
			expect(await outbox.pending(asTargetKey("telegram:-1"))).toEqual([]);
			expect((await outbox.pending(asTargetKey("telegram:-1002"))).map((d) => d.entryId)).toEqual([
				"e1",
			]);
		});
		it("writes queued deliveries and recent entries as v1, and still reads unversioned ones", async () => {
			const outbox = new OutboxRepo(store);
			const t = asTargetKey("telegram:-31");
			await outbox.enqueue(t, [delivery("a")]);
			expect(await store.get(KEYS.outboxSlot(t, 0))).toMatchObject({ v: 1, entryId: "a", seq: 0 });
			// A slot written by the release before versions: no `v`, dates as ms.
			const { seq: _seq, ...legacy } = { ...delivery("old"), seq: 1 };
			await store.set(KEYS.outboxMeta(t), { head: 0, tail: 2 });
			await store.set(KEYS.outboxEntry(t, "b1", "old"), 1);
			await store.set(KEYS.outboxSlot(t, 1), {
				...legacy,
				seq: 1,
				update: { ...legacy.update, publishedAt: 1_700_000_000_000 },
			});
			const pending = await outbox.pending(t);
			expect(pending.map((d) => d.entryId)).toEqual(["a", "old"]);
			expect(pending[1]?.update?.publishedAt).toBe(1_700_000_000_000);
			expect(pending[0]).not.toHaveProperty("v");
			await outbox.reschedule(t, delivery("old"), { attempts: 3 });
			expect(await store.get(KEYS.outboxSlot(t, 1))).toMatchObject({ v: 1, attempts: 3 });

			const state = new WatchStateRepo(store);
			await store.set(KEYS.recent("b1"), [
				{ id: "e0", url: "u#e0", bodyText: "x", publishedAt: 5 },
			]);
			expect(await state.getRecent("b1")).toEqual([
				{ id: "e0", url: "u#e0", bodyText: "x", publishedAt: 5 },
			]);
			await state.putRecent("b1", [makeEntry(1)]);
			expect(await store.get(KEYS.recent("b1"))).toMatchObject({ v: 1, entries: [{ id: "e1" }] });
			expect((await state.getRecent("b1")).map((e) => e.id)).toEqual(["e1"]);
		});

		it("moves a corrupt queued delivery aside, records it, and keeps the rest flowing", async () => {
			const told: StoredValueError[] = [];
			const outbox = new OutboxRepo(store, { now: () => 77, onCorrupt: (e) => told.push(e) });
			const t = asTargetKey("discord:31");
			await outbox.enqueue(
				t,
				["a", "b", "c", "d"].map((id) => delivery(id)),
			);
			const bad = { v: 1, blogKey: "b1", entryId: "b", enqueuedAt: 1, attempts: "lots" };
			await store.set(KEYS.outboxSlot(t, 1), bad);
			await store.set(KEYS.outboxSlot(t, 3), "not a delivery");
			const a = await outbox.peek(t);
			if (!a) throw new Error("no head");
			await outbox.markDelivered(t, a, "1", 5);
			expect((await outbox.peek(t))?.entryId).toBe("c");
			expect((await outbox.pending(t)).map((d) => d.entryId)).toEqual(["c"]);
			expect(told.map((e) => [e.key, e.reason])).toEqual([
				[KEYS.outboxSlot(t, 1), "invalid"],
				[KEYS.outboxSlot(t, 3), "invalid"],
			]);
			expect(told[0]).toBeInstanceOf(StoredValueError);
			expect(told[0]?.problems.join()).toContain("attempts");
			const kept = await outbox.corruptDeliveries(t);
			expect(kept.map((r) => r.key)).toEqual([KEYS.outboxSlot(t, 3), KEYS.outboxSlot(t, 1)]);
			expect(kept[1]).toMatchObject({ at: 77, raw: JSON.stringify(bad) });
			expect(await store.get(KEYS.outboxSlot(t, 1))).toBeUndefined();
			// Detected again, the moved-aside entry is queued afresh (its old position names nothing).
			expect(await outbox.enqueue(t, [delivery("b")])).toBe(1);
			expect((await outbox.pending(t)).map((d) => d.entryId)).toEqual(["c", "b"]);
		});

		it("skips a corrupt head under the lock and keeps corrupt items of a v1-layout queue", async () => {
			const outbox = new OutboxRepo(store);
			const t = asTargetKey("telegram:-32");
			await outbox.enqueue(t, [delivery("a"), delivery("b")]);
			await store.set(KEYS.outboxSlot(t, 0), { v: 1, blogKey: "b1" });
			expect((await outbox.peek(t))?.entryId).toBe("b");
			expect(await outbox.size(t)).toBe(1);

			const old = asTargetKey("telegram:-33");
			await store.set(KEYS.legacyOutbox(old), [{ entryId: 5 }, delivery("ok"), "junk"]);
			await store.set(KEYS.outboxIndex(old), [old]);
			expect(await outbox.migrateLegacy()).toBe(1);
			expect((await outbox.pending(old)).map((d) => d.entryId)).toEqual(["ok"]);
			// Both recorded, newest first (two corrupt values in one read must not lose a record).
			expect((await outbox.corruptDeliveries(old)).map((r) => r.key)).toEqual([
				`${KEYS.legacyOutbox(old)}[2]`,
				`${KEYS.legacyOutbox(old)}[0]`,
			]);
		});

		it("leaves a delivery written by a newer release in place and says so", async () => {
			const outbox = new OutboxRepo(store);
			const t = asTargetKey("telegram:-34");
			await outbox.enqueue(t, [delivery("a")]);
			const newer = { ...delivery("a"), v: 2, seq: 0, priority: "high" };
			await store.set(KEYS.outboxSlot(t, 0), newer);
			const error = await outbox.peek(t).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(StoredValueError);
			expect(error).toMatchObject({ reason: "newer", key: KEYS.outboxSlot(t, 0) });
			expect(await store.get(KEYS.outboxSlot(t, 0))).toEqual(newer);
			expect(await outbox.corruptDeliveries(t)).toEqual([]);
			// A gone target's queue is cleared whatever version its deliveries are at.
			expect(await outbox.clear(t)).toBe(1);
			expect(await store.get(KEYS.outboxSlot(t, 0))).toBeUndefined();
			expect(await outbox.targetsWithPending()).toEqual([]);
		});

		it("refuses corrupt recent entries with a StoredValueError naming the key and the field", async () => {
			const state = new WatchStateRepo(store);
			await store.set(KEYS.recent("b9"), { v: 1, entries: [{ id: 5, url: "u", bodyText: "" }] });
			const error = await state.getRecent("b9").then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(StoredValueError);
			expect(error).toMatchObject({ key: KEYS.recent("b9"), valueKind: "recent entries" });
			expect((error as StoredValueError).problems.join()).toContain("entries.0.id");
			// The next poll's write heals it.
			await state.putRecent("b9", [makeEntry(2)]);
			expect((await state.getRecent("b9")).map((e) => e.id)).toEqual(["e2"]);
		});
	});
}
