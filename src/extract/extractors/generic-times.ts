/**
 * Where the generic finder reads an entry's time (data-*time* attributes, time elements, epoch
 * ids and bare epoch text), and whether a page has any such place at all: a page without one
 * cannot give the finder an entry, and most tickers written as rich text have none.
 */

import { type DomNode, epochInToken, isElement } from "../text.js";

/** Attribute names that carry an entry's time. */
export const TIME_ATTR = /^data-(?:[\w-]*-)?(?:time|timestamp|date|published|posted|sort-time)$/;
const BARE_EPOCH = /^\s*(\d{13}|\d{10})\s*$/;

/** The match of a text node that is only a 10- or 13-digit epoch (a rendered timestamp). */
export function bareEpoch(data: string): RegExpExecArray | null {
	// Most text is shorter than an epoch, starts with a letter or is only indentation: no regex for
	// those. The leading ASCII spaces and controls are stepped over here (a control that is not a
	// space fails the regex as well), so the first other character decides.
	const length = data.length;
	if (length < 10) return null;
	let i = 0;
	let first = data.charCodeAt(0);
	while (first <= 32) {
		if (++i === length) return null;
		first = data.charCodeAt(i);
	}
	if ((first < 48 || first > 57) && first !== 0xa0 && first < 0x1680) return null;
	return length - i < 10 ? null : BARE_EPOCH.exec(data);
}

/** Shortest value epochInToken can find an epoch in. */
const EPOCH_DIGITS = 10;

/**
 * True when attribute `name` of `attribs` is a place the finder reads a time from: a data-*time*
 * name, or an id with an epoch in it (its value is read only then).
 */
export function isTimeAttr(attribs: Record<string, string>, name: string): boolean {
	if (name === "id" || name === "data-id" || name === "data-post-id") {
		const value = attribs[name] as string;
		return value.length >= EPOCH_DIGITS && epochInToken(value) !== undefined;
	}
	return name.startsWith("data-") && TIME_ATTR.test(name);
}

/** A data-*time* attribute, or an id attribute with an epoch in it: one pass over the names. */
export function hasTimeAttr(attribs: Record<string, string>): boolean {
	for (const name in attribs) if (isTimeAttr(attribs, name)) return true;
	return false;
}

/**
 * False when no node of the page holds a time the generic finder reads; true when one might (its
 * value is not read: this only rules pages out).
 */
export function mayHoldEntryTimes(root: DomNode): boolean {
	// Explicit stack: garbage HTML can nest deeper than the call stack allows.
	const stack: DomNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop() as DomNode;
		if (node.type === "text") {
			if (bareEpoch(node.data) !== null) return true;
			continue;
		}
		if (isElement(node) && (node.name === "time" || hasTimeAttr(node.attribs))) return true;
		const children = (node as { children?: DomNode[] }).children;
		if (children !== undefined) for (const child of children) stack.push(child);
	}
	return false;
}
