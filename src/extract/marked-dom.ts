/**
 * The DOM handler extraction parses with: htmlparser2's DomHandler, whose elements carry one
 * numeric field for the walks to mark them with (see block-holders.ts). A mark on the node is
 * cheaper than a Set of nodes, and a field set in the constructor keeps every element on one
 * hidden class (one added later would give V8 two kinds of element to tell apart everywhere).
 */

import { DomHandler } from "htmlparser2";
import type { DomElement } from "./text.js";

type ElementConstructor = new (name: string, attribs: Record<string, string>) => DomElement;

/**
 * domhandler's Element class (htmlparser2 re-exports the handler but not the node classes, and
 * domhandler is no direct dependency): the constructor of an element the stock handler builds.
 */
function stockElementClass(): ElementConstructor {
	const handler = new DomHandler();
	handler.onopentag("b", {});
	return (handler.root.children[0] as DomElement).constructor as ElementConstructor;
}

/** An element with a walk mark (0 until a walk sets it). */
export class MarkedElement extends stockElementClass() {
	walkMark = 0;
}

/** DomHandler for HTML (not XML mode) that builds MarkedElements; all else is the stock handler's. */
export class MarkedDomHandler extends DomHandler {
	override onopentag(name: string, attribs: Record<string, string>): void {
		const element = new MarkedElement(name, attribs);
		this.addNode(element);
		this.tagStack.push(element);
	}
}
