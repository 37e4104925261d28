/**
 * Caps how deep HTML can nest in htmlparser2. Its open-element stack is an array it `unshift`s into
 * and `indexOf`s on every close tag, so 200,000 unclosed `<div>`s cost quadratic time (12–40 s).
 * FastParser pushes instead of unshifting, but a close tag that matches nothing open still searches
 * the whole stack.
 * Extraction parses with DepthCappedParser, which drops every opening tag that would nest deeper
 * than the cap while it parses (no extra pass over the page); the text stays.
 */

import type { Handler, ParserOptions } from "htmlparser2";
import { FastParser } from "./fast-parser.js";

/**
 * Open elements beyond this depth are dropped; real pages stay under a hundred or so. The parser's
 * cost per tag grows with the depth, so the cap also bounds that (512 × a million tags is still ~1 s).
 */
export const MAX_NESTING_DEPTH = 512;

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
 * A FastParser (htmlparser2's Parser, same events) whose open-element stack never grows past
 * `maxDepth`: an opening tag that would go deeper is dropped (its attributes too), its text stays.
 * The cap is applied while parsing, not in a pass of its own over the page. Unmatched close tags
 * are left to the parser: its search for them runs over at most `maxDepth` names.
 */
export class DepthCappedParser extends FastParser {
	constructor(
		cbs: Partial<Handler> | null,
		options?: ParserOptions,
		private readonly maxDepth = MAX_NESTING_DEPTH,
	) {
		super(cbs, options);
	}

	/** @internal Called by the tokenizer for every opening tag name. */
	override onopentagname(start: number, endIndex: number, hash?: number): void {
		const self = this as unknown as ParserInternals;
		if (self.stack.length < this.maxDepth) {
			super.onopentagname(start, endIndex, hash);
			return;
		}
		const raw = self.getSlice(start, endIndex);
		const name = self.lowerCaseTagNames ? raw.toLowerCase() : raw;
		if (this.isVoidElement(name)) {
			super.onopentagname(start, endIndex, hash);
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
