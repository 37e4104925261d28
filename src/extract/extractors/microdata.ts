/**
 * schema.org in microdata (itemscope/itemtype/itemprop) and RDFa Lite (vocab/typeof/property),
 * turned into the same objects JSON-LD gives, so the JSON-LD reader's rules apply unchanged.
 */

import type { ExtractContext } from "../raw-entry.js";
import {
	collapseWhitespace,
	type DomElement,
	type DomNode,
	elementText,
	isElement,
} from "../text.js";
import { extractJsonLdValues, type JsonLdResult } from "./json-ld.js";

type Json = Record<string, unknown>;

/** The marked-up items the page scan found. */
export interface MicrodataRoots {
	/** Elements typed LiveBlogPosting. */
	blogs: DomElement[];
	/** Elements that are a liveBlogUpdate property (also those outside any LiveBlogPosting). */
	updates: DomElement[];
	/** Elements typed BlogPosting: updates when a page marks several and no LiveBlogPosting. */
	postings: DomElement[];
}

const MAX_NODES_PER_ITEM = 20_000;
// Items nest a few levels (blog → update → author); deeper nesting is garbage or hostile.
const MAX_ITEM_DEPTH = 8;
const MAX_ANCESTORS = 256;
// Properties whose text is the entry body; the rest of an item is its body only when none is marked.
const BODY_PROPS = new Set(["articleBody", "text"]);
const META_PROPS = new Set(["headline", "name", "datePublished", "dateModified", "author", "url"]);

/** True for an element that starts an item (microdata itemscope or RDFa typeof). */
export function startsItem(el: DomElement): boolean {
	return el.attribs.itemscope !== undefined || el.attribs.typeof !== undefined;
}

/** The property names on an element: itemprop, or RDFa property with any prefix or vocabulary URL. */
export function propNames(el: DomElement): string[] {
	const raw = el.attribs.itemprop ?? el.attribs.property;
	if (raw === undefined) return [];
	const names: string[] = [];
	for (const token of raw.trim().split(/\s+/)) {
		const cut = Math.max(token.lastIndexOf("/"), token.lastIndexOf(":"), token.lastIndexOf("#"));
		const name = token.slice(cut + 1);
		if (name !== "") names.push(name);
	}
	return names;
}

/** The item type of an element ("LiveBlogPosting" from "https://schema.org/LiveBlogPosting"). */
export function itemTypeOf(el: DomElement): string | undefined {
	const raw = el.attribs.itemtype ?? el.attribs.typeof;
	if (raw === undefined) return undefined;
	const token = raw.trim().split(/\s+/)[0] ?? "";
	const cut = Math.max(token.lastIndexOf("/"), token.lastIndexOf(":"), token.lastIndexOf("#"));
	return token.slice(cut + 1) || undefined;
}

// The JSON-LD reader parses bodies containing "<" as HTML; this text is plain.
function escapeText(text: string): string {
	return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
}

function propValue(el: DomElement, name: string, depth: number): unknown {
	if (startsItem(el) && depth < MAX_ITEM_DEPTH) return readItem(el, depth + 1);
	const a = el.attribs;
	if (a.content !== undefined) return a.content;
	switch (el.name) {
		case "a":
		case "link":
		case "area":
			if (a.href !== undefined) return a.href;
			break;
		case "img":
		case "audio":
		case "video":
		case "source":
		case "iframe":
		case "embed":
			if (a.src !== undefined) return a.src;
			break;
		case "time":
			if (a.datetime !== undefined) return a.datetime;
			break;
		case "data":
		case "meter":
			if (a.value !== undefined) return a.value;
			break;
	}
	const text = elementText(el);
	return BODY_PROPS.has(name) ? escapeText(text) : collapseWhitespace(text);
}

function addValue(item: Json, name: string, value: unknown): void {
	const before = item[name];
	if (before === undefined) item[name] = value;
	else if (Array.isArray(before)) before.push(value);
	else item[name] = [before, value];
}

/** One item as a JSON-LD-shaped object: its type, id and the properties below it. */
export function readItem(root: DomElement, depth = 0): Json {
	const item: Json = {};
	const type = itemTypeOf(root);
	if (type !== undefined) item["@type"] = type;
	const id = root.attribs.itemid ?? root.attribs.resource ?? root.attribs.about;
	const domId = root.attribs.id?.trim();
	if (id !== undefined) item["@id"] = id;
	else if (domId) item["@id"] = `#${domId}`;
	const metaParts = new Set<DomNode>();
	const stack: DomNode[] = [...root.children].reverse();
	let budget = MAX_NODES_PER_ITEM;
	while (stack.length > 0 && budget-- > 0) {
		const node = stack.pop() as DomNode;
		if (!isElement(node)) continue;
		const names = propNames(node);
		for (const name of names) addValue(item, name, propValue(node, name, depth));
		if (names.some((n) => META_PROPS.has(n))) metaParts.add(node);
		// A nested item's properties are its own; a property's subtree is its value.
		if (names.length > 0 || startsItem(node)) continue;
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
	}
	if (type !== "LiveBlogPosting" && item.articleBody === undefined && item.text === undefined) {
		// An update marked only with headline and date: the rest of its element is the body.
		const body = elementText(root, metaParts);
		if (body.trim() !== "") item.articleBody = escapeText(body);
	}
	return item;
}

/** True when an ancestor is in the set; an element nested deeper than any real page counts as inside. */
function isInside(el: DomElement, ancestors: ReadonlySet<DomElement>): boolean {
	let steps = 0;
	for (let p = el.parent as DomElement | null; p !== null; p = p.parent as DomElement | null) {
		if (ancestors.has(p) || ++steps > MAX_ANCESTORS) return true;
	}
	return false;
}

/** LiveBlogPosting items (and updates marked outside one) read with the JSON-LD rules. */
export function extractMicrodata(roots: MicrodataRoots, ctx: ExtractContext): JsonLdResult {
	const blogSet = new Set(roots.blogs);
	const values: Json[] = roots.blogs.filter((b) => !isInside(b, blogSet)).map((b) => readItem(b));
	const orphans = roots.updates.filter((u) => !isInside(u, blogSet) && startsItem(u));
	if (orphans.length === 0 && roots.blogs.length === 0) {
		// Several BlogPosting items and no container: a live blog marked item by item.
		const postingSet = new Set(roots.postings);
		const outer = roots.postings.filter((p) => !isInside(p, postingSet));
		if (outer.length >= 2) orphans.push(...outer);
	}
	if (orphans.length > 0) {
		values.push({ "@type": "LiveBlogPosting", liveBlogUpdate: orphans.map((u) => readItem(u)) });
	}
	return extractJsonLdValues(values, ctx);
}
