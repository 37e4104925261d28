/**
 * The page as a flat list of leaf blocks (block elements with no block inside), in document
 * order, each with its leading text read for a stamp or a day heading. Rich-text tickers are
 * runs in this list whatever wrappers the CMS put around them.
 */

import {
	collapseWhitespace,
	type DomElement,
	type DomNode,
	isCruftElement,
	isElement,
} from "../text.js";
import { type DayOfYear, readDayHeading, readStamp, type Stamp } from "./wall-clock.js";

/** One leaf block. */
export interface Leaf {
	el: DomElement;
	/** Leading text, whitespace collapsed, at most LEAD_CHARS long. */
	lead: string;
	/** True when `lead` is the whole text of the block. */
	complete: boolean;
	stamp?: Stamp | undefined;
	day?: DayOfYear | undefined;
	/** 1–6 for h1–h6, else 0. */
	heading: number;
	/** The block ends the article (footnote, disclaimer): nothing after it belongs to an entry. */
	stop: boolean;
}

const LEAD_CHARS = 96;
const LEAD_NODES = 60;
/** Most leaves read from one page; a ticker is far smaller, garbage pages can be far larger. */
export const MAX_LEAVES = 20_000;
const MAX_WALK = 400_000;

const BLOCKS: ReadonlySet<string> = new Set(
	"address article blockquote dd div dl dt h1 h2 h3 h4 h5 h6 li main ol p pre section table td th tr ul".split(
		" ",
	),
);
// Regions whose timed items are teasers, comments or chrome, never a ticker. Only class words
// that start with the name: "livecommente-template" or "live-match-comments" is the ticker itself.
const NOT_TICKER =
	/(?:^|\s)(?:comments?|related|newsletter|promo|recirc\w*|sidebar|popular|trending|breadcrumbs?|menu|footer|teasers?|most-?read)(?=$|[\s_-])/i;
const STOP = /footnote|disclaimer|copyright|author-?bio|article-?footer|article-?end/i;

function isExcluded(el: DomElement): boolean {
	if (isCruftElement(el)) return true;
	if (el.name === "header" || el.name === "footer" || el.name === "nav") return true;
	const label = `${el.attribs.id ?? ""} ${el.attribs.class ?? ""}`;
	return label.length > 1 && NOT_TICKER.test(label);
}

function leadText(el: DomElement): { lead: string; complete: boolean } {
	let out = "";
	let nodes = 0;
	const stack: DomNode[] = [];
	for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i] as DomNode);
	while (stack.length > 0) {
		if (out.length > LEAD_CHARS * 2 || nodes++ > LEAD_NODES) {
			return { lead: collapseWhitespace(out).slice(0, LEAD_CHARS), complete: false };
		}
		const node = stack.pop() as DomNode;
		if (node.type === "text") {
			out += node.data;
			continue;
		}
		if (node.type !== "tag" || isCruftElement(node)) continue;
		if (node.name === "br") out += " ";
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
	}
	const lead = collapseWhitespace(out);
	return { lead: lead.slice(0, LEAD_CHARS), complete: lead.length <= LEAD_CHARS };
}

function toLeaf(el: DomElement): Leaf {
	const { lead, complete } = leadText(el);
	const h = /^h([1-6])$/.exec(el.name);
	const label = `${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`;
	const leaf: Leaf = {
		el,
		lead,
		complete,
		heading: h ? Number(h[1]) : 0,
		stop: label.length > 1 && STOP.test(label),
	};
	if (lead === "") return leaf;
	leaf.stamp = readStamp(lead);
	if (leaf.stamp === undefined && complete) leaf.day = readDayHeading(lead);
	return leaf;
}

/** Leaf blocks of the document in order, skipping ads, embeds, navigation and comment regions. */
export function collectLeaves(root: DomNode): Leaf[] {
	const leaves: Leaf[] = [];
	const holdsBlock = new Set<DomNode>();
	// Explicit stack with exit markers: leaves are known only once their subtree has been seen.
	const stack: { node: DomNode; exit: boolean }[] = [{ node: root, exit: false }];
	let walked = 0;
	while (stack.length > 0 && leaves.length < MAX_LEAVES && walked++ < MAX_WALK) {
		const { node, exit } = stack.pop() as { node: DomNode; exit: boolean };
		if (exit) {
			const el = node as DomElement;
			const isBlock = BLOCKS.has(el.name);
			if (isBlock && !holdsBlock.has(el)) leaves.push(toLeaf(el));
			if ((isBlock || holdsBlock.has(el)) && el.parent) holdsBlock.add(el.parent as DomNode);
			continue;
		}
		if (node.type === "tag") {
			if (isExcluded(node)) continue;
			stack.push({ node, exit: true });
		} else if (node.type !== "root") {
			continue;
		}
		const children = (node as DomElement).children;
		for (let i = children.length - 1; i >= 0; i--) {
			const child = children[i] as DomNode;
			if (isElement(child)) stack.push({ node: child, exit: false });
		}
	}
	return leaves;
}

const LINE_END = Symbol("line-end");

/**
 * Text lines of a block: one per nested block or `<br>`, whitespace collapsed. Unlike
 * elementText, source line breaks inside a paragraph (old CMSs wrap at 80 columns) are spaces.
 */
export function blockLines(root: DomElement, skip?: ReadonlySet<DomNode>): string[] {
	const out: string[] = [];
	let line = "";
	const flush = () => {
		const clean = collapseWhitespace(line);
		if (clean !== "") out.push(clean);
		line = "";
	};
	const stack: (DomNode | typeof LINE_END)[] = [];
	for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i] as DomNode);
	while (stack.length > 0) {
		const node = stack.pop() as DomNode | typeof LINE_END;
		if (node === LINE_END) {
			flush();
			continue;
		}
		if (node.type === "text") {
			line += node.data.replace(/[\r\n]/g, " ");
			continue;
		}
		if (node.type !== "tag" || skip?.has(node) || isCruftElement(node)) continue;
		if (node.name === "br") {
			flush();
			continue;
		}
		if (BLOCKS.has(node.name)) {
			flush();
			stack.push(LINE_END);
		}
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
	}
	flush();
	return out;
}
