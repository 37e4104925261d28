/** Shared vocabulary of the core: live blogs, entries, targets and delivery outcomes. */
import type { Locale } from "./i18n/catalogue.js";

/** Every chat platform (and the terminal) that updates can go to: the one list `Platform` derives from. */
export const PLATFORMS = ["telegram", "discord", "console"] as const;

/** The chat platforms (and the terminal) that updates can go to. */
export type Platform = (typeof PLATFORMS)[number];

/** A place updates go: a Telegram chat (optionally a forum topic) or a Discord channel. */
export interface Target {
	platform: Platform;
	/** Platform chat/channel id, e.g. "-100123" or "98765". */
	id: string;
	/** Telegram forum topic (message_thread_id); absent elsewhere. */
	threadId?: string | undefined;
}

/** One entry of a live blog as extracted from the page. */
export interface Entry {
	/** Stable native id (JSON-LD @id, url fragment, DOM id) or a hash of time + headline. */
	id: string;
	/** Link to the entry itself (page URL + #anchor where the site has one). */
	url: string;
	publishedAt?: Date | undefined;
	updatedAt?: Date | undefined;
	headline?: string | undefined;
	bodyText: string;
	bodyHtml?: string | undefined;
	author?: string | undefined;
	pinned?: boolean | undefined;
	/** The publisher marks this entry a key event (schema.org, key-event flags, a key-events list). */
	keyEvent?: boolean | undefined;
	imageUrl?: string | undefined;
}

/** A parsed live-blog page. */
export interface LiveBlog {
	title: string;
	/**
	 * Canonical URL of the blog (link rel=canonical when on the fetched URL's own site, else the
	 * fetched URL), fragment and tracking dropped.
	 */
	url: string;
	/** False once the blog has ended (coverageEndTime in the past, "as it happened"). */
	isLive: boolean;
	/** Entries newest first. */
	entries: Entry[];
	/** Which extractors contributed, e.g. ["json-ld", "reach"]. */
	sources: string[];
	coverageEndTime?: Date | undefined;
}

/** One new, edited or removed live-blog entry, platform-neutral; adapters render it. */
export interface EntryUpdate {
	/** "removed": the publisher deleted it (rendered struck through, "removed by the publisher"). */
	kind: "new" | "edited" | "removed";
	blogUrl: string;
	blogTitle: string;
	entryId: string;
	entryUrl: string;
	headline: string | undefined;
	/** Plain-text summary (1–3 sentences), already cut to the adapter's summaryLimit. */
	summary: string;
	publishedAt: Date | undefined;
	updatedAt?: Date | undefined;
	author?: string | undefined;
	imageUrl?: string | undefined;
	pinned?: boolean | undefined;
	/** The publisher marks this entry a key event. */
	keyEvent?: boolean | undefined;
}

/** What happened to one post. Expected platform outcomes are data, never exceptions. */
export type DeliveryResult =
	| {
			status: "delivered";
			messageId?: string | undefined;
			/** A change found its message gone (deleted by the chat's admins): done, nothing posted instead. */
			messageGone?: boolean | undefined;
	  }
	/** Blocked, kicked, chat deleted, Unknown Channel: drop the target's subscriptions. */
	| { status: "gone"; reason: string }
	/** Missing Access / Permissions: keep the subscription paused, log. */
	| { status: "forbidden"; reason: string }
	/** Telegram migrate_to_chat_id: rewrite the target and resend. */
	| { status: "moved"; newId: string }
	/** 429: wait and retry, never drop. */
	| { status: "rate-limited"; retryAfterMs: number }
	/** 400 bad payload: our bug; log loudly, do not retry forever. */
	| { status: "rejected"; reason: string }
	/** Network error or 5xx: retry with backoff. */
	| { status: "failed"; reason: string; cause?: unknown };

