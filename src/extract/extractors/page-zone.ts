/**
 * Which time zone a page's bare wall-clock times are in, and the arithmetic to turn a local
 * date + time into an instant. Zone arithmetic goes through Intl.DateTimeFormat, so daylight
 * saving is the tz database's, not ours. The rule for picking the zone is documented in
 * README.md ("Times without a zone") and implemented once, by resolveZone: the ticker clock
 * (page-clock.ts) and zone-less times in structured data (pageZoneOf) both go through it.
 */

import { ianaOffsetAt, isKnownZone } from "../zone-offset.js";

export { isKnownZone };

/** A zone: an IANA name, or a fixed UTC offset in minutes when the page only showed an offset. */
export type Zone = { kind: "iana"; name: string } | { kind: "fixed"; minutes: number };

/** What the page says about its zone; every field may be empty. */
export interface ZoneEvidence {
	/** IANA names found in the page's embedded state ("timezone":"Europe/Zurich"). */
	names: string[];
	/** Non-zero UTC offsets written next to instants on the page (ISO dates in meta, JSON-LD). */
	offsets: { at: number; minutes: number }[];
	/** BCP 47 locales of the page: og:locale, html[lang], content-language. */
	locales: string[];
	/** Host names of the page (fetched and canonical URL). */
	hosts: string[];
	/** Zone abbreviations printed next to times in the page text ("5:00PM GMT"). */
	abbreviations: string[];
}

/** The zone chosen and why (for logs and tests). */
export interface ResolvedZone {
	zone: Zone;
	reason: string;
}

const HALF_DAY = 12 * 3_600_000;

/** UTC. */
export const UTC: Zone = { kind: "fixed", minutes: 0 };

/** resolveZone's reason when the page gave no evidence at all (and UTC was assumed). */
const NO_EVIDENCE = "no zone evidence: read as UTC";

// Countries with one civil zone. Countries that span several (US, CA, AU, BR, MX, RU) are left
// out on purpose: for them only an embedded zone name or an offset can tell.
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
	GB: "Europe/London",
	UK: "Europe/London",
	IE: "Europe/Dublin",
	DE: "Europe/Berlin",
	AT: "Europe/Vienna",
	CH: "Europe/Zurich",
	LI: "Europe/Vaduz",
	FR: "Europe/Paris",
	BE: "Europe/Brussels",
	LU: "Europe/Luxembourg",
	NL: "Europe/Amsterdam",
	IT: "Europe/Rome",
	ES: "Europe/Madrid",
	PT: "Europe/Lisbon",
	DK: "Europe/Copenhagen",
	SE: "Europe/Stockholm",
	NO: "Europe/Oslo",
	FI: "Europe/Helsinki",
	PL: "Europe/Warsaw",
	CZ: "Europe/Prague",
	GR: "Europe/Athens",
	IL: "Asia/Jerusalem",
	IN: "Asia/Kolkata",
	JP: "Asia/Tokyo",
	NZ: "Pacific/Auckland",
	ZA: "Africa/Johannesburg",
};

// A language without a region: the country where most of its newsrooms are. English and
// Portuguese are spoken across too many zones to guess.
const LANGUAGE_COUNTRIES: Readonly<Record<string, string>> = {
	de: "DE",
	fr: "FR",
	it: "IT",
	es: "ES",
	nl: "NL",
	pl: "PL",
	da: "DK",
	sv: "SE",
	nb: "NO",
	nn: "NO",
	no: "NO",
	fi: "FI",
	cs: "CZ",
	el: "GR",
	he: "IL",
	ja: "JP",
};

// Abbreviations printed after times. Names that only say "central European time" get Berlin's
// rules, which every CET country shares.
const ABBREVIATION_ZONES: Readonly<Record<string, Zone>> = {
	GMT: { kind: "iana", name: "Europe/London" },
	BST: { kind: "iana", name: "Europe/London" },
	UTC: UTC,
	CET: { kind: "iana", name: "Europe/Berlin" },
	CEST: { kind: "iana", name: "Europe/Berlin" },
	MEZ: { kind: "iana", name: "Europe/Berlin" },
	MESZ: { kind: "iana", name: "Europe/Berlin" },
	ET: { kind: "iana", name: "America/New_York" },
	EST: { kind: "iana", name: "America/New_York" },
	EDT: { kind: "iana", name: "America/New_York" },
	CT: { kind: "iana", name: "America/Chicago" },
	CST: { kind: "iana", name: "America/Chicago" },
	CDT: { kind: "iana", name: "America/Chicago" },
	MT: { kind: "iana", name: "America/Denver" },
	MST: { kind: "iana", name: "America/Denver" },
	MDT: { kind: "iana", name: "America/Denver" },
	PT: { kind: "iana", name: "America/Los_Angeles" },
	PST: { kind: "iana", name: "America/Los_Angeles" },
	PDT: { kind: "iana", name: "America/Los_Angeles" },
};

