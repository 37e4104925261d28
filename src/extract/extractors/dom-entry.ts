/** Reads one entry element (site profile or generic match) into a RawEntry. */

import { isKeyEventElement, isKeyEventLabel } from "../key-events.js";
import { matches } from "../query.js";
import {
	type ExtractContext,
	KNOWN_ID_PREFIXES,
	keysForDomId,
	type RawEntry,
} from "../raw-entry.js";
import {
	absoluteUrl,
	cleanEntryBody,
	collapseWhitespace,
	type DomElement,
	type DomNode,
	elementText,
	isElement,
} from "../text.js";
import { readTime, SHOWN_TIME_NAME, type TimedValue } from "../time-kind.js";

/** How to read the fields of one kind of entry element; selectors are relative to the entry. */
export interface EntryRules {
	/** Site prefixes stripped from DOM ids ("block-" → the Guardian's native block id). */
	idPrefixes?: readonly string[];
	/**
	 * The DOM id changes when the entry is edited (WordPress Liveblog's AMP "post<update time>"):
	 * it is only the link anchor, and keyAttrs give the entry's id.
	 */
	movingDomId?: boolean;
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
	/** A descendant carrying the published time in an attribute, when the entry element has none. */
	publishedIn?: TimeSlot;
	/** A descendant carrying the last-modified time in an attribute. */
	updatedIn?: TimeSlot;
	/** Matches the entry element itself when the platform flags it a key event (highlight). */
	keyEvent?: string;
	/** Element holding the body; the whole entry when absent or not found. */
	body?: string;
	/** Parts of the entry that are not body (meta lines, share bars). */
	strip?: string;
	/** Present inside the entry (or matching the entry itself) when the entry is the pinned post. */
	pinned?: string;
	/** Link to the entry when page URL + #anchor is not the site's own form. */
	entryUrl?: (pageUrl: string, id: string) => string;
}

/** A descendant element (selector) and the attribute on it that holds an epoch/ISO time. */
export interface TimeSlot {
	selector: string;
	attr: string;
}

function attrInstant(
	el: DomElement,
	names: readonly string[] | undefined,
	ctx: ExtractContext,
): (TimedValue & { name: string }) | undefined {
	if (names === undefined) return undefined;
	for (const name of names) {
		const instant = readTime(el.attribs[name], ctx);
		if (instant !== undefined) return { at: instant.at, kind: instant.kind, name };
	}
	return undefined;
}

function inside(node: DomNode, ancestors: ReadonlySet<DomNode>, stop: DomNode): boolean {
	for (let n: DomNode | null = node; n !== null && n !== stop; n = n.parent as DomNode | null) {
		if (ancestors.has(n)) return true;
	}
	return false;
}

function isWithin(node: DomNode, ancestor: DomNode): boolean {
	for (let n: DomNode | null = node; n !== null; n = n.parent as DomNode | null) {
		if (n === ancestor) return true;
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

/** The parts of one entry element the rules point at, found in one walk over its subtree. */
/** Longest text of a pinned mark that is still a label rather than content. */
const PINNED_LABEL_MAX = 40;

interface EntryParts {
	headline?: DomElement | undefined;
	body?: DomElement | undefined;
	time?: { el: DomElement; at: TimedValue } | undefined;
	/** Times from the rules' publishedIn / updatedIn slots. */
	slotPublished?: TimedValue | undefined;
	slotUpdated?: TimedValue | undefined;
	strip: DomElement[];
	authors: DomElement[];
	images: DomElement[];
	pinned: boolean;
	/** A "Key event" badge inside the entry. */
	keyLabel: boolean;
	/** The element that marked the entry pinned (a "Pinned" label, not entry text). */
	pinnedMark?: DomElement | undefined;
}

function slotTime(node: DomElement, slot: TimeSlot, ctx: ExtractContext): TimedValue | undefined {
	const value = node.attribs[slot.attr];
	if (value === undefined || !matches(node, slot.selector)) return undefined;
	return readTime(value, ctx);
}

// One pass instead of a query per field: css-select walks the subtree once per query.
function collectParts(root: DomElement, rules: EntryRules, ctx: ExtractContext): EntryParts {
	const parts: EntryParts = {
		strip: [],
		authors: [],
		images: [],
		pinned: false,
		keyLabel: false,
	};
	const stack: DomNode[] = [];
	for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i] as DomNode);
	while (stack.length > 0) {
		const node = stack.pop() as DomNode;
		if (node.type !== "tag") continue;
		if (parts.headline === undefined && matches(node, rules.headline)) parts.headline = node;
		if (rules.strip !== undefined && matches(node, rules.strip)) parts.strip.push(node);
		if (rules.author !== undefined && matches(node, rules.author)) parts.authors.push(node);
		if (rules.body !== undefined && parts.body === undefined && matches(node, rules.body)) {
			parts.body = node;
		}
		if (!parts.keyLabel && isKeyEventLabel(node)) parts.keyLabel = true;
		if (rules.pinned !== undefined && !parts.pinned && matches(node, rules.pinned)) {
			parts.pinned = true;
			parts.pinnedMark = node;
		}
		if (rules.publishedIn !== undefined && parts.slotPublished === undefined) {
			parts.slotPublished = slotTime(node, rules.publishedIn, ctx);
		}
		if (rules.updatedIn !== undefined && parts.slotUpdated === undefined) {
			parts.slotUpdated = slotTime(node, rules.updatedIn, ctx);
		}
		if (node.name === "time" && parts.time === undefined) {
			const at = readTime(node.attribs.datetime, ctx);
			if (at !== undefined) parts.time = { el: node, at };
		} else if (node.name === "img" || node.name === "amp-img") {
			parts.images.push(node);
		}
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
	}
	return parts;
}

