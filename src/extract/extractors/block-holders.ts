/**
 * The first of the ticker reader's two walks: which elements hold a block somewhere below them
 * and which regions are left out (ads, comments, chrome), with the page clock's evidence read on
 * the way. With the page's node index it is one loop over arrays rather than a tree walk.
 */

import { isInlineCaption } from "../captions.js";
import { type NodeIndex, parentsOf } from "../element-index.js";
import {
	type DomElement,
	type DomNode,
	isCruftClass,
	isCruftId,
	isElement,
	SKIP_TAGS,
} from "../text.js";
import { isBlockTag } from "./block-tags.js";
import { CLOCK_NODES, type ClockEvidence, clockNode } from "./page-clock.js";

/** Most nodes the holders walk visits; garbage pages can be far larger than any ticker. */
export const MAX_WALK = 400_000;

// Regions whose timed items are teasers, comments or chrome, never a ticker. Only class words
// that start with the name: "livecommente-template" or "live-match-comments" is the ticker itself.
const NOT_TICKER =
	/(?:^|\s)(?:comments?|related|newsletter|promo|recirc\w*|sidebar|popular|trending|breadcrumbs?|menu|footer|teasers?|most-?read)(?=$|[\s_-])/i;

/**
 * Verdicts on class strings for one page: a page repeats a few hundred class strings over
 * thousands of elements, and each is tested once (the map lives for one extraction only).
 */
type ClassVerdicts = Map<string, number>;

/** Class verdict bits: an ad/promo/caption class (isCruftClass), a region that is never a ticker. */
const CRUFT_CLASS = 1;
const NOT_TICKER_CLASS = 2;

/**
 * isCruftElement, then the ticker's own regions. The two class tests share one verdict per
 * class string, looked up once per element.
 */
function isExcluded(el: DomElement, verdicts: ClassVerdicts): boolean {
	const name = el.name;
	if (SKIP_TAGS.has(name) || isInlineCaption(el)) return true;
	const { id, class: cls } = el.attribs;
	if (id !== undefined && isCruftId(id)) return true;
	let verdict = 0;
	if (cls !== undefined) {
		let known = verdicts.get(cls);
		if (known === undefined) {
			known =
				(isCruftClass(cls) ? CRUFT_CLASS : 0) |
				(NOT_TICKER.test(cls) || BYLINE.test(cls) ? NOT_TICKER_CLASS : 0);
			verdicts.set(cls, known);
		}
		if ((known & CRUFT_CLASS) !== 0) return true;
		verdict = known;
	}
	// An <article>'s own <header> holds its time and headline; the page's header is chrome.
	if (name === "header") return !inArticle(el);
	if (name === "footer" || name === "nav") return true;
	if (id !== undefined && NOT_TICKER.test(id)) return true;
	return (verdict & NOT_TICKER_CLASS) !== 0;
}

// "byline", "post__byline", "entry-byline": who wrote an entry is not its text.
const BYLINE = /(?:^|[\s_-])byline(?=$|[\s_-])/i;

/** How far up a <header> may sit below its <article> (header > div > … is still the entry's). */
const ARTICLE_HEADER_DEPTH = 3;

function inArticle(el: DomElement): boolean {
	let n = el.parent as DomElement | null;
	for (let i = 0; n !== null && i < ARTICLE_HEADER_DEPTH; i++, n = n.parent as DomElement | null) {
		if (n.name === "article") return true;
	}
	return false;
}

/** What markHolders found, by position in the node index. */
export interface HolderMarks {
	/** 1 for each element that holds a block somewhere below it. */
	held: Uint8Array;
	/** 1 for each excluded region met (its nodes below are not looked at). */
	excluded: Uint8Array;
	/** The document holds a block outside every excluded region. */
	rootHeld: boolean;
}

/**
 * blockHolders over the page's node index, by position: one loop in document order, no tree
 * walk and no set of nodes. Undefined (and nothing read) for a page past the walk's budgets,
 * where the tree walk's cut-offs decide.
 */
