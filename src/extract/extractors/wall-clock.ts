/**
 * Reading the stamps of tickers written as rich text: a leading wall-clock time ("07:45 –",
 * "9.05 Uhr:", "14h05", "ore 9.15", "9.15am:", "17.00"), a match minute ("95'", "45'+2") and a
 * day heading ("Donnerstag, 18. 7.", "jeudi 18 juillet", "Thursday 30 December 2014").
 * Every regex here is anchored and runs on a slice of at most STAMP_WINDOW characters.
 */

import { FILLERS, MONTHS, RELATIVE, WEEKDAYS } from "./date-words.js";

/** How much of a block's leading text the stamp readers look at. */
export const STAMP_WINDOW = 64;
/** Longest text that can still be a day heading. */
export const DAY_HEADING_MAX = 60;

/** A clock time at the start of a block, in the page's wall-clock time unless `zone` says otherwise. */
export interface ClockStamp {
	kind: "clock";
	hour: number;
	minute: number;
	second: number;
	/** Zone abbreviation written after the time ("GMT", "CET"), upper-case. */
	zone?: string | undefined;
	/** The date written before the time ("18.07.2024, 11:04 Uhr"), when the stamp has one. */
	date?: DayOfYear | undefined;
	/** Text after the stamp and its separator ("Israelische Drohne …"). */
	rest: string;
}

/** A match minute ("95'", "45'+2"): a position in the game, not a time of day. */
export interface MinuteStamp {
	kind: "minute";
	/** The minute as written, normalised ("45'+2"). */
	label: string;
	rest: string;
}

/** Either kind of leading stamp. */
export type Stamp = ClockStamp | MinuteStamp;

/** A calendar date; `year` is absent when the heading did not give one. */
export interface DayOfYear {
	year?: number | undefined;
	month: number;
	day: number;
	/** 0 = Sunday … 6 = Saturday, when the heading named one (used to pick the missing year). */
	weekday?: number | undefined;
	/** Days relative to the page's date ("today" 0, "yesterday" −1); month/day are then unset (0). */
	relative?: number | undefined;
}

// Prefix words (it "ore", "alle ore", de "um", fr "à", es "a las", pt "às"/"pelas", nordic "kl.", it "h."), then
// H[:.h]MM[:SS], am/pm, a unit ("Uhr", "h", "hrs") and a zone abbreviation. Each part is optional
// and bounded, and the whole pattern is anchored, so a match costs at most one pass over the slice.
const CLOCK =
	/^(?:(?:alle ore|ore|alle|um|às|à|pelas|a las|a la|at|kl\.?|h\.)\s?)?(2[0-3]|[01]?\d)(?:(:|\.|\s?[hH]\s?)([0-5]\d))?(?::([0-5]\d))?(?:\s?([aApP])\.?\s?[mM]\.?(?![a-zA-Z]))?(?:\s?(uhr|uur|hrs?|h|horas|heures)(?![a-zA-Z]))?/i;
// Case-sensitive on purpose: French "14h05 et …" must not read as Eastern Time.
const ZONE_AFTER =
	/^\s?(GMT|BST|UTC|CEST|CET|MESZ|MEZ|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|CT|MT|PT)(?![a-zA-Z])/;