function inlineText(el: DomElement): string {
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
	if (anchor !== undefined && rules.movingDomId !== true)
		keys.push(...keysForDomId(anchor, [...(rules.idPrefixes ?? []), ...KNOWN_ID_PREFIXES]));
	for (const name of rules.keyAttrs ?? []) {
		const value = el.attribs[name]?.trim();
		if (value && !keys.includes(value)) keys.push(value);
	}

	const parts = collectParts(el, rules, ctx);
	const skip = new Set<DomNode>(parts.strip);
	// Pinning an entry adds a label ("Pinned", "Pinned post") inside it; that is not its text, and
	// counting it would report the entry as edited. Only a short mark: a "pinned" wrapper of the body stays.
	if (parts.pinnedMark && inlineText(parts.pinnedMark).length <= PINNED_LABEL_MAX) {
		skip.add(parts.pinnedMark);
	}
	let headline: string | undefined;
	if (parts.headline !== undefined) {
		headline = inlineText(parts.headline) || undefined;
		skip.add(parts.headline);
	}
	const fromAttr = attrInstant(el, rules.publishedAttrs, ctx);
	let publishedAt: TimedValue | undefined = fromAttr ?? parts.slotPublished;
	const updatedAt = attrInstant(el, rules.updatedAttrs, ctx)?.at ?? parts.slotUpdated?.at;
	if (parts.time !== undefined) {
		publishedAt ??= parts.time.at;
		skip.add(parts.time.el);
	}
	const names: string[] = [];
	for (const a of parts.authors) {
		skip.add(a);
		// A byline box that contains the name element also carries dates and labels.
		if (parts.authors.some((other) => other !== a && isWithin(other, a))) continue;
		const name = inlineText(a);
		if (name && !rules.notAuthor?.test(name) && !names.includes(name)) names.push(name);
	}
	const bodyEl = parts.body ?? el;
	let imageUrl: string | undefined;
	for (const img of parts.images) {
		if (!isWithin(img, bodyEl) || inside(img, skip, bodyEl)) continue;
		imageUrl = imageOf(img, ctx.baseUrl);
		if (imageUrl !== undefined) break;
	}
	const bodyText = cleanEntryBody(elementText(bodyEl, skip), headline);
	const id = keys[0];
	return {
		keys,
		anchor,
		url: id !== undefined && rules.entryUrl ? rules.entryUrl(ctx.pageUrl, id) : undefined,
		publishedAt: publishedAt?.at,
		publishedKind: publishedAt?.kind,
		publishedShown:
			fromAttr !== undefined && publishedAt === fromAttr && SHOWN_TIME_NAME.test(fromAttr.name)
				? true
				: undefined,
		updatedAt,
		headline,
		bodyText,
		bodyHtml: ctx.innerHtml?.(bodyEl).trim() || undefined,
		author: names.length > 0 ? names.join(", ") : undefined,
		pinned:
			parts.pinned || (rules.pinned !== undefined && matches(el, rules.pinned)) ? true : undefined,
		keyEvent:
			parts.keyLabel ||
			isKeyEventElement(el) ||
			(rules.keyEvent !== undefined && matches(el, rules.keyEvent))
				? true
				: undefined,
		imageUrl,
	};
}
