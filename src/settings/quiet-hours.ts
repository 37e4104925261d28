/** Quiet hours in a chat's time zone: whether a moment falls inside the window, and when it ends. */
import type { QuietHours } from "./settings-model.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat("en-GB", {
			timeZone,
			hour: "2-digit",
			minute: "2-digit",
			hourCycle: "h23",
		});
		formatters.set(timeZone, f);
	}
	return f;
}

/** Minutes since local midnight of `at` in `timeZone`. */
export function minuteOfDay(at: number, timeZone: string): number {
	const parts = formatterFor(timeZone).formatToParts(new Date(at));
	const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
	const minute = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
	return (hour % 24) * 60 + minute;
}

/** "23:00" → 1380. */
export function parseClock(hhmm: string): number {
	const [h = "0", m = "0"] = hhmm.split(":");
	return Number(h) * 60 + Number(m);
}

/** Whether `at` is inside the quiet window (from inclusive, to exclusive; wraps past midnight). */
export function isQuiet(at: number, quiet: QuietHours | null, timeZone: string): boolean {
	if (!quiet) return false;
	const now = minuteOfDay(at, timeZone);
	const from = parseClock(quiet.from);
	const to = parseClock(quiet.to);
	return from < to ? now >= from && now < to : now >= from || now < to;
}
