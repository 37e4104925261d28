import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHANGE_QUEUE } from "../../src/store/keys.js";
import {
	deliveredRecord,
	EDIT_INTERVAL_MS,
	MessageRecordRepo,
	renderHash,
} from "../../src/store/message-records.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { OutboxRepo, type PendingDelivery, type StoredUpdate } from "../../src/store/outbox.js";
import { asTargetKey } from "../../src/store/target-key.js";

const T = asTargetKey("telegram:-1");

function update(entryId: string, summary: string): StoredUpdate {
	return {
		kind: "edited",
		blogUrl: "https://news.example/live",
		blogTitle: "Live",
		entryId,
		entryUrl: `https://news.example/live#${entryId}`,
		headline: `Headline ${entryId}`,
		summary,
	};
}

function edit(entryId: string, summary: string): PendingDelivery {
	return {
		blogKey: "b",
		entryId,
		change: { kind: "edit", update: update(entryId, summary) },
		enqueuedAt: 1,
		attempts: 0,
	};
}

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const backends: [string, () => Promise<Store>][] = [
	["sqlite", () => openStore("sqlite://:memory:")],
	["redis", () => openStore(REDIS_URL, { namespace: `test-${randomUUID()}` })],
];

describe.each(backends)("the change queue (%s)", (_name, open) => {
	let store: Store;
	beforeEach(async () => {
		store = await open();
	});
	afterEach(async () => {
		await store.close();
	});

	it("keeps one pending change per message, where it stands; the last text wins", async () => {
		const changes = new OutboxRepo(store, { queue: CHANGE_QUEUE });
		expect(await changes.upsert(T, edit("e1", "one"), {})).toBe("added");
		expect(await changes.upsert(T, edit("e2", "other"), {})).toBe("added");
		const later = edit("e1", "two");
		expect(await changes.upsert(T, later, { change: later.change })).toBe("replaced");
		const pending = await changes.pending(T);
		expect(pending.map((d) => [d.entryId, d.change?.update?.summary])).toEqual([
			["e1", "two"],
			["e2", "other"],
		]);
		expect(
			await changes.isPending(T, [
				{ blogKey: "b", entryId: "e2" },
				{ blogKey: "b", entryId: "e3" },
			]),
		).toEqual([true, false]);
	});

	it("keeps a change replaced while it was being sent (the newer text still goes)", async () => {
		const changes = new OutboxRepo(store, { queue: CHANGE_QUEUE });
		await changes.upsert(T, edit("e1", "one"), {});
		const sending = (await changes.pending(T))[0];
		if (!sending) throw new Error("nothing pending");
		const newer = edit("e1", "two");
		await changes.upsert(T, newer, { change: newer.change });
		expect(await changes.removeIfUnchanged(T, sending)).toBe(false);
		const left = await changes.pending(T);
		expect(left.map((d) => d.change?.update?.summary)).toEqual(["two"]);
		expect(await changes.removeIfUnchanged(T, left[0] ?? sending)).toBe(true);
		expect(await changes.pending(T)).toEqual([]);
	});

	it("is not stopped by delivery records, and is separate from the outbox", async () => {
		const outbox = new OutboxRepo(store);
		const changes = new OutboxRepo(store, { queue: CHANGE_QUEUE });
		const post: PendingDelivery = { blogKey: "b", entryId: "e1", enqueuedAt: 1, attempts: 0 };
		await outbox.enqueue(T, [post]);
		await outbox.markDelivered(T, (await outbox.pending(T))[0] ?? post, "7", 10);
		expect(await outbox.enqueue(T, [post])).toBe(0);
		expect(await changes.enqueue(T, [edit("e1", "x")])).toBe(1);
		expect(await outbox.size(T)).toBe(0);
		expect(await changes.targetsWithPending()).toEqual([T]);
	});

	it("records what a post shows, and keeps changed records only within the post's window", async () => {
		const records = new MessageRecordRepo(store, 1000);
		const shown = update("e1", "text");
		const record = deliveredRecord(shown, "7", 100);
		expect(record).toMatchObject({ messageId: "7", deliveredAt: 100, rendered: renderHash(shown) });
		// The visible fields decide, not the kind of update.
		expect(renderHash({ ...shown, kind: "new" })).toBe(renderHash(shown));
		expect(renderHash({ ...shown, summary: "changed" })).not.toBe(renderHash(shown));
		await records.put(T, "b", "e1", record, 200);
		expect(await records.get(T, "b", "e1")).toEqual(record);
		expect(records.inWindow(record, 1099)).toBe(true);
		expect(records.inWindow(record, 1100)).toBe(false);
		await records.put(T, "b", "e1", { ...record, editedAt: 1200 }, 1200);
		expect((await records.get(T, "b", "e1"))?.editedAt).toBeUndefined();
		expect(EDIT_INTERVAL_MS).toBe(60_000);
	});

	it("tells a pin refusal once, until a pin succeeds", async () => {
		const records = new MessageRecordRepo(store, undefined);
		expect(await records.tellPinRefusal(T)).toBe(false);
		await records.setPinRefused(T, 5);
		await records.setPinRefused(T, 6);
		expect(await records.tellPinRefusal(T)).toBe(true);
		expect(await records.tellPinRefusal(T)).toBe(false);
		await records.setPinRefused(T, undefined);
		await records.setPinRefused(T, 7);
		expect(await records.tellPinRefusal(T)).toBe(true);
	});
});
