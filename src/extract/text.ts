/** Text helpers shared by the extractors: entity decoding, HTML → plain text, short hashes (instants: instants.ts). */

import { createHash } from "node:crypto";
import type { parseDocument } from "htmlparser2";
import { remember } from "./attribute-memo.js";
import { isInlineCaption } from "./captions.js";

// Node types derived from htmlparser2's own signature, so no extra type package is needed.
type DomDocument = ReturnType<typeof parseDocument>;
/** Any node of a document parsed by htmlparser2/cheerio. */
export type DomNode = DomDocument["children"][number];
/** An element node (tag, script or style). */
export type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

export { decodeEntities } from "./entities.js";
export { epochInToken, epochToDate, parseInstant } from "./instants.js";

/** True for element nodes; htmlparser2 types script/style separately from other tags. */
export function isElement(node: DomNode): node is DomElement {
	return node.type === "tag" || node.type === "script" || node.type === "style";
}

/**
 * Pushes the element children of a document or element onto a depth-first walk's stack, last
 * child first, so they pop in document order (text nodes are left out).
 */
export function pushChildElements(stack: DomNode[], node: DomNode): void {
	const children = (node as DomElement).children;
	for (let i = children.length - 1; i >= 0; i--) {
		const child = children[i] as DomNode;
		if (isElement(child)) stack.push(child);
	}
}

/** Whitespace above U+167F that `\s` matches (callers test ASCII and nbsp first: it is cheaper). */
export function isUnicodeSpace(c: number): boolean {
	return (
		c === 0x1680 ||
		(c >= 0x2000 && c <= 0x200a) ||
		c === 0x2028 ||
		c === 0x2029 ||
		c === 0x202f ||
		c === 0x205f ||
		c === 0x3000 ||
		c === 0xfeff
	);
}

/**
 * What breaks single spacing: a character `\s` matches other than " ", or a double space. Most text
 * is already single-spaced, and one native search for this is far cheaper than a /\s+/ replace
 * that rebuilds the string (and than a JS loop over its characters).
 */
