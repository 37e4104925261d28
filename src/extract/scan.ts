/** One walk over the parsed page that collects every page-level fact and entry candidate. */

import { mayHoldState, stateAttribute } from "./extractors/app-state.js";
import { itemTypeOf, type MicrodataRoots, propNames } from "./extractors/microdata.js";
import { profilesOf, type SiteProfile } from "./extractors/site-profiles.js";
import {
	collectAfterHeading,
	collectListKeys,
	isKeyEventHeading,
	isKeyEventList,
} from "./key-events.js";
import { type DomElement, type DomNode, pushChildElements } from "./text.js";

/** What the page scan found. */
export interface PageScan {
	/** Text of each `application/ld+json` script. */
	ldJson: string[];
	/** Text of `script#__NEXT_DATA__`. */
	nextData?: string | undefined;
	/**
	 * Other inline scripts that may hold app state, and custom elements with a JSON attribute (read
	 * only when nothing else gave entries).
	 */
	stateScripts: DomElement[];
	/** `link[rel=canonical]` href as written. */
	canonical?: string | undefined;
	ogTitle?: string | undefined;
	/** The document `<title>` (not SVG titles). */
	title?: string | undefined;
	/** Entry containers per site profile, in document order. */
	candidates: Map<SiteProfile, DomElement[]>;
	/** schema.org items in microdata / RDFa Lite that may be a live blog. */
	microdata: MicrodataRoots;
	/** `<html lang>` and `og:locale`, for the page's time zone. */
	lang?: string | undefined;
	/** Content of meta tags that carry the page's own dates (article:published_time and kin). */
	metaTimes: string[];
	/** Entry ids and anchors that a key-events list on the page links to. */
	keyEventKeys: Set<string>;
}

const META_TIME = /(?:published|modified)_?time|^date|datePublished|dateModified/i;

function readItemAttrs(el: DomElement, scan: PageScan): void {
	const type = itemTypeOf(el);
	if (type === "LiveBlogPosting") scan.microdata.blogs.push(el);
	else if (type === "BlogPosting") scan.microdata.postings.push(el);
	if (propNames(el).includes("liveBlogUpdate")) scan.microdata.updates.push(el);
}

function textContent(el: DomElement): string {
	let out = "";
	for (const child of el.children) if (child.type === "text") out += child.data;
	return out;
}

function hasToken(value: string | undefined, token: string): boolean {
	return value?.toLowerCase().split(/\s+/).includes(token) === true;
}

function readScript(el: DomElement, scan: PageScan): void {
	const type = el.attribs.type?.toLowerCase().trim();
	if (type === "application/ld+json") scan.ldJson.push(textContent(el));
	else if (el.attribs.id === "__NEXT_DATA__") scan.nextData ??= textContent(el);
	else if (mayHoldState(el)) scan.stateScripts.push(el);
}

/** h1–h6 (isKeyEventHeading looks at nothing else): no call for the li, td and em of a page. */
function isHeadingTag(name: string): boolean {
	if (name.length !== 2 || name.charCodeAt(0) !== 104 /* h */) return false;
	const level = name.charCodeAt(1);
	return level >= 49 && level <= 54;
}

/** Collects scripts, canonical link, titles and profile entry candidates in a single pass. */
export function scanDocument(root: DomNode): PageScan {
	const scan: PageScan = {
		ldJson: [],
		stateScripts: [],
		candidates: new Map(),
		microdata: { blogs: [], updates: [], postings: [] },
		metaTimes: [],
		keyEventKeys: new Set(),
	};
	// Explicit stack: garbage HTML can nest deeper than the call stack allows.
	const stack: DomNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop() as DomNode;
		if (node.type === "script") {
			readScript(node as DomElement, scan);
			continue;
		}
		if (node.type === "tag") {
			switch (node.name) {
				case "link":
					if (hasToken(node.attribs.rel, "canonical")) scan.canonical ??= node.attribs.href;
					continue;
				case "meta": {
					const name = node.attribs.property ?? node.attribs.name ?? node.attribs.itemprop;
					if (name === "og:title") scan.ogTitle ??= node.attribs.content;
					else if (name === "og:locale") scan.lang ??= node.attribs.content;
					else if (name !== undefined && META_TIME.test(name) && node.attribs.content)
						scan.metaTimes.push(node.attribs.content);
					continue;
				}
				case "html":
					scan.lang ??= node.attribs.lang ?? node.attribs["xml:lang"];
					break;
				case "title":
					if (scan.title === undefined && (node.parent as DomElement | null)?.name === "head") {
						scan.title = textContent(node);
					}
					continue;
			}
			// Every schema.org item (a blog, an update) carries itemtype (microdata) or typeof (RDFa).
			const a = node.attribs;
			if (a.itemtype !== undefined || a.typeof !== undefined) readItemAttrs(node, scan);
			if (node.name.includes("-") && stateAttribute(node) !== undefined) {
				scan.stateScripts.push(node);
			}
			if (isKeyEventList(node)) collectListKeys(node, scan.keyEventKeys);
			else if (isHeadingTag(node.name) && isKeyEventHeading(node))
				collectAfterHeading(node, scan.keyEventKeys);
			for (const profile of profilesOf(node)) {
				const list = scan.candidates.get(profile);
				if (list === undefined) scan.candidates.set(profile, [node]);
				else list.push(node);
			}
		} else if (node.type !== "root") {
			continue;
		}
		pushChildElements(stack, node);
	}
	return scan;
}
