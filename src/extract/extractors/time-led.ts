/**
 * Tickers without an element per entry (issue 11, class 6): entries are runs of blocks that each
 * start with a time ("11.04 Uhr: …", a bold "17.00 ", "14h05", "ore 9.15", "9.15am:"), dated by
 * the nearest day heading or the page's date. Also tickers with an element per entry but only a
 * printed time or match minute ("95'") in it. Match minutes never become clock times: those
 * entries have no publishedAt (the relay then treats them as first seen when polled).
 * The date, zone and id rules are documented in README.md, "Tickers written as rich text".
 */

import { hash } from "node:crypto";
import type { ExtractContext, ExtractorResult, RawEntry } from "../raw-entry.js";
import type { DomElement, DomNode } from "../text.js";
import { bodyFromCollapsedLines } from "./body-lines.js";
import { isLinkList } from "./link-share.js";
import { clockOf, type PageClock, startClock } from "./page-clock.js";
import { collectLeaves, type Leaf } from "./ticker-blocks.js";
import {
	type DatedStamp,
	dateStamps,
	isNewestFirst,
	resolveHeading,
	type StampTime,
} from "./ticker-dates.js";
import { childUnder, type Draft, elementDrafts, MAX_DEPTH, runDrafts } from "./ticker-drafts.js";
import { isWhitespace } from "./trimmed-length.js";

/** Options of extractTimeLed. */
export interface TimeLedOptions {
	/** Poll time: the date of stamps on a page that states no date at all. */
	now?: Date | number | undefined;
}

/** Fewest entries that make a ticker (two timed paragraphs are often just an article)… */
const MIN_ENTRIES = 3;
/** …unless a day heading says it is one: a new ticker starts small. */
const MIN_DATED_ENTRIES = 2;
const GROUPS_TRIED = 4;
const LOOK_BACK = 50;
// Ids like "p12" or "entry-3" are positions: they shift when a new entry is added on top.
const POSITIONAL_ID = /^[a-z_-]{0,12}\d{1,4}$/i;
const STABLE_ID_ATTRS = ["id", "data-id", "data-entry-id", "data-post-id"] as const;

function signature(leaf: Leaf): string {
	const cls = leaf.el.attribs.class;
	return `${leaf.stamp?.kind}|${leaf.el.name}.${cls === undefined ? "" : firstToken(cls)}`;
}

/** `value.trim().split(/\s+/)[0]`, found by char code: the first class name. */
function firstToken(value: string): string {
	let start = 0;
	while (start < value.length && isWhitespace(value.charCodeAt(start))) start++;
	let end = start;
	while (end < value.length && !isWhitespace(value.charCodeAt(end))) end++;
	return start === 0 && end === value.length ? value : value.slice(start, end);
}

function ancestorsOf(node: DomNode): DomNode[] | undefined {
	const chain: DomNode[] = [];
	for (let n: DomNode | null = node; n !== null; n = n.parent as DomNode | null) {
		chain.push(n);
		if (chain.length > MAX_DEPTH) return undefined;
	}
	return chain;
}

function commonAncestor(nodes: readonly DomNode[]): DomNode | undefined {
	const chain = ancestorsOf(nodes[0] as DomNode);
	if (chain === undefined) return undefined;
	const index = new Map(chain.map((n, i) => [n, i] as const));
	let highest = 0;
	for (const node of nodes) {
		let n: DomNode | null = node;
		let steps = 0;
		while (n !== null && !index.has(n) && steps++ < MAX_DEPTH) n = n.parent as DomNode | null;
		const at = n === null ? undefined : index.get(n);
		if (at === undefined) return undefined;
		highest = Math.max(highest, at);
	}
	return chain[highest];
}

function stableId(el: DomElement): string | undefined {
	for (const name of STABLE_ID_ATTRS) {
		const value = el.attribs[name]?.trim();
		if (value && value.length <= 120 && !POSITIONAL_ID.test(value)) return value;
	}
	return undefined;
}

