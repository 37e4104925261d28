/** Builds platform-neutral EntryUpdates from entries, and converts them to and from their stored form. */
import type { StoredUpdate } from "../store/outbox.js";
import { splitFirstSentence, summarize } from "../summary/summarize.js";
import type { Entry, EntryUpdate } from "../types.js";

/** Summary length used where no adapter asked for one (replies, console). */
export const DEFAULT_SUMMARY_LIMIT = 500;

/** The update for one entry, its summary cut to `summaryLimit` characters. */
export function toEntryUpdate(
	blog: { url: string; title: string },
	entry: Entry,
	summaryLimit: number,
	kind: EntryUpdate["kind"] = "new",
): EntryUpdate {
	let headline = entry.headline?.trim() || undefined;
	let body = entry.bodyText;
	if (!headline) {
		// No headline: the first sentence stands in, and the summary continues after it.
		const split = splitFirstSentence(body, 200, summaryLimit);
		headline = split.first || undefined;
		body = split.rest;
	}
	let summary = summarize(body, summaryLimit);
	// A body that only repeats the headline (a photo or embed post) adds nothing.
	if (
		headline &&
		summary.replace(/\W+/g, "").toLowerCase() === headline.replace(/\W+/g, "").toLowerCase()
	) {
		summary = "";
	}
	return {
		kind,
		blogUrl: blog.url,
		blogTitle: blog.title,
		entryId: entry.id,
		entryUrl: entry.url,
		headline,
		summary,
		publishedAt: entry.publishedAt,
		updatedAt: entry.updatedAt,
		author: entry.author,
		imageUrl: entry.imageUrl,
		pinned: entry.pinned,
	};
}

/** EntryUpdate → JSON-safe form. */
export function storeUpdate(update: EntryUpdate): StoredUpdate {
	return {
		...update,
		publishedAt: update.publishedAt?.getTime(),
		updatedAt: update.updatedAt?.getTime(),
	};
}

/** Stored form → EntryUpdate. */
export function loadUpdate(stored: StoredUpdate): EntryUpdate {
	return {
		...stored,
		headline: stored.headline,
		publishedAt: stored.publishedAt === undefined ? undefined : new Date(stored.publishedAt),
		updatedAt: stored.updatedAt === undefined ? undefined : new Date(stored.updatedAt),
	};
}
