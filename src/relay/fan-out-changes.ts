/**
 * Fan-out of changes: a poll's edited, retracted and key-event entries become queued changes of the
 * messages already posted in each subscribed target (or, while the post itself is still queued, a
 * new text for that post). Decided here, once, from the delivery records: an entry never posted
 * there (or posted before the edit window) changes nothing, and an edit that renders the same text
 * as the message shows is not queued.
 */
import type { Logger } from "pino";
import {
	type DeliveredRecord,
	EDIT_INTERVAL_MS,
	type MessageRecordRepo,
	renderHash,
} from "../store/message-records.js";
import type { OutboxRepo, PendingDelivery, StoredUpdate } from "../store/outbox.js";
import type { SubscriptionRepo } from "../store/subscriptions.js";
import { parseTargetKey, type TargetKey } from "../store/target-key.js";
import type { Entry, Platform } from "../types.js";
import type { ChangePreferencesOf } from "./change-preferences.js";
import { storeUpdate, toEntryUpdate } from "./updates.js";

/** Entry id of a blog's pin in the change queue: one pending pin per (target, blog), the newest wins. */
export const PIN_CHANGE_ID = "pin";

/** Collaborators of the change fan-out. */
export interface ChangeFanOutDeps {
	subs: SubscriptionRepo;
	outbox: OutboxRepo;
	changes: OutboxRepo;
	records: MessageRecordRepo;
	changePreferencesOf: ChangePreferencesOf;
	summaryLimitFor: (platform: Platform) => number;
	log: Logger;
	now: () => number;
	onEnqueued: (targetKeys: TargetKey[]) => void;
}

/** One poll's changes of one blog. */
export interface BlogChanges {
	/** Entries whose content changed, oldest first. */
	edited: Entry[];
	/** Entries the publisher deleted, as last seen. */
	retracted: Entry[];
	/** The newest key event of this poll (new or newly flagged), to pin. */
	keyEvent?: Entry | undefined;
	/**
	 * Entries that may no longer be key events (retracted or unmarked), and the newest key event left:
	 * where the bot's pin of the blog is on one of them, it moves there (or, none left, comes down).
	 */
	unkeyed?: { ids: ReadonlySet<string>; next?: Entry | undefined } | undefined;
}

/** What one change fan-out queued. */
export interface ChangeFanOutResult {
	/** Changes queued (or pending ones replaced). */
	queued: number;
	/** Queued posts whose text was replaced before they went out. */
	rewrittenPosts: number;
}