const MINUTE = /^(\d{1,3})(?:\s?\+\s?(\d{1,2}))?\s?['’′](?:\s?\+\s?(\d{1,2}))?/;
// The written-out forms: "12 min:", "45+2 min", "90. Min.", "90. Minute", "67° minuto".
const MINUTE_WORD =
	/^(\d{1,3})(?:\s?\+\s?(\d{1,2}))?(?:\.|°|º)?\s?(?:mins?|minutes?|minuto|minuten)(?![\p{L}])\.?/iu;

// Decoration tickers put after a stamp: "+++ 14.05 Uhr +++", "14:05 –", "(14:05)".
const SEPARATOR = new Set([..." \u00a0:–—-|,•·+)]>/*."]);

function skipWhile(text: string, start: number, set: ReadonlySet<string>, max: number): number {
	let i = start;
	while (i < text.length && i - start < max && set.has(text.charAt(i))) i++;
	return i;
}

/** Index after leading symbols, emoji and punctuation ("+++ ", "🔴 ", "▶ ", "(") before a stamp. */
function skipDecoration(text: string): number {
	let i = 0;
	while (i < text.length && i < 8 && !isWordChar(text.charAt(i))) i++;
	return i;
}

function isWordChar(c: string): boolean {
	return /[\p{L}\p{N}]/u.test(c);
}

/**
 * The stamp a block's text starts with, or undefined. `text` should be the block's leading
 * text (whitespace collapsed); only its first STAMP_WINDOW characters are read.
 */
export function readStamp(text: string): Stamp | undefined {
	if (!mayHoldStamp(text)) return undefined;
	const head = text.slice(0, STAMP_WINDOW);
	const start = skipDecoration(head);
	const slice = head.slice(start);
	const minute = readMinute(text, start, slice);
	if (minute !== undefined) return minute;
	const clock = readClock(text, start, slice);
	if (clock === undefined) return readDatedClock(text, start, slice);
	// "2:45 a.m. ET, October 27, 2023": the date written after the time is the stamp's own.
	const after = clock.rest === "" ? undefined : readDayHeading(clock.rest);
	return after === undefined ? clock : { ...clock, date: after, rest: "" };
}

// Letters (lower-case char codes) a clock's prefix word starts with (CLOCK: "alle ore", "um",
// "pelas", "kl.", "h."); "à"/"às" is not ASCII and always goes to the readers.
const PREFIX_INITIALS: ReadonlySet<number> = new Set([..."aouphk"].map((ch) => ch.charCodeAt(0)));
const TIME_SHAPE = /\d[:.h]\d\d/;

function isDigitAt(text: string, i: number): boolean {
	const c = text.charCodeAt(i);
	return c >= 48 && c <= 57;
}

/**
 * False when no reader below can match: every block of a page is read for a stamp, and most
 * start with a word. A minute or clock needs a digit at the start (after decoration) or after a
 * prefix word; a dated clock needs an "H:MM" in the window (looked for in all of `text`: a match
 * past the window only means the readers run and find nothing).
 */
function mayHoldStamp(text: string): boolean {
	const c = text.charCodeAt(0);
	if (c >= 48 && c <= 57) return true;
	const lower = c | 0x20;
	// Decoration ("+++", "🔴") or a non-ASCII letter: the readers decide.
	if (lower < 97 || lower > 122) return text !== "";
	if (PREFIX_INITIALS.has(lower)) {
		for (let i = 1; i <= 10; i++) if (isDigitAt(text, i)) return true;
	}
	return TIME_SHAPE.test(text);
}

// Where a time may follow a date: "18.07.2024, 11:04", "Thursday 18 July 9.15am", "30 Dec 2014 17.00".
const TIME_AFTER_DATE =
	/[,\s](?=(?:um |at |às |à |a las |ore |alle |kl\. )?\d{1,2}(?::|\.|h)\d\d)/g;

/** "<date>, <time> …": a clock stamp that carries its own date. */
function readDatedClock(text: string, start: number, slice: string): ClockStamp | undefined {
	// Each candidate gap is tried ("Do., 18.07., 11.04": the first gap is inside the date).
	for (const m of slice.matchAll(TIME_AFTER_DATE)) {
		if (m.index === 0) continue;
		const date = readDayHeading(slice.slice(0, m.index));
		if (date === undefined) continue;
		const from = skipWhile(slice, m.index, DATE_TIME_GAP, 4);
		const clock = readClock(text, start + from, slice.slice(from));
		if (clock !== undefined) return { ...clock, date };
	}
	return undefined;
}

const DATE_TIME_GAP = new Set([..." \u00a0,"]);

function restAfter(text: string, end: number): string {
	const from = skipWhile(text, end, SEPARATOR, 8);
	return text.slice(from).trim();
}

function readMinute(text: string, start: number, slice: string): MinuteStamp | undefined {
	const m = MINUTE.exec(slice) ?? MINUTE_WORD.exec(slice);
	if (m === null) return undefined;
	const next = slice.charAt(m[0].length);
	if (next !== "" && isWordChar(next)) return undefined;
	const minute = Number(m[1]);
	if (minute > 150) return undefined;
	const extra = m[2] ?? m[3];
	const label = extra === undefined ? `${minute}'` : `${minute}'+${Number(extra)}`;
	const rest = restAfter(text, start + m[0].length);
	// "21 mins ago" is a frozen relative time, not a match minute.
	if (/^ago\b/i.test(rest)) return undefined;
	return { kind: "minute", label, rest };
}

function readClock(text: string, start: number, slice: string): ClockStamp | undefined {
	const m = CLOCK.exec(slice);
	if (m === null) return undefined;
	const [stamp, h, sep, mm, ss, ampm, unit] = m;
	const zoneMatch = ZONE_AFTER.exec(slice.slice(stamp.length));
	const zone = zoneMatch?.[1];
	const whole = zoneMatch === null ? stamp : stamp + zoneMatch[0];
	const hasMinutes = mm !== undefined;
	// "14h", "9am", "9 Uhr" are times; a bare "14" is a number.
	if (!hasMinutes && ampm === undefined && unit === undefined) return undefined;
	const next = slice.charAt(whole.length);
	const after = slice.charAt(whole.length + 1);
	if (next !== "" && isWordChar(next) && !(ampm || unit || zone)) return undefined;
	// "18.07.2024", "1.200 Menschen", "3.50, 4.20": dates and numbers, not times.
	if ((next === "." || next === ",") && /\d/.test(after)) return undefined;
	// "18.07." closes a numeric date ("Donnerstag, 18.07."), never a time followed by text.
	if (sep === "." && next === "." && after === "") return undefined;
	let hour = Number(h);
	if (ampm !== undefined) {
		if (hour < 1 || hour > 12) return undefined;
		const pm = ampm.toLowerCase() === "p";
		hour = (hour % 12) + (pm ? 12 : 0);
	}
	return {
		kind: "clock",
		hour,
		minute: hasMinutes ? Number(mm) : 0,
		second: ss === undefined ? 0 : Number(ss),
		zone,
		rest: restAfter(text, start + whole.length),
	};
}

// A digit, or a word for "today" or "yesterday": one search (a digit loop and then a word search
// cost more on the short blocks that are read here).
const DIGIT_OR_RELATIVE = new RegExp(["[0-9]", ...RELATIVE.keys()].join("|"), "i");

const GERMAN_SHORT_WEEKDAYS = ["so", "mo", "di", "mi", "do", "fr", "sa"];
const GERMAN_SHORT_WEEKDAY = /^(so|mo|di|mi|do|fr|sa)\./;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A heading whose whole text is a date ("Mittwoch, 17. 7.", "30 December 2014"), else undefined. */
export function readDayHeading(text: string): DayOfYear | undefined {
	// Lower-casing never shortens a text: a longer one cannot become a heading.
	if (text.length > DAY_HEADING_MAX && text.trim().length > DAY_HEADING_MAX) return undefined;
	// Without a digit only "today" or "yesterday" (with a weekday) can be a date. Tested before
	// lower-casing: no other character lower-cases to a letter of those words.
	if (!DIGIT_OR_RELATIVE.test(text)) return undefined;
	const clean = text.trim().toLowerCase();
	if (clean === "" || clean.length > DAY_HEADING_MAX) return undefined;
	const iso = ISO_DATE.exec(clean);
	if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]), undefined);
	// German two-letter weekdays count only with their dot ("Di., 16.07."): "di" is also a word.
	const short = GERMAN_SHORT_WEEKDAY.exec(clean);
	const body = short === null ? clean : clean.slice(short[0].length);
	const tokens = body.split(/[\s,./:–—-]+/).filter((t) => t !== "");
	let weekday: number | undefined =
		short === null ? undefined : GERMAN_SHORT_WEEKDAYS.indexOf(short[1] as string);
	let month: number | undefined;
	let relative: number | undefined;
	const numbers: number[] = [];
	for (const token of tokens) {
		const ordinal = /^(\d{1,4})(?:st|nd|rd|th|er|º|°|e)?$/.exec(token);
		if (ordinal) {
			numbers.push(Number(ordinal[1]));
			continue;
		}
		const wd = WEEKDAYS.get(token);
		if (wd !== undefined && weekday === undefined) {
			weekday = wd;
			continue;
		}
		const mo = MONTHS.get(token);
		if (mo !== undefined && month === undefined) {
			month = mo + 1;
			continue;
		}
		const rel = RELATIVE.get(token);
		if (rel !== undefined && relative === undefined) {
			relative = rel;
			continue;
		}
		if (!FILLERS.has(token)) return undefined;
	}
	if (relative !== undefined) {
		return numbers.length === 0 && month === undefined
			? { month: 0, day: 0, relative, weekday }
			: undefined;
	}
	if (month !== undefined) return namedMonthDay(numbers, month, weekday);
	// A bare "18 7" is too weak (a score, a ratio); "18. 7." or a weekday makes it a date.
	const dotted = /^\d{1,2}\.\s?\d{1,2}\.$/.test(clean);
	return numbers.length === 2 && weekday === undefined && !dotted
		? undefined
		: numericDay(numbers, weekday);
}

