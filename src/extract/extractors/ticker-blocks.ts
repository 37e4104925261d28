/**
 * The page as a flat list of leaf blocks (block elements with no block inside), in document
 * order, each with its leading text read for a stamp or a day heading. Rich-text tickers are
 * runs in this list whatever wrappers the CMS put around them.
 */

import { remember } from "../attribute-memo.js";
import { type DomElement, type DomNode, isElement } from "../text.js";
import { blockHolders, holdsBlock, isLeftOut, MAX_WALK } from "./block-holders.js";
import { isBlockTag } from "./block-tags.js";
import { isBlank, leadText } from "./lead-text.js";
import type { ClockEvidence } from "./page-clock.js";
import { type DayOfYear, readDayHeading, readStamp, type Stamp } from "./wall-clock.js";

/** One leaf block. */
export interface Leaf {
	/** The block; for loose inline text inside a block that also holds blocks, that block. */
	el: DomElement;
	/** The inline nodes the leaf is made of, when it is loose text rather than a whole element. */
	nodes?: DomNode[] | undefined;
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

/** Most leaves read from one page; a ticker is far smaller, garbage pages can be far larger. */
export const MAX_LEAVES = 20_000;

const STOP = /footnote|disclaimer|copyright|author-?bio|article-?footer|article-?end/i;

// Leaves repeat class strings page after page: each is tested once per process.
const stopClasses = new Map<string, boolean>();

function isStopClass(cls: string): boolean {
	const known = stopClasses.get(cls);
	return known !== undefined ? known : remember(stopClasses, cls, STOP.test(cls));
}

/** True when the id or class attribute says the block ends the article. */
function isStop(el: DomElement): boolean {
	const { id, class: cls } = el.attribs;
	return (id !== undefined && STOP.test(id)) || (cls !== undefined && isStopClass(cls));
}

function headingLevel(name: string): number {
	if (name.length !== 2 || name.charCodeAt(0) !== 104 /* h */) return 0;
	const level = name.charCodeAt(1) - 48;
	return level >= 1 && level <= 6 ? level : 0;
}

function toLeaf(el: DomElement, run: number, nodes?: DomNode[]): Leaf {
	const { lead, complete } = leadText(nodes ?? el.children, run);
	// Every field set up front: one object shape for all leaves.
	const leaf: Leaf = {
		el,
		nodes,
		lead,
		complete,
		stamp: undefined,
		day: undefined,
		// A line group inside a block is neither a heading nor a footer of its own.
		heading: nodes === undefined ? headingLevel(el.name) : 0,
		stop: nodes === undefined && isStop(el),
	};
	if (lead === "") return leaf;
	leaf.stamp = readStamp(lead);
	if (leaf.stamp === undefined && complete) leaf.day = readDayHeading(lead);
	return leaf;
}

const MAX_SEGMENTS = 500;

function isBreak(node: DomNode): boolean {
	return node.type === "tag" && node.name === "br";
}

/**
 * A block as one leaf, or, when several of its `<br>`-separated lines start with a time (an old
 * CMS's whole ticker in one paragraph), one leaf per line group.
 */
function splitAtBreaks(el: DomElement, out: Leaf[], run: number): void {
	const children = el.children;
	if (!children.some(isBreak)) {
		out.push(toLeaf(el, run));
		return;
	}
	const segments: DomNode[][] = [[]];
	for (const child of children) {
		if (isBreak(child)) {
			if ((segments.at(-1) as DomNode[]).length > 0 && segments.length < MAX_SEGMENTS)
				segments.push([]);
		} else {
			(segments.at(-1) as DomNode[]).push(child);
		}
	}
	// One text read per segment: a leaf with an empty lead is a segment without text.
	const parts = segments.map((nodes) => toLeaf(el, run, nodes)).filter((leaf) => leaf.lead !== "");
	const stamped = parts.filter((leaf) => leaf.stamp !== undefined).length;
	if (stamped >= 2) out.push(...parts);
	else out.push(toLeaf(el, run));
}

interface InlineRun {
	parent: DomElement;
	run: DomNode[];
}

/** A run of inline nodes that is only whitespace: it is walked like any run but yields nothing. */
const BLANK_RUN: InlineRun = { parent: undefined as unknown as DomElement, run: [] };

function runLeaf({ parent, run: nodes }: InlineRun, run: number): Leaf | undefined {
	let element: DomElement | undefined;
	let elements = 0;
	let textOutside = false;
	for (const n of nodes) {
		if (isElement(n)) {
			element = n;
			elements++;
		} else if (n.type === "text" && !textOutside && n.data.trim() !== "") textOutside = true;
	}
	// A lone inline element ("<span class=time>") is its own leaf; mixed text keeps its parent.
	if (elements === 1 && !textOutside) {
		return leadText(nodes, run).lead === "" ? undefined : toLeaf(element as DomElement, run);
	}
	// The run's own lead says whether it has text at all.
	const leaf = toLeaf(parent, run, nodes);
	return leaf.lead === "" ? undefined : leaf;
}

/**
 * Pushes the walk items of a block holder: its block (or block-holding) children, and the runs
 * of inline children between them, so that they pop in document order.
 */
function pushHolderItems(parent: DomNode, stack: (DomNode | InlineRun)[], run: number): void {
	const children = (parent as DomElement).children;
	const keepRuns = parent.type === "tag";
	// Read backwards, so that the stack pops the items forwards. Only the bounds of a run are kept
	// here: its nodes are gathered once it is known to have text (most runs are whitespace).
	let below = children.length;
	let members = false;
	let content = false;
	for (let i = children.length - 1; i >= 0; i--) {
		const child = children[i] as DomNode;
		if (child.type === "text") {
			members = true;
			if (!content && !isBlank(child.data)) content = true;
			continue;
		}
		if (child.type !== "tag" || isLeftOut(child, run)) continue;
		if (!isBlockTag(child.name) && !holdsBlock(child, run)) {
			if (child.name !== "br") {
				members = true;
				content = true;
			}
			continue;
		}
		if (members && keepRuns) stack.push(runOf(parent, i + 1, below, content, run));
		members = false;
		content = false;
		below = i;
		stack.push(child);
	}
	if (members && keepRuns) stack.push(runOf(parent, 0, below, content, run));
}

/**
 * The run of `parent`'s children from `from` up to `below`: its text and inline elements (no block
 * lies between those bounds; left-out elements and `<br>`s are not in the run).
 */
function runOf(
	parent: DomNode,
	from: number,
	below: number,
	content: boolean,
	run: number,
): InlineRun {
	if (!content) return BLANK_RUN;
	const children = (parent as DomElement).children;
	const nodes: DomNode[] = [];
	for (let i = from; i < below; i++) {
		const child = children[i] as DomNode;
		if (child.type === "text") nodes.push(child);
		else if (child.type === "tag" && child.name !== "br" && !isLeftOut(child, run))
			nodes.push(child);
	}
	return { parent: parent as DomElement, run: nodes };
}

/**
 * Leaf blocks of the document in order, skipping ads, embeds, navigation and comment regions.
 * Loose inline content beside blocks ("<article><span>14:05</span><h2>…") is a leaf of its own.
 * With `clock`, the page's clock evidence is gathered on the way (see page-clock.ts).
 */
export function collectLeaves(root: DomNode, clock?: ClockEvidence): Leaf[] {
	const run = blockHolders(root, clock);
	const leaves: Leaf[] = [];
	const stack: (DomNode | InlineRun)[] = [root];
	let walked = 0;
	while (stack.length > 0 && leaves.length < MAX_LEAVES && walked++ < MAX_WALK) {
		const item = stack.pop() as DomNode | InlineRun;
		if ("run" in item) {
			if (item === BLANK_RUN) continue;
			const leaf = runLeaf(item, run);
			if (leaf !== undefined) leaves.push(leaf);
			continue;
		}
		if (item.type === "tag" && isBlockTag(item.name) && !holdsBlock(item, run)) {
			splitAtBreaks(item, leaves, run);
			continue;
		}
		// A block holder: block children are walked, runs of inline children between them kept.
		pushHolderItems(item, stack, run);
	}
	return leaves;
}
