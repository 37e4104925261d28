/**
 * Last-resort heuristic for unknown sites: repeated sibling blocks that each carry an id, an
 * absolute time (time[datetime], a data-*time* attribute, or an epoch in the id or as bare text)
 * and a heading or some text.
 */

import type { ExtractContext, ExtractorResult, RawEntry } from "../raw-entry.js";
import {
	type DomElement,
	type DomNode,
	epochInToken,
	epochToDate,
	isCruftElement,
	isElement,
} from "../text.js";
import { readTime, SHOWN_TIME_NAME, type TimedValue } from "../time-kind.js";
import { type EntryRules, readEntry } from "./dom-entry.js";
import { bareEpoch, mayHoldEntryTimes, TIME_ATTR } from "./generic-times.js";
import { trimmedLength } from "./trimmed-length.js";

const UPDATE_ATTR = /update|modif/;
const CREATED_ATTR = /creat/;
// Regions whose repeated timed items are comments, teasers or navigation, never entries.
const NOT_ENTRIES =
	/comment|related|newsletter|promo|recirc|sidebar|popular|trending|breadcrumb|menu|footer/i;
const SCAN_BUDGET = 300;
/** Fewest id-less sibling blocks that make a guess (two timed blocks are often an article's). */
const MIN_IDLESS_RUN = 3;
/** Above this share of link text an id-less block is a teaser, not an entry. */
const LINK_SHARE = 0.6;
const MIN_TEXT = 20;

const GENERIC_RULES: EntryRules = {
	keyAttrs: ["data-id", "data-post-id", "data-entry-id"],
	headline: "h1, h2, h3, h4",
	author: '[rel="author"], [itemprop="author"], [property="author"], [class*="author"]',
	strip: '[class*="byline"], [class*="timestamp"]',
	// A "Pinned" badge inside an entry: the entry is pinned, and the badge is not its text.
	pinned: '[class*="pinned" i], [data-pinned="true"]',
};

// An id-less block wrapping the entry (<li><div id="update-1">…): the child's id is the entry's.
const WRAPPER_RULES: EntryRules = { ...GENERIC_RULES, anchorChild: true };

interface Candidate {
	el: DomElement;
	publishedAt: TimedValue;
	/** The time came from a sort/display attribute (what readers see). */
	shown: boolean;
	updatedAt?: Date | undefined;
	/** The block has no id of its own (a wrapper: its first child may carry the entry's id). */
	idless?: boolean;
}

function hasIdAttr(el: DomElement): boolean {
	// Named reads, not a loop over the names: this runs on every element, twice.
	const a = el.attribs;
	return (
		isPresent(a.id) ||
		isPresent(a["data-id"]) ||
		isPresent(a["data-post-id"]) ||
		isPresent(a["data-entry-id"])
	);
}

function isPresent(value: string | undefined): boolean {
	return value !== undefined && value.trim() !== "";
}

function attrTimes(
	el: DomElement,
	ctx?: ExtractContext,
): { published?: TimedValue; updated?: Date; shown?: boolean } {
	const out: { published?: TimedValue; updated?: Date; shown?: boolean } = {};
	let created: TimedValue | undefined;
	const attribs = el.attribs;
	// for…in, not Object.entries: this runs on every node a block scan visits.
	for (const name in attribs) {
		if (!name.startsWith("data-") || !TIME_ATTR.test(name)) continue;
		const at = readTime(attribs[name], ctx);
		if (at === undefined) continue;
		if (UPDATE_ATTR.test(name)) out.updated ??= at.at;
		// A scheduled post is created before it is shown: the shown (sort/publish) time wins.
		else if (CREATED_ATTR.test(name)) created ??= at;
		else if (out.published === undefined) {
			out.published = at;
			out.shown = SHOWN_TIME_NAME.test(name);
		}
	}
	if (out.published === undefined && created !== undefined) out.published = created;
	return out;
}

/** What the first few hundred nodes of a block hold. */
interface BlockScan {
	time?: TimedValue | undefined;
	heading: boolean;
	textLength: number;
	/** Of textLength, the text inside links. */
	linkTextLength: number;
}

/** True for h1–h4. */
function isHeading(name: string): boolean {
	if (name.length !== 2 || name.charCodeAt(0) !== 104 /* h */) return false;
	const level = name.charCodeAt(1);
	return level >= 49 && level <= 52;
}