// A stamp's own abbreviation fixes the offset outright where it names one ("CEST" is +2 even if
// the page's zone were wrong); the generic ones ("ET") follow their zone's daylight saving.
const FIXED_ABBREVIATIONS: Readonly<Record<string, number>> = {
	GMT: 0,
	UTC: 0,
	BST: 60,
	CET: 60,
	MEZ: 60,
	CEST: 120,
	MESZ: 120,
	EST: -300,
	EDT: -240,
	CST: -360,
	CDT: -300,
	MST: -420,
	MDT: -360,
	PST: -480,
	PDT: -420,
};

/** Local calendar fields of an instant in a zone. */
export interface LocalTime {
	year: number;
	month: number;
	day: number;
	/** Minutes since local midnight. */
	minutes: number;
}

/** The zone's offset from UTC, in minutes, at an instant (0 for a zone Intl does not know). */
export function offsetAt(zone: Zone, at: number): number {
	if (zone.kind === "fixed") return zone.minutes;
	return ianaOffsetAt(zone.name, at) ?? 0;
}

/** Local date and time of day of an instant in a zone. */
export function localTimeOf(zone: Zone, at: number): LocalTime {
	const shifted = new Date(at + offsetAt(zone, at) * 60_000);
	return {
		year: shifted.getUTCFullYear(),
		month: shifted.getUTCMonth() + 1,
		day: shifted.getUTCDate(),
		minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
	};
}

/**
 * The instant of a local date and time in a zone. In a spring-forward gap the time is read with
 * the offset from before the change; in the repeated autumn hour the first occurrence wins.
 */
export function zonedInstant(
	zone: Zone,
	date: { year: number; month: number; day: number },
	hour: number,
	minute: number,
	second = 0,
): Date {
	const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute, second);
	// Zone changes are never less than a day apart: the offsets half a day either side are the
	// only two the wall time can be in. Both fit in the repeated hour; neither fits in the gap.
	if (zone.kind === "fixed") return new Date(wall - zone.minutes * 60_000);
	const before = wall - offsetAt(zone, wall - HALF_DAY) * 60_000;
	const after = wall - offsetAt(zone, wall + HALF_DAY) * 60_000;
	const beforeFits = before + offsetAt(zone, before) * 60_000 === wall;
	// Away from a change both offsets are the same: one candidate, read once.
	const afterFits = after === before ? beforeFits : after + offsetAt(zone, after) * 60_000 === wall;
	if (beforeFits && afterFits) return new Date(Math.min(before, after));
	return new Date(afterFits ? after : before);
}

/** The zone a stamp's own abbreviation fixes, or undefined. */
export function zoneOfAbbreviation(abbreviation: string | undefined): Zone | undefined {
	if (abbreviation === undefined) return undefined;
	const fixed = FIXED_ABBREVIATIONS[abbreviation];
	if (fixed !== undefined) return { kind: "fixed", minutes: fixed };
	return ABBREVIATION_ZONES[abbreviation];
}

function countryOfHost(host: string): string | undefined {
	const tld = host.toLowerCase().split(".").pop();
	if (tld === undefined || tld.length !== 2) return undefined;
	return tld.toUpperCase();
}

/** True when the zone gives every offset the page wrote next to an instant. */
function agrees(zone: Zone, offsets: ZoneEvidence["offsets"]): boolean {
	for (const o of offsets) if (offsetAt(zone, o.at) !== o.minutes) return false;
	return true;
}

/** The named zone when Intl knows it and it agrees with the page's offsets. */
function agreeingZone(name: string | undefined, ev: ZoneEvidence): Zone | undefined {
	if (name === undefined || !isKnownZone(name)) return undefined;
	const zone: Zone = { kind: "iana", name };
	return agrees(zone, ev.offsets) ? zone : undefined;
}

/**
 * The first candidate that agrees with the page's offsets: embedded zone name, locale region,
 * country domain, language, printed abbreviation. Candidates after it are never looked at.
 */
function firstAgreeing(ev: ZoneEvidence): ResolvedZone | undefined {
	for (const name of ev.names) {
		const zone = agreeingZone(name, ev);
		if (zone !== undefined) return { zone, reason: `embedded zone name ${name}` };
	}
	for (const locale of ev.locales) {
		const region = /^[a-z]{2,3}[-_]([a-z]{2})\b/i.exec(locale)?.[1]?.toUpperCase();
		const zone = region === undefined ? undefined : agreeingZone(COUNTRY_ZONES[region], ev);
		if (zone !== undefined) return { zone, reason: `locale ${locale}` };
	}
	for (const host of ev.hosts) {
		const country = countryOfHost(host);
		const zone = country === undefined ? undefined : agreeingZone(COUNTRY_ZONES[country], ev);
		if (zone !== undefined) return { zone, reason: `domain ${host}` };
	}
	for (const locale of ev.locales) {
		const language = /^([a-z]{2,3})\b/i.exec(locale)?.[1]?.toLowerCase();
		const country = language === undefined ? undefined : LANGUAGE_COUNTRIES[language];
		const zone = country === undefined ? undefined : agreeingZone(COUNTRY_ZONES[country], ev);
		if (zone !== undefined) return { zone, reason: `language ${locale}` };
	}
	for (const abbreviation of ev.abbreviations) {
		const zone = ABBREVIATION_ZONES[abbreviation];
		if (zone !== undefined && agrees(zone, ev.offsets)) {
			return { zone, reason: `abbreviation ${abbreviation}` };
		}
	}
	return undefined;
}

