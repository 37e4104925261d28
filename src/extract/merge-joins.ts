/**
 * The joining steps of merge-entries.ts: copies of one entry found by different sources are put in
 * one group by shared ids or anchors, then by identity evidence (numeric id core, text start at a
 * compatible time), and guesses that matched nothing structured are set aside.
 */

import type { ExtractDiagnostics } from "./diagnostics.js";
import { numericCore, TEXT_KEY_LENGTH, textKeys, timeAgreement } from "./entry-identity.js";
import { type Groups, type Part, rankBit } from "./merge-groups.js";
import type { ExtractorResult } from "./raw-entry.js";

/** Merge context shared by the steps below. */
export interface Merge {
	results: readonly ExtractorResult[];
	groups: Groups;
	diag: ExtractDiagnostics | undefined;
}

export function refOf(part: Part): string {
	return part.entry.keys[0] ?? part.entry.anchor ?? "(no id)";
}

function note(m: Merge, a: number, b: number, why: string): void {
	const { groups, diag } = m;
	const joined = groups.union(a, b);
	if (joined === undefined || diag === undefined) return;
	const copies = (groups.members[joined] as Part[]).map(
		(p) => `${m.results[p.rank]?.name}:${refOf(p)}`,
	);
	diag.merged.push({ id: "", copies, why });
}

/** Same id or anchor: joined whatever the source (a pinned copy repeats the id on one page). */
export function joinByKey(m: Merge): void {
	const byKey = new Map<string, number>();
	m.groups.parts.forEach((part, i) => {
		const { keys, anchor } = part.entry;
		const count = anchor === undefined ? keys.length : keys.length + 1;
		for (let k = 0; k < count; k++) {
			const key = k < keys.length ? (keys[k] as string) : (anchor as string);
			const j = byKey.get(key);
			if (j === undefined) byKey.set(key, i);
			else if (m.groups.root(i) !== m.groups.root(j)) {
				const cross = m.groups.parts[j]?.rank !== part.rank;
				if (cross) note(m, j, i, "same id");
				else m.groups.union(j, i);
			}
		}
	});
}

/** Evidence keys unique within each source, then joined across sources with disjoint groups. */
function joinByEvidence(
	m: Merge,
	indexes: readonly number[],
	keysOf: (part: Part) => string[],
	why: (key: string, a: Part, b: Part) => string | undefined,
): void {
	const perRank = new Map<string, number | null>(); // "rank\0key" → part index, null when repeated
	const ranksOfKey = new Map<string, number[]>();
	for (const i of indexes) {
		const part = m.groups.parts[i] as Part;
		for (const key of keysOf(part)) {
			const slot = `${part.rank}\u0000${key}`;
			if (perRank.has(slot)) {
				perRank.set(slot, null);
				continue;
			}
			perRank.set(slot, i);
			const list = ranksOfKey.get(key);
			if (list === undefined) ranksOfKey.set(key, [part.rank]);
			else list.push(part.rank);
		}
	}
	for (const [key, ranks] of ranksOfKey) {
		if (ranks.length < 2) continue;
		const found = ranks
			.map((r) => perRank.get(`${r}\u0000${key}`))
			.filter((i): i is number => typeof i === "number");
		for (let k = 1; k < found.length; k++) {
			const a = found[0] as number;
			const b = found[k] as number;
			if (m.groups.root(a) === m.groups.root(b) || !m.groups.disjoint(a, b)) continue;
			const reason = why(key, m.groups.parts[a] as Part, m.groups.parts[b] as Part);
			if (reason !== undefined) note(m, a, b, reason);
		}
	}
}

function groupTime(m: Merge, i: number): Date | undefined {
	for (const p of m.groups.members[m.groups.root(i)] as Part[]) {
		if (p.entry.publishedAt !== undefined) return p.entry.publishedAt;
	}
	return undefined;
}

/**
 * Parts that evidence may still join: groups only one source found (lonely), with every group
 * that lacks that source (a partner). Usually none: the ids matched everything already.
 */
function unmatchedParts(m: Merge): number[] {
	const roots = m.groups.roots();
	let lonely = 0;
	let inAll = -1;
	for (const r of roots) {
		const mask = m.groups.sources[r] as number;
		if (!m.groups.mixed(r)) lonely |= mask;
		inAll &= mask;
	}
	// A lonely source that every group has can find no partner.
	const open = lonely & ~inAll;
	if (open === 0) return [];
	const out: number[] = [];
	for (const r of roots) {
		const mask = m.groups.sources[r] as number;
		// A lonely copy of an open source, or any group that lacks an open source.
		const candidate = (!m.groups.mixed(r) && (mask & open) !== 0) || (mask & open) !== open;
		if (candidate) for (const p of m.groups.members[r] as Part[]) out.push(p.index);
	}
	return out;
}

export function joinAcrossSources(m: Merge): void {
	// Evidence is only looked for between entries that the ids did not match already, and only
	// when two sources have such entries (the usual page has none: this costs it nothing).
	const unmatched = unmatchedParts(m);
	if (unmatched.length === 0) return;
	joinByEvidence(
		m,
		unmatched,
		(p) => {
			const cores = p.entry.keys.map(numericCore).filter((c): c is string => c !== undefined);
			return [...new Set(cores)];
		},
		(key) => `same numeric id core ${key}`,
	);
	// Text evidence may cost a body decode: only for entries still unmatched.
	const lonely = unmatchedParts(m);
	if (lonely.length === 0) return;
	joinByEvidence(
		m,
		lonely,
		(p) => textKeys(p.entry),
		(key, a, b) => {
			const agreement = timeAgreement(groupTime(m, a.index), groupTime(m, b.index));
			// A long identical text start is one entry even when a source stamped another time
			// (its edit time, say); a short one ("GOAL!") needs the times to agree.
			if (agreement === "different")
				return key.length >= TEXT_KEY_LENGTH
					? `same long text start "${key}", times differ`
					: undefined;
			const time =
				agreement === "same"
					? "same time"
					: agreement === "unknown"
						? "one has no time"
						: "times whole hours apart";
			return `same text start "${key}", ${time}`;
		},
	);
}

/** A heuristic source counts only if it matched some other source's entry (else it guessed wrong). */
export function unconfirmedGuesses(m: Merge, roots: number[]): Set<number> {
	const guessRanks = new Set(m.results.flatMap((r, rank) => (r.guess ? [rank] : [])));
	const drop = new Set<number>();
	if (guessRanks.size === 0 || guessRanks.size === m.results.length) return drop;
	const structured = m.results.reduce((n, r) => n + (r.guess ? 0 : r.entries.length), 0);
	for (const rank of guessRanks) {
		const bit = rankBit(rank);
		const matched = roots.filter(
			(r) => ((m.groups.sources[r] as number) & bit) !== 0 && m.groups.mixed(r),
		).length;
		// One match confirms a guess only when the structured data has a single entry to match.
		if (matched < Math.min(2, structured)) drop.add(rank);
	}
	return drop;
}