/** Looks into the first few hundred nodes of a block for a time, a heading and some text. */
function scanBlock(el: DomElement, ctx: ExtractContext): BlockScan {
	let time: TimedValue | undefined;
	let attrTime: TimedValue | undefined;
	let epochText: Date | undefined;
	let heading = false;
	let textLength = 0;
	let linkTextLength = 0;
	let budget = SCAN_BUDGET;
	// Each node with whether it sits inside a link (teaser lists are mostly link text), in two
	// parallel stacks: no pair is allocated per node.
	const stack: DomNode[] = [];
	const linked: boolean[] = [];
	for (let i = el.children.length - 1; i >= 0; i--) {
		stack.push(el.children[i] as DomNode);
		linked.push(false);
	}
	while (stack.length > 0 && budget-- > 0) {
		const node = stack.pop() as DomNode;
		const inLink = linked.pop() as boolean;
		if (node.type === "text") {
			const bare = bareEpoch(node.data);
			if (bare) epochText ??= epochToDate(Number(bare[1]));
			else {
				const length = trimmedLength(node.data);
				textLength += length;
				if (inLink) linkTextLength += length;
			}
			continue;
		}
		if (!isElement(node) || isCruftElement(node)) continue;
		if (node.name === "time" && time === undefined) time = readTime(node.attribs.datetime, ctx);
		// A time link or stamp inside the block may carry the instant as data (data-timestamp="…").
		else if (attrTime === undefined) attrTime = attrTimes(node, ctx).published;
		if (isHeading(node.name)) heading = true;
		const link = inLink || node.name === "a";
		for (let i = node.children.length - 1; i >= 0; i--) {
			stack.push(node.children[i] as DomNode);
			linked.push(link);
		}
	}
	const found =
		time ??
		attrTime ??
		(epochText === undefined ? undefined : { at: epochText, kind: "epoch" as const });
	return { time: found, heading, textLength, linkTextLength };
}

/**
 * The block as an entry candidate. Blocks without an id qualify only as members of a run of
 * same-kind siblings (see bestGroup), and not when their text is mostly links (teasers).
 */
function candidateOf(el: DomElement, ctx: ExtractContext, idless = false): Candidate | undefined {
	if ((!idless && !hasIdAttr(el)) || isCruftElement(el)) return undefined;
	const attrs = attrTimes(el, ctx);
	const scan = scanBlock(el, ctx);
	if (!scan.heading && scan.textLength < MIN_TEXT) return undefined;
	if (idless && scan.linkTextLength > scan.textLength * LINK_SHARE) return undefined;
	const id = el.attribs.id ?? el.attribs["data-id"] ?? el.attribs["data-post-id"] ?? "";
	// Epoch ids (Independent-style "post-1726023840") are a time only when nothing better exists.
	const fromId = epochInToken(id);
	const publishedAt =
		attrs.published ??
		scan.time ??
		(fromId === undefined ? undefined : { at: fromId, kind: "epoch" as const });
	if (publishedAt === undefined) return undefined;
	const shown = attrs.published !== undefined && attrs.shown === true;
	return { el, publishedAt, shown, updatedAt: attrs.updated, idless };
}

function isExcludedRegion(el: DomElement): boolean {
	if (isCruftElement(el) || el.name === "footer" || el.name === "header") return true;
	// Tested apart, no label built per element: no word of the pattern spans the joining space.
	const { id, class: cls } = el.attribs;
	return (id !== undefined && NOT_ENTRIES.test(id)) || (cls !== undefined && NOT_ENTRIES.test(cls));
}

/**
 * The largest group of qualifying same-tag siblings in the document, if it has ≥2 members. Blocks
 * without ids count only when no group with ids exists: then the largest run of ≥3 siblings of one
 * tag and class (a class is required), with distinct times, is the guess (ids from time + headline).
 */
function bestGroup(root: DomNode, ctx: ExtractContext, mayRead: () => boolean): Candidate[] {
	let best: Candidate[] = [];
	let ruledOut = false;
	// Sibling lists the id-less guess may look at: kept from this walk instead of walking again.
	const idlessParents: (readonly DomNode[])[] = [];
	forEachParent(root, (children, elementChildren) => {
		if (elementChildren >= MIN_IDLESS_RUN) idlessParents.push(children);
		if (elementChildren < 2) return true;
		const sizes = idTagCounts(children);
		if (sizes === undefined) return true;
		// A group no larger than the best so far cannot replace it (nor can a lone block count).
		const floor = Math.max(best.length, 1);
		const groups = new Map<string, Candidate[]>();
		for (const c of children) {
			if (!isElement(c) || (sizes.get(c.name) ?? 0) <= floor) continue;
			if (!mayRead()) {
				ruledOut = true;
				return false;
			}
			const candidate = candidateOf(c, ctx);
			if (candidate === undefined) continue;
			const group = groups.get(c.name);
			if (group === undefined) groups.set(c.name, [candidate]);
			else group.push(candidate);
		}
		for (const group of groups.values()) if (group.length > best.length) best = group;
		return true;
	});
	if (ruledOut) return [];
	if (best.length >= 2) return best;
	// Only on pages without id'd entries (most pages stop above).
	let bestIdless: Candidate[] = [];
	for (const children of idlessParents) {
		// Keyed by the class string as written: no key is built per child.
		const runs = new Map<string, DomElement[]>();
		for (const c of children) {
			if (!isElement(c) || hasIdAttr(c)) continue;
			// Class-less blocks only as list items and articles (<ul><li><article id=…>).
			const kind = c.attribs.class ?? (c.name === "li" || c.name === "article" ? "" : undefined);
			if (kind === undefined) continue;
			const run = runs.get(kind);
			if (run === undefined) runs.set(kind, [c]);
			else run.push(c);
		}
		if (runs.size > 0) bestIdless = bestRun(runs, bestIdless, ctx, mayRead);
	}
	return bestIdless;
}

