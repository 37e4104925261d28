/**
 * Joins what all extractors found into one Entry per real entry, newest first. Copies are joined by
 * evidence (same id or anchor, numeric id core, or text start at a compatible time); a block with no
 * headline, body or media is not an entry. Ids come from the source naming most entries (entry-id.ts).
 */

import type { Entry } from "../types.js";
import type { DropNote, ExtractDiagnostics } from "./diagnostics.js";
import { idRanks, nativeId } from "./entry-id.js";
import { isPositional } from "./entry-identity.js";
import { chooseTime, describeShift, findZShifts } from "./entry-time.js";
import { isKeyEvent } from "./key-events.js";
import { Groups, type Part } from "./merge-groups.js";
import {
	joinAcrossSources,
	joinByKey,
	type Merge,
	refOf,
	unconfirmedGuesses,
} from "./merge-joins.js";
import type { ExtractorResult, RawEntry } from "./raw-entry.js";
import { sameSiteAs } from "./same-site.js";
import { fallbackEntryId, normalizeForCompare } from "./text.js";

/** What merging produced: entries newest first, and which sources ended up in them. */
export interface MergeResult {
	entries: Entry[];
	sources: string[];
}

function firstByRank<T>(
	parts: readonly Part[],
	pick: (e: RawEntry) => T | undefined,
): T | undefined {
	for (const part of parts) {
		const value = pick(part.entry);
		if (value !== undefined && value !== "") return value;
	}
	return undefined;
}

/**
 * The first value in the sources' id order (the source naming most entries first). The headline
 * comes from there: a source listing only the newest few entries (JSON-LD) would otherwise lend an
 * entry its headline until it drops off that list, and the entry would look edited then.
 */
function firstInOrder<T>(
	parts: readonly Part[],
	order: readonly number[],
	pickValue: (e: RawEntry) => T | undefined,
): T | undefined {
	for (const rank of order) {
		for (const part of parts) {
			if (part.rank !== rank) continue;
			const value = pickValue(part.entry);
			if (value !== undefined && value !== "") return value;
		}
	}
	return undefined;
}

