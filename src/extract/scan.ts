/** One walk over the parsed page that collects every page-level fact and entry candidate. */

import { mayHoldState, stateAttribute } from "./extractors/app-state.js";
import {
	bareEpoch,
	hasTimeAttr,
	isTimeAttr,
	mayHoldEntryTimes,
} from "./extractors/generic-times.js";
import { itemTypeOf, type MicrodataRoots, propNames } from "./extractors/microdata.js";
import {
	CLASS_PARTS,
	isHintAttr,
	mightBeEntry,
	profilesOf,
	type SiteProfile,
} from "./extractors/site-profiles.js";
import {
	collectAfterHeading,
	collectListKeys,
	isKeyEventHeading,
	isKeyEventList,
	LIST_NAME,
} from "./key-events.js";
import type { DomElement, DomNode } from "./text.js";

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
	/** What mayHoldEntryTimes says of the page (false: the generic finder cannot find an entry). */
	entryTimes: boolean;
}

// A class either reader below may care about: one regex pass over the class of every element
// instead of one per reader (they still decide, on the rare class that passes).
const CLASS_WORDS = new RegExp(`${LIST_NAME.source}|${CLASS_PARTS.source}`, "i");
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
	// The canonical link's rel is nearly always the bare word: no lower-cased, split copy for it.
	if (value === token) return true;
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

/** A custom element's name (it has a "-"); a loop the compiler inlines, where includes() is a call. */
function isCustomName(name: string): boolean {
	for (let i = name.length - 1; i >= 0; i--) if (name.charCodeAt(i) === 45 /* - */) return true;
	return false;
}

/** Reads the page-level facts of an element the walk does not descend into (link, meta, title). */
function readHeadTag(node: DomElement, scan: PageScan): void {
	switch (node.name) {
		case "link":
			if (hasToken(node.attribs.rel, "canonical")) scan.canonical ??= node.attribs.href;
			return;
		case "meta": {
			const name = node.attribs.property ?? node.attribs.name ?? node.attribs.itemprop;
			if (name === "og:title") scan.ogTitle ??= node.attribs.content;
			else if (name === "og:locale") scan.lang ??= node.attribs.content;
			else if (name !== undefined && META_TIME.test(name) && node.attribs.content)
				scan.metaTimes.push(node.attribs.content);
			return;
		}
		case "title":
			if (scan.title === undefined && (node.parent as DomElement | null)?.name === "head") {
				scan.title = textContent(node);
			}
	}
}

/** mayHoldEntryTimes of a link, meta or title, without its stack: attributes and text children. */
function headTagTimes(node: DomElement): boolean {
	if (hasTimeAttr(node.attribs)) return true;
	for (const child of node.children) {
		if (child.type !== "text") return mayHoldEntryTimes(node);
		if (bareEpoch(child.data) !== null) return true;
	}
	return false;
}

function addCandidate(scan: PageScan, profile: SiteProfile, node: DomElement): void {
	const list = scan.candidates.get(profile);
	if (list === undefined) scan.candidates.set(profile, [node]);
	else list.push(node);
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
		entryTimes: false,
	};
	// The generic finder's page-wide check rides on this walk until it holds: no walk of its own.
	let times = false;
	// Explicit stack: garbage HTML can nest deeper than the call stack allows.
	const stack: DomNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop() as DomNode;
		if (node.type === "tag") {
			const name = node.name;
			if (name === "link" || name === "meta" || name === "title") {
				readHeadTag(node, scan);
				// Not walked below: the check looks at what lies there itself.
				if (!times) times = headTagTimes(node);
				continue;
			}
			if (name === "html") scan.lang ??= node.attribs.lang ?? node.attribs["xml:lang"];
			// One pass over the attribute names instead of a read per name asked about: most
			// elements carry one or two attributes, and a missing name costs a lookup too.
			const a = node.attribs;
			let cls: string | undefined;
			let id: string | undefined;
			let item = false;
			let hinted = false;
			for (const attr in a) {
				// The commonest name, and never a time place: nothing more to ask of it.
				if (attr === "class") {
					cls = a[attr];
					continue;
				}
				if (attr === "id") id = a[attr];
				// Every schema.org item (a blog, an update) carries itemtype (microdata) or typeof (RDFa).
				else if (attr === "itemtype" || attr === "typeof") item = true;
				else if (isHintAttr(attr)) hinted = true;
				if (!times && isTimeAttr(a, attr)) times = true;
			}
			if (!times && name === "time") times = true;
			if (item) readItemAttrs(node, scan);
			if (isCustomName(name) && stateAttribute(node) !== undefined) {
				scan.stateScripts.push(node);
			}
			const words = cls !== undefined && CLASS_WORDS.test(cls) ? cls : undefined;
			// Most elements have neither a telling class nor an id: then neither reader is asked.
			const named = words !== undefined || id !== undefined;
			if (named && isKeyEventList(words, id)) collectListKeys(node, scan.keyEventKeys);
			else if (isHeadingTag(name) && isKeyEventHeading(node))
				collectAfterHeading(node, scan.keyEventKeys);
			if ((named || hinted) && mightBeEntry(node, words, id, hinted)) {
				for (const profile of profilesOf(node)) addCandidate(scan, profile, node);
			}
		} else if (node.type !== "root") {
			if (node.type === "script") readScript(node as DomElement, scan);
			if (!times) times = mayHoldEntryTimes(node);
			continue;
		}
		const children = node.children;
		for (let i = children.length - 1; i >= 0; i--) {
			const child = children[i] as DomNode;
			const type = child.type;
			if (type === "tag" || type === "script" || type === "style") stack.push(child);
			else if (!times && type === "text" && bareEpoch(child.data) !== null) times = true;
		}
	}
	scan.entryTimes = times;
	return scan;
}