// Id keys repeat: every poll of a page, every match ticker ("minute 45'"), every ticker of a day.
const idsByKey = new Map<string, string>();
const MAX_REMEMBERED_IDS = 5_000;

function hashId(key: string): string {
	const known = idsByKey.get(key);
	if (known !== undefined) return known;
	// The one-shot digest: a Hash object per entry costs more than the hashing.
	const id = `t-${hash("sha1", key, "hex").slice(0, 12)}`;
	// Cleared rather than grown: a long-running relay sees ever new dates.
	if (idsByKey.size >= MAX_REMEMBERED_IDS) idsByKey.clear();
	idsByKey.set(key, id);
	return id;
}

/** Forgets every remembered id (bench:extract's first-poll mode: the page was never read before). */
export function forgetRememberedIds(): void {
	idsByKey.clear();
}

// Two-digit fields of id keys by value: a lookup instead of String + padStart per field.
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0"));

function pad(n: number): string {
	return TWO_DIGITS[n] ?? String(n).padStart(2, "0");
}

/**
 * Id keys: the local date and time (or the match minute), with "#2", "#3" for later entries at
 * the same stamp counted from the oldest. No words go in: an editor fixing a typo must not turn
 * an entry into a new one, and new entries (added at the newest end) never shift older counts.
 */
function idKeys(
	drafts: readonly Draft[],
	times: readonly (StampTime | undefined)[],
	newestFirst: boolean,
): string[] {
	const keys = drafts.map((d, i) => {
		const time = times[i];
		if (time === undefined || d.stamp.kind !== "clock") {
			return `minute ${d.stamp.kind === "minute" ? d.stamp.label : ""}`;
		}
		const { day } = time;
		const s = d.stamp;
		return `${day.year}-${pad(day.month)}-${pad(day.day)}T${pad(s.hour)}:${pad(s.minute)}:${pad(s.second)}`;
	});
	const seen = new Map<string, number>();
	for (let k = 0; k < keys.length; k++) {
		const i = newestFirst ? keys.length - 1 - k : k;
		const key = keys[i] as string;
		const n = (seen.get(key) ?? 0) + 1;
		seen.set(key, n);
		if (n > 1) keys[i] = `${key}#${n}`;
	}
	return keys;
}

function toEntries(drafts: Draft[], clock: PageClock, ctx: ExtractContext): RawEntry[] {
	const withText = drafts.filter((d) => d.headline !== undefined || d.lines.length > 0);
	// Date of each draft by its index in withText (none for match minutes).
	const times: (StampTime | undefined)[] = new Array(withText.length).fill(undefined);
	const clockAt: number[] = [];
	const stamps: DatedStamp[] = [];
	for (let i = 0; i < withText.length; i++) {
		const d = withText[i] as Draft;
		if (d.stamp.kind !== "clock") continue;
		const stamp = d.stamp;
		// A stamp with its own date ("18.07.2024, 11:04") needs no heading.
		const own = stamp.date === undefined ? undefined : resolveHeading(stamp.date, clock.reference);
		stamps.push({ stamp, heading: own ?? d.heading });
		clockAt.push(i);
	}
	const ascendingMinutes = isAscendingMinutes(withText);
	let newestFirst = !ascendingMinutes;
	if (stamps.length > 0) {
		newestFirst = isNewestFirst(stamps);
		const dated = dateStamps(stamps, clock, newestFirst);
		for (let k = 0; k < stamps.length; k++) times[clockAt[k] as number] = dated[k];
	}
	const keys = idKeys(withText, times, newestFirst);
	const used = new Set<string>();
	const next = new Map<string, number>();
	const entries = withText.map((d, i) => {
		const body = bodyFromCollapsedLines(d.lines, d.headline);
		const native = d.ownsId ? stableId(d.idSource) : undefined;
		const base = native ?? hashId(keys[i] as string);
		let id = base;
		// A DOM id on several entries (a CMS bug): the later ones get a suffix.
		for (let n = next.get(base) ?? 2; used.has(id); n++) {
			id = `${base}-${n}`;
			next.set(base, n + 1);
		}
		used.add(id);
		const entry: RawEntry = {
			keys: [id],
			anchor: native,
			publishedAt: d.exact ?? times[i]?.at,
			headline: d.headline,
			bodyText: body,
			bodyHtml: htmlOf(d, ctx),
		};
		return entry;
	});
	return ascendingMinutes ? entries.reverse() : entries;
}

