/**
 * Builds platform-neutral EntryUpdates from entries. Apart from updates.ts (the stored form, which
 * needs the store's zod checks) so that `watch --once` builds updates without loading zod.
 */
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
		keyEvent: entry.keyEvent,
	};
}
