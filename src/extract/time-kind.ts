/** Reads a time attribute/field together with how it was written (see TimeKind). */

import type { ExtractContext, TimeKind } from "./raw-entry.js";
import { parseInstant } from "./text.js";

/** Attribute/field names of the time a page shows or sorts entries by (what readers see). */
export const SHOWN_TIME_NAME = /sort|display|shown/i;

const ZERO_OFFSET = /[+-]00:?00$/;
// Zone-less ISO date-time, as written in <time datetime> by sites that show wall-clock times.
const COMPACT = /^(20\d\d)(0[1-9]|1[0-2])([0-2]\d|3[01])([01]\d|2[0-3])([0-5]\d)([0-5]\d)$/;
const LOCAL_ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/** How an instant was written; undefined when the value is not an instant parseInstant reads. */
export function timeKindOf(value: unknown): TimeKind | undefined {
	if (typeof value === "number") return "epoch";
	if (typeof value !== "string") return undefined;
	const text = value.trim();
	if (text === "") return undefined;
	const last = text.charCodeAt(text.length - 1);
	if (last >= 48 && last <= 57 && !text.includes("-")) return "epoch";
	if (last === 90 || last === 122 /* Z z */ || ZERO_OFFSET.test(text)) return "utc";
	return "offset";
}

/** An instant and how it was written. */
export interface TimedValue {
	at: Date;
	kind: TimeKind;
}

/**
 * Reads an instant; a zone-less ISO date-time is read in the page's zone when the page gives one
 * (kind "local"), and refused otherwise.
 */
export function readTime(value: unknown, ctx?: ExtractContext): TimedValue | undefined {
	const at = parseInstant(value);
	if (at !== undefined) return { at, kind: timeKindOf(value) ?? "offset" };
	if (typeof value !== "string" || ctx?.localTime === undefined) return undefined;
	let text = value.trim();
	// "20180424142720" (YYYYMMDDhhmmss, AMP sort times of some CMSs): a zone-less local time.
	const compact = COMPACT.exec(text);
	if (compact !== null) {
		const [, y, mo, d, h, mi, se] = compact;
		text = `${y}-${mo}-${d}T${h}:${mi}:${se}`;
	}
	if (text.length > 40 || !LOCAL_ISO.test(text)) return undefined;
	const local = ctx.localTime(text);
	return local === undefined ? undefined : { at: local, kind: "local" };
}
