/** Change detection: which entries of a fresh page are new, edited or gone, against the blog's seen set. */
import { createHash } from "node:crypto";
import { EXTRACT_RULES_VERSION } from "../extract/rules-version.js";
import type { Entry, SeenItem, SeenSet } from "../types.js";
import { matchMovedIds, textPrint } from "./id-migration.js";
import { checkRetractions } from "./retractions.js";

/** Seen ids kept per blog, at least (more when a page itself holds more entries). */
export const SEEN_LIMIT = 2000;

/** Result of comparing a page with what was seen before. */
export interface EntryDiff {
	/** Never-seen entries, oldest first (the order they must be delivered in). */
	added: Entry[];
	/** Seen entries whose content changed, oldest first. */
	edited: Entry[];
	/** Ids present last time and absent now. */
	removed: string[];
	/** Ids deleted by the publisher: missing from two polls running between known entries. */
	retracted: string[];
	/** The seen set to store after this poll. */
	nextSeen: SeenSet;
	/** True when this was the blog's first poll: everything was recorded, nothing is new. */
	seeded: boolean;
	/** True when suspiciously many entries looked new and only those newer than the newest seen were kept. */
	floodGuarded: boolean;
	/** Seen entries recognised under a new id (new id → old id): neither new nor edited. */
	movedIds: Map<string, string>;
}

/** Version of contentHash: 2 added the image and the key-event flag to headline and body. */
export const CONTENT_HASH_VERSION = 2;

/** Content hash of an entry: headline, body, image and key-event flag (what a reader would see change). */
export function contentHash(entry: Entry): string {
	// Absent image and flag add nothing, so a text-only entry hashes as under version 1.
	const extra = `${entry.imageUrl ? `\u0000img:${entry.imageUrl}` : ""}${entry.keyEvent ? "\u0000key" : ""}`;
	return createHash("sha1")
		.update(`${entry.headline ?? ""}\u0000${entry.bodyText}${extra}`)
		.digest("base64url")
		.slice(0, 16);
}

/**
 * Compares `entries` (a page, any order) with `seen`. With no seen set the page seeds it silently.
 * Ids are kept even while absent from a response, so an entry that drops out and returns is not new.
 */
