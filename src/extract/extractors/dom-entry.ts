/** Reads one entry element (site profile or generic match) into a RawEntry. */

import { queryAll, queryOne } from "../query.js";
import { type ExtractContext, keysForDomId, type RawEntry } from "../raw-entry.js";
import {
	absoluteUrl,
	cleanBodyText,
	collapseWhitespace,
	type DomElement,
	type DomNode,
	elementText,
	isElement,
	parseInstant,
} from "../text.js";

/** How to read the fields of one kind of entry element; selectors are relative to the entry. */
export interface EntryRules {
	/** Site prefixes stripped from DOM ids ("block-" → the Guardian's native block id). */
	idPrefixes?: readonly string[];
	/** Attributes that carry other native ids of the entry (joined like DOM ids). */
	keyAttrs?: readonly string[];
	/** Entry has no id itself; the first child element with an id is its anchor (NYT). */
	anchorChild?: boolean;
	/** First match is the headline. */
	headline: string;
	/** Every match is one author name. */
	author?: string;
	/** Author-slot texts that are labels, not names ("KEY EVENT"). */
	notAuthor?: RegExp;
	/** Attributes with epoch/ISO first-published times, in preference order. */
	publishedAttrs?: readonly string[];
	/** Attributes with epoch/ISO last-modified times. */
	updatedAttrs?: readonly string[];
	/** Element holding the body; the whole entry when absent or not found. */
	body?: string;
	/** Parts of the entry that are not body (meta lines, share bars). */
	strip?: string;
	/** Present inside the entry when the entry is the pinned post. */
	pinned?: string;
	/** Link to the entry when page URL + #anchor is not the site's own form. */
	entryUrl?: (pageUrl: string, id: string) => string;
}

const TIME_SELECTOR = "time[datetime]";
const IMAGE_SELECTOR = "img, amp-img";

function attrInstant(el: DomElement, names: readonly string[] | undefined): Date | undefined {
	if (names === undefined) return undefined;
	for (const name of names) {
		const instant = parseInstant(el.attribs[name]);
		if (instant !== undefined) return instant;
	}
	return undefined;
}

function inside(node: DomNode, ancestors: ReadonlySet<DomNode>, stop: DomNode): boolean {
	for (let n: DomNode | null = node; n !== null && n !== stop; n = n.parent as DomNode | null) {
		if (ancestors.has(n)) return true;
	}
	return false;
}

function imageOf(img: DomElement, base: string): string | undefined {
	const a = img.attribs;
	if (a.width === "1" || a.height === "1") return undefined;
	const srcset = a.srcset ?? a["data-srcset"];
	const fromSet = srcset === undefined ? undefined : srcset.trim().split(/\s+/)[0];
	return absoluteUrl(a.src, base) ?? absoluteUrl(a["data-src"], base) ?? absoluteUrl(fromSet, base);
}

/** First usable image under `root` that is not inside a skipped part. */
export function firstImage(
	root: DomElement,
	skip: ReadonlySet<DomNode>,
	base: string,
): string | undefined {
	for (const img of queryAll(root, IMAGE_SELECTOR)) {
		if (skip.size > 0 && inside(img, skip, root)) continue;
		const url = imageOf(img, base);
		if (url !== undefined) return url;
	}
	return undefined;
}

/** First `time[datetime]` under root that is an absolute instant (zone-less local times are refused). */
export function firstTimeElement(root: DomElement): { el: DomElement; at: Date } | undefined {
	for (const el of queryAll(root, TIME_SELECTOR)) {
		const at = parseInstant(el.attribs.datetime);
		if (at !== undefined) return { el, at };
	}
	return undefined;
}

/** Text of an element with whitespace collapsed. */
export function inlineText(el: DomElement): string {
	return collapseWhitespace(elementText(el));
}

/** Reads id keys, times, headline, author, body, image and pinned state of one entry element. */
export function readEntry(el: DomElement, rules: EntryRules, ctx: ExtractContext): RawEntry {
	const keys: string[] = [];
	let anchor: string | undefined = el.attribs.id?.trim() || undefined;
	if (anchor === undefined && rules.anchorChild) {
		const child = el.children.find((c) => isElement(c) && c.attribs.id);
		if (child !== undefined && isElement(child)) anchor = child.attribs.id?.trim() || undefined;
	}
	if (anchor !== undefined) keys.push(...keysForDomId(anchor, rules.idPrefixes ?? []));
	for (const name of rules.keyAttrs ?? []) {
		const value = el.attribs[name]?.trim();
		if (value && !keys.includes(value)) keys.push(value);
	}

	const skip = new Set<DomNode>();
	const headlineEl = queryOne(el, rules.headline);
	let headline: string | undefined;
	if (headlineEl !== undefined) {
		headline = inlineText(headlineEl) || undefined;
		skip.add(headlineEl);
	}
	if (rules.strip !== undefined) for (const s of queryAll(el, rules.strip)) skip.add(s);

	let publishedAt = attrInstant(el, rules.publishedAttrs);
	const updatedAt = attrInstant(el, rules.updatedAttrs);
	const timeEl = firstTimeElement(el);
	if (timeEl !== undefined) {
		publishedAt ??= timeEl.at;
		skip.add(timeEl.el);
	}

	let author: string | undefined;
	if (rules.author !== undefined) {
		const names: string[] = [];
		for (const a of queryAll(el, rules.author)) {
			const name = inlineText(a);
			if (name && !rules.notAuthor?.test(name) && !names.includes(name)) names.push(name);
			skip.add(a);
		}
		author = names.length > 0 ? names.join(", ") : undefined;
	}

	const bodyEl = (rules.body !== undefined ? queryOne(el, rules.body) : undefined) ?? el;
	const bodyText = cleanBodyText(elementText(bodyEl, skip), headline);
	const id = keys[0];
	return {
		keys,
		anchor,
		url: id !== undefined && rules.entryUrl ? rules.entryUrl(ctx.pageUrl, id) : undefined,
		publishedAt,
		updatedAt,
		headline,
		bodyText,
		bodyHtml: ctx.innerHtml?.(bodyEl).trim() || undefined,
		author,
		pinned: rules.pinned !== undefined && queryOne(el, rules.pinned) !== undefined ? true : undefined,
		imageUrl: firstImage(bodyEl, skip, ctx.baseUrl),
	};
}
