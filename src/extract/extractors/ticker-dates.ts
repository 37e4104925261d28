/**
 * Dates for a ticker's bare clock times: the nearest day heading before the entry, else the
 * page's date, with the midnight roll-over of a run that crosses a day without saying so.
 */

import type { PageClock, PageDay } from "./page-clock.js";
import { type Zone, zonedInstant, zoneOfAbbreviation } from "./page-zone.js";
import type { ClockStamp, DayOfYear } from "./wall-clock.js";

/** A calendar date. */
export interface CalendarDay {
	year: number;
	month: number;
	day: number;
}

/** One clock-stamped entry in document order, with the day heading above it (if any). */
export interface DatedStamp {
	stamp: ClockStamp;
	/** The day heading the entry sits under, already resolved to a full date. */
	heading?: CalendarDay | undefined;
}

/** The local date and instant chosen for one stamp. */
export interface StampTime {
	day: CalendarDay;
	at: Date;
}

// Newest-first runs are sometimes a few minutes out of order (an entry moved up after an edit);
// only a larger jump up is a step back over midnight.
const REORDER_TOLERANCE = 30;
// A page's date can lag its newest entry (metadata the CMS bumps late): not a day back for that.
// An entry that would then lie after the poll time is stepped back instead (FUTURE_SLACK_MS).
const REFERENCE_SLACK = 180;
// Clocks of newsrooms and pollers differ a little.
const FUTURE_SLACK_MS = 10 * 60_000;

/** Adds days to a calendar date. */
export function addDays(d: CalendarDay, days: number): CalendarDay {
	const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
	return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function dayNumber(d: CalendarDay): number {
	return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

function sameDay(a: CalendarDay | undefined, b: CalendarDay | undefined): boolean {
	return a !== undefined && b !== undefined && dayNumber(a) === dayNumber(b);
}

/**
 * A day heading as a full date. Without a year, the year is the one (around the page's date)
 * whose weekday matches the heading's, else the latest that is not after the page's date.
 */
export function resolveHeading(day: DayOfYear, reference: PageDay): CalendarDay | undefined {
	if (day.relative !== undefined) return addDays(reference, day.relative);
	if (day.year !== undefined) return { year: day.year, month: day.month, day: day.day };
	const limit = dayNumber(reference) + 2;
	const years = [reference.year + 1, reference.year, reference.year - 1];
	const candidates = years
		.map((year) => ({ year, month: day.month, day: day.day }))
		.filter((d) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDate() === d.day);
	const byWeekday =
		day.weekday === undefined
			? []
			: candidates.filter(
					(d) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() === day.weekday,
				);
	const pool = byWeekday.length > 0 ? byWeekday : candidates;
	return pool.find((d) => dayNumber(d) <= limit) ?? pool.at(-1);
}

function minutesOf(stamp: ClockStamp): number {
	return stamp.hour * 60 + stamp.minute;
}

/** True when the run reads newest first (the usual order); false when it runs oldest first. */
export function isNewestFirst(items: readonly DatedStamp[]): boolean {
	const headed = items.filter((i) => i.heading !== undefined);
	const first = headed[0]?.heading;
	const last = headed.at(-1)?.heading;
	if (first !== undefined && last !== undefined && !sameDay(first, last)) {
		return dayNumber(first) > dayNumber(last);
	}
	let down = 0;
	let up = 0;
	for (let i = 1; i < items.length; i++) {
		const a = items[i - 1] as DatedStamp;
		const b = items[i] as DatedStamp;
		if (a.heading !== b.heading && !sameDay(a.heading, b.heading)) continue;
		const diff = minutesOf(b.stamp) - minutesOf(a.stamp);
		if (diff < 0) down++;
		else if (diff > 0) up++;
	}
	return down >= up;
}

/**
 * Dates and instants for a run of clock stamps (document order in, same order out). The run is
 * walked newest first: a heading sets the day; otherwise the newest entry takes the page's date
 * (the day before if its time is later than the page's own time) and each jump up in time steps
 * back one day.
 */
export function dateStamps(
	items: readonly DatedStamp[],
	clock: PageClock,
	newestFirst = isNewestFirst(items),
): StampTime[] {
	const order = items.map((_, i) => i);
	if (!newestFirst) order.reverse();
	const out: StampTime[] = new Array(items.length);
	let day: CalendarDay | undefined;
	let previous: DatedStamp | undefined;
	for (const index of order) {
		const item = items[index] as DatedStamp;
		const minutes = minutesOf(item.stamp);
		if (item.heading !== undefined && !sameDay(item.heading, previous?.heading)) {
			day = item.heading;
		} else if (day === undefined || previous === undefined) {
			const ref = clock.reference;
			const late = ref.minutes !== undefined && minutes > ref.minutes + REFERENCE_SLACK;
			day = late ? addDays(ref, -1) : { year: ref.year, month: ref.month, day: ref.day };
		} else if (minutes > minutesOf(previous.stamp) + REORDER_TOLERANCE) {
			day = addDays(day, -1);
		}
		const zone: Zone = zoneOfAbbreviation(item.stamp.zone) ?? clock.zone;
		const { hour, minute, second } = item.stamp;
		let at = zonedInstant(zone, day, hour, minute, second);
		// A day the page did not name must not put an entry after the poll: it is the day before.
		if (item.heading === undefined && at.getTime() > clock.now + FUTURE_SLACK_MS) {
			day = addDays(day, -1);
			at = zonedInstant(zone, day, hour, minute, second);
		}
		out[index] = { day, at };
		previous = item;
	}
	return out;
}
