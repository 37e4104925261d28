/**
 * The parsed page as flat arrays: every node in document order with the position just past its
 * subtree. The ticker reader's block walks and the generic finder's time check loop over these
 * arrays, by position, instead of walking the tree with a stack and keeping sets of nodes. Built
 * by one walk when the first of them needs it: most pages never reach those readers, and an index
 * recorded while parsing would make every page's parse pay for it.
 */

import type { DomNode } from "./text.js";

/** Nodes below the root in document order (a node comes before its children). */
export interface NodeIndex {
	/** Every node below the root: elements, text, comments, directives. */
	readonly nodes: readonly DomNode[];
	/** Position just past each node's last descendant (its next sibling's, when it has one). */
	readonly ends: readonly number[];
}

/** Position of each node's parent (-1 for children of the root), from the subtree ends. */
export function parentsOf({ ends }: NodeIndex): Int32Array {
	const parents = new Int32Array(ends.length);
	// The open subtrees around the current position, innermost last.
	const open: number[] = [];
	for (let i = 0; i < ends.length; i++) {
		while (open.length > 0 && (ends[open[open.length - 1] as number] as number) <= i) open.pop();
		parents[i] = open.length === 0 ? -1 : (open[open.length - 1] as number);
		if ((ends[i] as number) > i + 1) open.push(i);
	}
	return parents;
}

/** The node index of a parsed document (or of any subtree: `root` itself is not in it). */
export function indexOf(root: DomNode): NodeIndex {
	const nodes: DomNode[] = [];
	const ends: number[] = [];
	// Explicit stack: garbage HTML can nest deeper than the call stack allows. A negative entry
	// closes the subtree of the node at that position (stored as -1 - position).
	const stack: (DomNode | number)[] = [];
	const top = (root as { children?: DomNode[] }).children ?? [];
	for (let i = top.length - 1; i >= 0; i--) stack.push(top[i] as DomNode);
	while (stack.length > 0) {
		const item = stack.pop() as DomNode | number;
		if (typeof item === "number") {
			ends[-1 - item] = nodes.length;
			continue;
		}
		const at = nodes.length;
		nodes.push(item);
		ends.push(at + 1);
		const children = (item as { children?: DomNode[] }).children;
		if (children === undefined || children.length === 0) continue;
		stack.push(-1 - at);
		for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as DomNode);
	}
	return { nodes, ends };
}
