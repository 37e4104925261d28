/** The settings part of the store contract: settings and held entries behave the same on each backend. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoredValueError } from "../../src/errors.js";
import { digestDeliveries, flushHeld, runDueDigests } from "../../src/settings/digests.js";
import { HeldRepo, MAX_HELD } from "../../src/settings/held-entries.js";
import { createSettingsExtras } from "../../src/settings/settings-extras.js";
import { SettingsRepo } from "../../src/settings/settings-repo.js";
import { ThreadStateRepo } from "../../src/settings/thread-state.js";
import { TopicStateRepo } from "../../src/settings/topic-state.js";
import { KEYS } from "../../src/store/keys.js";
import type { Store } from "../../src/store/open-store.js";
import { OutboxRepo } from "../../src/store/outbox.js";
import { SubscriptionRepo } from "../../src/store/subscriptions.js";
import { targetKey } from "../../src/store/target-key.js";
import { retireBlog, unsubscribe } from "../../src/store/unsubscribe.js";
import { WatchStateRepo } from "../../src/store/watch-state.js";
import { makeBlogRecord } from "../helpers.js";
import { silentLog } from "./settings-fixtures.js";

const chat = targetKey({ platform: "telegram", id: "-100" });
const topic = targetKey({ platform: "telegram", id: "-100", threadId: "7" });
const other = targetKey({ platform: "discord", id: "555" });

function update(id: string, extra: { keyEvent?: boolean; publishedAt?: number } = {}) {
	return {
		kind: "new" as const,
		blogUrl: "https://news.example/b1",
		blogTitle: "Blog one",
		entryId: id,
		entryUrl: `https://news.example/b1#${id}`,
		headline: `Headline ${id}`,
		summary: "s",
		...extra,
	};
}

/** Runs the settings contract against a store opened by `open`. */
export function settingsStoreContract(
	name: string,
	open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>,
): void {
	describe(`settings store contract: ${name}`, () => {
		let store: Store;
		let cleanup: () => Promise<void>;
		let repo: SettingsRepo;
		let held: HeldRepo;
		beforeEach(async () => {
			({ store, cleanup } = await open());
			repo = new SettingsRepo(store);
			held = new HeldRepo(store);
		});
		afterEach(async () => {
			await cleanup();
		});

		it("layers built-in defaults, the target's defaults and a subscription's own choice", async () => {
			expect((await repo.effective(chat, "b1")).mode).toEqual({ kind: "all" });
			await repo.change(chat, { kind: "defaults" }, { mode: { kind: "key" }, edits: false });
			await repo.change(
				chat,
				{ kind: "blog", blogKey: "b1" },
				{ mode: { kind: "digest", minutes: 60 } },
			);
			const b1 = await repo.effective(chat, "b1");
			const b2 = await repo.effective(chat, "b2");
			expect(b1.mode).toEqual({ kind: "digest", minutes: 60 });
			expect(b1.edits).toBe(false);
			expect(b2.mode).toEqual({ kind: "key" });
			expect(await repo.effectiveMany([chat, other], "b1")).toMatchObject([
				{ mode: { kind: "digest", minutes: 60 } },
				{ mode: { kind: "all" }, edits: true },
			]);
			expect(await repo.changePreferencesOf(chat, "b2")).toEqual({
				edits: false,
				retractions: "strike",
				pinKeyEvents: false,
			});
		});

		it("resets a subscription to the defaults and leaves no key behind when nothing is chosen", async () => {
			await repo.change(chat, { kind: "blog", blogKey: "b1" }, { pinKeyEvents: true });
			await repo.reset(chat, { kind: "blog", blogKey: "b1" });
			expect((await repo.effective(chat, "b1")).pinKeyEvents).toBe(false);
			expect(await store.get(KEYS.targetSettings(chat))).toBeUndefined();
		});

		it("keeps time zone and language per chat, shared by its forum topics", async () => {
			await repo.changeChat(topic, { timeZone: "Europe/Kyiv", language: "uk" });
			expect(await repo.timeZoneOf(chat)).toBe("Europe/Kyiv");
			expect(await repo.languageOf(topic)).toBe("uk");
			await repo.changeChat(chat, { language: undefined });
			expect(await repo.languageOf(chat)).toBeUndefined();
			expect(await repo.timeZoneOf(chat)).toBe("Europe/Kyiv");
		});

		it("refuses a corrupt stored value loudly instead of reading it as no settings", async () => {
			await store.set(KEYS.targetSettings(chat), {
				v: 1,
				defaults: { mode: "sometimes" },
				blogs: {},
			});
			await expect(repo.effective(chat, "b1")).rejects.toBeInstanceOf(StoredValueError);
			// At fan-out, the other targets go on: the bad one gets the defaults, and it is reported.
			const reported: string[] = [];
			const tolerant = new SettingsRepo(store, (_err, target) => reported.push(target));
			await repo.change(other, { kind: "defaults" }, { mode: { kind: "key" } });
			expect(await tolerant.effectiveMany([chat, other], "b1")).toMatchObject([
				{ mode: { kind: "all" } },
				{ mode: { kind: "key" } },
			]);
			expect(reported).toEqual([chat]);
		});

		it("holds entries once each, seals a batch, and keeps what arrives after the seal", async () => {
			const ref = { targetKey: chat, blogKey: "b1" };
			const blog = { url: "https://news.example/b1", title: "Blog one" };
			await held.hold(ref, blog, [update("e1"), update("e2")], 1000);
			await held.hold(ref, blog, [update("e2"), update("e3")], 2000);
			expect((await held.get(ref))?.entries.map((e) => e.entryId)).toEqual(["e1", "e2", "e3"]);
			expect(await held.list()).toEqual([ref]);
			const sealed = await held.seal(ref, "s1");
			expect(sealed?.seal).toEqual({ id: "s1", count: 3, dropped: 0 });
			// Sealing again keeps the first seal: a retry after a crash sends the same batch.
			expect((await held.seal(ref, "s2"))?.seal?.id).toBe("s1");
			await held.hold(ref, blog, [update("e4")], 3000);
			await held.releaseSeal(ref, 4000);
			const left = await held.get(ref);
			expect(left?.entries.map((e) => e.entryId)).toEqual(["e4"]);
			expect(left?.since).toBe(4000);
			await held.seal(ref, "s3");
			await held.releaseSeal(ref, 5000);
			expect(await held.get(ref)).toBeUndefined();
			expect(await held.list()).toEqual([]);
		});

		it("keeps at most MAX_HELD entries per subscription and counts the ones dropped", async () => {
			const ref = { targetKey: other, blogKey: "b1" };
			const blog = { url: "https://news.example/b1", title: "Blog one" };
			const many = Array.from({ length: MAX_HELD + 5 }, (_, i) => update(`m${i}`));
			await held.hold(ref, blog, many, 1);
			const batch = await held.get(ref);
			expect(batch?.entries).toHaveLength(MAX_HELD);
			expect(batch?.entries[0]?.entryId).toBe("m5");
			expect(batch?.dropped).toBe(5);
			const sealed = await held.seal(ref, "s");
			if (!sealed?.seal) throw new Error("not sealed");
			const parts = digestDeliveries("b1", sealed, sealed.seal, "digest", 3000, 1);
			expect(parts.at(-1)?.digest?.dropped).toBe(5);
			expect(parts.slice(0, -1).every((p) => p.digest?.dropped === 0)).toBe(true);
			expect(parts.flatMap((p) => p.digest?.items ?? [])).toHaveLength(MAX_HELD);
		});

		it("queues a crashed digest once: the same sealed batch under the same id", async () => {
			const subs = new SubscriptionRepo(store);
			const outbox = new OutboxRepo(store);
			await subs.add(chat, "b1");
			await repo.change(chat, { kind: "defaults" }, { mode: { kind: "digest", minutes: 15 } });
			const ref = { targetKey: chat, blogKey: "b1" };
			await held.hold(
				ref,
				{ url: "https://news.example/b1", title: "Blog one" },
				[update("e1")],
				0,
			);
			// A crash after the seal and the enqueue, before the batch was cut off.
			const sealed = await held.seal(ref, "900000");
			if (!sealed?.seal) throw new Error("not sealed");
			await outbox.enqueue(chat, digestDeliveries("b1", sealed, sealed.seal, "digest", 3000, 1));
			const deps = {
				held,
				settings: repo,
				subs,
				outbox,
				log: silentLog,
				now: () => 900_000,
				budgetFor: () => 3000,
				onEnqueued: () => {},
			};
			// Restart: the same batch is queued under the same id (adds nothing), then cut off.
			expect(await runDueDigests(deps)).toBe(0);
			expect(await held.get(ref)).toBeUndefined();
			const pending = await outbox.pending(chat);
			expect(pending.map((d) => d.entryId)).toEqual(["digest:900000:1"]);
			expect(pending[0]?.digest?.items.map((i) => i.url)).toEqual(["https://news.example/b1#e1"]);
		});

		it("sends a retired blog's held entries as a digest instead of dropping them", async () => {
			const subs = new SubscriptionRepo(store);
			const state = new WatchStateRepo(store);
			const outbox = new OutboxRepo(store);
			const digestDeps = {
				held,
				settings: repo,
				subs,
				outbox,
				log: silentLog,
				now: () => 5_000,
				budgetFor: () => 3000,
				onEnqueued: () => {},
			};
			const extras = createSettingsExtras(repo, held, (ref) => flushHeld(digestDeps, ref));
			await state.putBlog(makeBlogRecord("b1"));
			await subs.add(chat, "b1");
			await repo.change(chat, { kind: "defaults" }, { mode: { kind: "digest", minutes: 120 } });
			await repo.change(chat, { kind: "blog", blogKey: "b1" }, { edits: false });
			await held.hold(
				{ targetKey: chat, blogKey: "b1" },
				{ url: "u", title: "t" },
				[update("e1")],
				1,
			);
			await retireBlog({ subs, state, outbox, extras }, "b1");
			expect((await outbox.pending(chat)).map((d) => d.entryId)).toEqual(["digest:5000:1"]);
			expect(await held.list()).toEqual([]);
			// The ended blog's own settings go with it; the chat's defaults stay.
			expect((await repo.target(chat)).blogs).toEqual({});
			expect((await repo.target(chat)).defaults).toEqual({
				mode: { kind: "digest", minutes: 120 },
			});
		});

		it("drops a subscription's settings and held entries on unsubscribe, and everything when the target goes", async () => {
			const subs = new SubscriptionRepo(store);
			const state = new WatchStateRepo(store);
			const outbox = new OutboxRepo(store);
			const stores = { subs, state, outbox, extras: createSettingsExtras(repo, held) };
			for (const key of ["b1", "b2"]) {
				await state.putBlog(makeBlogRecord(key));
				await subs.add(chat, key);
			}
			await repo.change(chat, { kind: "blog", blogKey: "b1" }, { edits: false });
			await repo.change(chat, { kind: "blog", blogKey: "b2" }, { edits: false });
			await repo.changeChat(chat, { timeZone: "Europe/Paris" });
			await held.hold(
				{ targetKey: chat, blogKey: "b1" },
				{ url: "u", title: "t" },
				[update("e1")],
				1,
			);
			await unsubscribe(stores, { platform: "telegram", id: "-100" }, { blogKeys: ["b1"] });
			expect((await repo.target(chat)).blogs).toEqual({ b2: { edits: false } });
			expect(await held.list()).toEqual([]);
			await unsubscribe(stores, { platform: "telegram", id: "-100" }, { everything: true });
			expect(await store.get(KEYS.targetSettings(chat))).toBeUndefined();
			expect(await repo.timeZoneOf(chat)).toBeUndefined();
		});

		it("takes entries the publisher deleted out of batches still being collected, never out of a sealed one", async () => {
			const ref = { targetKey: chat, blogKey: "b1" };
			const blog = { url: "u", title: "t" };
			await held.hold(ref, blog, [update("e1"), update("e2")], 1);
			await held.seal(ref, "s1");
			await held.hold(ref, blog, [update("e3"), update("e4")], 2);
			await held.hold({ targetKey: other, blogKey: "b1" }, blog, [update("e3")], 2);
			await held.hold({ targetKey: chat, blogKey: "b2" }, blog, [update("e3")], 2);
			expect(await held.reviseBlog("b1", () => [], new Set(["e1", "e3"]))).toBe(2);
			expect((await held.get(ref))?.entries.map((e) => e.entryId)).toEqual(["e1", "e2", "e4"]);
			// A batch left empty is gone, index and all; another blog's entry of the same id stays.
			expect(await held.get({ targetKey: other, blogKey: "b1" })).toBeUndefined();
			expect((await held.list()).map((r) => `${r.targetKey} ${r.blogKey}`).sort()).toEqual(
				[`${chat} b1`, `${chat} b2`].sort(),
			);
		});

		it("remembers closed and deleted topics once each, and forgets them with the topic", async () => {
			const topics = new TopicStateRepo(store);
			expect(await topics.mark(topic, "closed", 1)).toBe(true);
			expect(await topics.mark(topic, "closed", 2)).toBe(false);
			expect(await topics.pausedAmong([chat, topic, other])).toEqual(new Set());
			expect(await topics.mark(topic, "deleted", 3)).toBe(true);
			expect(await topics.mark(topic, "deleted", 4)).toBe(false);
			// The chat itself has no topic to mark.
			expect(await topics.mark(chat, "deleted", 4)).toBe(false);
			expect(await topics.pausedAmong([chat, topic, other])).toEqual(new Set([topic]));
			expect(await topics.deletedTopics(chat)).toEqual(["7"]);
			await topics.forget(topic);
			expect(await topics.deletedTopics(chat)).toEqual([]);
			expect(await store.get(KEYS.topicState("telegram:-100"))).toBeUndefined();
		});

		it("makes a blog's own deleted thread again once; deleted again, or not ours, the follow ends", async () => {
			const threads = new ThreadStateRepo(store);
			const own = targetKey({ platform: "discord", id: "901" });
			const remade = targetKey({ platform: "discord", id: "902" });
			expect(await threads.gone(other, 1)).toBe("end");
			await threads.made(own, "555");
			expect(await threads.parentOfDeleted(own)).toBe("555");
			expect(await threads.gone(own, 2)).toBe("recreate");
			await threads.recreated(own, remade);
			expect(await threads.parentOfDeleted(own)).toBeUndefined();
			expect(await threads.parentOfDeleted(remade)).toBeUndefined();
			expect(await threads.gone(remade, 3)).toBe("end");
			expect(await store.get(KEYS.threadState(remade))).toBeUndefined();
		});
	});
}
