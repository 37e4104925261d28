/**
 * The time zone of a page that shows wall-clock times without a zone. Rule, first that applies:
 * 1. an IANA zone named in the page's embedded state ("timeZone": "Europe/Zurich");
 * 2. the page's own offset-bearing dates (meta article:published_time, JSON-LD dates): the zone of
 *    the page's language/region when it has that offset at that date (so DST is right), else the
 *    fixed offset;
 * 3. the zone of the page's language/region (de-CH → Europe/Zurich, fr → Europe/Paris);
 * otherwise none, and zone-less times are not read (a wrong hour is worse than no time).
 * "Z"/"+00:00" dates are not evidence: pages write UTC conversions of local times that way.
 */

import { ianaOffsetAt, isKnownZone } from "./zone-offset.js";

/** A page zone and the words that say where it came from. */
export interface PageZone {
	/** IANA name, or a fixed offset "+02:00". */
	zone: string;
	why: string;
}

/** What the page scan saw that can name a zone. */
export interface ZoneFacts {
	lang?: string | undefined;
	/** Date strings the page gives for itself (meta tags). */
	metaTimes: readonly string[];
	/** Script texts (JSON-LD, embedded state) to look for zone names and offsets in. */
	scripts: readonly string[];
}

const REGION_ZONES: Readonly<Record<string, string>> = {
	CH: "Europe/Zurich",
	DE: "Europe/Berlin",
	AT: "Europe/Vienna",
	FR: "Europe/Paris",
	BE: "Europe/Brussels",
	NL: "Europe/Amsterdam",
	LU: "Europe/Luxembourg",
	IT: "Europe/Rome",
	ES: "Europe/Madrid",
	PT: "Europe/Lisbon",
	GB: "Europe/London",
	UK: "Europe/London",
	IE: "Europe/Dublin",
	DK: "Europe/Copenhagen",
	SE: "Europe/Stockholm",
	NO: "Europe/Oslo",
	FI: "Europe/Helsinki",
	PL: "Europe/Warsaw",
	CZ: "Europe/Prague",
	GR: "Europe/Athens",
	IL: "Asia/Jerusalem",
	JP: "Asia/Tokyo",
	IN: "Asia/Kolkata",
	NZ: "Pacific/Auckland",
	ZA: "Africa/Johannesburg",
};
// Languages spoken mostly in one zone; "en", "pt", "ru" and the like span many and give none.
const LANGUAGE_ZONES: Readonly<Record<string, string>> = {
	de: "Europe/Berlin",
	fr: "Europe/Paris",
	it: "Europe/Rome",
	es: "Europe/Madrid",
	nl: "Europe/Amsterdam",
	pl: "Europe/Warsaw",
	cs: "Europe/Prague",
	da: "Europe/Copenhagen",
	sv: "Europe/Stockholm",
	nb: "Europe/Oslo",
	no: "Europe/Oslo",
	fi: "Europe/Helsinki",
	el: "Europe/Athens",
	he: "Asia/Jerusalem",
	ja: "Asia/Tokyo",
};

const SCRIPT_WINDOW = 200_000;
const ZONE_NAME = /"(?:timezone|timeZone|time_zone|tz)"\s?:\s?"([A-Za-z]{2,20}\/[A-Za-z_]{2,30})"/;
const OFFSET_DATE = /\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?([+-])(\d\d):?(\d\d)/;
/** Offset (minutes east of UTC) of a zone (IANA or "+hh:mm") at an instant. */
export function zoneOffsetAt(zone: string, at: number): number | undefined {
	const fixed = /^([+-])(\d\d):(\d\d)$/.exec(zone);
	if (fixed) return (fixed[1] === "-" ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
	return ianaOffsetAt(zone, at);
}

/** The instant a wall-clock date + time has in a zone ("2024-07-18", "09:05[:30]"). */
export function localToInstant(date: string, time: string, zone: string): Date | undefined {
	const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
	const t = /^(\d\d?)[:.](\d\d)(?::(\d\d))?/.exec(time);
	if (!m || !t) return undefined;
	const wall = Date.UTC(
		Number(m[1]),
		Number(m[2]) - 1,
		Number(m[3]),
		Number(t[1]),
		Number(t[2]),
		Number(t[3] ?? 0),
	);
	if (Number.isNaN(wall)) return undefined;
	const first = zoneOffsetAt(zone, wall);
	if (first === undefined) return undefined;
	let at = wall - first * 60_000;
	// Across a DST change the offset at the guess and at the answer differ; the second one is right.
	const second = zoneOffsetAt(zone, at);
	if (second !== undefined && second !== first) at = wall - second * 60_000;
	return new Date(at);
}

function localeZone(lang: string | undefined): { zone: string; lang: string } | undefined {
	if (lang === undefined) return undefined;
	const [language = "", region = ""] = lang.trim().split(/[-_]/);
	const zone = REGION_ZONES[region.toUpperCase()] ?? LANGUAGE_ZONES[language.toLowerCase()];
	return zone === undefined ? undefined : { zone, lang: lang.trim() };
}

function pageOffset(facts: ZoneFacts): { offset: number; at: number; text: string } | undefined {
	for (const text of [...facts.metaTimes, ...facts.scripts.map((s) => s.slice(0, SCRIPT_WINDOW))]) {
		const m = OFFSET_DATE.exec(text);
		if (!m) continue;
		const offset = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
		const at = Date.parse(m[0].replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
		if (offset !== 0 && !Number.isNaN(at)) return { offset, at, text: m[0] };
	}
	return undefined;
}

function formatOffset(minutes: number): string {
	const abs = Math.abs(minutes);
	const hh = String(Math.floor(abs / 60)).padStart(2, "0");
	return `${minutes < 0 ? "-" : "+"}${hh}:${String(abs % 60).padStart(2, "0")}`;
}

/** The page's zone by the rule above, or undefined when the page names none. */
export function pageZoneOf(facts: ZoneFacts): PageZone | undefined {
	for (const script of facts.scripts) {
		const named = ZONE_NAME.exec(script.slice(0, SCRIPT_WINDOW))?.[1];
		if (named !== undefined && isKnownZone(named))
			return { zone: named, why: `the zone "${named}" named in the page's embedded data` };
	}
	const locale = localeZone(facts.lang);
	const seen = pageOffset(facts);
	if (seen !== undefined) {
		if (locale !== undefined && zoneOffsetAt(locale.zone, seen.at) === seen.offset) {
			return {
				zone: locale.zone,
				why: `the page's language "${locale.lang}" (${locale.zone}), which agrees with its own date ${seen.text}`,
			};
		}
		const fixed = formatOffset(seen.offset);
		return { zone: fixed, why: `the offset of the page's own date ${seen.text}` };
	}
	if (locale !== undefined)
		return { zone: locale.zone, why: `the page's language "${locale.lang}" (${locale.zone})` };
	return undefined;
}
