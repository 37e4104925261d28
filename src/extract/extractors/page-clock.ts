/**
 * The page's clock: its time zone (see page-zone.ts) and the local date and time its bare
 * "HH.MM" stamps are anchored to (the page's last-modified date, else its published date, else
 * the poll time). One bounded walk over the document.
 */

import { type DomElement, type DomNode, isElement, parseInstant } from "../text.js";
import {
	isKnownZone,
	type LocalTime,
	localTimeOf,
	type ResolvedZone,
	resolveZone,
	type ZoneEvidence,
} from "./page-zone.js";

/** A local date, with the time of day when the page gave one. */
export interface PageDay {
	year: number;
	month: number;
	day: number;
	/** Minutes since local midnight; absent for date-only values ("2014-12-31"). */
	minutes?: number | undefined;
}

/** Zone and anchor date of a page. */
export interface PageClock extends ResolvedZone {
	/** Local date (and time) the newest undated stamp belongs to, at the latest. */
	reference: PageDay;
	/** The poll time: nothing on the page happened after it. */
	now: number;
}

interface Stamped {
	/** Approximate epoch ms, for picking the latest value. */
	sortKey: number;
	/** Exact instant when the value had a zone. */
	at?: number | undefined;
	/** Local value when it had none. */
	local?: PageDay | undefined;
}

const MODIFIED_NAMES = new Set([
	"last-modified",
	"article:modified_time",
	"og:updated_time",
	"datemodified",
	"dcterms.modified",
	"dc.date.modified",
]);
const PUBLISHED_NAMES = new Set([
	"article:published_time",
	"datepublished",
	"date",
	"dc.date",
	"dcterms.created",
	"pubdate",
]);
const LD_DATE = /"date(Modified|Published)"\s?:\s?"([^"]{8,40})"/g;
const ZONE_NAME =
	/time_?zone["']?\s?[:=]\s?["']((?:Europe|America|Asia|Africa|Australia|Pacific|Atlantic|Indian)\/[A-Za-z_]{2,30}(?:\/[A-Za-z_]{2,30})?)["']/gi;
/** Length of the shortest PRINTED_ZONE match ("9:15 ET"). */
const SHORTEST_PRINTED_ZONE = 7;
/** What every ZONE_NAME match starts with. */
const ZONE_WORD = /time_?zone/i;
const PRINTED_ZONE =
	/\d[.:]\d\d(?:\s?[aApP]\.?[mM]\.?)?\s(GMT|BST|UTC|CEST|CET|MESZ|MEZ|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT)\b/;
/** What every PRINTED_ZONE match starts with. */
const TIME_IN_TEXT = /\d[.:]\d\d/;
const LOCAL_VALUE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;
const ZONE_SUFFIX = /([+-])(\d{2}):?(\d{2})$/;
const MAX_NODES = 200_000;
const MAX_SCRIPT = 2_000_000;

