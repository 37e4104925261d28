/**
 * Plain text of an HTML string (a JSON-LD articleBody, an embedded model's element), without a
 * DOM. Most such strings are simple, well-nested rich text (`<p>`, `<a href>`, `<strong>`, lists):
 * those are read by a regex scan that only has to place line breaks; anything else (comments,
 * media, embeds, cruft classes, misnesting the parser would repair) goes through htmlparser2.
 * Both give the same lines (test/unit/extract/html-text.test.ts compares them).
 */

import { CAPTION_TAGS, MEDIA_TAGS } from "./captions.js";
import { decodeEntities } from "./entities.js";
import { impliedCloses } from "./fast-parser.js";
import { DepthCappedParser, MAX_NESTING_DEPTH } from "./limit-nesting.js";
import {
	BLOCK_TAGS,
	clampText,
	isCruftClass,
	isCruftId,
	MAX_BODY_CHARS,
	SKIP_TAGS,
} from "./text.js";

/**
 * The parser path: one reader (and parser) per string. A parser is not reused: htmlparser2's
 * reset() leaves a tokenizer that stopped inside `<script`, `<style` or `<title` in its raw-text
 * mode, and the next string then threw for every later body in the worker.
 */
class HtmlTextReader {
	private readonly parts: string[] = [];
	private skipDepth = 0;
	// The last thing seen was an image (past blank text and <br>): an inline element now is its caption.
	private afterMedia = false;

	onopentag(name: string, attribs: Record<string, string>): void {
		const cruft =
			SKIP_TAGS.has(name) ||
			(this.afterMedia && CAPTION_TAGS.has(name)) ||
			(attribs.class !== undefined && isCruftClass(attribs.class)) ||
			(attribs.id !== undefined && isCruftId(attribs.id));
		if (name !== "br") this.afterMedia = MEDIA_TAGS.has(name);
		if (this.skipDepth > 0 || cruft) {
			this.skipDepth++;
			return;
		}
		if (name === "br" || BLOCK_TAGS.has(name)) this.parts.push("\n");
	}

	onclosetag(name: string): void {
		if (this.skipDepth > 0) {
			this.skipDepth--;
			return;
		}
		if (BLOCK_TAGS.has(name)) this.parts.push("\n");
	}

	ontext(text: string): void {
		if (this.afterMedia && text.trim() !== "") this.afterMedia = false;
		if (this.skipDepth === 0) this.parts.push(text);
	}

	/** The text of one HTML string. */
	static read(html: string): string {
		const reader = new HtmlTextReader();
		// Nesting capped while parsing: htmlparser2's stack work is quadratic in unclosed-tag depth.
		new DepthCappedParser(reader).end(html);
		return reader.parts.join("");
	}
}

