/** Joins what all extractors found into one Entry per native id, newest first. */

import type { Entry } from "../types.js";
import type { ExtractorResult, RawEntry } from "./raw-entry.js";
import { sameSiteAs } from "./same-site.js";
import { fallbackEntryId } from "./text.js";

interface Part {
	/** Index of the source in priority order (0 = JSON-LD). */
	rank: number;
	entry: RawEntry;
}

interface Group {
	parts: Part[];
}

/** What merging produced: entries newest first, and which sources ended up in them. */
export interface MergeResult {
	entries: Entry[];
	sources: string[];
}

function hashKey(entry: RawEntry): string | undefined {
	if (entry.headline === undefined && entry.publishedAt === undefined) return undefined;
	return fallbackEntryId(entry.headline, entry.publishedAt);
}

// Time and headline: the structured sources (JSON-LD, page data) first.
function firstByRank<T>(parts: Part[], pick: (e: RawEntry) => T | undefined): T | undefined {
	for (const part of parts) {
		const value = pick(part.entry);
		if (value !== undefined && value !== "") return value;
	}
	return undefined;
}

// Body, author, image and link: the markup first; JSON-LD bodies are often truncated or stripped.
function firstMarkup<T>(parts: Part[], pick: (e: RawEntry) => T | undefined): T | undefined {
	for (let i = parts.length - 1; i >= 0; i--) {
		const value = pick((parts[i] as Part).entry);
		if (value !== undefined && value !== "") return value;
	}
	return undefined;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// encodeURI throws on lone surrogates, which garbage pages can put in an id.
function encodeFragment(anchor: string): string {
	return encodeURI(anchor.replace(LONE_SURROGATE, "\ufffd"));
}

function toEntry(
	group: Group,
	pageUrl: string,
	isOwnLink: (url: string) => boolean,
): Entry | undefined {
	const parts = [...group.parts].sort((a, b) => a.rank - b.rank);
	const publishedAt = firstByRank(parts, (e) => e.publishedAt);
	const headline = firstByRank(parts, (e) => e.headline);
	const id =
		firstByRank(parts, (e) => e.keys[0]) ??
		(headline !== undefined || publishedAt !== undefined
			? fallbackEntryId(headline, publishedAt)
			: undefined);
	if (id === undefined) return undefined;
	let updatedAt = firstByRank(parts, (e) => e.updatedAt);
	// An "update" at or before first publication is a CMS save, not an edit.
	if (updatedAt !== undefined && publishedAt !== undefined && updatedAt <= publishedAt) {
		updatedAt = undefined;
	}
	const anchor = firstByRank(parts, (e) => e.anchor);
	// A link off the blog's site would reach chats as "this blog's entry": the page URL stands in.
	const url =
		firstMarkup(parts, (e) => (e.url !== undefined && isOwnLink(e.url) ? e.url : undefined)) ??
		(anchor !== undefined ? `${pageUrl}#${encodeFragment(anchor)}` : pageUrl);
	const entry: Entry = {
		id,
		url,
		publishedAt,
		updatedAt,
		headline,
		bodyText: firstMarkup(parts, (e) => e.bodyText ?? e.lazyBodyText?.()) ?? "",
	};
	const bodyHtml = firstMarkup(parts, (e) => e.bodyHtml);
	const author = firstMarkup(parts, (e) => e.author);
	const imageUrl = firstMarkup(parts, (e) => e.imageUrl);
	if (bodyHtml !== undefined) entry.bodyHtml = bodyHtml;
	if (author !== undefined) entry.author = author;
	if (imageUrl !== undefined) entry.imageUrl = imageUrl;
	if (parts.some((p) => p.entry.pinned === true)) entry.pinned = true;
	return entry;
}

/**
 * Newest first by publishedAt; entries without a time keep their position and the timed ones
 * are sorted among the remaining slots (pinned/summary posts without times stay where they were).
 */
export function sortNewestFirst(entries: Entry[]): Entry[] {
	const slots: number[] = [];
	const timed: Entry[] = [];
	entries.forEach((e, i) => {
		if (e.publishedAt !== undefined) {
			slots.push(i);
			timed.push(e);
		}
	});
	// Stable sort: equal instants keep document order.
	timed.sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0));
	const out = [...entries];
	slots.forEach((slot, i) => {
		out[slot] = timed[i] as Entry;
	});
	return out;
}

/**
 * Unions the sources by entry key (JSON-LD @id / url fragment ↔ DOM id). `results` are in
 * priority order; the source with the most entries sets the document order of the union. Entry
 * links off `pageUrl`'s site are replaced by the page URL (+ #anchor).
 */
export function mergeEntries(results: readonly ExtractorResult[], pageUrl: string): MergeResult {
	const groups: Group[] = [];
	const byKey = new Map<string, Group>();
	// Entries without a native id can only be joined by headline + time; hash only when needed.
	const needHashKeys = results.some((r) => r.entries.some((e) => e.keys.length === 0));
	const byCount = results
		.map((result, rank) => ({ result, rank }))
		.sort((a, b) => b.result.entries.length - a.result.entries.length);
	for (const { result, rank } of byCount) {
		for (const entry of result.entries) {
			const keys = [...entry.keys];
			if (needHashKeys) {
				const hash = hashKey(entry);
				if (hash !== undefined) keys.push(hash);
			}
			if (keys.length === 0) continue;
			let group: Group | undefined;
			for (const key of keys) {
				group = byKey.get(key);
				if (group !== undefined) break;
			}
			if (group === undefined) {
				group = { parts: [] };
				groups.push(group);
			}
			group.parts.push({ rank, entry });
			for (const key of keys) if (!byKey.has(key)) byKey.set(key, group);
		}
	}
	const entries: Entry[] = [];
	const used = new Set<number>();
	const isOwnLink = sameSiteAs(pageUrl);
	for (const group of groups) {
		const entry = toEntry(group, pageUrl, isOwnLink);
		if (entry === undefined) continue;
		entries.push(entry);
		for (const part of group.parts) used.add(part.rank);
	}
	const sources = results.filter((_, rank) => used.has(rank)).map((r) => r.name);
	return { entries: sortNewestFirst(entries), sources };
}