export function diffEntries(entries: Entry[], seen: SeenSet | undefined): EntryDiff {
	const unique = dedupeById(entries);
	const hashes = new Map(unique.map((e) => [e.id, contentHash(e)] as const));
	const nextItems = (replaced: ReadonlySet<string>): SeenItem[] => {
		const fresh: SeenItem[] = unique.map((e) => [
			e.id,
			hashes.get(e.id) ?? "",
			e.publishedAt?.getTime() ?? null,
			textPrint(e),
		]);
		const freshIds = new Set(fresh.map((item) => item[0]));
		const kept = (seen?.items ?? []).filter(
			(item) => !freshIds.has(item[0]) && !replaced.has(item[0]),
		);
		return [...fresh, ...kept].slice(0, Math.max(SEEN_LIMIT, unique.length * 2));
	};
	const present = unique.map((e) => e.id);
	const rules = EXTRACT_RULES_VERSION;
	const hashVersion = CONTENT_HASH_VERSION;
	if (!seen) {
		const nextSeen: SeenSet = {
			items: nextItems(new Set()),
			present,
			rules,
			hashes: hashVersion,
		};
		const movedIds = new Map<string, string>();
		return {
			added: [],
			edited: [],
			removed: [],
			retracted: [],
			nextSeen,
			seeded: true,
			floodGuarded: false,
			movedIds,
		};
	}
	const known = new Map(seen.items.map((item) => [item[0], item] as const));
	let added = unique.filter((e) => !known.has(e.id));
	// Under new extraction rules a text may read differently without anyone editing it: the first
	// poll re-baselines the hashes silently rather than re-posting the blog as edits.
	const sameRules = seen.rules === rules;
	// A new hash recipe re-baselines the same way (an image newly hashed is not an edit).
	const sameHashes = (seen.hashes ?? 1) === hashVersion;
	const edited = !(sameRules && sameHashes)
		? []
		: unique.filter((e) => {
				const item = known.get(e.id);
				return item !== undefined && item[1] !== hashes.get(e.id);
			});
	const presentNow = new Set(unique.map((e) => e.id));

	// A page whose ids all changed at once (a redesign, an A/B variant without JSON-LD) would re-post
	// the whole blog. Then only entries published after the newest one we had seen count as new.
	let floodGuarded = false;
	const overlap = unique.length - added.length;
	if (added.length > 5 && overlap === 0 && seen.items.length > 0) {
		const newestSeen = Math.max(...seen.items.map((item) => item[2] ?? 0));
		added = added.filter((e) => (e.publishedAt?.getTime() ?? 0) > newestSeen);
		floodGuarded = true;
	}
	// An id migration: entries under new ids that match seen entries gone from the page are seen.
	const orphans = seen.items.filter((item) => !presentNow.has(item[0]));
	const movedIds = matchMovedIds(added, hashes, orphans);
	if (movedIds.size > 0) added = added.filter((e) => !movedIds.has(e.id));
	// New rules may find entries the old ones missed (the rest of a partial JSON-LD, a second
	// source): history, not news. On the first poll under new rules only newer entries count.
	if (!sameRules && added.length > 0 && seen.items.length > 0) {
		const newestSeen = Math.max(...seen.items.map((item) => item[2] ?? 0));
		added = added.filter((e) => (e.publishedAt?.getTime() ?? 0) > newestSeen);
	}
	const replaced = new Set(movedIds.values());
	const removed = seen.present.filter((id) => !presentNow.has(id) && !replaced.has(id));
	// Ids changing at once (flood guard, migration) are the page's identity changing, not deletions.
	const deletions =
		floodGuarded || movedIds.size > 0
			? { retracted: [], missing: [] }
			: checkRetractions({
					previous: seen.present,
					missing: seen.missing ?? [],
					presentNow,
					items: seen.items,
				});
	const nextSeen: SeenSet = {
		items: nextItems(replaced),
		present,
		rules,
		hashes: hashVersion,
		...(deletions.missing.length ? { missing: deletions.missing } : {}),
	};
	return {
		added: oldestFirst(added, unique),
		edited: oldestFirst(edited, unique),
		removed,
		retracted: deletions.retracted,
		nextSeen,
		seeded: false,
		floodGuarded,
		movedIds,
	};
}

/**
 * A poll that found the page unchanged (304, or the same bytes) is a poll where the entries missing
 * last time are missing again: it confirms them as deleted. Undefined when nothing was missing.
 */
export function recheckUnchanged(
	seen: SeenSet | undefined,
): { retracted: string[]; nextSeen: SeenSet } | undefined {
	if (!seen?.missing?.length) return undefined;
	const { retracted, missing } = checkRetractions({
		previous: seen.present,
		missing: seen.missing,
		presentNow: new Set(seen.present),
		items: seen.items,
	});
	const { missing: _before, ...rest } = seen;
	return { retracted, nextSeen: missing.length ? { ...rest, missing } : rest };
}

/** First occurrence of each id wins (pinned copies and key-event duplicates share the id). */
function dedupeById(entries: Entry[]): Entry[] {
	const seenIds = new Set<string>();
	const out: Entry[] = [];
	for (const entry of entries) {
		if (seenIds.has(entry.id)) continue;
		seenIds.add(entry.id);
		out.push(entry);
	}
	return out;
}

/**
 * Sorts by publication time ascending; entries without a time keep their page position, read as
 * newest-first when the page's timed entries run that way (the usual live-blog order).
 */
function oldestFirst(subset: Entry[], page: Entry[]): Entry[] {
	const position = new Map(page.map((e, i) => [e.id, i] as const));
	const timed = page.filter((e) => e.publishedAt);
	const first = timed[0]?.publishedAt?.getTime() ?? 0;
	const last = timed.at(-1)?.publishedAt?.getTime() ?? 0;
	const pageIsNewestFirst = first >= last;
	const rank = (e: Entry) => {
		const p = position.get(e.id) ?? 0;
		return pageIsNewestFirst ? -p : p;
	};
	return [...subset].sort((a, b) => {
		const ta = a.publishedAt?.getTime();
		const tb = b.publishedAt?.getTime();
		if (ta !== undefined && tb !== undefined && ta !== tb) return ta - tb;
		return rank(a) - rank(b);
	});
}