/**
 * Picks the page's zone: the first candidate (embedded zone name, locale region, country domain,
 * language, printed abbreviation) that agrees with every offset the page writes next to its
 * instants; failing that the newest such offset as a fixed zone; failing that UTC.
 */
export function resolveZone(ev: ZoneEvidence): ResolvedZone {
	const found = firstAgreeing(ev);
	if (found !== undefined) return found;
	const newest = [...ev.offsets].sort((a, b) => b.at - a.at)[0];
	if (newest !== undefined) {
		return { zone: { kind: "fixed", minutes: newest.minutes }, reason: "offset on the page" };
	}
	return { zone: UTC, reason: NO_EVIDENCE };
}

/** A page zone for zone-less times in structured data, and the words that say where it came from. */
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
	/** Host names of the page (fetched and canonical URL). */
	hosts?: readonly string[] | undefined;
}

const SCRIPT_WINDOW = 200_000;
const SCRIPT_ZONE_NAME =
	/"(?:timezone|timeZone|time_zone|tz)"\s?:\s?"([A-Za-z]{2,20}\/[A-Za-z_]{2,30})"/;
const OFFSET_DATE = /\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?([+-])(\d\d):?(\d\d)/;
const FIXED_LABEL = /^([+-])(\d\d):(\d\d)$/;

function formatOffset(minutes: number): string {
	const abs = Math.abs(minutes);
	const hh = String(Math.floor(abs / 60)).padStart(2, "0");
	return `${minutes < 0 ? "-" : "+"}${hh}:${String(abs % 60).padStart(2, "0")}`;
}

/** A zone label as PageZone writes it: an IANA name or "+hh:mm". */
function zoneLabel(zone: Zone): string {
	return zone.kind === "iana" ? zone.name : formatOffset(zone.minutes);
}

function zoneOfLabel(label: string): Zone | undefined {
	const fixed = FIXED_LABEL.exec(label);
	if (fixed) {
		const minutes = Number(fixed[2]) * 60 + Number(fixed[3]);
		return { kind: "fixed", minutes: fixed[1] === "-" ? -minutes : minutes };
	}
	return isKnownZone(label) ? { kind: "iana", name: label } : undefined;
}

/** Zone evidence from the scan's facts: zone names and non-zero offsets in meta dates and scripts. */
function evidenceOf(facts: ZoneFacts): ZoneEvidence {
	const ev: ZoneEvidence = {
		names: [],
		offsets: [],
		locales: facts.lang === undefined ? [] : [facts.lang.trim()],
		hosts: [...(facts.hosts ?? [])],
		abbreviations: [],
	};
	for (const script of facts.scripts) {
		const named = SCRIPT_ZONE_NAME.exec(script.slice(0, SCRIPT_WINDOW))?.[1];
		if (named !== undefined) ev.names.push(named);
	}
	for (const text of [...facts.metaTimes, ...facts.scripts.map((s) => s.slice(0, SCRIPT_WINDOW))]) {
		const m = OFFSET_DATE.exec(text);
		if (!m) continue;
		const minutes = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
		const at = Date.parse(m[0].replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
		// "+00:00" is how most CMSs write UTC; it says nothing about the newsroom's zone.
		if (minutes !== 0 && !Number.isNaN(at)) ev.offsets.push({ at, minutes });
	}
	return ev;
}

/**
 * The zone for zone-less times in structured data (JSON-LD, `time[datetime]` without an offset):
 * the same rule as the ticker clock (resolveZone), except that with no evidence at all the times
 * are not read (undefined) rather than taken as UTC — a wrong hour is worse than none.
 */
export function pageZoneOf(facts: ZoneFacts): PageZone | undefined {
	const ev = evidenceOf(facts);
	const resolved = resolveZone(ev);
	if (resolved.reason === NO_EVIDENCE) return undefined;
	const agrees =
		ev.offsets.length > 0 ? ", which agrees with the offsets of the page's own dates" : "";
	const why =
		resolved.reason === "offset on the page"
			? "the offset of the page's own dates"
			: `its ${resolved.reason}${agrees}`;
	return { zone: zoneLabel(resolved.zone), why };
}

/** The instant a wall-clock date + time has in a zone ("2024-07-18", "09:05[:30]", zone label). */
export function localToInstant(date: string, time: string, zone: string): Date | undefined {
	const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
	const t = /^(\d\d?)[:.](\d\d)(?::(\d\d))?/.exec(time);
	const z = zoneOfLabel(zone);
	if (!m || !t || z === undefined) return undefined;
	const day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
	const hour = Number(t[1]);
	const minute = Number(t[2]);
	const second = Number(t[3] ?? 0);
	if (day.month < 1 || day.month > 12 || day.day < 1 || day.day > 31 || hour > 23) return undefined;
	const at = zonedInstant(z, day, hour, minute, second);
	return Number.isNaN(at.getTime()) ? undefined : at;
}
