/**
 * The first of the ticker reader's two walks: which elements hold a block somewhere below them
 * and which regions are left out (ads, comments, chrome), with the page clock's evidence read on
 * the way.
 */

import { type DomElement, type DomNode, isCruftElement, isElement } from "../text.js";
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
type ClassVerdicts = Map<string, boolean>;

// isCruftElement remembers its own verdict per class string (text.ts).
function isExcluded(el: DomElement, verdicts: ClassVerdicts): boolean {
	if (isCruftElement(el)) return true;
	// An <article>'s own <header> holds its time and headline; the page's header is chrome.
	if (el.name === "header") return !inArticle(el);
	if (el.name === "footer" || el.name === "nav") return true;
	const { id, class: cls } = el.attribs;
	if (id !== undefined && NOT_TICKER.test(id)) return true;
	if (cls === undefined) return false;
	let verdict = verdicts.get(cls);
	if (verdict === undefined) {
		verdict = NOT_TICKER.test(cls) || BYLINE.test(cls);
		verdicts.set(cls, verdict);
	}
	return verdict;
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
 * Elements that contain a block somewhere below them (each block marks its ancestors once), in
 * one document-order walk that also reads every node for the page clock when `clock` is given
 * (the clock needs text nodes and excluded regions too; each reader keeps its own node budget).
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