/** A minute label's position in the game ("45'+2" is 45.02); labels read as `N'` or `N'+M`. */
export function minuteValue(label: string): number {
	// readMinute writes labels as digits, "'", then maybe "+" and digits: read by char code.
	let base = 0;
	let i = 0;
	for (let c = label.charCodeAt(i); c >= 48 && c <= 57; c = label.charCodeAt(++i))
		base = base * 10 + c - 48;
	if (i > 0 && i < 10 && label.charCodeAt(i) === 39 /* ' */) {
		if (i + 1 === label.length) return base;
		let extra = 0;
		let j = i + 2;
		for (let c = label.charCodeAt(j); c >= 48 && c <= 57; c = label.charCodeAt(++j))
			extra = extra * 10 + c - 48;
		if (label.charCodeAt(i + 1) === 43 /* + */ && j > i + 2 && j - i < 12 && j === label.length)
			return base + extra / 100;
	}
	const [b = "0", x = "0"] = label.replace("'", "").split("+");
	return Number(b) + Number(x) / 100;
}

/** A match ticker read kick-off first: entries are returned newest first like every other source. */
function isAscendingMinutes(drafts: readonly Draft[]): boolean {
	let up = 0;
	let down = 0;
	// Each label is read once, as the later of one pair and then the earlier of the next.
	let previous: number | undefined;
	for (let i = 1; i < drafts.length; i++) {
		const a = (drafts[i - 1] as Draft).stamp;
		const b = (drafts[i] as Draft).stamp;
		if (a.kind !== "minute" || b.kind !== "minute") return false;
		const before = previous ?? minuteValue(a.label);
		previous = minuteValue(b.label);
		const diff = previous - before;
		if (diff > 0) up++;
		else if (diff < 0) down++;
	}
	return up > down;
}

function htmlOf(d: Draft, ctx: ExtractContext): string | undefined {
	const inner = ctx.innerHtml;
	if (inner === undefined) return undefined;
	if (d.parts.length === 1 && d.parts[0] === d.idSource)
		return inner(d.idSource).trim() || undefined;
	// A run has no element of its own: its blocks, each in its own tag, are the body.
	const html = d.parts.map((el) => `<${el.name}>${inner(el).trim()}</${el.name}>`).join("");
	return html === "" ? undefined : html;
}

/** Most an entry adds to its group's text score. */
const ENTRY_SCORE_CAP = 600;

function textScore(entries: RawEntry[]): number {
	let score = 0;
	for (const e of entries)
		score += Math.min(ENTRY_SCORE_CAP, (e.headline?.length ?? 0) + (e.bodyText?.length ?? 0));
	return score;
}

