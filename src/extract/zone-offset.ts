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
/** Most quarter hours remembered (over all zones) before the memo starts again. */
const MAX_CACHED = 10_000;
// Per zone, by quarter hour number: a number key needs no string built and hashed per lookup.
const offsetCache = new Map<string, Map<number, number>>();
let cached = 0;
// The zone of the last lookup: a ticker asks about one zone many times in a row.
let lastName = "";
let lastZone: Map<number, number> | undefined;

/** Offset (minutes east of UTC) of an IANA zone at an instant; undefined for an unknown zone. */
export function ianaOffsetAt(name: string, at: number): number | undefined {
	// Zone changes happen on quarter hours of UTC, so one lookup serves a whole quarter hour; a
	// long ticker dates thousands of stamps on a handful of days.
	const quarter = Math.floor(at / QUARTER_HOUR);
	let zone = lastZone;
	if (name !== lastName) {
		zone = offsetCache.get(name);
		lastName = name;
		lastZone = zone;
	}
	const hit = zone?.get(quarter);
	if (hit !== undefined) return hit;
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
	if (cached >= MAX_CACHED) {
		offsetCache.clear();
		cached = 0;
		zone = undefined;
	}
	if (zone === undefined) {
		zone = new Map();
		offsetCache.set(name, zone);
	}
	zone.set(quarter, offset);
	cached++;
	lastZone = zone;
	return offset;
}
