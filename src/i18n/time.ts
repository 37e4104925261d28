/** Times the bot shows, in the chat's time zone and language: the time alone today, with the date otherwise. */
import { DEFAULT_LOCALE, type Locale } from "./catalogue.js";

/** Where and how a time is shown; every field optional (English, UTC, now). */
export interface TimeStyle {
	locale?: Locale | undefined;
	/** IANA zone name (e.g. Europe/Kyiv); unknown names fall back to UTC. */
	timeZone?: string | undefined;
	/** "Today" is judged against this instant, in `timeZone`. */
	now?: Date | undefined;
}

// British English writes "11 Sept 2024, 09:23", closest to what the bot always showed.
const INTL_LOCALE: Readonly<Record<Locale, string>> = {
	en: "en-GB",
	de: "de",
	fr: "fr",
	es: "es",
	uk: "uk",
};
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
	locale: string,
	timeZone: string,
	shape: "time" | "date-time" | "date-time-year" | "day",
): Intl.DateTimeFormat {
	const key = `${locale}|${timeZone}|${shape}`;
	let f = formatters.get(key);
	if (!f) {
		const time = {
			hour: "2-digit",
			minute: "2-digit",
			hourCycle: "h23",
			timeZoneName: "short",
		} as const;
		const options: Intl.DateTimeFormatOptions =
			shape === "day"
				? { year: "numeric", month: "2-digit", day: "2-digit" }
				: shape === "time"
					? time
					: shape === "date-time"
						? { ...time, day: "numeric", month: "short" }
						: { ...time, day: "numeric", month: "short", year: "numeric" };
		f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
		formatters.set(key, f);
	}
	return f;
}

/** `timeZone` if Intl knows it, else UTC (a stored zone from an older tz database must not break posts). */
export function usableTimeZone(timeZone: string | undefined): string {
	if (!timeZone) return "UTC";
	try {
		new Intl.DateTimeFormat("en", { timeZone });
		return timeZone;
	} catch {
		// RangeError: not a zone this runtime knows; UTC is the documented default.
		return "UTC";
	}
}

/** The calendar day of `date` in `timeZone`, e.g. "09/11/2024" (only compared, never shown). */
function dayIn(date: Date, timeZone: string): string {
	return formatter("en-US", timeZone, "day").format(date);
}

/** "09:23 UTC" when `date` is today in the zone, "11 Sept, 09:23 UTC" this year, else with the year. */
export function formatWhen(date: Date, style: TimeStyle = {}): string {
	const locale = INTL_LOCALE[style.locale ?? DEFAULT_LOCALE];
	const timeZone = usableTimeZone(style.timeZone);
	const now = style.now ?? new Date();
	if (dayIn(date, timeZone) === dayIn(now, timeZone)) {
		return formatter(locale, timeZone, "time").format(date);
	}
	const sameYear = dayIn(date, timeZone).slice(-4) === dayIn(now, timeZone).slice(-4);
	return formatter(locale, timeZone, sameYear ? "date-time" : "date-time-year").format(date);
}
