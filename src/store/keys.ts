/** The one place that knows the store's key layout. Keys are namespaced and versioned. */
import { createHash } from "node:crypto";
import type { Notice, Platform } from "../types.js";
import type { TargetKey } from "./target-key.js";

/** Short stable key of a blog from its canonical URL. */
export function blogKeyOf(canonicalUrl: string): string {
	return createHash("sha1").update(canonicalUrl).digest("hex").slice(0, 20);
}

const OUTBOX_INDEX_SHARDS = 32;

function indexBucket(targetKey: string): number {
	let h = 0;
	for (let i = 0; i < targetKey.length; i++) h = (Math.imul(h, 31) + targetKey.charCodeAt(i)) | 0;
	return (h >>> 0) % OUTBOX_INDEX_SHARDS;
}

/** Every store key, lease, lock and reserved name, by what it holds. */
export const KEYS = {
	/** Index of every watched blog key. */
	blogIndex: () => "blogs:v1",
	/** BlogRecord. */
	blog: (blogKey: string) => `blog:v1:${blogKey}`,
	/** SeenSet of a blog. */
	seen: (blogKey: string) => `seen:v1:${blogKey}`,
	/** Newest entries of a blog, for /latest without a fetch. */
	recent: (blogKey: string) => `recent:v1:${blogKey}`,
	/** Target keys subscribed to a blog. */
	subs: (blogKey: string) => `subs:v1:${blogKey}`,
	/** Blog keys a target is subscribed to. */
	targetSubs: (targetKey: TargetKey) => `targetSubs:v1:${targetKey}`,
	/** Pending deliveries of a target as one array (the layout before v2; read only to migrate it). */
	legacyOutbox: (targetKey: TargetKey) => `outbox:v1:${targetKey}`,
	/** Head and tail sequence numbers of a target's queue: pending deliveries are head..tail-1. */
	outboxMeta: (targetKey: TargetKey) => `outboxMeta:v2:${targetKey}`,
	/** One pending delivery at position `seq` of a target's queue (seq first: it has no colon). */
	outboxSlot: (targetKey: TargetKey, seq: number) => `outboxSlot:v2:${seq}:${targetKey}`,
	/** Position of a (target, blog, entry) in the queue, so enqueueing it twice adds nothing. */
	outboxEntry: (targetKey: TargetKey, blogKey: string, entryId: string) =>
		`outboxEntry:v2:${targetKey}:${blogKey}:${entryId}`,
	/** Corrupt deliveries moved out of a target's queue (newest first; kept for an operator). */
	outboxCorrupt: (targetKey: TargetKey) => `outboxCorrupt:v1:${targetKey}`,
	/** Lock name guarding a target's queue counters. */
	outboxLock: (targetKey: TargetKey) => `outbox:${targetKey}`,
	/** Index of targets with pending deliveries, sharded so one write does not rewrite every target. */
	outboxIndex: (targetKey: TargetKey) => `outboxTargets:v1:${indexBucket(targetKey)}`,
	/** Every shard of the outbox index. */
	outboxIndexShards: () =>
		Array.from({ length: OUTBOX_INDEX_SHARDS }, (_, i) => `outboxTargets:v1:${i}`),
	/** Owner key of a chat, when the adapter knew it (Telegram: the user who added the bot). */
	chatOwner: (targetKey: TargetKey) => `chatOwner:v1:${targetKey}`,
	/** Target keys whose blogs count against an owner's limit. */
	ownerTargets: (ownerKey: string) => `ownerTargets:v1:${ownerKey}`,
	/** The last few rejected/gone deliveries of a target, newest first (for the status page). */
	deliveryFailures: (targetKey: string) => `deliveryFailures:v1:${targetKey}`,
	/** Prefix of every failure record (they expire; the SQLite sweep deletes expired ones). */
	deliveryFailuresPrefix: () => "deliveryFailures:v1:",
	/** Prefix of every delivery record (the SQLite sweep deletes expired ones under it). */
	messagePrefix: () => "msg:v1:",
	/** Platform message id of a delivered entry (proof of delivery; used to edit later; expires). */
	message: (targetKey: TargetKey, blogKey: string, entryId: string) =>
		`msg:v1:${targetKey}:${blogKey}:${entryId}`,
	/** A target's settings: its defaults and each subscription's own choices (src/settings). */
	targetSettings: (targetKey: TargetKey) => `settings:v1:${targetKey}`,
	/** A chat's (or channel's) time zone and language, shared by its forum topics. */
	chatSettings: (chatKey: string) => `chatSettings:v1:${chatKey}`,
	/** A chat's forum topics that were closed or deleted under a subscription (src/settings/topic-state.ts). */
	topicState: (chatKey: string) => `topicState:v1:${chatKey}`,
	/** A followed Discord thread that was deleted (to be made again once), or one made again (src/settings/thread-state.ts). */
	threadState: (targetKey: TargetKey) => `threadState:v1:${targetKey}`,
	/** Entries held for a subscription's digest or quiet hours, and the batch being sent. */
	held: (targetKey: TargetKey, blogKey: string) => `held:v1:${targetKey}:${blogKey}`,
	/** Index of the subscriptions holding entries ("<targetKey> <blogKey>"). */
	heldIndex: () => "heldIndex:v1",
	/** Key the store's health probe writes (and reads back) to prove the store answers. */
	probe: () => "meta:v1:probe",
	/** Key the readiness check reads (absent; only the round trip matters). */
	ping: () => "meta:v1:ping",
	/** Lease of the one instance polling a blog (and the in-process lock around a poll). */
	pollLease: (blogKey: string) => `poll:${blogKey}`,
	/** Schedule ticks of a blog already claimed by an instance (one instance polls each tick). */
	pollTick: (blogKey: string) => `pollTick:${blogKey}`,
	/** Lease of the one instance sending to a target. */
	deliverLease: (targetKey: TargetKey) => `deliver:${targetKey}`,
	/** Lock around an owner's subscription count (so concurrent subscribes cannot all pass at N-1). */
	ownerLock: (ownerKey: string) => `owner:${ownerKey}`,
	/** Shared send-rate slot of a platform (one token's limit is shared by every instance). */
	sendRate: (platform: Platform) => platform,
	/** Pending changes of a target (edits, retractions, pins): a second queue, drained after the outbox. */
	changeMeta: (targetKey: TargetKey) => `changeMeta:v1:${targetKey}`,
	/** One pending change at position `seq` of a target's change queue. */
	changeSlot: (targetKey: TargetKey, seq: number) => `changeSlot:v1:${seq}:${targetKey}`,
	/** Position of a (target, blog, entry) in the change queue: one pending change per message. */
	changeEntry: (targetKey: TargetKey, blogKey: string, entryId: string) =>
		`changeEntry:v1:${targetKey}:${blogKey}:${entryId}`,
	/** Lock name guarding a target's change queue. */
	changeLock: (targetKey: TargetKey) => `changes:${targetKey}`,
	/** Index of targets with pending changes (sharded like the outbox's). */
	changeIndex: (targetKey: TargetKey) => `changeTargets:v1:${indexBucket(targetKey)}`,
	/** Every shard of the change index. */
	changeIndexShards: () =>
		Array.from({ length: OUTBOX_INDEX_SHARDS }, (_, i) => `changeTargets:v1:${i}`),
	/** The bot's current pin of a blog in a target (message id and entry), to unpin it for the next. */
	pin: (targetKey: TargetKey, blogKey: string) => `pin:v1:${targetKey}:${blogKey}`,
	/** A blog's key events (newest first, bounded), for the closing recap. */
	keyEvents: (blogKey: string) => `keyEvents:v1:${blogKey}`,
	/** Set when a target refused a pin (missing right): said once in the blog list, then skipped. */
	pinRefused: (targetKey: TargetKey) => `pinRefused:v1:${targetKey}`,
	/**
	 * Entry id of a notice in the outbox: `at` is the time (or, for skipped entries, the newest skipped
	 * entry's id), so queueing the same notice twice after a crash adds nothing.
	 */
	notice: (kind: Notice["kind"], at: string | number) => `notice:${kind}:${at}`,
} as const;

