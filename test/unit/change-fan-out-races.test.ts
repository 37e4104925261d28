/**
 * The change fan-out runs while the dispatcher sends: between the fan-out's read of a target's
 * delivery records and its decision, a post or an edit may be sent and recorded. These tests put
 * that send exactly there (a hook on the store's read of the records) and check the page's last
 * text still reaches the message. Found by the crash script: an entry's last edit was never shown.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSilentLogger } from "../../src/log.js";
import { DEFAULT_CHANGE_PREFERENCES } from "../../src/relay/change-preferences.js";
import { type ChangeFanOutDeps, fanOutChanges } from "../../src/relay/fan-out-changes.js";
import { storeUpdate, toEntryUpdate } from "../../src/relay/updates.js";
import { CHANGE_QUEUE, KEYS } from "../../src/store/keys.js";
import { MessageRecordRepo, renderHash } from "../../src/store/message-records.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { OutboxRepo } from "../../src/store/outbox.js";
import { SubscriptionRepo } from "../../src/store/subscriptions.js";
import { asTargetKey } from "../../src/store/target-key.js";
import type { Entry } from "../../src/types.js";
import { makeEntry } from "../helpers.js";

const T = asTargetKey("telegram:-1");
const BLOG = { key: "b", url: "https://news.example/live", title: "Live" };
const HOUR = 3_600_000;
const now = () => Date.UTC(2024, 8, 11, 9, 0, 0);

/**
 * The store, with `between` run once right after the first read of this entry's delivery record
 * (the fan-out's read of the target's records): the dispatcher's step lands in that gap.
 */
function withStepAfterRecordsRead(store: Store, entryId: string, between: () => Promise<void>) {
	let pending: (() => Promise<void>) | undefined = between;
	const key = KEYS.message(T, BLOG.key, entryId);
	return new Proxy(store, {
		get(target, prop, receiver) {
			if (prop !== "getMany") return Reflect.get(target, prop, receiver);
			return async <V>(keys: string[]) => {
				const read = await target.getMany<V>(keys);
				const step = pending;
				if (step && keys.includes(key)) {
					pending = undefined;
					await step();
				}
				return read;
			};
		},
	});
}

describe("changes fanned out while the dispatcher sends", () => {
	let store: Store;
	beforeEach(async () => {
		store = await openStore("sqlite://:memory:");
		await new SubscriptionRepo(store).add(T, BLOG.key);
	});
	afterEach(async () => {
		await store.close();
	});

	/** The fan-out's collaborators, reading through `seen` (the hooked store). */
	function depsOn(seen: Store): ChangeFanOutDeps {
		return {
			subs: new SubscriptionRepo(seen),
			outbox: new OutboxRepo(seen, { now }),
			changes: new OutboxRepo(seen, { queue: CHANGE_QUEUE, now }),
			records: new MessageRecordRepo(seen, 24 * HOUR),
			changePreferencesOf: async () => DEFAULT_CHANGE_PREFERENCES,
			summaryLimitFor: () => 600,
			log: createSilentLogger(),
			now,
			onEnqueued: () => {},
		};
	}
	const stored = (entry: Entry, kind: "new" | "edited") =>
		storeUpdate(toEntryUpdate(BLOG, entry, 600, kind));
	/** Queues the post of `entry`, as the fan-out of new entries does; returns it as the dispatcher takes it. */
	async function queuePost(entry: Entry) {
		const outbox = new OutboxRepo(store, { now });
		await outbox.enqueue(T, [
			{
				blogKey: BLOG.key,
				entryId: entry.id,
				update: stored(entry, "new"),
				enqueuedAt: now(),
				attempts: 0,
			},
		]);
		const inFlight = (await outbox.pending(T))[0];
		if (!inFlight) throw new Error("the post was not queued");
		return { outbox, inFlight };
	}

	it("queues the edit of a post sent and recorded after the records were read (not lost as 'never posted')", async () => {
		const entry = makeEntry(1);
		const { outbox, inFlight } = await queuePost(entry);
		// The dispatcher records the post (old text) and takes it off the queue, in the gap.
		const hooked = withStepAfterRecordsRead(store, entry.id, () =>
			outbox.markDelivered(T, inFlight, "42", now()),
		);
		const corrected = { ...entry, headline: "Headline 1 (corrected)" };
		await fanOutChanges(depsOn(hooked), BLOG, { edited: [corrected], retracted: [] });

		const queued = await new OutboxRepo(store, { queue: CHANGE_QUEUE }).pending(T);
		expect(queued.map((d) => [d.entryId, d.change?.kind, d.change?.update?.headline])).toEqual([
			[entry.id, "edit", "Headline 1 (corrected)"],
		]);
	});

	it("queues the retraction of a post sent and recorded after the records were read", async () => {
		const entry = makeEntry(2);
		const { outbox, inFlight } = await queuePost(entry);
		const hooked = withStepAfterRecordsRead(store, entry.id, () =>
			outbox.markDelivered(T, inFlight, "43", now()),
		);
		await fanOutChanges(depsOn(hooked), BLOG, { edited: [], retracted: [entry] });

		const queued = await new OutboxRepo(store, { queue: CHANGE_QUEUE }).pending(T);
		expect(queued.map((d) => [d.entryId, d.change?.kind])).toEqual([[entry.id, "retract"]]);
	});

	it("queues an edit back to the first text when the edit in between was sent after the records were read", async () => {
		const records = new MessageRecordRepo(store, 24 * HOUR);
		const changes = new OutboxRepo(store, { queue: CHANGE_QUEUE, now });
		const first = makeEntry(3);
		const between = { ...first, headline: "Headline 3 (in between)" };
		// The post shows the first text; an edit to the text in between is queued.
		await store.set(KEYS.message(T, BLOG.key, first.id), {
			messageId: "44",
			deliveredAt: now() - 1000,
			rendered: renderHash({ ...stored(first, "edited") }),
		});
		await changes.upsert(
			T,
			{
				blogKey: BLOG.key,
				entryId: first.id,
				change: { kind: "edit", update: stored(between, "edited") },
				enqueuedAt: now(),
				attempts: 0,
			},
			{},
		);
		const sending = (await changes.pending(T))[0];
		if (!sending) throw new Error("the edit was not queued");
		// The change sender applies the edit in the gap: records what the message shows now, dequeues it.
		const hooked = withStepAfterRecordsRead(store, first.id, async () => {
			const record = await records.get(T, BLOG.key, first.id);
			if (!record) throw new Error("no record");
			await records.put(
				T,
				BLOG.key,
				first.id,
				{ ...record, rendered: renderHash(sending.change?.update), editedAt: now() },
				now(),
			);
			expect(await changes.removeIfUnchanged(T, sending)).toBe(true);
		});
		// The publisher goes back to the first text.
		await fanOutChanges(depsOn(hooked), BLOG, { edited: [first], retracted: [] });

		const queued = await changes.pending(T);
		expect(queued.map((d) => [d.entryId, d.change?.update?.headline])).toEqual([
			[first.id, first.headline],
		]);
	});
});
