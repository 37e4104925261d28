/**
 * The parsed page as flat arrays: every node in document order with the position of its parent,
 * recorded while the DOM is built. Readers that look at every element (the page scan, the ticker's
 * block walk, the page clock, the generic finder's time check) loop over these arrays instead of
 * each walking the tree again with a stack.
 */

import { DomHandler } from "htmlparser2";
import type { DomNode } from "./text.js";

/** Nodes below the root in document order (a node comes before its children). */
export interface NodeIndex {
	/** Every node below the root: elements, text, comments, directives. */
	readonly nodes: readonly DomNode[];
	/** Position in `nodes` of each node's parent; -1 for children of the root. */
	readonly parents: readonly number[];
	/** Position just past each node's last descendant (its next sibling's, when it has one). */
	readonly ends: readonly number[];
}

type AddedNode = Parameters<DomHandler["addNode"]>[0];

/** A DomHandler that also records the NodeIndex of the document it builds. */
export class IndexingHandler extends DomHandler implements NodeIndex {
	readonly nodes: DomNode[] = [];
	readonly parents: number[] = [];
	readonly ends: number[] = [];
	/** Positions of the open elements, innermost last (DomHandler's tagStack, as positions). */
	private readonly open: number[] = [];

	override addNode(node: AddedNode): void {
		super.addNode(node);
		this.parents.push(this.open.length === 0 ? -1 : (this.open[this.open.length - 1] as number));
		this.nodes.push(node as unknown as DomNode);
		// Final for a node without children; an element's is set when it closes.
		this.ends.push(this.nodes.length);
	}

	override onopentag(name: string, attribs: { [key: string]: string }): void {
		super.onopentag(name, attribs);
		this.open.push(this.nodes.length - 1);
	}

	override onclosetag(): void {
		super.onclosetag();
		this.ends[this.open.pop() as number] = this.nodes.length;
	}
}

/** The index of a tree built some other way (tests, callers holding only a root). */
export function indexOf(root: DomNode): NodeIndex {
	const nodes: DomNode[] = [];
	const parents: number[] = [];
	// Explicit stacks: garbage HTML can nest deeper than the call stack allows.
	const stack: DomNode[] = [];
	const from: number[] = [];
	const top = (root as { children?: DomNode[] }).children ?? [];
	for (let i = top.length - 1; i >= 0; i--) {
		stack.push(top[i] as DomNode);
		from.push(-1);
	}
	while (stack.length > 0) {
		const node = stack.pop() as DomNode;
		const at = nodes.length;
		nodes.push(node);
		parents.push(from.pop() as number);
		const children = (node as { children?: DomNode[] }).children;
		if (children === undefined) continue;
		for (let i = children.length - 1; i >= 0; i--) {
			stack.push(children[i] as DomNode);
			from.push(at);
		}
	}
	const ends = nodes.map((_, i) => i + 1);
	// Children come after their parent: one backward pass carries each subtree's end up.
	for (let i = nodes.length - 1; i >= 0; i--) {
		const parent = parents[i] as number;
		if (parent >= 0 && (ends[i] as number) > (ends[parent] as number))
			ends[parent] = ends[i] as number;
	}
	return { nodes, parents, ends };
}