/** The keys of one delivery queue: the outbox (new entries, notices) or the change queue. */
export interface QueueKeys {
	meta: (targetKey: TargetKey) => string;
	slot: (targetKey: TargetKey, seq: number) => string;
	entry: (targetKey: TargetKey, blogKey: string, entryId: string) => string;
	lock: (targetKey: TargetKey) => string;
	index: (targetKey: TargetKey) => string;
	indexShards: () => string[];
	/** The v1 single-array layout (the outbox only). */
	legacy?: ((targetKey: TargetKey) => string) | undefined;
}

/** The outbox's keys. */
export const OUTBOX_QUEUE: QueueKeys = {
	meta: KEYS.outboxMeta,
	slot: KEYS.outboxSlot,
	entry: KEYS.outboxEntry,
	lock: KEYS.outboxLock,
	index: KEYS.outboxIndex,
	indexShards: KEYS.outboxIndexShards,
	legacy: KEYS.legacyOutbox,
};

/** The change queue's keys. */
export const CHANGE_QUEUE: QueueKeys = {
	meta: KEYS.changeMeta,
	slot: KEYS.changeSlot,
	entry: KEYS.changeEntry,
	lock: KEYS.changeLock,
	index: KEYS.changeIndex,
	indexShards: KEYS.changeIndexShards,
};