function yearOf(value: number | undefined): number | undefined {
	if (value === undefined) return undefined;
	if (value >= 1990 && value <= 2100) return value;
	if (value < 100) return 2000 + value;
	return Number.NaN;
}

function namedMonthDay(
	numbers: number[],
	month: number,
	weekday: number | undefined,
): DayOfYear | undefined {
	// "18 juillet 2024", "July 18, 2024", "18. Juli": a day, then maybe a 4-digit year.
	if (numbers.length < 1 || numbers.length > 2) return undefined;
	const [day, year] = numbers as [number, number | undefined];
	if (year !== undefined && (year < 1990 || year > 2100)) return undefined;
	return validDay(year, month, day, weekday);
}

function numericDay(numbers: number[], weekday: number | undefined): DayOfYear | undefined {
	// "18. 7.", "18.07.2024", "7/18/2024": day first unless only month-first can be valid.
	if (numbers.length < 2 || numbers.length > 3) return undefined;
	let [day, month] = numbers as [number, number];
	const year = yearOf(numbers[2]);
	if (year !== undefined && Number.isNaN(year)) return undefined;
	if (month > 12 && day <= 12) [day, month] = [month, day];
	return validDay(year, month, day, weekday);
}

function validDay(
	year: number | undefined,
	month: number,
	day: number,
	weekday: number | undefined,
): DayOfYear | undefined {
	if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
	if (year !== undefined) {
		const date = new Date(Date.UTC(year, month - 1, day));
		if (date.getUTCDate() !== day) return undefined;
	}
	return { year, month, day, weekday };
}