// Inline elements whose only effect on text is none (no media, no captions after media, no skips).
const PLAIN_INLINE: ReadonlySet<string> = new Set(
	"a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time u var".split(
		" ",
	),
);
const VOID_TAGS: ReadonlySet<string> = new Set(["br", "hr", "wbr"]);
// A start or end tag read in steps, each anchored where the last ended (sticky): its name, each
// attribute, its end. Anything else at a "<" sends the string to the parser.
const TAG_NAME = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)/y;
const ATTR_NAME = /[ \t\n\f\r]+([^ \t\n\f\r"'>/=]+)/y;
const ATTR_VALUE = /[ \t\n\f\r]*=[ \t\n\f\r]*(?:"([^"]*)"|'([^']*)'|([^ \t\n\f\r"'=<>`]+))/y;
const TAG_END = /[ \t\n\f\r]*\/?>/y;
// An "&" that does not start a ";"-terminated reference: the parser's legacy rules ("&amp" without
// ";", "&notit;") decide those.
const LOOSE_AMPERSAND = /&(?![a-zA-Z][a-zA-Z0-9]{1,31};|#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};)/;

/** A tag at `lt`: its name, whether it closes, whether it has attributes, and where it ends. */
interface ScannedTag {
	name: string;
	closing: boolean;
	hasAttributes: boolean;
	/** False when an attribute makes the element one the parser must judge (cruft, entities). */
	plain: boolean;
	end: number;
}

function scanTag(html: string, lt: number): ScannedTag | undefined {
	TAG_NAME.lastIndex = lt;
	const head = TAG_NAME.exec(html);
	if (head === null) return undefined;
	let at = TAG_NAME.lastIndex;
	let plain = true;
	let hasAttributes = false;
	// Made at the first attribute: most tags (<p>, <strong>, </p>) have none.
	let seen: Set<string> | undefined;
	for (;;) {
		ATTR_NAME.lastIndex = at;
		const attr = ATTR_NAME.exec(html);
		if (attr === null) break;
		hasAttributes = true;
		at = ATTR_NAME.lastIndex;
		ATTR_VALUE.lastIndex = at;
		const value = ATTR_VALUE.exec(html);
		if (value !== null) at = ATTR_VALUE.lastIndex;
		const name = (attr[1] as string).toLowerCase();
		const text = value === null ? "" : (value[1] ?? value[2] ?? value[3] ?? "");
		// The parser keeps the first of repeated attributes; judge only that one.
		seen ??= new Set<string>();
		if (seen.has(name)) continue;
		seen.add(name);
		if (text.includes("&")) plain = false;
		else if (name === "class" && isCruftClass(text)) plain = false;
		else if (name === "id" && isCruftId(text)) plain = false;
	}
	TAG_END.lastIndex = at;
	const end = TAG_END.exec(html);
	const closing = head[1] === "/";
	// "</p/>": the parser reads a slash in an end tag its own way.
	if (end === null || (closing && end[0].includes("/"))) return undefined;
	const name = (head[2] as string).toLowerCase();
	return { name, closing, hasAttributes, plain, end: TAG_END.lastIndex };
}

/** The scan path; undefined when the string needs the parser. Exported for the equivalence test. */
export function simpleHtmlText(html: string): string | undefined {
	const parts: string[] = [];
	const stack: string[] = [];
	let at = 0;
	while (at < html.length) {
		const lt = html.indexOf("<", at);
		const textEnd = lt < 0 ? html.length : lt;
		if (textEnd > at) {
			const text = html.slice(at, textEnd);
			if (!text.includes("&")) parts.push(text);
			else if (LOOSE_AMPERSAND.test(text)) return undefined;
			else parts.push(decodeEntities(text));
		}
		if (lt < 0) break;
		const tag = scanTag(html, lt);
		if (tag === undefined) return undefined;
		at = tag.end;
		const name = tag.name;
		const block = BLOCK_TAGS.has(name);
		if (!block && !PLAIN_INLINE.has(name) && name !== "br") return undefined;
		if (tag.closing) {
			// Only the element on top may close: the parser repairs anything else its own way.
			if (tag.hasAttributes || stack.at(-1) !== name) return undefined;
			stack.pop();
			if (block) parts.push("\n");
			continue;
		}
		if (!tag.plain) return undefined;
		const top = stack.at(-1);
		// htmlparser2 would close `top` here (its open-implies-close rules): a repair, left to it.
		if (top !== undefined && impliedCloses(name)?.has(top) === true) return undefined;
		if (VOID_TAGS.has(name)) {
			parts.push(name === "hr" ? "\n\n" : name === "br" ? "\n" : "");
			continue;
		}
		// The parser drops tags nested this deep; it decides what such a string reads as.
		if (stack.length >= MAX_NESTING_DEPTH - 1) return undefined;
		stack.push(name);
		if (block) parts.push("\n");
	}
	return parts.join("");
}

/** Plain text of an HTML string (JSON-LD articleBody, embedded data): blocks on lines, cruft skipped. */
export function htmlStringToText(html: string): string {
	if (!html.includes("<")) return decodeEntities(html);
	const bounded = clampText(html, MAX_BODY_CHARS * 20);
	return simpleHtmlText(bounded) ?? HtmlTextReader.read(bounded);
}

/** htmlStringToText always through the parser: the reference the scan is tested against. */
export function htmlStringToTextByParser(html: string): string {
	return HtmlTextReader.read(clampText(html, MAX_BODY_CHARS * 20));
}