export const NOT_SINGLE_SPACED =
	/[\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

/** Collapses runs of whitespace (including nbsp) to one space and trims. */
export function collapseWhitespace(text: string): string {
	return NOT_SINGLE_SPACED.test(text) ? text.replace(/\s+/g, " ").trim() : text.trim();
}

/** Longest headline kept; longer ones are cut before any normalising (a headline is one line). */
export const MAX_HEADLINE_CHARS = 500;
/** Longest entry body kept; a summary needs the first few sentences, never more than this. */
export const MAX_BODY_CHARS = 20_000;
/** Attribute values (class, id) longer than this are cut before any pattern looks at them. */
export const MAX_ATTRIBUTE_CHARS = 1_000;

/** `text` cut to at most `max` characters, never splitting a surrogate pair. */
export function clampText(text: string, max: number): string {
	if (text.length <= max) return text;
	const code = text.charCodeAt(max - 1);
	return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** `text` without trailing characters from `chars`: a loop, since /[…]+$/ is quadratic on a run. */
export function trimEndChars(text: string, chars: string): string {
	let end = text.length;
	while (end > 0 && (chars.includes(text.charAt(end - 1)) || /\s/.test(text.charAt(end - 1))))
		end--;
	return end === text.length ? text : text.slice(0, end);
}

/** Lower-cased, whitespace-collapsed form used to compare headlines and body starts. */
export function normalizeForCompare(text: string): string {
	// Compared forms need only a headline's worth; the slack covers whitespace that collapses.
	return trimEndChars(
		collapseWhitespace(clampText(text, MAX_HEADLINE_CHARS * 4)).toLowerCase(),
		".:;,!?…",
	);
}

// Elements whose content is never body text: code, media, embeds, forms, chrome.
export const SKIP_TAGS: ReadonlySet<string> = new Set(
	[
		"script style noscript template head iframe svg canvas video audio object embed picture",
		"figure figcaption button form input select textarea nav aside amp-ad amp-embed amp-iframe",
		"amp-twitter amp-instagram amp-youtube amp-social-share",
	]
		.join(" ")
		.split(" "),
);

/**
 * SKIP_TAGS.has(name), without hashing the name for the short ones that fill a page (a, p, li,
 * div, span): every element is asked, and each tag-name string is a fresh one to hash.
 */
export function isSkipTag(name: string): boolean {
	switch (name.length) {
		case 1:
		case 2:
			return false;
		case 3:
			return name === "svg" || name === "nav";
		case 4:
			return name === "head" || name === "form";
		default:
			return SKIP_TAGS.has(name);
	}
}

export const BLOCK_TAGS: ReadonlySet<string> = new Set(
	"address article blockquote dd div dl dt footer h1 h2 h3 h4 h5 h6 header hr li main ol p pre section table td th tr ul".split(
		" ",
	),
);

// Class tokens of ads, promos, share bars, captions and third-party embeds inside entries, checked
// token by token with string tests: the old one-regex form had `\S*x\S*` alternatives, quadratic on
// a long token.
const CRUFT_TOKENS: ReadonlySet<string> = new Set(
	"ad ads embed comment comments sr-only visually-hidden visuallyhidden twitter-tweet instagram-media tiktok-embed".split(
		" ",
	),
);
const CRUFT_PREFIXES = [
	"advert",
	"dfp",
	"gpt-",
	"taboola",
	"outbrain",
	"recirculation",
	"share",
	"social",
];
const CRUFT_INFIXES = ["ad-slot", "newsletter", "promo", "related", "caption", "credit"];

function isCruftToken(token: string): boolean {
	if (CRUFT_TOKENS.has(token)) return true;
	if (CRUFT_PREFIXES.some((p) => token.startsWith(p))) return true;
	if (CRUFT_INFIXES.some((p) => token.includes(p))) return true;
	// "ad-x", "comment(s)-x", "x-ad(s)", "x-embed": the affix plus at least one more character.
	if (token.length > 3 && token.startsWith("ad-")) return true;
	if (/^comments?-./.test(token)) return true;
	return /.-(?:ads?|embed)$/.test(token);
}

// Pages repeat a few class strings thousands of times: each is split and tested once per process.
const cruftClasses = new Map<string, boolean>();

/** True when a class attribute has an ad, promo, share, caption or embed token. */
export function isCruftClass(value: string): boolean {
	const known = cruftClasses.get(value);
	if (known !== undefined) return known;
	const tokens = clampText(value, MAX_ATTRIBUTE_CHARS).toLowerCase().split(/\s/);
	return remember(
		cruftClasses,
		value,
		tokens.some((t) => t !== "" && isCruftToken(t)),
	);
}

const CRUFT_ID = /^(?:div-gpt-ad|dfp-|google_ads|taboola|outbrain)|(?:^|[-_])ads?(?:[-_]|$)/i;

/** True for an id attribute of an ad slot or a recommendation widget. */
export function isCruftId(value: string): boolean {
	return CRUFT_ID.test(clampText(value, MAX_ATTRIBUTE_CHARS));
}

/** True for elements that are ads, promos, embeds or captions by tag, class or id. */
export function isCruftElement(el: DomElement): boolean {
	if (isSkipTag(el.name) || isInlineCaption(el)) return true;
	const cls = el.attribs.class;
	if (cls !== undefined && isCruftClass(cls)) return true;
	const id = el.attribs.id;
	return id !== undefined && isCruftId(id);
}

// Lines that are navigation cruft, not reporting; a bare 10/13-digit number is a rendered timestamp.
const CRUFT_LINE =
	/^(?:read more\b.*|more:|related\s*:.*|advertisement|skip advertisement|continue reading(?: the main story)?|story continues below.*|\d{10}|\d{13})$/i;

const BLOCK_END = Symbol("block-end");

/** Plain text of an element subtree: blocks on their own lines, ads/embeds/captions skipped. */
export function elementText(root: DomElement, skip?: ReadonlySet<DomNode>): string {
	const parts: string[] = [];
	// Explicit stack: garbage HTML can nest tens of thousands of unclosed tags.
	const stack: (DomNode | typeof BLOCK_END)[] = [];
	for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i] as DomNode);
	while (stack.length > 0) {
		const node = stack.pop() as DomNode | typeof BLOCK_END;
		if (node === BLOCK_END) {
			parts.push("\n");
			continue;
		}
		if (node.type === "text") {
			parts.push(node.data);
			continue;
		}
		if (node.type !== "tag" || skip?.has(node) || isCruftElement(node)) continue;
		if (node.name === "br") {
			parts.push("\n");
			continue;
		}
		if (BLOCK_TAGS.has(node.name)) {
			parts.push("\n");
			stack.push(BLOCK_END);
		}
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
	}
	return parts.join("");
}