/** Queues the changes of one poll for every subscriber of the blog. */
export async function fanOutChanges(
	deps: ChangeFanOutDeps,
	blog: { key: string; url: string; title: string },
	changes: BlogChanges,
): Promise<ChangeFanOutResult> {
	const result: ChangeFanOutResult = { queued: 0, rewrittenPosts: 0 };
	const touched = [...changes.edited, ...changes.retracted];
	if (touched.length === 0 && !changes.keyEvent && !changes.unkeyed) return result;
	const targets = await deps.subs.targetsOf(blog.key);
	const enqueuedAt = deps.now();
	const updateCache = new Map<string, StoredUpdate>();
	const updateOf = (entry: Entry, kind: "edited" | "removed", limit: number): StoredUpdate => {
		const id = `${kind}\u0000${limit}\u0000${entry.id}`;
		let update = updateCache.get(id);
		if (!update) {
			update = storeUpdate(toEntryUpdate(blog, entry, limit, kind));
			updateCache.set(id, update);
		}
		return update;
	};
	for (const tKey of targets) {
		const limit = deps.summaryLimitFor(parseTargetKey(tKey).platform);
		const prefs = await deps.changePreferencesOf(tKey, blog.key);
		const records = await deps.records.getMany(
			tKey,
			blog.key,
			touched.map((e) => e.id),
		);
		const queue = async (delivery: PendingDelivery): Promise<void> => {
			const outcome = await deps.changes.upsert(tKey, delivery, { change: delivery.change });
			if (outcome !== "skipped") result.queued++;
		};
		for (const [i, entry] of touched.entries()) {
			const retract = i >= changes.edited.length;
			const ref = { blogKey: blog.key, entryId: entry.id };
			const record = records[i] ?? (await recordOfUnqueued(deps, tKey, ref));
			if (record === "unposted") continue;
			if (!record) {
				// Not posted yet. A queued post goes out with the latest text (or, deleted, not at all);
				// the change is queued too, for a post already in flight with the old text: it is checked
				// against the record when its turn comes, and skipped if the post already shows it.
				if (retract) {
					if (prefs.retractions === "off") continue;
					await deps.outbox.remove(tKey, ref);
				} else {
					const update = { ...updateOf(entry, "edited", limit), kind: "new" as const };
					if (await deps.outbox.reschedule(tKey, ref, { update })) result.rewrittenPosts++;
				}
			} else if (!changeable(deps, record, enqueuedAt)) continue;
			if (retract) {
				if (prefs.retractions === "off") continue;
				const update = updateOf(entry, "removed", limit);
				await queue({
					...ref,
					change: { kind: "retract", mode: prefs.retractions, update },
					enqueuedAt,
					attempts: 0,
				});
				continue;
			}
			if (!prefs.edits) continue;
			const update = updateOf(entry, "edited", limit);
			let current = record;
			if (current?.rendered === renderHash(update)) {
				// Back to what the message shows: a pending edit must not land with the text in between.
				if (await deps.changes.reschedule(tKey, ref, { change: { kind: "edit", update } }))
					continue;
				// None pending: but one may have been sent since the records were read, and the message
				// shows its text now. The record says; when it still shows this text, nothing is due.
				current = await deps.records.get(tKey, blog.key, entry.id);
				if (!current || current.rendered === renderHash(update)) continue;
			}
			const editedAt = current?.editedAt;
			await queue({
				...ref,
				change: { kind: "edit", update },
				enqueuedAt,
				attempts: 0,
				notBefore: editedAt === undefined ? undefined : editedAt + EDIT_INTERVAL_MS,
			});
		}
		if (changes.keyEvent && prefs.pinKeyEvents) {
			await queue({
				blogKey: blog.key,
				entryId: PIN_CHANGE_ID,
				change: { kind: "pin", update: updateOf(changes.keyEvent, "edited", limit) },
				enqueuedAt,
				attempts: 0,
			});
		} else if (changes.unkeyed) {
			const pin = await deps.records.getPin(tKey, blog.key);
			const { ids, next } = changes.unkeyed;
			if (pin && ids.has(pin.entryId)) {
				// The bot's pin comes down even where pins were turned off since; a new one only where asked.
				const update = next && prefs.pinKeyEvents ? updateOf(next, "edited", limit) : undefined;
				await queue({
					blogKey: blog.key,
					entryId: PIN_CHANGE_ID,
					change: { kind: "pin", replacing: pin.entryId, ...(update ? { update } : {}) },
					enqueuedAt,
					attempts: 0,
				});
			}
		}
		if ((await deps.changes.size(tKey)) > 0) deps.onEnqueued([tKey]);
	}
	if (result.queued || result.rewrittenPosts) {
		deps.log.info(
			{ url: blog.url, targets: targets.length, ...result },
			"changes of posted entries queued",
		);
	}
	return result;
}

/**
 * For an entry that had no record when the target's records were read: undefined while its post is
 * still queued; else its record read again, since the post may have been sent and recorded (then
 * dequeued) in between; "unposted" when there is none either way (never posted, or held for a digest).
 * The queue is checked first: a post is recorded before it leaves the outbox, so an entry no longer
 * queued that was posted has its record by then, and its change is not lost.
 */
async function recordOfUnqueued(
	deps: Pick<ChangeFanOutDeps, "outbox" | "records">,
	tKey: TargetKey,
	ref: { blogKey: string; entryId: string },
): Promise<DeliveredRecord | "unposted" | undefined> {
	if ((await deps.outbox.isPending(tKey, [ref]))[0]) return undefined;
	return (await deps.records.get(tKey, ref.blogKey, ref.entryId)) ?? "unposted";
}

/**
 * Whether a posted message may still change: recorded with an id, inside the window, not gone or
 * retracted. Records without a message (an entry the subscription's filters skipped, a platform that
 * answered no id) have nothing to edit; entries held for a digest have no record and change nothing.
 */
export function changeable(
	deps: Pick<ChangeFanOutDeps, "records">,
	record: DeliveredRecord,
	now: number,
): boolean {
	return (
		record.messageId !== null &&
		!record.skipped &&
		!record.gone &&
		!record.retracted &&
		deps.records.inWindow(record, now)
	);
}