function readValue(value: string | undefined, ev: ZoneEvidence): Stamped | undefined {
	if (value === undefined) return undefined;
	const text = value.trim().slice(0, 40);
	const instant = parseInstant(text);
	if (instant !== undefined) {
		const offset = ZONE_SUFFIX.exec(text);
		if (offset !== null && /^\d{4}-/.test(text)) {
			const minutes = (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
			// "+00:00" is how most CMSs write UTC; it says nothing about the newsroom's zone.
			if (minutes !== 0) ev.offsets.push({ at: instant.getTime(), minutes });
		}
		return { sortKey: instant.getTime(), at: instant.getTime() };
	}
	const m = LOCAL_VALUE.exec(text);
	if (m === null) return undefined;
	const local: PageDay = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
	if (local.month < 1 || local.month > 12 || local.day < 1 || local.day > 31) return undefined;
	if (m[4] !== undefined && Number(m[4]) < 24 && Number(m[5]) < 60) {
		local.minutes = Number(m[4]) * 60 + Number(m[5]);
	}
	// A date-only value means "some time that day": sort it at the end of the day.
	const sortKey =
		Date.UTC(local.year, local.month - 1, local.day) + (local.minutes ?? 24 * 60 - 1) * 60_000;
	return Number.isNaN(sortKey) ? undefined : { sortKey, local };
}

function latest(values: Stamped[]): Stamped | undefined {
	let best: Stamped | undefined;
	for (const v of values) if (best === undefined || v.sortKey > best.sortKey) best = v;
	return best;
}

function textOf(el: DomElement): string {
	let out = "";
	for (const c of el.children) if (c.type === "text") out += c.data;
	return out;
}

/** What a walk over the page gathered for its clock (see clockNode). */
export interface ClockEvidence {
	ev: ZoneEvidence;
	modified: Stamped[];
	published: Stamped[];
}

type Collected = ClockEvidence;

function readMeta(el: DomElement, c: Collected): void {
	const a = el.attribs;
	const name = (a.name ?? a.property ?? a.itemprop ?? a["http-equiv"] ?? "").toLowerCase();
	if (name === "og:locale" || name === "content-language") {
		if (a.content) c.ev.locales.push(a.content);
		return;
	}
	if (MODIFIED_NAMES.has(name)) pushValue(c.modified, readValue(a.content, c.ev));
	else if (PUBLISHED_NAMES.has(name)) pushValue(c.published, readValue(a.content, c.ev));
}

function pushValue(list: Stamped[], value: Stamped | undefined): void {
	if (value !== undefined) list.push(value);
}

function readScript(el: DomElement, c: Collected): void {
	const text = textOf(el).slice(0, MAX_SCRIPT);
	if (el.attribs.type?.toLowerCase().trim() === "application/ld+json") {
		for (const m of text.matchAll(LD_DATE)) {
			pushValue(m[1] === "Modified" ? c.modified : c.published, readValue(m[2], c.ev));
		}
		return;
	}
	// Most scripts name no zone: a search for the pattern's fixed start is far cheaper than it.
	if (!ZONE_WORD.test(text)) return;
	for (const m of text.matchAll(ZONE_NAME)) {
		const name = m[1] as string;
		if (!c.ev.names.includes(name) && isKnownZone(name)) c.ev.names.push(name);
	}
}

/** Empty evidence, with the countries of the fetched and canonical URLs. */
export function startClock(urls: readonly string[]): ClockEvidence {
	const c: Collected = {
		ev: { names: [], offsets: [], locales: [], hosts: [], abbreviations: [] },
		modified: [],
		published: [],
	};
	for (const url of urls) {
		try {
			const host = new URL(url).hostname;
			if (!c.ev.hosts.includes(host)) c.ev.hosts.push(host);
		} catch {
			// A page URL that does not parse gives no country; other evidence still counts.
		}
	}
	return c;
}

/**
 * False for a text node clockNode reads nothing from: most text nodes are the whitespace between
 * tags, shorter than any PRINTED_ZONE match.
 */
export function mayPrintZone(data: string): boolean {
	return data.length >= SHORTEST_PRINTED_ZONE && data.length < 300;
}

/** Most nodes (elements and text, in document order) a walk hands to clockNode. */
export const CLOCK_NODES = MAX_NODES;

/**
 * Reads one node of a document-order walk (elements and text nodes only) into the evidence;
 * true when the node's children are to be walked too. A walk the ticker reader already makes
 * over the page calls this, so the clock costs no walk of its own.
 */
export function clockNode(node: DomNode, c: ClockEvidence): boolean {
	if (node.type === "text") {
		const data = node.data;
		// The time PRINTED_ZONE starts with, looked for first: a far cheaper search than that
		// pattern (or a search for any digit) on text that holds no time.
		if (mayPrintZone(data) && TIME_IN_TEXT.test(data)) {
			const abbr = PRINTED_ZONE.exec(data)?.[1];
			if (abbr !== undefined && !c.ev.abbreviations.includes(abbr)) c.ev.abbreviations.push(abbr);
		}
		return false;
	}
	if (node.type === "script") {
		readScript(node as DomElement, c);
		return false;
	}
	if (node.type === "root") return true;
	if (node.type !== "tag") return false;
	const el = node as DomElement;
	if (el.name === "html" && el.attribs.lang) c.ev.locales.push(el.attribs.lang);
	if (el.name === "meta") {
		readMeta(el, c);
		return false;
	}
	const prop = el.attribs.itemprop?.toLowerCase();
	if (prop === "datemodified" || prop === "datepublished") {
		const value = el.attribs.content ?? el.attribs.datetime;
		pushValue(prop === "datemodified" ? c.modified : c.published, readValue(value, c.ev));
	} else if (el.name === "time") {
		pushValue(c.published, readValue(el.attribs.datetime, c.ev));
	}
	return true;
}

function collect(root: DomNode, urls: readonly string[]): Collected {
	const c = startClock(urls);
	const stack: DomNode[] = [root];
	let budget = MAX_NODES;
	while (stack.length > 0 && budget-- > 0) {
		const node = stack.pop() as DomNode;
		if (!clockNode(node, c)) continue;
		const children = (node as DomElement).children;
		for (let i = children.length - 1; i >= 0; i--) {
			const child = children[i] as DomNode;
			if (isElement(child) || child.type === "text") stack.push(child);
		}
	}
	return c;
}

/**
 * Reads the page's zone and anchor date. `urls` are the fetched and canonical URLs (their
 * country domain is zone evidence); `now` is the poll time, the anchor when the page has no dates.
 */
export function readPageClock(root: DomNode, urls: readonly string[], now: number): PageClock {
	return clockOf(collect(root, urls), now);
}

/** The zone and anchor date from evidence a walk gathered (clockNode on every node). */
export function clockOf(c: ClockEvidence, now: number): PageClock {
	// og:locale ("de_CH") is more specific than html[lang] ("de"): try the most specific first.
	c.ev.locales.sort((x, y) => y.length - x.length);
	const resolved = resolveZone(c.ev);
	const chosen = latest(c.modified) ?? latest(c.published);
	let reference: PageDay;
	if (chosen?.local !== undefined && chosen.sortKey <= now + 86_400_000) {
		reference = chosen.local;
	} else {
		// A page date in the future is a CMS error: the poll time is the better anchor then.
		const at = chosen?.at !== undefined && chosen.at <= now ? chosen.at : now;
		const local: LocalTime = localTimeOf(resolved.zone, at);
		reference = local;
	}
	return { ...resolved, reference, now };
}
