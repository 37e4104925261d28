/**
 * Text lines of ticker blocks: one per nested block or `<br>`, whitespace collapsed as the text
 * is read (no per-line regex pass over a concatenated copy).
 */

import { type DomElement, type DomNode, isCruftElement } from "../text.js";
import { isBlockTag } from "./block-tags.js";
import type { Leaf } from "./ticker-blocks.js";
import { isWhitespace } from "./trimmed-length.js";

const LINE_END = Symbol("line-end");

/**
 * Where a single-spaced stretch ends: a space before whitespace, or whitespace other than a space.
 * NOT_SINGLE_SPACED (text.ts) finds the same ends, but at the second character of " \n"; this
 * form ends the stretch at its space, and irregexp runs it faster (the page's text goes through it).
 */
const STRETCH_END = / \s|[^\S ]/;

/** A line being written: words joined by one space, a space waiting for the next word. */
interface LineWriter {
	line: string;
	space: boolean;
}

/** Appends text with whitespace collapsed; each single-spaced stretch is found by one search. */
function append(w: LineWriter, data: string): void {
	const n = data.length;
	let i = 0;
	while (i < n) {
		if (isWhitespace(data.charCodeAt(i))) {
			w.space = w.line !== "";
			i++;
			continue;
		}
		const rest = i === 0 ? data : data.slice(i);
		const irregular = rest.search(STRETCH_END);
		let stretch = irregular < 0 ? rest.length : irregular;
		// A single space the text ends with is read by the loop (rest[0] is not whitespace).
		if (rest.charCodeAt(stretch - 1) === 32) stretch--;
		const words = stretch === rest.length ? rest : rest.slice(0, stretch);
		w.line = w.space ? `${w.line} ${words}` : w.line + words;
		w.space = false;
		i += stretch;
	}
}

function flush(w: LineWriter, out: string[]): void {
	if (w.line !== "") out.push(w.line);
	w.line = "";
	w.space = false;
}

/**
 * Text lines of a block: one per nested block or `<br>`, whitespace collapsed. Unlike
 * elementText, source line breaks inside a paragraph (old CMSs wrap at 80 columns) are spaces.
 */
export function blockLines(root: DomElement, skip?: ReadonlySet<DomNode>): string[] {
	return nodeLines(root.children, skip);
}

/** Text lines of a leaf (a whole block, or a run of loose inline nodes). */
export function leafLines(leaf: Leaf): string[] {
	return leaf.nodes === undefined ? blockLines(leaf.el) : nodeLines(leaf.nodes);
}

/** Deepest nesting read by recursion; deeper blocks (garbage pages) are read with a stack. */
const MAX_RECURSION = 100;

function nodeLines(children: readonly DomNode[], skip?: ReadonlySet<DomNode>): string[] {
	const out: string[] = [];
	const w: LineWriter = { line: "", space: false };
	if (!walk(children, skip, w, out, 0)) return stackLines(children, skip);
	flush(w, out);
	return out;
}

/** Writes the lines of `children` (recursively: no stack array); false when nested too deep. */
function walk(
	children: readonly DomNode[],
	skip: ReadonlySet<DomNode> | undefined,
	w: LineWriter,
	out: string[],
	depth: number,
): boolean {
	for (let i = 0; i < children.length; i++) {
		const node = children[i] as DomNode;
		if (node.type === "text") {
			if (!skip?.has(node)) append(w, node.data);
			continue;
		}
		if (node.type !== "tag" || skip?.has(node) || isCruftElement(node)) {
			continue;
		}
		if (node.name === "br") {
			flush(w, out);
			continue;
		}
		const block = isBlockTag(node.name);
		if (block) flush(w, out);
		if (node.children.length > 0) {
			if (depth === MAX_RECURSION || !walk(node.children, skip, w, out, depth + 1)) return false;
		}
		if (block) flush(w, out);
	}
	return true;
}

/** nodeLines with an explicit stack, for blocks nested deeper than MAX_RECURSION. */
function stackLines(children: readonly DomNode[], skip?: ReadonlySet<DomNode>): string[] {
	const out: string[] = [];
	const w: LineWriter = { line: "", space: false };
	const stack: (DomNode | typeof LINE_END)[] = [];
	for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as DomNode);
	while (stack.length > 0) {
		const node = stack.pop() as DomNode | typeof LINE_END;
		if (node === LINE_END) {
			flush(w, out);
			continue;
		}
		if (node.type === "text") {
			if (!skip?.has(node)) append(w, node.data);
			continue;
		}
		if (node.type !== "tag" || skip?.has(node) || isCruftElement(node)) continue;
		if (node.name === "br") {
			flush(w, out);
			continue;
		}
		if (isBlockTag(node.name)) {
			flush(w, out);
			stack.push(LINE_END);
		}
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
	}
	flush(w, out);
	return out;
}