export function markHolders(
	index: NodeIndex,
	clock: ClockEvidence | undefined,
): HolderMarks | undefined {
	// Within both budgets the walk visits every node it reaches: a loop in document order does too.
	if (2 * index.nodes.length + 2 > Math.min(CLOCK_NODES, MAX_WALK)) return undefined;
	const { nodes } = index;
	const parents = parentsOf(index);
	const verdicts: ClassVerdicts = new Map();
	// Per node: HOLDERS when the holders walk goes below it, CLOCK when the clock does.
	const into = new Uint8Array(nodes.length);
	const held = new Uint8Array(nodes.length);
	const excluded = new Uint8Array(nodes.length);
	let rootHeld = false;
	for (let i = 0; i < nodes.length; i++) {
		const parent = parents[i] as number;
		const from = parent < 0 ? HOLDERS | CLOCK : (into[parent] as number);
		if (from === 0) continue;
		const node = nodes[i] as DomNode;
		const type = node.type;
		// Elements are reached by either reader, text only by the clock.
		if (type === "text" ? (from & CLOCK) === 0 : !isElement(node)) continue;
		let goes = clock !== undefined && clockNode(node, clock) ? CLOCK : 0;
		if ((from & HOLDERS) !== 0 && type === "tag") {
			if (isExcluded(node, verdicts)) excluded[i] = 1;
			else {
				goes |= HOLDERS;
				if (isBlockTag(node.name)) {
					rootHeld = true;
					// Stops at the first ancestor already marked: every node is marked at most once.
					for (let up = parent; up >= 0 && held[up] === 0; up = parents[up] as number) held[up] = 1;
				}
			}
		}
		into[i] = goes;
	}
	return { held, excluded, rootHeld };
}

const HOLDERS = 1;
const CLOCK = 2;

/**
 * Elements that contain a block somewhere below them (each block marks its ancestors once), in
 * one document-order walk that also reads every node for the page clock when `clock` is given
 * (the clock needs text nodes and excluded regions too; each reader keeps its own node budget).
 * The walk for a root without a node index, or a page past the budgets (see markHolders).
 */
export function blockHolders(
	root: DomNode,
	excluded: Set<DomNode>,
	clock: ClockEvidence | undefined,
): Set<DomNode> {
	const holds = new Set<DomNode>();
	const verdicts: ClassVerdicts = new Map();
	const stack: DomNode[] = [root];
	// Whether each stacked node lies outside every excluded region (the holders walk skips those).
	const outside: boolean[] = [true];
	let walked = 0;
	let holding = true;
	let clockBudget = clock === undefined ? 0 : CLOCK_NODES;
	while (stack.length > 0 && (holding || clockBudget > 0)) {
		const node = stack.pop() as DomNode;
		const isOutside = outside.pop() as boolean;
		const forClock = clock !== undefined && clockBudget-- > 0;
		const clockDescends = forClock && clockNode(node, clock);
		let holdersDescend = false;
		if (isOutside && holding && node.type !== "text") {
			if (walked++ >= MAX_WALK) holding = false;
			else if (node.type === "tag") {
				// Remembered: the class regexes are the costliest part of the walk, and it is walked twice.
				if (isExcluded(node, verdicts)) excluded.add(node);
				else {
					holdersDescend = true;
					if (isBlockTag(node.name)) {
						// Stops at the first ancestor already marked: every node is marked at most once.
						for (let up = node.parent; up !== null && !holds.has(up); up = up.parent) holds.add(up);
					}
				}
			} else if (node.type === "root") holdersDescend = true;
		}
		if (!clockDescends && !holdersDescend) continue;
		const children = (node as DomElement).children;
		for (let i = children.length - 1; i >= 0; i--) {
			const child = children[i] as DomNode;
			if (isElement(child) || (clockDescends && child.type === "text")) {
				stack.push(child);
				outside.push(holdersDescend);
			}
		}
	}
	return holds;
}
