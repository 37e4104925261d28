/**
 * Recognises seen entries under new ids. When the extractor builds different ids for the same
 * entries (a better rule, a merged copy, a positional id made stable), an entry whose id is unknown
 * but whose text and time match a seen entry that is no longer on the page is that entry, not news.
 */
import { createHash } from "node:crypto";
import type { Entry, SeenItem } from "../types.js";

const HOUR = 3_600_000;
const MAX_ZONE_GAP = 14 * HOUR;
// Shorter text starts ("Goal!") match too many entries to count without an equal time.
const SHORT_TEXT = 20;

function normalize(text: string): string {
	return text.slice(0, 400).replace(/\s+/g, " ").trim().toLowerCase().slice(0, 80);
}

/** Fingerprint of an entry's text start: its headline, else the start of its body ("" if none). */
export function textPrint(entry: Entry): string {
	const text = normalize(entry.headline ?? "") || normalize(entry.bodyText);
	if (text === "") return "";
	const tag = text.length < SHORT_TEXT ? "s" : "l";
	return tag + createHash("sha1").update(text).digest("base64url").slice(0, 12);
}

// Equal to the minute, whole hours apart (a zone fix), or one side unknown (a time newly read).
function timesMatch(a: number | null, b: number | null, strict: boolean): boolean {
	if (a === null || b === null) return !strict || a === b;
	const gap = Math.abs(a - b);
	return gap < 60_000 || (gap <= MAX_ZONE_GAP && gap % HOUR === 0);
}

/**
 * Records from before fingerprints, whose text may also read differently now, by time: the same
 * time to the millisecond, not on a whole minute, held by exactly one such seen entry, is that entry.
 */
function preciseTimes(orphans: readonly SeenItem[]): Map<number, SeenItem | null> {
	const byTime = new Map<number, SeenItem | null>();
	for (const item of orphans) {
		const at = item[2];
		if (item[3] !== undefined || at === null || at % 60_000 === 0) continue;
		byTime.set(at, byTime.has(at) ? null : item);
	}
	return byTime;
}

/** Old ids of seen entries that entries with unknown ids turned out to be, keyed by new id. */
export function matchMovedIds(
	unknown: readonly Entry[],
	hashes: ReadonlyMap<string, string>,
	orphans: readonly SeenItem[],
): Map<string, string> {
	const moved = new Map<string, string>();
	if (unknown.length === 0 || orphans.length === 0) return moved;
	const byHash = new Map<string, SeenItem[]>();
	const byPrint = new Map<string, SeenItem[]>();
	for (const item of orphans) {
		byHash.set(item[1], [...(byHash.get(item[1]) ?? []), item]);
		if (item[3]) byPrint.set(item[3], [...(byPrint.get(item[3]) ?? []), item]);
	}
	const used = new Set<string>();
	const byTime = preciseTimes(orphans);
	const byPreciseTime = (at: number | null) => {
		const item = at === null ? undefined : byTime.get(at);
		return item && !used.has(item[0]) ? { item } : undefined;
	};
	for (const entry of unknown) {
		const at = entry.publishedAt?.getTime() ?? null;
		const print = textPrint(entry);
		const candidates = [
			...(byHash.get(hashes.get(entry.id) ?? "") ?? []).map((item) => ({ item, strict: false })),
			...(print === "" ? [] : (byPrint.get(print) ?? [])).map((item) => ({
				item,
				strict: print.startsWith("s"),
			})),
		];
		const found =
			candidates.find(
				({ item, strict }) => !used.has(item[0]) && timesMatch(item[2], at, strict),
			) ?? byPreciseTime(at);
		if (found === undefined) continue;
		used.add(found.item[0]);
		moved.set(entry.id, found.item[0]);
	}
	return moved;
}