/** How many children of each tag carry an id, or undefined when none does. */
function idTagCounts(children: readonly DomNode[]): Map<string, number> | undefined {
	let sizes: Map<string, number> | undefined;
	for (const c of children) {
		if (!isElement(c) || !hasIdAttr(c)) continue;
		sizes ??= new Map();
		sizes.set(c.name, (sizes.get(c.name) ?? 0) + 1);
	}
	return sizes;
}

/** Calls `visit` with the children of every element outside excluded regions, until it says stop. */
function forEachParent(
	root: DomNode,
	visit: (children: readonly DomNode[], elementChildren: number) => boolean,
): void {
	const stack: DomNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop() as DomNode;
		const children = node.type === "root" || isElement(node) ? node.children : [];
		let elementChildren = 0;
		for (const c of children) if (isElement(c)) elementChildren++;
		if (!visit(children, elementChildren)) return;
		for (let i = children.length - 1; i >= 0; i--) {
			const c = children[i] as DomNode;
			if (isElement(c) && !isExcludedRegion(c)) stack.push(c);
		}
	}
}

/** The larger of `current` and the best qualifying run among `runs` (id-less same-kind siblings). */
function bestRun(
	runs: ReadonlyMap<string, DomElement[]>,
	current: Candidate[],
	ctx: ExtractContext,
	mayRead: () => boolean,
): Candidate[] {
	let best = current;
	for (const run of runs.values()) {
		if (run.length < MIN_IDLESS_RUN || run.length <= best.length) continue;
		const tag = (run[0] as DomElement).name;
		if (run.some((el) => el.name !== tag)) continue;
		// No block of a page without a readable time is a candidate (best is still empty then).
		if (!mayRead()) return best;
		const found: Candidate[] = [];
		const needed = Math.max(MIN_IDLESS_RUN, best.length + 1);
		for (let i = 0; i < run.length; i++) {
			const candidate = candidateOf(run[i] as DomElement, ctx, true);
			if (candidate !== undefined) found.push(candidate);
			// Runs of paragraphs or links fail on their first members: stop once they cannot win.
			else if (found.length + (run.length - i - 1) < needed || (found.length === 0 && i >= 1))
				break;
		}
		const times = new Set(found.map((c) => c.publishedAt.at.getTime()));
		// One time on every block is the page's date repeated, not entries.
		if (
			found.length >= MIN_IDLESS_RUN &&
			times.size === found.length &&
			found.length > best.length
		) {
			best = found;
		}
	}
	return best;
}

/**
 * Entries from repeated timed sibling blocks, or undefined when the page has none. A page with no
 * time the finder could read is ruled out before any block is scanned: `entryTimes` is what
 * mayHoldEntryTimes says of the page when the caller knows it already (the page scan does).
 */
export function extractGeneric(
	root: DomNode,
	ctx: ExtractContext,
	entryTimes?: boolean,
): ExtractorResult | undefined {
	// Every way to an entry reads a block, and none is read on such a page.
	if (entryTimes === false) return undefined;
	// Else asked only when a first block is about to be read: a page whose walk reads none (a body
	// in a comment-named region, no id'd siblings) never pays for the page-wide check.
	let may: boolean | undefined = entryTimes;
	const mayRead = (): boolean => {
		may ??= mayHoldEntryTimes(root);
		return may;
	};
	const group = bestGroup(root, ctx, mayRead);
	if (group.length === 0) return undefined;
	const entries: RawEntry[] = group.map((c) => {
		const entry = readEntry(c.el, c.idless === true ? WRAPPER_RULES : GENERIC_RULES, ctx);
		entry.publishedAt = c.publishedAt.at;
		entry.publishedKind = c.publishedAt.kind;
		entry.publishedShown = c.shown ? true : undefined;
		entry.updatedAt = c.updatedAt ?? entry.updatedAt;
		return entry;
	});
	return { name: "generic", entries, guess: true };
}