// Body, author, image, link and anchor: the markup first; JSON-LD bodies are often truncated.
function firstMarkup<T>(
	parts: readonly Part[],
	pick: (e: RawEntry) => T | undefined,
): T | undefined {
	for (let i = parts.length - 1; i >= 0; i--) {
		const value = pick((parts[i] as Part).entry);
		if (value !== undefined && value !== "") return value;
	}
	return undefined;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Most anchors ("post-8812", "block-60300f5f") need no escaping: no regex or encodeURI for those.
const PLAIN_FRAGMENT = /^[\w.~-]*$/;

// encodeURI throws on lone surrogates, which garbage pages can put in an id.
function encodeFragment(anchor: string): string {
	if (PLAIN_FRAGMENT.test(anchor)) return anchor;
	return encodeURI(anchor.replace(LONE_SURROGATE, "\ufffd"));
}

function bodyStart(text: string): string | undefined {
	const start = normalizeForCompare(text.slice(0, 240)).slice(0, 80);
	return start === "" ? undefined : start;
}

// What a block shows when it is page chrome rather than reporting: "Load more", "Share", "Ad".
const UI_LABEL =
	/^(?:(?:load|show|see|view|read) (?:more|older|newer|all|previous)(?: (?:posts|updates|entries))?|share(?: this)?(?: post| entry| update)?|advertisement|anzeige|publicité|sponsored|ad)[.…!]?$/i;

function isEmptyText(text: string): boolean {
	return text === "" || (text.length <= 40 && UI_LABEL.test(text.trim()));
}

// Field readers for firstByRank/firstMarkup, made once (a page merges hundreds of entries).
const pick = {
	headline: (e: RawEntry) => e.headline,
	bodyText: (e: RawEntry) => e.bodyText ?? e.lazyBodyText?.(),
	imageUrl: (e: RawEntry) => e.imageUrl,
	updatedAt: (e: RawEntry) => e.updatedAt,
	anchor: (e: RawEntry) => e.anchor,
	bodyHtml: (e: RawEntry) => e.bodyHtml,
	author: (e: RawEntry) => e.author,
};

function toEntry(
	members: readonly Part[],
	idOrder: readonly number[],
	pageUrl: string,
	shifts: ReadonlyMap<number, number>,
	isOwnLink: (url: string) => boolean,
	keyEventKeys: ReadonlySet<string> | undefined,
): Entry | undefined {
	const parts =
		members.length === 1 ? members : [...members].sort((a, b) => a.rank - b.rank || a.seq - b.seq);
	const publishedAt = chooseTime(parts, shifts);
	const headline = firstInOrder(parts, idOrder, pick.headline) ?? firstByRank(parts, pick.headline);
	const bodyText = firstMarkup(parts, pick.bodyText) ?? "";
	const imageUrl = firstMarkup(parts, pick.imageUrl);
	// An entry has text or media: timestamped ad slots, placeholders and share bars have neither.
	if (headline === undefined && imageUrl === undefined && isEmptyText(bodyText)) return undefined;
	const id =
		nativeId(parts, idOrder) ?? fallbackEntryId(headline ?? bodyStart(bodyText), publishedAt);
	let updatedAt = firstByRank(parts, pick.updatedAt);
	// An "update" at or before first publication is a CMS save, not an edit.
	if (updatedAt !== undefined && publishedAt !== undefined && updatedAt <= publishedAt) {
		updatedAt = undefined;
	}
	const anchor = firstMarkup(parts, pick.anchor);
	// A link off the blog's site would reach chats as "this blog's entry": the page URL stands in.
	const url =
		firstMarkup(parts, (e) => (e.url !== undefined && isOwnLink(e.url) ? e.url : undefined)) ??
		(anchor !== undefined ? `${pageUrl}#${encodeFragment(anchor)}` : pageUrl);
	const entry: Entry = { id, url, publishedAt, updatedAt, headline, bodyText };
	const bodyHtml = firstMarkup(parts, pick.bodyHtml);
	const author = firstMarkup(parts, pick.author);
	if (bodyHtml !== undefined) entry.bodyHtml = bodyHtml;
	if (author !== undefined) entry.author = author;
	if (imageUrl !== undefined) entry.imageUrl = imageUrl;
	if (parts.some((p) => p.entry.pinned === true)) entry.pinned = true;
	if (isKeyEvent(parts, keyEventKeys)) entry.keyEvent = true;
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

function collectParts(
	results: readonly ExtractorResult[],
	diag: ExtractDiagnostics | undefined,
): Part[] {
	const parts: Part[] = [];
	const byCount = results
		.map((result, rank) => ({ result, rank }))
		.sort((a, b) => b.result.entries.length - a.result.entries.length);
	for (const { result, rank } of byCount) {
		const positional = isPositional(result.entries);
		if (positional && diag !== undefined) {
			const ids = result.entries.map((e) => e.keys[0] ?? e.anchor);
			diag.positional.push(
				`${result.name} numbers entries by position (${ids[0]}…${ids.at(-1)}): ids are taken from another source or made from time + text`,
			);
		}
		for (const entry of result.entries) {
			parts.push({ index: parts.length, seq: parts.length, rank, entry, positional });
		}
	}
	return parts;
}

/**
 * Unions the sources into entries. `results` are in priority order (time and headline come from
 * the first that has them); the source with the most entries sets the document order of the union.
 * With `diag`, records merges, drops and time rules there. Entry links off `pageUrl`'s site are
 * replaced by the page URL (+ #anchor). Entries with an id or anchor in `keyEventKeys` (a page's
 * key-events list) are key events, as are those any source flags.
 */
export function mergeEntries(
	results: readonly ExtractorResult[],
	pageUrl: string,
	diag?: ExtractDiagnostics,
	keyEventKeys?: ReadonlySet<string>,
): MergeResult {
	const m: Merge = { results, groups: new Groups(collectParts(results, diag)), diag };
	joinByKey(m);
	if (results.length > 1) joinAcrossSources(m);
	const roots = m.groups.roots();
	const guesses = unconfirmedGuesses(m, roots);
	const kept = roots
		.map((r) => m.groups.members[r] as Part[])
		.filter((members) => {
			if (!members.every((p) => guesses.has(p.rank))) return true;
			if (diag !== undefined)
				for (const p of members)
					diag.dropped.push(dropNote(m, p, "a guess that matched no entry of another source"));
			return false;
		});
	const shifts = findZShifts(kept);
	if (diag !== undefined) {
		for (const [rank, shift] of shifts)
			diag.timeZone.push(describeShift(results[rank]?.name ?? "?", shift));
	}
	const firstSeq = new Map(kept.map((g) => [g, minSeq(g)] as const));
	kept.sort((a, b) => (firstSeq.get(a) ?? 0) - (firstSeq.get(b) ?? 0));
	const entries: Entry[] = [];
	const used = new Set<number>();
	const ids = new Set<string>();
	// Worked out on the first entry link: entries of rich-text tickers carry none.
	let ownSite: ((url: string) => boolean) | undefined;
	const isOwnLink = (url: string): boolean => {
		ownSite ??= sameSiteAs(pageUrl);
		return ownSite(url);
	};
	const idOrder = idRanks(kept);
	for (const members of kept) {
		const entry = toEntry(members, idOrder, pageUrl, shifts, isOwnLink, keyEventKeys);
		if (entry !== undefined && ids.has(entry.id) && entry.id.startsWith("h-")) {
			// Two id-less entries with the same headline and time ("GOAL!"): keep both, in page order.
			let n = 2;
			while (ids.has(`${entry.id}-${n}`)) n++;
			entry.id = `${entry.id}-${n}`;
		}
		if (entry !== undefined) ids.add(entry.id);
		if (entry === undefined) {
			if (diag !== undefined)
				for (const p of members) diag.dropped.push(dropNote(m, p, "no headline, body or media"));
			continue;
		}
		entries.push(entry);
		for (const part of members) used.add(part.rank);
		if (diag !== undefined) nameMerges(diag, members, entry.id, m);
	}
	const sources = results.filter((_, rank) => used.has(rank)).map((r) => r.name);
	return { entries: sortNewestFirst(entries), sources };
}

function minSeq(members: readonly Part[]): number {
	let min = Number.POSITIVE_INFINITY;
	for (const p of members) if (p.seq < min) min = p.seq;
	return min;
}

function dropNote(m: Merge, p: Part, why: string): DropNote {
	return { source: m.results[p.rank]?.name ?? "?", ref: refOf(p), why };
}

// Merge notes were written before the entry had its id; fill it in by matching the copies.
function nameMerges(
	diag: ExtractDiagnostics,
	members: readonly Part[],
	id: string,
	m: Merge,
): void {
	const names = new Set(members.map((p) => `${m.results[p.rank]?.name}:${refOf(p)}`));
	for (const n of diag.merged) {
		if (n.id === "" && n.copies.every((c) => names.has(c))) n.id = id;
	}
}
