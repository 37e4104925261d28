/**
 * How much of a block's text sits inside some kind of element (links, bold): the ticker asks it
 * of whole entries (link lists) and of a block's first line (a bold-only stamp line).
 */

import type { DomNode } from "../text.js";
import { trimmedLength } from "./trimmed-length.js";

/** Trimmed text lengths: all of it, and the part below an element `isMark` accepts. */
export interface MarkedText {
	all: number;
	marked: number;
}

/**
 * Text lengths below `roots` (each text node trimmed), reading at most `budget` nodes: a block
 * full of tiny elements is judged on its first ones.
 */
export function markedText(
	roots: readonly DomNode[],
	isMark: (name: string) => boolean,
	budget: number,
): MarkedText {
	// Two plain stacks (node, below a mark) rather than a pair object per node.
	const stack: DomNode[] = [...roots];
	const inMarks: boolean[] = stack.map(() => false);
	let all = 0;
	let marked = 0;
	let left = budget;
	while (stack.length > 0 && left-- > 0) {
		const node = stack.pop() as DomNode;
		const inMark = inMarks.pop() as boolean;
		if (node.type === "text") {
			const n = trimmedLength(node.data);
			all += n;
			if (inMark) marked += n;
		} else if (node.type === "tag") {
			const below = inMark || isMark(node.name);
			for (const child of node.children) {
				stack.push(child);
				inMarks.push(below);
			}
		}
	}
	return { all, marked };
}
