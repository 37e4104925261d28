/**
 * domhandler's DomHandler for the one way extraction uses it (HTML mode, no start or end indices,
 * no callbacks): the same node classes and fields, built in the same order. DomHandler finds the
 * parent and the previous sibling by reading its tag stack and the parent's children array for
 * every node, and checks its options each time; here the open element and its last child are
 * kept in fields. test/unit/extract/tree-builder.test.ts compares the trees on every saved page
 * and on random tag soup.
 */

import {
	CDATA,
	type ChildNode,
	Comment,
	Document,
	type Element,
	type ParentNode,
	ProcessingInstruction,
	Text,
} from "domhandler";
import { MarkedElement } from "./marked-dom.js";

/** A parser handler building the DomHandler tree (HTML mode, no indices); read `root` once parsed. */
export class TreeBuilder {
	/** The document: its children are the page's top-level nodes. */
	readonly root: Document = new Document([]);
	/** Open elements, outermost first; the root is never popped. */
	private readonly stack: ParentNode[] = [this.root];
	/** The innermost open element (the stack's last). */
	private parent: ParentNode = this.root;
	/** The parent's last child so far: the next node's previous sibling. */
	private last: ChildNode | null = null;
	/** A text or comment node still being written to (DomHandler's lastNode). */
	private open: Text | Comment | null = null;

	/** @internal */
	onopentag(name: string, attribs: Record<string, string>): void {
		const element = new MarkedElement(name, attribs);
		this.add(element);
		this.stack.push(element);
		this.parent = element;
		this.last = null;
	}

	/** @internal */
	onclosetag(): void {
		this.open = null;
		const stack = this.stack;
		// As DomHandler: the root is the stack's bottom and the parser never closes more than it opened.
		const element = stack.pop() as Element;
		this.parent = stack[stack.length - 1] as ParentNode;
		this.last = element;
	}

	/** @internal */
	ontext(data: string): void {
		const open = this.open;
		if (open !== null && open instanceof Text) {
			open.data += data;
			return;
		}
		const node = new Text(data);
		this.add(node);
		this.open = node;
	}

	/** @internal */
	oncomment(data: string): void {
		const open = this.open;
		if (open !== null && open instanceof Comment) {
			open.data += data;
			return;
		}
		const node = new Comment(data);
		this.add(node);
		this.open = node;
	}

	/** @internal */
	oncommentend(): void {
		this.open = null;
	}

	/** @internal */
	oncdatastart(): void {
		const text = new Text("");
		const node = new CDATA([text]);
		this.add(node);
		text.parent = node;
		this.open = text;
	}

	/** @internal */
	oncdataend(): void {
		this.open = null;
	}

	/** @internal As DomHandler without a callback: the parser's only error (a write after end) is thrown. */
	onerror(error: Error): void {
		throw error;
	}

	/** @internal */
	onprocessinginstruction(name: string, data: string): void {
		this.add(new ProcessingInstruction(name, data));
	}

	/** Appends `node` to the open element, linked to its previous sibling (DomHandler's addNode). */
	private add(node: ChildNode): void {
		const parent = this.parent;
		const previous = this.last;
		parent.children.push(node);
		if (previous !== null) {
			node.prev = previous;
			previous.next = node;
		}
		node.parent = parent;
		this.last = node;
		this.open = null;
	}
}