/**
 * Turns raw extracted text into the entry body: one line per block, whitespace collapsed, cruft
 * lines dropped, and the headline removed from the start when the body repeats it.
 */
// A line that is only a date and/or clock time ("11:04", "9.05am", "2024-07-23 12:41:09",
// "23/07/2024, 12:41 IST"): an entry's displayed timestamp, not its text.
const STAMP_LINE =
	/^(?:(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:,?\s*|[T ]|$))?(?:\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|uhr|hrs?|[a-z]{2,4}t)?)?$/i;

/** True for a short line that is only a date and/or time stamp. */
export function isStampLine(line: string): boolean {
	return line.length <= 32 && /\d/.test(line) && STAMP_LINE.test(line);
}

/**
 * cleanBodyText with a markup entry's rule: leading lines that are only its shown date/time stamp
 * go too (time-led tickers keep theirs: there a time starts the entry's text).
 */
export function cleanEntryBody(raw: string, headline?: string): string {
	const text = cleanBodyText(raw, headline);
	let start = 0;
	while (start < text.length) {
		const end = text.indexOf("\n", start);
		const line = text.slice(start, end < 0 ? text.length : end);
		if (!isStampLine(line)) break;
		start = end < 0 ? text.length : end + 1;
	}
	if (start === 0) return text;
	const rest = text.slice(start);
	// The stamp hid a repeated headline on the line after it.
	return headline === undefined ? rest : cleanBodyText(rest, headline);
}

/** True for a collapsed line that belongs in a body: not empty, not navigation cruft. */
export function isBodyLine(clean: string): boolean {
	// Cruft lines are short; skip the regex on paragraphs.
	return clean !== "" && (clean.length > 200 || !CRUFT_LINE.test(clean));
}

/** Body text from raw text: lines collapsed, cruft lines and a repeated headline dropped, clamped. */
export function cleanBodyText(raw: string, headline?: string): string {
	const lines: string[] = [];
	let kept = 0;
	// Bounded before any work: raw text is at most a few times longer than the body it collapses to.
	for (const line of clampText(raw, MAX_BODY_CHARS * 4).split("\n")) {
		if (kept >= MAX_BODY_CHARS) break;
		const clean = collapseWhitespace(line);
		if (isBodyLine(clean)) {
			lines.push(clean);
			kept += clean.length + 1;
		}
	}
	dropRepeatedHeadline(lines, headline);
	return clampText(lines.join("\n"), MAX_BODY_CHARS);
}

/** Removes a repeat of `headline` from the start of the first line (the line, if nothing else). */
export function dropRepeatedHeadline(lines: string[], headline: string | undefined): void {
	const first = lines[0];
	if (headline === undefined || first === undefined) return;
	const head = normalizeForCompare(headline);
	// Only the start of the line can repeat the headline; bodies can be kilobytes long.
	const start = first.slice(0, head.length + 8).toLowerCase();
	// A repeat ends the line or a sentence: "Welcome" must not eat "Welcome to our coverage".
	const next = first.charAt(head.length);
	const repeated = next === "" || /[.:;!?…–—-]/.test(next);
	if (head !== "" && repeated && start.startsWith(head)) {
		const rest = first.slice(head.length).replace(/^[\s.:;,!?…–—-]+/, "");
		if (rest === "") lines.shift();
		else lines[0] = rest;
	}
}

/** Short stable id for entries without a native one: sha1 of normalized headline + instant. */
export function fallbackEntryId(
	headline: string | undefined,
	publishedAt: Date | undefined,
): string {
	const key = `${headline ? normalizeForCompare(headline) : ""}\u0000${publishedAt?.toISOString() ?? ""}`;
	return `h-${createHash("sha1").update(key).digest("hex").slice(0, 12)}`;
}

/** Resolves a possibly relative URL against a base; undefined for unusable values (data:, js:). */
export function absoluteUrl(value: string | undefined, base: string): string | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (trimmed === "" || /^(?:data|javascript|about|blob):/i.test(trimmed)) return undefined;
	try {
		const url = new URL(trimmed, base);
		return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
	} catch {
		// Unparseable src/href in the page: treat as absent rather than failing the entry.
		return undefined;
	}
}
