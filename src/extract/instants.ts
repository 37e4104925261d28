/** Absolute instants from page data: epoch numbers and ISO strings that carry a zone. */

const SECOND_MIN = 1e9; // 2001-09-09: nothing older is a live-blog timestamp
const SECOND_MAX = 1e10;
const MS_MIN = 1e12;
const MS_MAX = 1e13;

/** Date of an epoch number: >1e12 is milliseconds, 1e9..1e10 seconds, anything else undefined. */
export function epochToDate(value: number): Date | undefined {
	if (!Number.isFinite(value)) return undefined;
	if (value >= MS_MIN && value < MS_MAX) return new Date(Math.round(value));
	if (value >= SECOND_MIN && value < SECOND_MAX) return new Date(Math.round(value * 1000));
	return undefined;
}

/** Finds a 10-digit (seconds) or 13-digit (ms) epoch inside a token such as "post-1726023840". */
export function epochInToken(token: string): Date | undefined {
	const match = /(?:^|\D)(\d{13}|\d{10})(?:\D|$)/.exec(token);
	return match ? epochToDate(Number(match[1])) : undefined;
}

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
	const a = text.charCodeAt(at) - 48;
	const b = text.charCodeAt(at + 1) - 48;
	return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Epoch ms of the form nearly every CMS writes, "2024-08-05T19:49:50Z", "…50.123Z" or
 * "…50+01:00", read without a regex; undefined for anything else (parseInstant's full path,
 * which gives the same instant for these). Pages carry hundreds of these, two per entry.
 */
function plainIsoInstant(text: string): number | undefined {
	const n = text.length;
	if (n !== 20 && n !== 24 && n !== 25 && n !== 29) return undefined;
	if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84)
		return undefined;
	if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
	const century = twoDigits(text, 0);
	const year = century * 100 + twoDigits(text, 2);
	const month = twoDigits(text, 5);
	const day = twoDigits(text, 8);
	const hour = twoDigits(text, 11);
	const minute = twoDigits(text, 14);
	const second = twoDigits(text, 17);
	if (century < 10 || year < century * 100 || month < 1 || month > 12 || day < 1 || day > 31)
		return undefined;
	if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
		return undefined;
	let at = 19;
	let ms = 0;
	if (n === 24 || n === 29) {
		if (text.charCodeAt(19) !== 46) return undefined;
		const hundreds = text.charCodeAt(20) - 48;
		const rest = twoDigits(text, 21);
		if (hundreds < 0 || hundreds > 9 || rest < 0) return undefined;
		ms = hundreds * 100 + rest;
		at = 23;
	}
	let offset = 0;
	const sign = text.charCodeAt(at);
	if (sign === 90 /* Z */ && at === n - 1) offset = 0;
	else if ((sign === 43 || sign === 45) && at === n - 6 && text.charCodeAt(at + 3) === 58) {
		const oh = twoDigits(text, at + 1);
		const om = twoDigits(text, at + 4);
		if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
		offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
	} else return undefined;
	return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
}

const ISO_INSTANT =
	/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * An absolute instant from an ISO string with a zone, or an epoch number/digit string.
 * Zone-less ISO, bare "HH:MM" and relative text ("21 mins ago") are refused on purpose:
 * they are local display strings, not instants.
 */
export function parseInstant(value: unknown): Date | undefined {
	if (typeof value === "number") return epochToDate(value);
	if (typeof value !== "string") return undefined;
	const fast = plainIsoInstant(value);
	if (fast !== undefined) return new Date(fast);
	const text = value.trim();
	if (/^\d+(?:\.\d+)?$/.test(text)) return epochToDate(Number(text));
	const m = ISO_INSTANT.exec(text);
	if (!m) return undefined;
	// Already in the one form Date.parse is specified to read (seconds, "Z" or "±hh:mm"): no rebuild.
	if (
		m[3] !== undefined &&
		text.charCodeAt(10) === 84 /* T */ &&
		/(?:Z|[+-]\d\d:\d\d)$/.test(text)
	) {
		const time = Date.parse(text);
		if (!Number.isNaN(time)) return new Date(time);
	}
	const [, date, hm, sec = "00", frac = "", zone = "Z"] = m;
	let offset = zone.toUpperCase();
	if (offset !== "Z") {
		const digits = offset.slice(1).replace(":", "");
		offset = `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || "00"}`;
	}
	const ms = frac ? `.${frac.slice(0, 3).padEnd(3, "0")}` : "";
	const time = Date.parse(`${date}T${hm}:${sec}${ms}${offset}`);
	return Number.isNaN(time) ? undefined : new Date(time);
}
