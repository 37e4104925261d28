/**
 * Which time a merged entry gets, and the page-wide "Z" correction: an explicit offset or epoch
 * beats a bare "Z"; a source whose "Z" times disagree with another source's offset times for the
 * same entries by a constant whole number of hours writes local time marked as UTC.
 */

import { hasSeconds, SAME_TIME_MS, timeAgreement } from "./entry-identity.js";
import type { RawEntry, TimeKind } from "./raw-entry.js";

/** One copy of an entry inside a merge group. */
export interface TimedPart {
	rank: number;
	entry: RawEntry;
}

const HOUR = 3_600_000;

function trust(kind: TimeKind | undefined): number {
	if (kind === "utc") return 1;
	if (kind === "local") return 0;
	return 2; // epoch, explicit offset, or a source that does not say (structured data)
}

/**
 * Per source rank, the shift (ms) that turns its mislabelled "Z" times into true instants, found
 * from groups where that source's "Z" time and another source's trusted time are whole hours apart.
 */
export function findZShifts(groups: readonly (readonly TimedPart[])[]): Map<number, number> {
	const seen = new Map<number, number | null>();
	for (const parts of groups) {
		const trusted = parts.find(
			(p) => p.entry.publishedAt !== undefined && trust(p.entry.publishedKind) === 2,
		);
		if (trusted === undefined) continue;
		const at = trusted.entry.publishedAt as Date;
		for (const p of parts) {
			if (p.rank === trusted.rank || p.entry.publishedKind !== "utc") continue;
			const own = p.entry.publishedAt as Date;
			const agreement = timeAgreement(own, at);
			const shift = agreement === "whole-hours" ? own.getTime() - at.getTime() : 0;
			if (agreement === "different") continue;
			const before = seen.get(p.rank);
			// One agreeing pair or two different shifts: this source's "Z" is not consistently wrong.
			seen.set(p.rank, before === undefined || before === shift ? shift : null);
		}
	}
	const shifts = new Map<number, number>();
	for (const [rank, shift] of seen) if (shift !== null && shift !== 0) shifts.set(rank, shift);
	return shifts;
}

/** Applies a source's Z shift to one of its entries (a copy; the extractor's entry is not touched). */
export function shiftedTime(
	part: TimedPart,
	shifts: ReadonlyMap<number, number>,
): Date | undefined {
	const at = part.entry.publishedAt;
	const shift = shifts.get(part.rank);
	if (at === undefined || shift === undefined || part.entry.publishedKind !== "utc") return at;
	return new Date(at.getTime() - shift);
}

/** Words for the --explain output. */
export function describeShift(source: string, shift: number): string {
	const hours = -shift / HOUR;
	return `"Z" times of ${source} are local time mislabelled as UTC: moved by ${hours > 0 ? "+" : ""}${hours} h to agree with the other source's offsets`;
}

/**
 * The time of a merged entry: the first (by source priority) of the most trusted kind, a shown or
 * sort time first (a scheduled post is published when readers see it, not when it was created);
 * then the most precise copy that agrees with it to the minute (epoch ms beats an ISO minute).
 */
export function chooseTime(
	parts: readonly TimedPart[],
	shifts: ReadonlyMap<number, number>,
): Date | undefined {
	let best: Date | undefined;
	let bestTrust = -1;
	const times: Date[] = [];
	for (const part of parts) {
		const at = shiftedTime(part, shifts);
		if (at === undefined) continue;
		times.push(at);
		// Among equally trusted copies, the time the page shows/sorts by is what readers saw.
		const t =
			(shifts.has(part.rank) ? 2 : trust(part.entry.publishedKind)) * 2 +
			(part.entry.publishedShown ? 1 : 0);
		if (t > bestTrust) {
			best = at;
			bestTrust = t;
		}
	}
	if (best === undefined || hasSeconds(best)) return best;
	const anchor = best;
	return (
		times.find(
			(at) => hasSeconds(at) && Math.abs(at.getTime() - anchor.getTime()) < SAME_TIME_MS,
		) ?? best
	);
}
