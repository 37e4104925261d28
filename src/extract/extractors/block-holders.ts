/**
 * The first of the ticker reader's two walks: which elements hold a block somewhere below them
 * and which regions are left out (ads, comments, chrome), with the page clock's evidence read on
 * the way.
 */

import { remember } from "../attribute-memo.js";
import { isInlineCaption } from "../captions.js";
import {
	type DomElement,
	type DomNode,
	isCruftClass,
	isCruftId,
	isElement,
	isSkipTag,
} from "../text.js";
import { isBlockTag } from "./block-tags.js";
import { CLOCK_NODES, type ClockEvidence, clockNode } from "./page-clock.js";

/** Most nodes the holders walk visits; garbage pages can be far larger than any ticker. */
export const MAX_WALK = 400_000;

// Regions whose timed items are teasers, comments or chrome, never a ticker. Only class words
// that start with the name: "livecommente-template" or "live-match-comments" is the ticker itself.
const NOT_TICKER =
	/(?:^|\s)(?:comments?|related|newsletter|promo|recirc\w*|sidebar|popular|trending|breadcrumbs?|menu|footer|teasers?|most-?read)(?=$|[\s_-])/i;

// Class verdicts of the walk, remembered across extractions (one lookup per element).
const CRUFT_CLASS = 1;
const NOT_TICKER_CLASS = 2;
const holderClasses = new Map<string, number>();

function holderClassVerdict(cls: string): number {
	const known = holderClasses.get(cls);
	if (known !== undefined) return known;
	const cruft = isCruftClass(cls) ? CRUFT_CLASS : 0;
	const notTicker = NOT_TICKER.test(cls) || BYLINE.test(cls) ? NOT_TICKER_CLASS : 0;
	return remember(holderClasses, cls, cruft | notTicker);
}

// isCruftElement's tests, with its class verdict folded into the walk's own.
function isExcluded(el: DomElement): boolean {
	const name = el.name;
	if (isSkipTag(name) || isInlineCaption(el)) return true;
	const { id, class: cls } = el.attribs;
	const verdict = cls === undefined ? 0 : holderClassVerdict(cls);
	if ((verdict & CRUFT_CLASS) !== 0 || (id !== undefined && isCruftId(id))) return true;
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

/**
 * A node a walk can mark. Elements from TreeBuilder (MarkedElement) have the field from the start; on other
 * trees (tests) it is added on the first mark.
 */
interface Marked {
	walkMark?: number;
}

// Marks of earlier walks are other numbers, so nothing is ever cleared. A walk's number `run` marks
// a holder, run + 1 a left-out element, run + 2 any other element the walk read. Kept a small integer.
let lastRun = 0;

/** No walk: isReadClean is false for every node. */
export const NO_RUN = -1;

/** True when the walk `run` found a block below `node`. */
export function holdsBlock(node: DomNode, run: number): boolean {
	return (node as Marked).walkMark === run;
}

/** True when the walk `run` left `node` out (ads, comments, chrome). */
export function isLeftOut(node: DomNode, run: number): boolean {
	return (node as Marked).walkMark === run + 1;
}

/**
 * True when the walk `run` read the element and did not leave it out: it is then no cruft element
 * either (isExcluded asks isCruftElement first), and need not be asked again.
 */
export function isReadClean(node: DomNode, run: number): boolean {
	const mark = (node as Marked).walkMark;
	return mark === run || mark === run + 2;
}

/**
 * Marks the elements that contain a block somewhere below them (each block marks its ancestors
 * once) and the regions left out, in one document-order walk that also reads every node for the
 * page clock when `clock` is given (the clock needs text nodes and excluded regions too; each
 * reader keeps its own node budget). Returns the walk's run number for holdsBlock and isLeftOut.
 */
export function blockHolders(root: DomNode, clock: ClockEvidence | undefined): number {
	lastRun = lastRun >= 0x3fff_0000 ? 1 : lastRun + 3;
	const run = lastRun;
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
				if (isExcluded(node)) (node as Marked).walkMark = run + 1;
				else {
					// Read and kept; a block found below later makes it a holder.
					(node as Marked).walkMark = run + 2;
					holdersDescend = true;
					if (isBlockTag(node.name)) {
						// Stops at the first ancestor already marked: every node is marked at most once.
						let up = node.parent as (DomNode & Marked) | null;
						for (; up !== null && up.walkMark !== run; up = up.parent as (DomNode & Marked) | null)
							up.walkMark = run;
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
	return run;
}
