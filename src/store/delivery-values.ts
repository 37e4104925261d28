/**
 * What a queued delivery is made of as stored: the update or notice it carries (derived from the
 * core's EntryUpdate and Notice by the one `Stored` mapped type and codec) and its zod checks.
 */
import * as z from "zod/mini";
import type { Digest, EntryUpdate, Notice } from "../types.js";
import { dateCodec, type Same, type Stored, versionedValue } from "./stored-value.js";

/** An EntryUpdate as stored (dates as ms so they survive JSON). */
export type StoredUpdate = Stored<EntryUpdate>;

/** A Notice as stored. */
export type StoredNotice = Stored<Notice>;

/** EntryUpdate ⇄ StoredUpdate: the one codec of updates. */
export const updateCodec = dateCodec<EntryUpdate>(["publishedAt", "updatedAt"]);

/** Notice ⇄ StoredNotice. */
export const noticeCodec = dateCodec<Notice>(["since"]);

const ms = z.number();
const optionalString = z.optional(z.string());
const optionalBoolean = z.optional(z.boolean());
const count = z.number().check(z.int(), z.nonnegative());
const positiveInt = z.number().check(z.int(), z.positive());

const storedUpdateSchema = z.object({
	kind: z.enum(["new", "edited", "removed"]),
	blogUrl: z.string(),
	blogTitle: z.string(),
	entryId: z.string(),
	entryUrl: z.string(),
	headline: optionalString,
	summary: z.string(),
	publishedAt: z.optional(ms),
	updatedAt: z.optional(ms),
	author: optionalString,
	imageUrl: optionalString,
	pinned: optionalBoolean,
	keyEvent: optionalBoolean,
});

const storedNoticeSchema = z.object({
	kind: z.enum(["source-unreachable", "source-recovered", "blog-ended", "entries-skipped"]),
	blogUrl: z.string(),
	blogTitle: z.string(),
	since: z.optional(ms),
	count: z.optional(count),
	keyEvents: z.optional(z.array(z.object({ headline: z.string(), url: z.string() }))),
});

const storedChangeSchema = z.object({
	kind: z.enum(["edit", "retract", "pin"]),
	update: z.optional(storedUpdateSchema),
	mode: z.optional(z.enum(["strike", "delete"])),
	replacing: optionalString,
});

const storedDigestSchema = z.object({
	blogUrl: z.string(),
	blogTitle: z.string(),
	items: z.array(
		z.object({
			headline: z.string(),
			url: z.string(),
			publishedAt: z.optional(ms),
			keyEvent: optionalBoolean,
		}),
	),
	part: positiveInt,
	parts: positiveInt,
	dropped: count,
	reason: z.enum(["digest", "quiet"]),
	timeZone: optionalString,
});

/** A Digest as stored (item times as ms). */
export type StoredDigest = z.infer<typeof storedDigestSchema>;

/** Digest ⇄ StoredDigest. */
export const digestCodec = {
	encode: (digest: Digest): StoredDigest => ({
		...digest,
		items: digest.items.map((i) => ({ ...i, publishedAt: i.publishedAt?.getTime() })),
	}),
	decode: (stored: StoredDigest): Digest => ({
		...stored,
		items: stored.items.map((i) => ({
			...i,
			publishedAt: i.publishedAt === undefined ? undefined : new Date(i.publishedAt),
		})),
	}),
};

const pendingDeliverySchema = z.object({
	blogKey: z.string(),
	entryId: z.string(),
	update: z.optional(storedUpdateSchema),
	notice: z.optional(storedNoticeSchema),
	change: z.optional(storedChangeSchema),
	digest: z.optional(storedDigestSchema),
	enqueuedAt: ms,
	attempts: count,
	notBefore: z.optional(ms),
	lastError: optionalString,
	forbiddenSince: z.optional(ms),
	seq: z.optional(count),
});

/**
 * A change to a posted message, as queued: the message id is looked up when it is sent (the post
 * may still be on its way when the change is detected).
 */
export interface StoredChange {
	kind: "edit" | "retract" | "pin";
	/** edit: the entry as it now reads; retract: as last posted (kind "removed"). */
	update?: StoredUpdate | undefined;
	/** retract: strike through or delete. */
	mode?: "strike" | "delete" | undefined;
	/**
	 * pin: the key event (entry id) whose pin this one replaces, because it was retracted or unmarked.
	 * Its pin is taken down even when `update` (the newest key event left) is absent or cannot be pinned.
	 */
	replacing?: string | undefined;
}

/** One pending delivery of one entry (or one notice, or one change) to one target. */
export interface PendingDelivery {
	blogKey: string;
	/** Entry id, or "notice:<kind>:<time>" for notices. */
	entryId: string;
	update?: StoredUpdate | undefined;
	notice?: StoredNotice | undefined;
	/** A change to the entry's posted message (change queue only). */
	change?: StoredChange | undefined;
	/** A digest part (src/settings/digests.ts): several held entries in one message. */
	digest?: StoredDigest | undefined;
	enqueuedAt: number;
	attempts: number;
	/** Do not send before this time (rate limit, backoff). */
	notBefore?: number | undefined;
	lastError?: string | undefined;
	/** First time the target refused this delivery as forbidden (pause, then give up). */
	forbiddenSince?: number | undefined;
	/** Position in the target's queue (set by the outbox; absent on deliveries not yet enqueued). */
	seq?: number | undefined;
}

// A field added to EntryUpdate, Notice or PendingDelivery without its check fails to compile here.
const schemasMatchTypes: [
	Same<z.infer<typeof storedUpdateSchema>, StoredUpdate>,
	Same<z.infer<typeof storedNoticeSchema>, StoredNotice>,
	Same<z.infer<typeof pendingDeliverySchema>, PendingDelivery>,
	Same<z.infer<typeof storedChangeSchema>, StoredChange>,
] = [true, true, true, true];
void schemasMatchTypes;

/** A queued delivery (outbox slot): v1 and the unversioned shape before it are the same fields. */
export const pendingDeliveryValue = versionedValue<PendingDelivery>({
	kind: "queued delivery",
	current: pendingDeliverySchema,
	legacy: pendingDeliverySchema,
});

/** Which (blog, entry) a raw queued value names, if any: two fields, for bookkeeping without the full check. */
export function refIn(raw: unknown): { blogKey: string; entryId: string } | undefined {
	if (typeof raw !== "object" || raw === null) return undefined;
	const { blogKey, entryId } = raw as { blogKey?: unknown; entryId?: unknown };
	return typeof blogKey === "string" && typeof entryId === "string"
		? { blogKey, entryId }
		: undefined;
}
