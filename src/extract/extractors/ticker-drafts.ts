/**
 * Drafts of ticker entries from the leaf list: runs (a stamped block and the blocks after it) or
 * elements (one stamped element per entry), with day headings applied on the way.
 */

import {
	collapseWhitespace,
	type DomElement,
	type DomNode,
	elementText,
	parseInstant,
} from "../text.js";
import { markedText } from "./marked-text.js";
import type { PageClock } from "./page-clock.js";
import type { Leaf } from "./ticker-blocks.js";
import { type CalendarDay, resolveHeading } from "./ticker-dates.js";
import { blockLines, leafLines } from "./ticker-lines.js";
import { readStamp, type Stamp } from "./wall-clock.js";

/** Deepest ancestor chain followed; deeper nesting is garbage, not a ticker. */
export const MAX_DEPTH = 256;

/** One entry being assembled. */
export interface Draft {
	/** Element whose id may name the entry (the stamped block, or the entry element). */
	idSource: DomElement;
	/** False when the entry is only part of idSource (a line of a paragraph): its id is not ours. */
	ownsId: boolean;
	stamp: Stamp;
	heading?: CalendarDay | undefined;
	headline?: string | undefined;
	lines: string[];
	/** Blocks that make up the body, for bodyHtml. */
	parts: DomElement[];
	/** An absolute instant the page gives next to the stamp (time[datetime] with a zone). */
	exact?: Date | undefined;
}

/** The ancestor of `node` (or node itself) whose parent is `top`; undefined if not below it. */
export function childUnder(node: DomNode, top: DomNode): DomNode | undefined {
	let n: DomNode | null = node;
	for (let steps = 0; n !== null && steps < MAX_DEPTH; steps++) {
		if (n.parent === top) return n;
		n = n.parent as DomNode | null;
	}
	return undefined;
}

function isEmphasisOnly(children: readonly DomNode[]): boolean {
	const { all, marked } = markedText(children, isBold, 200);
	return marked > 0 && all - marked <= 2;
}

function isBold(name: string): boolean {
	return name === "strong" || name === "b";
}

/** The stamp re-read on the block's full first line (its lead held only the first characters). */
function fullStamp(leaf: Leaf, text: string[]): { stamp: Stamp; rest: string[] } {
	const first = text[0] ?? "";
	// The leaf's stamp was read on its lead: when that was the whole first line, it is the same.
	const again = first === leaf.lead && leaf.stamp !== undefined ? leaf.stamp : readStamp(first);
	if (again !== undefined && again.kind === leaf.stamp?.kind) {
		return {
			stamp: again,
			rest: again.rest === "" ? text.slice(1) : [again.rest, ...text.slice(1)],
		};
	}
	return { stamp: { ...(leaf.stamp as Stamp), rest: "" }, rest: text };
}

/** Runs: a stamped block, then every following block up to the next stamp, heading or stop. */
export function runDrafts(
	leaves: readonly Leaf[],
	from: number,
	to: number,
	starts: Set<Leaf>,
	clock: PageClock,
): Draft[] {
	const drafts: Draft[] = [];
	const startLevel = starts.values().next().value?.heading ?? 0;
	let current: Draft | undefined;
	let heading: CalendarDay | undefined;
	let last = to - 1;
	while (last > from && !starts.has(leaves[last] as Leaf)) last--;
	// After the last stamp only its own container counts: what follows is page, not ticker.
	const lastParent = (leaves[last] as Leaf).el.parent as DomNode | null;
	for (let i = from; i < to; i++) {
		const leaf = leaves[i] as Leaf;
		if (i > last && (lastParent === null || childUnder(leaf.el, lastParent) === undefined)) break;
		if (starts.has(leaf)) {
			const text = leafLines(leaf);
			const { stamp, rest } = fullStamp(leaf, text);
			const exact = exactTime(leaf.el);
			const ownsId = leaf.nodes === undefined;
			current = { idSource: leaf.el, ownsId, stamp, heading, lines: [], parts: [], exact };
			drafts.push(current);
			if (stamp.kind === "minute") {
				// The minute leads the headline: it is all the reader gets instead of a time.
				current.headline =
					leaf.heading > 0 ? `${stamp.label} ${rest.join(" ")}`.trim() : stamp.label;
				if (leaf.heading === 0) current.lines.push(...rest);
				if (leaf.heading === 0 && ownsId) current.parts.push(leaf.el);
			} else if (
				leaf.heading > 0 ||
				(isEmphasisOnly(leaf.nodes ?? leaf.el.children) && rest.length === 1)
			) {
				current.headline = rest.join(" ") || undefined;
			} else {
				current.lines.push(...rest);
				if (ownsId) current.parts.push(leaf.el);
			}
			continue;
		}
		if (leaf.day !== undefined) {
			heading = resolveHeading(leaf.day, clock.reference);
			current = undefined;
			continue;
		}
		// "<h4>14:05</h4><h3>Headline</h3>": a heading right after a bare time is the headline.
		if (current !== undefined && leaf.heading > 0 && isBare(current)) {
			const text = leafLines(leaf).join(" ");
			const stamp = current.stamp;
			current.headline =
				stamp.kind === "minute" ? `${stamp.label} ${text}`.trim() : text || undefined;
			continue;
		}
		const closes =
			leaf.stop ||
			(leaf.heading > 0 && (startLevel > 0 ? leaf.heading <= startLevel : leaf.heading <= 3));
		if (closes) {
			current = undefined;
			continue;
		}
		if (current !== undefined) {
			current.lines.push(...leafLines(leaf));
			if (leaf.nodes === undefined) current.parts.push(leaf.el);
		}
	}
	// A bold headline line with nothing under it is the entry's text, not its headline.
	for (const d of drafts) {
		const isLabel = d.stamp.kind === "minute";
		if (d.headline !== undefined && d.lines.length === 0 && startLevel === 0 && !isLabel) {
			d.lines.push(d.headline);
			d.headline = undefined;
		}
	}
	return drafts;
}

