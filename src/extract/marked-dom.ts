/**
 * The element class extraction's trees are built with (tree-builder.ts): domhandler's Element with
 * one numeric field for the walks to mark it with (see block-holders.ts). A mark on the node is
 * cheaper than a Set of nodes, and a field set in the constructor keeps every element on one
 * hidden class (one added later would give V8 two kinds of element to tell apart everywhere).
 */

import { Element } from "domhandler";

/** An element with a walk mark (0 until a walk sets it); still an `instanceof Element`. */
export class MarkedElement extends Element {
	walkMark = 0;
}
