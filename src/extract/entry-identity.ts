/**
 * Identity evidence between entries of different sources: the numeric core of an id, the start of
 * the headline or body, time agreement; and detection of positional ids (post1…postN by order).
 */

import type { RawEntry } from "./raw-entry.js";
import { normalizeForCompare } from "./text.js";

const HOUR = 3_600_000;
/** Largest gap between two sources' times for one entry that can be a zone mix-up (UTC−12…+14). */
export const MAX_ZONE_GAP = 14 * HOUR;
/** Times this close (a minute-precision copy of a precise one) are the same time. */
export const SAME_TIME_MS = 60_000;
/** Length of a text key: enough to tell entries apart, short enough for a headline to match a body. */
export const TEXT_KEY_LENGTH = 40;
const MAX_ID_LENGTH = 200;

/** The only run of digits in an id ("update-8812" → "8812"); undefined for 0 or 2+ runs or < 3 digits. */
export function numericCore(id: string): string | undefined {
	if (id.length > MAX_ID_LENGTH) return undefined;
	let start = -1;
	let end = -1;
	for (let i = 0; i < id.length; i++) {
		const c = id.charCodeAt(i);
		if (c < 48 || c > 57) continue;
		if (start < 0) start = i;
		else if (end !== i) return undefined; // a second run of digits
		end = i + 1;
	}
	if (start < 0) return undefined;
	const core = id.slice(start, end).replace(/^0+(?=\d)/, "");
	// "c-3" and "update-3" say little: short numbers recur across unrelated lists on one page.
	return core.length >= 3 ? core : undefined;
}

function textKey(text: string): string | undefined {
	const key = normalizeForCompare(text.slice(0, TEXT_KEY_LENGTH * 3)).slice(0, TEXT_KEY_LENGTH);
	return key.length >= 3 ? key : undefined;
}

/**
 * The entry's text start: its headline's, else its body's (a headline-less copy whose body opens
 * with the headline still matches). A lazy body is decoded only without a headline, and kept.
 */
export function textKeys(entry: RawEntry): string[] {
	const head = entry.headline === undefined ? undefined : textKey(entry.headline);
	if (head !== undefined) return [head];
	if (entry.bodyText === undefined && entry.lazyBodyText !== undefined) {
		entry.bodyText = entry.lazyBodyText() ?? "";
		entry.lazyBodyText = undefined;
	}
	const body = entry.bodyText ?? "";
	const start = body.slice(0, TEXT_KEY_LENGTH * 6);
	const line = start.split("\n", 1)[0] ?? "";
	const sentence = line.split(". ", 1)[0] ?? "";
	const keys: string[] = [];
	// The headline of the other copy may be this body's first line or sentence.
	for (const text of [start, line, sentence]) {
		const key = textKey(text);
		if (key !== undefined && !keys.includes(key)) keys.push(key);
	}
	return keys;
}

/** How two sources' times for what may be one entry relate. */
export type TimeAgreement = "same" | "whole-hours" | "unknown" | "different";

/** Whether two times can belong to one entry: equal to the minute, off by whole hours, or unknown. */
export function timeAgreement(a: Date | undefined, b: Date | undefined): TimeAgreement {
	if (a === undefined || b === undefined) return "unknown";
	const gap = Math.abs(a.getTime() - b.getTime());
	if (gap < SAME_TIME_MS) return "same";
	if (gap <= MAX_ZONE_GAP && gap % HOUR === 0) return "whole-hours";
	return "different";
}

/** True when a time has seconds or milliseconds (a time shown to the minute has neither). */
export function hasSeconds(at: Date): boolean {
	return at.getTime() % 60_000 !== 0;
}

/**
 * True when a source's ids number its entries by position: one prefix, numbers exactly 1..N (or
 * 0..N-1), the number growing as entries get older (post1 = newest), so a new post renumbers all.
 * Numbering that grows with time (oldest = 1) is stable and not positional.
 */
export function isPositional(entries: readonly RawEntry[]): boolean {
	// Two entries numbered 1 and 2 are too little evidence to throw their ids away.
	if (entries.length < 3) return false;
	let prefix: string | undefined;
	const numbers: number[] = [];
	for (const entry of entries) {
		const id = entry.keys[0] ?? entry.anchor;
		if (id === undefined || id.length > MAX_ID_LENGTH) return false;
		let cut = id.length;
		while (cut > 0 && id.charCodeAt(cut - 1) >= 48 && id.charCodeAt(cut - 1) <= 57) cut--;
		if (cut === id.length || id.length - cut > 6) return false;
		const head = id.slice(0, cut);
		if (prefix === undefined) prefix = head;
		else if (head !== prefix) return false;
		numbers.push(Number(id.slice(cut)));
	}
	const min = Math.min(...numbers);
	if (min > 1 || new Set(numbers).size !== numbers.length) return false;
	if (Math.max(...numbers) !== min + numbers.length - 1) return false;
	return numberGrowsWithAge(entries, numbers);
}

// By times where entries have them; else by document order read as newest first.
function numberGrowsWithAge(entries: readonly RawEntry[], numbers: number[]): boolean {
	const timed = entries
		.map((e, i) => ({ t: e.publishedAt?.getTime(), n: numbers[i] as number }))
		.filter((x): x is { t: number; n: number } => x.t !== undefined);
	if (timed.length >= 2) {
		timed.sort((a, b) => b.t - a.t);
		for (let i = 1; i < timed.length; i++) {
			if ((timed[i] as { n: number }).n < (timed[i - 1] as { n: number }).n) return false;
		}
		return true;
	}
	for (let i = 1; i < numbers.length; i++) {
		if ((numbers[i] as number) < (numbers[i - 1] as number)) return false;
	}
	return true;
}
