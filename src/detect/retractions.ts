/**
 * Deletion detection: an entry counts as deleted by the publisher only when it is missing from two
 * consecutive successful polls while known entries both newer and older than it are still on the page.
 * An entry that paged off the bottom, a short page (only the newest few) or one A/B variant is not
 * a deletion: those lose entries at the edges, or only once.
 */
import type { SeenItem } from "../types.js";

/** More confirmed deletions than this share of the page at once is a broken response, not retractions. */
const MAX_SHARE = 0.2;
/** ...unless they are this few. */
const ALWAYS_BELIEVED = 3;
/** Ids kept as "missing once" at most (a page cannot lose more between two polls and be believed). */
const MISSING_LIMIT = 200;

/** What one poll says about deletions. */
export interface RetractionCheck {
	/** Ids deleted: missing twice between known entries. */
	retracted: string[];
	/** Ids missing once between known entries (or still missing, unconfirmed): the seen set keeps them. */
	missing: string[];
}

/**
 * Checks which previously present entries are deleted. `previous` is the last poll's ids, `missing`
 * those already missing once, `presentNow` the page's ids, `items` the seen set (for times and order).
 */
export function checkRetractions(input: {
	previous: readonly string[];
	missing: readonly string[];
	presentNow: ReadonlySet<string>;
	items: readonly SeenItem[];
}): RetractionCheck {
	const { previous, missing, presentNow, items } = input;
	const known = new Map(items.map((item) => [item[0], item] as const));
	// Order of entries: by publication time, else by position in the last poll (newest first there).
	const order = orderOf(previous, known);
	const presentKnown = [...presentNow].filter((id) => known.has(id));
	const bracketed = (id: string): boolean => {
		const at = order(id);
		if (at === undefined) return false;
		let newer = false;
		let older = false;
		for (const other of presentKnown) {
			const o = order(other);
			if (o === undefined) continue;
			if (o > at) newer = true;
			else if (o < at) older = true;
			if (newer && older) return true;
		}
		return false;
	};
	const wasMissing = new Set(missing);
	const retracted: string[] = [];
	const stillMissing: string[] = [];
	for (const id of new Set([...previous, ...missing])) {
		if (presentNow.has(id)) continue;
		if (!bracketed(id)) {
			// Not between known entries this time (a short page): no verdict; a second miss still counts.
			if (wasMissing.has(id)) stillMissing.push(id);
			continue;
		}
		if (wasMissing.has(id)) retracted.push(id);
		else stillMissing.push(id);
	}
	const believable = Math.max(ALWAYS_BELIEVED, Math.floor(previous.length * MAX_SHARE));
	if (retracted.length > believable) {
		// Many entries vanishing from between others at once is a broken or partial page: wait.
		return { retracted: [], missing: [...stillMissing, ...retracted].slice(0, MISSING_LIMIT) };
	}
	return { retracted, missing: stillMissing.slice(0, MISSING_LIMIT) };
}

/** A rank per id: larger is newer. Times when both sides have one, else the last poll's positions. */
function orderOf(
	previous: readonly string[],
	known: ReadonlyMap<string, SeenItem>,
): (id: string) => number | undefined {
	const position = new Map(previous.map((id, i) => [id, previous.length - i] as const));
	const timed = previous.every((id) => known.get(id)?.[2] != null);
	return (id) => {
		if (timed) {
			const t = known.get(id)?.[2];
			if (t != null) return t;
		}
		return position.get(id);
	};
}
