/**
 * Which source names a merged entry. Sources that list only some of a page's entries (JSON-LD with
 * the newest few updates) come and go per entry between polls; if the id came from the first
 * source that has one, an entry's id would flip (JSON-LD "update-8812" → HTML "entry-8812") when it
 * drops out of that list, and detection would take it for a new entry. So ids come from the source
 * that names the most of the page's entries (usually the markup, which shows them all), the same
 * source for every entry of the page.
 */

import type { Part } from "./merge-groups.js";

function idOf(part: Part): string | undefined {
	if (part.positional) return undefined; // a position is no identity: a new post renumbers all
	const id = part.entry.keys[0];
	return id === "" ? undefined : id;
}

/**
 * Source ranks in the order entry ids are taken from: the one that names the most merged entries
 * first; on a tie the later rank (the markup, which stays complete when a structured list is cut).
 */
export function idRanks(groups: readonly (readonly Part[])[]): number[] {
	const named = new Map<number, number>();
	for (const members of groups) {
		const ranks = new Set<number>();
		for (const p of members) if (idOf(p) !== undefined) ranks.add(p.rank);
		for (const rank of ranks) named.set(rank, (named.get(rank) ?? 0) + 1);
	}
	return [...named].sort((a, b) => b[1] - a[1] || b[0] - a[0]).map(([rank]) => rank);
}

/** The entry's native id from the first source in `ranks` that names it (its first copy there). */
export function nativeId(members: readonly Part[], ranks: readonly number[]): string | undefined {
	let best: { at: number; seq: number; id: string } | undefined;
	for (const p of members) {
		const id = idOf(p);
		if (id === undefined) continue;
		const at = ranks.indexOf(p.rank);
		if (best === undefined || at < best.at || (at === best.at && p.seq < best.seq))
			best = { at, seq: p.seq, id };
	}
	return best?.id;
}
