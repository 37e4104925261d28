/**
 * UTC offsets of IANA zones through Intl.DateTimeFormat, so daylight saving is the tz database's,
 * not ours. Shared by the page-zone rule of structured times and by the ticker's wall-clock dates.
 */

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterOf(name: string): Intl.DateTimeFormat | undefined {
	let f = formatters.get(name);
	if (f === undefined) {
		try {
			f = new Intl.DateTimeFormat("en-US", {
				timeZone: name,
				hourCycle: "h23",
				year: "numeric",
				month: "numeric",
				day: "numeric",
				hour: "numeric",
				minute: "numeric",
				second: "numeric",
			});
		} catch {
			// Not a zone this ICU knows (a typo in page data); callers treat it as no evidence.
			f = null;
		}
		if (formatters.size < 500) formatters.set(name, f);
	}
	return f ?? undefined;
}

/** True when Intl knows the IANA zone name. */
export function isKnownZone(name: string): boolean {
	return formatterOf(name) !== undefined;
}

const QUARTER_HOUR = 15 * 60_000;
const offsetCache = new Map<string, number>();

/** Offset (minutes east of UTC) of an IANA zone at an instant; undefined for an unknown zone. */
export function ianaOffsetAt(name: string, at: number): number | undefined {
	// Zone changes happen on quarter hours of UTC, so one lookup serves a whole quarter hour; a
	// long ticker dates thousands of stamps on a handful of days.
	const key = `${name}|${Math.floor(at / QUARTER_HOUR)}`;
	const cached = offsetCache.get(key);
	if (cached !== undefined) return cached;
	const f = formatterOf(name);
	if (f === undefined) return undefined;
	const parts: Record<string, number> = {};
	for (const p of f.formatToParts(new Date(at))) {
		if (p.type !== "literal") parts[p.type] = Number(p.value);
	}
	const local = Date.UTC(
		parts.year ?? 1970,
		(parts.month ?? 1) - 1,
		parts.day ?? 1,
		parts.hour ?? 0,
		parts.minute ?? 0,
		parts.second ?? 0,
	);
	const offset = Math.round((local - Math.floor(at / 1000) * 1000) / 60_000);
	if (offsetCache.size >= 10_000) offsetCache.clear();
	offsetCache.set(key, offset);
	return offset;
}