/** True for an entry that so far has only its time (a minute label counts as nothing more). */
function isBare(d: Draft): boolean {
	const label = d.stamp.kind === "minute" ? d.stamp.label : undefined;
	return (d.headline === undefined || d.headline === label) && d.lines.length === 0;
}

/** An instant from a `time[datetime]` (with a zone) inside the element, if there is one. */
function exactTime(el: DomElement): Date | undefined {
	const stack: DomNode[] = [el];
	let budget = 300;
	while (stack.length > 0 && budget-- > 0) {
		const node = stack.pop() as DomNode;
		if (node.type !== "tag") continue;
		if (node.name === "time") {
			const at = parseInstant(node.attribs.datetime);
			if (at !== undefined) return at;
		}
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
	}
	return undefined;
}

function isHeadingTag(name: string): boolean {
	if (name.length !== 2 || name.charCodeAt(0) !== 104 /* h */) return false;
	const level = name.charCodeAt(1);
	return level >= 49 && level <= 54;
}

function firstHeading(el: DomElement, skip: DomNode): DomElement | undefined {
	const stack: DomNode[] = [];
	for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i] as DomNode);
	let budget = 300;
	while (stack.length > 0 && budget-- > 0) {
		const node = stack.pop() as DomNode;
		if (node.type !== "tag" || node === skip) continue;
		if (isHeadingTag(node.name)) return node;
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
	}
	return undefined;
}

/**
 * One entry per element: each child of the common container holds exactly one stamp. The leaves
 * read are those from `from` on that `unitOf` gives the container's child for (same order).
 */
export function elementDrafts(
	leaves: readonly Leaf[],
	from: number,
	unitOf: readonly DomNode[],
	units: Map<DomNode, Leaf>,
	clock: PageClock,
): Draft[] {
	const drafts: Draft[] = [];
	let heading: CalendarDay | undefined;
	for (let k = 0; k < unitOf.length; k++) {
		const leaf = leaves[from + k] as Leaf;
		const unit = unitOf[k] as DomNode;
		if (units.get(unit) === leaf) {
			const el = unit as DomElement;
			const own = leafLines(leaf);
			const { stamp, rest } = fullStamp(leaf, own);
			const head = firstHeading(el, leaf.el);
			const skip = new Set<DomNode>(leaf.nodes ?? [leaf.el]);
			if (head !== undefined) skip.add(head);
			const text =
				(head === undefined ? undefined : collapseWhitespace(elementText(head))) ||
				(leaf.heading > 0 ? rest.join(" ") : undefined);
			const headline = stamp.kind === "minute" ? `${stamp.label} ${text ?? ""}`.trim() : text;
			const body = leaf.heading > 0 ? blockLines(el, skip) : [...rest, ...blockLines(el, skip)];
			drafts.push({
				idSource: el,
				ownsId: true,
				stamp,
				heading,
				headline: headline || undefined,
				lines: body,
				parts: [el],
				exact: exactTime(el),
			});
		} else if (leaf.day !== undefined && !units.has(unit)) {
			heading = resolveHeading(leaf.day, clock.reference);
		}
	}
	return drafts;
}