/** A message about a blog rather than an entry: the site is down, back, the blog ended, or entries were skipped. */
export interface Notice {
	kind: "source-unreachable" | "source-recovered" | "blog-ended" | "entries-skipped";
	blogUrl: string;
	blogTitle: string;
	/** When the outage began or the blog ended. */
	since?: Date | undefined;
	/** entries-skipped: how many entries of one poll were not posted (over MAX_NEW_ENTRIES_PER_POLL). */
	count?: number | undefined;
	/** blog-ended: the blog's key events for the closing recap, newest first. */
	keyEvents?: { headline: string; url: string }[] | undefined;
}

/** One entry in a digest: its headline and link. */
export interface DigestItem {
	headline: string;
	url: string;
	publishedAt?: Date | undefined;
	keyEvent?: boolean | undefined;
}

/** One message of a digest: held entries of one blog, key events first (a long digest has parts). */
export interface Digest {
	blogUrl: string;
	blogTitle: string;
	items: DigestItem[];
	/** 1-based part number, and how many parts this digest has. */
	part: number;
	parts: number;
	/** Entries held beyond the cap and not listed (the last part says so). */
	dropped: number;
	/** Why the entries were held: a digest interval, or quiet hours that have ended. */
	reason: "digest" | "quiet";
	/** The chat's time zone for the times shown (default UTC). */
	timeZone?: string | undefined;
}

/**
 * A change to a message already posted: an edit in place, a retraction, or a pin (unpinning the
 * bot's previous pin of the blog). The core decides; adapters render and send.
 */
export type MessageChange =
	| {
			kind: "edit";
			messageId: string;
			/** The entry as it now reads (kind "edited"). */
			update: EntryUpdate;
			/** "updated 10:42" in the chat's time zone. */
			editedAt: Date;
			/** IANA time zone of the chat; UTC when absent. */
			timeZone?: string | undefined;
			/** The chat's language; English when absent. */
			locale?: Locale | undefined;
	  }
	| {
			kind: "retract";
			messageId: string;
			/** "strike": edit to the struck-through headline; "delete": delete the message. */
			mode: "strike" | "delete";
			/** The entry as last posted (kind "removed"), for the struck-through text. */
			update: EntryUpdate;
			/** The chat's language; English when absent. */
			locale?: Locale | undefined;
	  }
	| {
			kind: "pin";
			messageId: string;
			/** The bot's previous pin of this blog in this chat, unpinned first. */
			unpinMessageId?: string | undefined;
	  }
	/** The bot's pin of a blog whose key event was retracted or unmarked, and no other is left to pin. */
	| { kind: "unpin"; messageId: string };

/**
 * One seen entry: id, content hash, publication ms (or null), and a fingerprint of its text start
 * (for recognising it under a new id; absent in records written before fingerprints existed).
 */
export type SeenItem = [id: string, hash: string, publishedAt: number | null, textPrint?: string];

/** The bounded set of entry ids seen on a blog, newest-seen first. */
export interface SeenSet {
	items: SeenItem[];
	/** Ids present in the last successful response (for "removed" detection). */
	present: string[];
	/** EXTRACT_RULES_VERSION the hashes were made under; absent in records from before version 2. */
	rules?: number | undefined;
	/** CONTENT_HASH_VERSION of the hashes (absent: version 1, headline and body only). */
	hashes?: number | undefined;
	/** Ids missing from the last successful poll between known entries: retracted if missing again. */
	missing?: string[] | undefined;
	/**
	 * New entries being queued for subscribers, written before their fan-out and cleared with the next
	 * seen set: after a crash in between, those still on the page are queued again (idempotent), and
	 * those the publisher deleted meanwhile count as present last time, so their posts are retracted.
	 */
	queuing?: SeenItem[] | undefined;
}

/** What one poll did (the watcher returns it; observers such as metrics count it). */
export type PollOutcome =
	| { status: "skipped" }
	| { status: "not-modified" }
	| { status: "unchanged" }
	| {
			status: "polled";
			/** Every new entry (posted or not). */
			added: Entry[];
			edited: Entry[];
			/** Ids retracted this poll (missing twice between known entries). */
			removed?: string[];
			seeded: boolean;
			/** New entries over MAX_NEW_ENTRIES_PER_POLL: marked seen, not posted. */
			skipped?: number;
	  }
	| { status: "failed"; error: Error };
