/**
 * Caps how deep HTML can nest in htmlparser2. Its open-element stack is an array it `unshift`s into
 * and `indexOf`s on every close tag, so 200,000 unclosed `<div>`s cost quadratic time (12–40 s).
 * Extraction parses with DepthCappedParser, which drops every opening tag that would nest deeper
 * than the cap while it parses (no extra pass over the page); the text stays. limitNesting applies
 * the same cap to a string, for a parser that cannot be swapped; it also drops close tags with no
 * open element of their name.
 */

import { type Handler, Parser, type ParserOptions } from "htmlparser2";

/**
 * Open elements beyond this depth are dropped; real pages stay under a hundred or so. The parser's
 * cost per tag grows with the depth, so the cap also bounds that (512 × a million tags is still ~1 s).
 */
export const MAX_NESTING_DEPTH = 512;

// Never on the parser's stack for long: void elements, and tags the next sibling closes implicitly
// (a run of unclosed <p> or <li> does not grow the stack).
const NOT_STACKED: ReadonlySet<string> = new Set(
	[
		"area base br col embed hr img input link meta param source track wbr keygen basefont bgsound",
		"frame image isindex menuitem p li dt dd option optgroup tr td th tbody thead tfoot rp rt",
		"html head body",
	]
		.join(" ")
		.split(" "),
);
// Their content is raw text up to the matching end tag, so a "<div>" inside is not a tag.
const RAW_TEXT_END: Readonly<Record<string, RegExp>> = {
	script: /<\/script/gi,
	style: /<\/style/gi,
	title: /<\/title/gi,
	textarea: /<\/textarea/gi,
	xmp: /<\/xmp/gi,
};
const RAW_TEXT: ReadonlySet<string> = new Set(Object.keys(RAW_TEXT_END));

function isNameChar(c: number): boolean {
	// Anything but whitespace, "/", ">" and end of input continues a tag name (as in htmlparser2).
	return c !== 32 && (c < 9 || c > 13) && c !== 47 && c !== 62 && !Number.isNaN(c);
}

function isLetter(c: number): boolean {
	return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Index just past the ">" that ends a start tag whose name ends at `from`; quoted values skipped. */
function startTagEnd(html: string, from: number): number {
	let i = from;
	while (i < html.length) {
		const c = html.charCodeAt(i);
		if (c === 62 /* > */) return i + 1;
		if (c === 61 /* = */) {
			i++;
			while (i < html.length && /\s/.test(html.charAt(i))) i++;
			const quote = html.charAt(i);
			if (quote === '"' || quote === "'") {
				const close = html.indexOf(quote, i + 1);
				if (close < 0) return html.length;
				i = close + 1;
				continue;
			}
			continue;
		}
		i++;
	}
	return html.length;
}

/** `html` with opening tags beyond `maxDepth` open elements removed; unchanged for ordinary pages. */
export function limitNesting(html: string, maxDepth = MAX_NESTING_DEPTH): string {
	const stack: string[] = [];
	// Open elements per name: a close tag with none open is ignored without searching the stack.
	const open = new Map<string, number>();
	let foreign = 0;
	const kept: string[] = [];
	let copiedTo = 0;
	let i = html.indexOf("<");
	while (i >= 0 && i < html.length) {
		const next = html.charCodeAt(i + 1);
		if (html.startsWith("<!--", i)) {
			const end = html.indexOf("-->", i + 4);
			if (end < 0) break;
			i = html.indexOf("<", end + 3);
			continue;
		}
		if (next === 33 /* ! */ || next === 63 /* ? */) {
			const end = html.indexOf(">", i + 2);
			if (end < 0) break;
			i = html.indexOf("<", end + 1);
			continue;
		}
		if (next === 47 /* / */ && isLetter(html.charCodeAt(i + 2))) {
			let j = i + 2;
			while (isNameChar(html.charCodeAt(j))) j++;
			const name = html.slice(i + 2, j).toLowerCase();
			const count = open.get(name) ?? 0;
			const end = html.indexOf(">", j);
			if (end < 0) break;
			if (count === 0 && name !== "p" && name !== "br") {
				// Unmatched: the parser would scan its stack and ignore it (</p> and </br> make elements).
				kept.push(html.slice(copiedTo, i));
				copiedTo = end + 1;
			}
			if (count > 0) {
				// Pops up to and including the nearest open element of that name, as the parser does.
				for (;;) {
					const top = stack.pop() as string;
					open.set(top, (open.get(top) ?? 1) - 1);
					if (top === "svg" || top === "math") foreign--;
					if (top === name) break;
				}
			}
			i = html.indexOf("<", end + 1);
			continue;
		}
		if (!isLetter(next)) {
			i = html.indexOf("<", i + 1);
			continue;
		}
		let j = i + 1;
		while (isNameChar(html.charCodeAt(j))) j++;
		const name = html.slice(i + 1, j).toLowerCase();
		const end = startTagEnd(html, j);
		if (RAW_TEXT.has(name)) {
			const rawEnd = RAW_TEXT_END[name] as RegExp;
			rawEnd.lastIndex = end;
			const close = rawEnd.exec(html)?.index ?? -1;
			if (close < 0) break;
			i = html.indexOf("<", close + 2);
			continue;
		}
		const selfClosing = foreign > 0 && html.charCodeAt(end - 2) === 47; /* / */
		if (!selfClosing && !NOT_STACKED.has(name)) {
			if (stack.length >= maxDepth) {
				// Too deep: drop this opening tag, keep everything around it.
				kept.push(html.slice(copiedTo, i));
				copiedTo = end;
			} else {
				stack.push(name);
				open.set(name, (open.get(name) ?? 0) + 1);
				if (name === "svg" || name === "math") foreign++;
			}
		}
		i = html.indexOf("<", end);
	}
	if (copiedTo === 0) return html;
	kept.push(html.slice(copiedTo));
	return kept.join("");
}

/** The parser fields a depth cap has to read and set (htmlparser2 10 keeps them private). */
interface ParserInternals {
	stack: string[];
	tagname: string;
	attribs: Record<string, string> | null;
	openTagStart: number;
	startIndex: number;
	endIndex: number;
	lowerCaseTagNames: boolean;
	getSlice(start: number, end: number): string;
}

/**
 * An htmlparser2 Parser whose open-element stack never grows past `maxDepth`: an opening tag that
 * would go deeper is dropped (its attributes too), its text stays. The same cap as limitNesting,
 * applied while parsing instead of in a pass of its own over the page. Unmatched close tags are
 * left to the parser: its search for them runs over at most `maxDepth` names.
 */
export class DepthCappedParser extends Parser {
	constructor(
		cbs: Partial<Handler> | null,
		options?: ParserOptions,
		private readonly maxDepth = MAX_NESTING_DEPTH,
	) {
		super(cbs, options);
	}

	/** @internal Called by the tokenizer for every opening tag name. */
	override onopentagname(start: number, endIndex: number): void {
		const self = this as unknown as ParserInternals;
		if (self.stack.length < this.maxDepth) {
			super.onopentagname(start, endIndex);
			return;
		}
		const raw = self.getSlice(start, endIndex);
		const name = self.lowerCaseTagNames ? raw.toLowerCase() : raw;
		if (this.isVoidElement(name)) {
			super.onopentagname(start, endIndex);
			return;
		}
		// Dropped: no element is opened, attributes are not collected (attribs stays null), and an
		// empty tag name keeps a self-closing form from closing the element above it.
		self.endIndex = endIndex;
		self.openTagStart = self.startIndex;
		self.tagname = "";
		self.attribs = null;
	}
}
