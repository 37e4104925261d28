/**
 * The leading text of a block, whitespace collapsed as it is read. Every block of a page is read
 * for a stamp, so this copies stretches of text at once rather than one character at a time.
 */

import { type DomNode, isCruftElement, isUnicodeSpace } from "../text.js";
import { isReadClean, NO_RUN } from "./block-holders.js";

/** Longest lead read; the stamp readers look at fewer characters still. */
export const LEAD_CHARS = 96;
/** Most nodes read for one lead (a block full of tiny inline elements stops early). */
const LEAD_NODES = 60;

/** A lead and whether it is the block's whole text. */
export interface Lead {
	lead: string;
	complete: boolean;
}

// Control characters count as space here too: a lead is read for a stamp, never shown as is.
function isSpace(c: number): boolean {
	return c <= 32 || c === 0xa0 || (c >= 0x1680 && isUnicodeSpace(c));
}

// The first character that is not a space in isSpace's sense (global: searched from lastIndex).
const NOT_SPACE = /[^\x00-\x20\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/** Index of the first non-space at or after `from` (text.length if none): one native search. */
function nextNonSpace(text: string, from: number): number {
	NOT_SPACE.lastIndex = from;
	return NOT_SPACE.test(text) ? NOT_SPACE.lastIndex - 1 : text.length;
}

/** True when the text is only whitespace (the gaps between blocks). */
export function isBlank(text: string): boolean {
	return nextNonSpace(text, 0) === text.length;
}

/** The lead being written: whitespace collapsed, and `cut` once a character found it full. */
interface Writer {
	out: string;
	space: boolean;
	cut: boolean;
}

// Breaks single spacing: a control character, another kind of space, or two spaces in a row.
const IRREGULAR = /[\x00-\x1f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

/**
 * Appends `data` as a character-by-character reading would: a run of spaces becomes one space
 * before the next character, none at the start, and once the lead holds LEAD_CHARS characters the
 * next character sets `cut`. Single-spaced stretches are found by one native search and copied
 * with one slice each; only where the lead fills up is the text read character by character.
 */
function add(w: Writer, data: string): void {
	const n = data.length;
	let i = 0;
	while (i < n) {
		if (isSpace(data.charCodeAt(i))) {
			w.space = w.out.length > 0;
			// Indentation between tags is a long run: skipped by one search, not char by char.
			i = i + 1 < n && isSpace(data.charCodeAt(i + 1)) ? nextNonSpace(data, i + 2) : i + 1;
			continue;
		}
		const prefix = w.space ? " " : "";
		// Characters at index `room` or later from here would each be checked at a full lead.
		const room = LEAD_CHARS - w.out.length - prefix.length;
		if (room <= 0) {
			addSlowly(w, data, i);
			return;
		}
		const end = Math.min(n, i + room + 1);
		const chunk = i === 0 && end === n ? data : data.slice(i, end);
		const irregular = chunk.search(IRREGULAR);
		if (irregular > 0) {
			// Single-spaced up to a space that the loop reads next (chunk[0] is not a space).
			const stretch = chunk.charCodeAt(irregular - 1) === 32 ? irregular - 1 : irregular;
			w.out += prefix + chunk.slice(0, stretch);
			w.space = false;
			i += stretch;
			continue;
		}
		const trailing = chunk.charCodeAt(chunk.length - 1) === 32;
		if (end === n && chunk.length - (trailing ? 1 : 0) <= room) {
			// The rest of the node fits; a space it ends with waits for the next character.
			w.out += prefix + (trailing ? chunk.slice(0, -1) : chunk);
			w.space = trailing;
			return;
		}
		// The lead fills up in this stretch: what fits at once, the rest one character at a time.
		const fits = chunk.charCodeAt(room - 1) === 32 ? room - 1 : room;
		w.out += prefix + chunk.slice(0, fits);
		w.space = fits < room;
		addSlowly(w, data, i + room);
		return;
	}
}

/** Character by character from `from`: only where the lead fills up. */
function addSlowly(w: Writer, data: string, from: number): void {
	for (let i = from; i < data.length; i++) {
		if (isSpace(data.charCodeAt(i))) {
			w.space = w.out.length > 0;
			continue;
		}
		if (w.out.length >= LEAD_CHARS) {
			w.cut = true;
			return;
		}
		if (w.space) w.out += " ";
		w.space = false;
		w.out += data.charAt(i);
	}
}

/**
 * The first LEAD_CHARS characters of the nodes' text (cruft elements skipped, `<br>` a space),
 * and whether that is all of it. With the number of a holders walk over the nodes (see
 * block-holders.ts), elements that walk read and kept are known not to be cruft.
 */
export function leadText(children: readonly DomNode[], run = NO_RUN): Lead {
	const w: Writer = { out: "", space: false, cut: false };
	let nodes = 0;
	// Most leads are one text node, or a few inline nodes: the stack is only for nesting.
	const stack: DomNode[] = [];
	for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as DomNode);
	while (stack.length > 0) {
		if (nodes++ > LEAD_NODES) return { lead: w.out, complete: false };
		const node = stack.pop() as DomNode;
		if (node.type === "text") {
			add(w, node.data);
			if (w.cut) return { lead: w.out, complete: false };
			continue;
		}
		if (node.type !== "tag" || (!isReadClean(node, run) && isCruftElement(node))) continue;
		if (node.name === "br") w.space = w.out.length > 0;
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
	}
	return { lead: w.out.slice(0, LEAD_CHARS), complete: true };
}