/** Builds the entries one group of same-looking stamped blocks stands for. */
function entriesOfGroup(
	leaves: readonly Leaf[],
	group: Leaf[],
	clock: PageClock,
	ctx: ExtractContext,
): RawEntry[] {
	let top = commonAncestor(group.map((l) => l.el));
	// Lines of one paragraph share their element: the container is the paragraph's parent.
	if (top !== undefined && group.some((l) => l.el === top)) top = top.parent as DomNode | undefined;
	if (top === undefined || top === null) return [];
	const from = leaves.indexOf(group[0] as Leaf);
	let to = from;
	// The day heading above the first entry dates it; nothing else before the first stamp counts.
	let start = from;
	// The child of `top` each leaf from `start` to `to` sits in, read once for every use below.
	const back: DomNode[] = [];
	for (let i = from - 1; i >= 0 && from - i <= LOOK_BACK; i--) {
		const leaf = leaves[i] as Leaf;
		const unit = childUnder(leaf.el, top);
		if (unit === undefined) break;
		back.push(unit);
		if (leaf.day !== undefined) {
			start = i;
			break;
		}
	}
	const unitOf = start < from ? back.reverse() : [];
	for (; to < leaves.length; to++) {
		const unit = childUnder((leaves[to] as Leaf).el, top);
		if (unit === undefined) break;
		unitOf.push(unit);
	}
	const units = new Map<DomNode, Leaf>();
	for (const leaf of group) {
		const unit = childUnder(leaf.el, top);
		if (unit !== undefined && unit !== leaf.el && !units.has(unit)) units.set(unit, leaf);
	}
	// Element mode only when each stamp has its own element and little text sits between them.
	let between = 0;
	if (units.size === group.length) {
		for (let i = from; i < to; i++) {
			const leaf = leaves[i] as Leaf;
			const unit = unitOf[i - start] as DomNode;
			if (!units.has(unit) && leaf.day === undefined && leaf.lead.length > 40) between++;
		}
	}
	const drafts =
		units.size === group.length && between * 2 < group.length
			? elementDrafts(leaves, start, unitOf, units, clock)
			: runDrafts(leaves, start, to, new Set(group), clock);
	if (isLinkList(drafts)) return [];
	const entries = toEntries(drafts, clock, ctx);
	const dated = drafts.some((d) => d.heading !== undefined);
	return entries.length >= (dated ? MIN_DATED_ENTRIES : MIN_ENTRIES) ? entries : [];
}

/** Entries of a ticker written as timed runs of blocks, or undefined when the page has none. */
export function extractTimeLed(
	root: DomNode,
	ctx: ExtractContext,
	options: TimeLedOptions = {},
): ExtractorResult | undefined {
	// The clock's evidence is read on the leaf walk; it is only used when the page has a ticker.
	const evidence = startClock([ctx.baseUrl, ctx.pageUrl]);
	const leaves = collectLeaves(root, evidence);
	const groups = new Map<string, Leaf[]>();
	for (const leaf of leaves) {
		if (leaf.stamp === undefined) continue;
		const key = signature(leaf);
		const group = groups.get(key);
		if (group === undefined) groups.set(key, [leaf]);
		else group.push(leaf);
	}
	const candidates = [...groups.values()]
		.filter((g) => g.length >= MIN_DATED_ENTRIES)
		.sort((a, b) => b.length - a.length)
		.slice(0, GROUPS_TRIED);
	if (candidates.length === 0) return undefined;
	const given = options.now === undefined ? Number.NaN : new Date(options.now).getTime();
	const now = Number.isFinite(given) ? given : Date.now();
	const clock = clockOf(evidence, now);
	let best: RawEntry[] = [];
	let bestScore = 0;
	for (const group of candidates) {
		// A group gives at most one entry per stamp: one that cannot outscore the best is not built
		// (groups are tried largest first, so neither can any after it).
		if (bestScore >= ENTRY_SCORE_CAP * group.length) break;
		const entries = entriesOfGroup(leaves, group, clock, ctx);
		const score = textScore(entries);
		if (score > bestScore) {
			best = entries;
			bestScore = score;
		}
	}
	if (best.length === 0) return undefined;
	return { name: "time-led", entries: best, zoneNotes: zoneNotes(clock, leaves) };
}

/** What `--explain` says about how printed times were placed in time. */
function zoneNotes(clock: PageClock, leaves: readonly Leaf[]): string[] {
	const zone = clock.zone.kind === "iana" ? clock.zone.name : utcOffsetName(clock.zone.minutes);
	const notes = [`printed times were read in ${zone}, from ${clock.reason}`];
	const named = new Set<string>();
	for (const leaf of leaves) {
		if (leaf.stamp?.kind === "clock" && leaf.stamp.zone !== undefined) named.add(leaf.stamp.zone);
	}
	if (named.size > 0) {
		notes.push(`printed times naming a zone (${[...named].join(", ")}) were read in that zone`);
	}
	return notes;
}

function utcOffsetName(minutes: number): string {
	const sign = minutes < 0 ? "-" : "+";
	const abs = Math.abs(minutes);
	return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
