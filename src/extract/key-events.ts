/**
 * Key events: entries the publisher flags as the important ones. Three general signals: a flag on
 * the entry element (data-type="key-event", a key-event class), a short "Key event" label inside
 * it, and a key-events list elsewhere on the page that links to entries by id or anchor.
 */

import { fragmentOf, KNOWN_ID_PREFIXES, keysForDomId, type RawEntry } from "./raw-entry.js";
import {
	collapseWhitespace,
	type DomElement,
	type DomNode,
	isElement,
	MAX_ATTRIBUTE_CHARS,
} from "./text.js";

// Attributes whose value names an entry's kind ("key-event" vs "default" on Reach pages).
const TYPE_ATTRS = ["data-type", "data-post-type", "data-entry-type", "data-block-type"] as const;
const KEY_TYPE = /^(?:key[-_ ]?(?:event|point|moment|update)|highlight)$/i;
// One class token flags the entry: key-event, is-key-event, block--key-event, post__key-point.
// Not "highlighted": live pages flash newly arrived posts with such classes.
const KEY_CLASS_TOKEN =
	/^(?:(?:is|has)-)?key-?(?:event|point|moment)$|(?:--|__)key-?(?:event|point|moment)$/i;
// A badge inside the entry: "Key event", "KEY POINT".
const KEY_LABEL = /^\s*key (?:event|point|moment|update)s?\s*$/i;
const MAX_LABEL_CHARS = 24;

/** True when the entry element itself carries a key-event flag (attribute value or class token). */
export function isKeyEventElement(el: DomElement): boolean {
	const a = el.attribs;
	for (const name of TYPE_ATTRS) {
		const value = a[name];
		if (value !== undefined && KEY_TYPE.test(value.trim())) return true;
	}
	if (a["data-key-event"] === "true" || a["data-is-key-event"] === "true") return true;
	const cls = a.class;
	if (cls === undefined || !/key/i.test(cls)) return false;
	for (const token of cls.slice(0, MAX_ATTRIBUTE_CHARS).split(/\s+/)) {
		if (KEY_CLASS_TOKEN.test(token)) return true;
	}
	return false;
}

/** True for a small element whose whole text is a key-event badge ("Key event"). */
export function isKeyEventLabel(el: DomElement): boolean {
	if (el.children.length !== 1) return false;
	const only = el.children[0] as DomNode;
	return only.type === "text" && only.data.length <= MAX_LABEL_CHARS && KEY_LABEL.test(only.data);
}

/** A container of a key-events list, by its class or id ("live-event-key-events", "key-points"). */
export const LIST_NAME = /key[-_]?(?:events|points|moments)|keyevents|keypoints|highlights/i;
// A heading that introduces such a list.
const LIST_HEADING =
	/^(?:key (?:events|points|moments|updates)|highlights|les temps forts|temps forts|wichtigste ereignisse|momentos clave|momenti chiave)(?: ?:)?$/i;
const HEADING = /^h[1-6]$/;
const ID_ATTRS = ["data-id", "data-entry-id", "data-post-id", "data-block-id"] as const;
const MAX_LIST_NODES = 2_000;

/** True when an element's class or id (as the page scan read them) names it a key-events list. */
export function isKeyEventList(cls: string | undefined, id: string | undefined): boolean {
	// No concatenated label: this runs on every element of the page scan.
	return (cls !== undefined && LIST_NAME.test(cls)) || (id !== undefined && LIST_NAME.test(id));
}

/** True for a heading whose text introduces a key-events list ("Key events"). */
export function isKeyEventHeading(el: DomElement): boolean {
	if (!HEADING.test(el.name)) return false;
	let text = "";
	const stack: DomNode[] = [...el.children];
	while (stack.length > 0 && text.length <= 40) {
		const node = stack.shift() as DomNode;
		if (node.type === "text") text += node.data;
		else if (isElement(node)) stack.unshift(...node.children);
	}
	return text.length <= 40 && LIST_HEADING.test(collapseWhitespace(text));
}

function addLinkKeys(el: DomElement, out: Set<string>): void {
	for (const name of ID_ATTRS) {
		const value = el.attribs[name]?.trim();
		if (value) for (const key of keysForDomId(value, KNOWN_ID_PREFIXES)) out.add(key);
	}
	const href = el.name === "a" ? el.attribs.href : undefined;
	if (href === undefined) return;
	// "?page=with:block-1#block-1&filterKeyEvents": the anchor ends where a query-like tail starts.
	const fragment = fragmentOf(href)?.split(/[&?]/)[0];
	if (fragment) for (const key of keysForDomId(fragment, KNOWN_ID_PREFIXES)) out.add(key);
}

/** Adds the entry ids and anchors the links under `root` point at (a bounded walk). */
export function collectListKeys(root: DomElement, out: Set<string>): void {
	const stack: DomNode[] = [root];
	let budget = MAX_LIST_NODES;
	while (stack.length > 0 && budget-- > 0) {
		const node = stack.pop() as DomNode;
		if (node.type !== "tag") continue;
		if (node.name === "a" || node.name === "li") addLinkKeys(node, out);
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
	}
}

/** Collects the keys of the list a key-events heading introduces: its following siblings up to the next heading. */
export function collectAfterHeading(heading: DomElement, out: Set<string>): void {
	for (let n = heading.next; n !== null; n = n.next) {
		if (!isElement(n as DomNode)) continue;
		const el = n as DomElement;
		if (HEADING.test(el.name)) return;
		collectListKeys(el, out);
	}
}

/** True when a source flags a copy, or a key-events list links to one of its ids or anchors. */
export function isKeyEvent(
	copies: readonly { entry: RawEntry }[],
	listed: ReadonlySet<string> | undefined,
): boolean {
	for (const { entry } of copies) {
		if (entry.keyEvent === true) return true;
		if (listed === undefined || listed.size === 0) continue;
		if (entry.anchor !== undefined && listed.has(entry.anchor)) return true;
		for (const key of entry.keys) if (listed.has(key)) return true;
	}
	return false;
}
