/**
 * Whole-tag runs for FastTokenizer. htmlparser2's tokenizer walks a start tag one character per
 * trip through its parse loop (a state switch, a method call and several field reads and writes
 * each): `<a href="x" class="y">` is about twenty trips. These functions run the same states
 * (htmlparser2 10.1's, HTML mode with entity decoding) over a whole tag in local variables and
 * make the same callbacks with the same positions. Wherever the stock machine would do something
 * else — a character reference, a title, textarea or xmp tag (script and style are run here, their
 * bodies in special-body.ts), the end of the buffer, a pause — they hand over: the tokenizer's
 * fields are left exactly as the stock states would have left them just before that character,
 * and its own loop carries on. Names are hashed on the way for the parser's name cache.
 */

import { specialEnd } from "./special-body.js";
import { endsAttributeName, endsTagSection, isAsciiAlpha, isTagWhitespace } from "./tag-chars.js";

/** The tokenizer fields a tag run reads and sets (htmlparser2 10 keeps them private). */
export interface LexerInternals {
	buffer: string;
	index: number;
	offset: number;
	sectionStart: number;
	state: number;
	isSpecial: boolean;
	sequenceIndex: number;
	/** The closing sequence a special tag's body ends at (stock: `</script` etc. as char codes). */
	currentSequence: Uint8Array | undefined;
	running: boolean;
	cbs: {
		/** `hash`: name-cache.ts hashName of the name, computed while scanning it. */
		onopentagname(start: number, endIndex: number, hash: number): void;
		onattribname(start: number, endIndex: number, hash: number): void;
		onattribdata(start: number, endIndex: number): void;
		onattribend(quote: number, endIndex: number): void;
		onopentagend(endIndex: number): void;
		onselfclosingtag(endIndex: number): void;
		onclosetag(start: number, endIndex: number): void;
	};
}

// htmlparser2 10.1's State and QuoteType values.
const TEXT = 1;
const IN_SELF_CLOSING_TAG = 4;
const IN_CLOSING_TAG_NAME = 6;
const AFTER_CLOSING_TAG_NAME = 7;
const BEFORE_ATTRIBUTE_NAME = 8;
const IN_ATTRIBUTE_NAME = 9;
const AFTER_ATTRIBUTE_NAME = 10;
const BEFORE_ATTRIBUTE_VALUE = 11;
const IN_ATTRIBUTE_VALUE_DQ = 12;
const IN_ATTRIBUTE_VALUE_SQ = 13;
const IN_ATTRIBUTE_VALUE_NQ = 14;
const IN_SPECIAL_TAG = 25;
const QUOTE_NO_VALUE = 0;
const QUOTE_UNQUOTED = 1;
const QUOTE_SINGLE = 2;
const QUOTE_DOUBLE = 3;

const AMP = 0x26;
const DQ = 0x22;
const SQ = 0x27;
const SLASH = 0x2f;
const EQ = 0x3d;
const GT = 0x3e;

// The tags whose content the tokenizer reads raw; their names take another path through the states.
// The stock tokenizer picks a special tag by its first two letters and then matches the rest of
// the sequence from the third: after "s" only "script" and "style", but after "t" OR "x" any of
// "title", "textarea", "xmp" — so "tmp", "xitle" and "xextarea" are raw-text tags there too.
const S_NAMES = ["script", "style"];
const T_NAMES = ["title", "textarea", "xmp"];

/** Whether the name at `start` (`length` characters) is a special tag name to the stock states. */
function isSpecialName(buffer: string, start: number, length: number): boolean {
	// Most names are ruled out by their first letter or length alone.
	const first = buffer.charCodeAt(start) | 0x20;
	if (first !== 0x73 && first !== 0x74 && first !== 0x78) return false;
	if (length !== 3 && length !== 5 && length !== 6 && length !== 8) return false;
	for (const name of first === 0x73 ? S_NAMES : T_NAMES) {
		if (name.length !== length) continue;
		let i = 1;
		// The stock states compare `c | 0x20`: only a letter's two cases match a lowercase letter.
		while (i < length && (buffer.charCodeAt(start + i) | 0x20) === name.charCodeAt(i)) i++;
		if (i === length) return true;
	}
	return false;
}

/**
 * Where the next "&" and the next stop character are in the buffer, kept by the tokenizer:
 * `ampAt` is the first "&" at or after `ampFrom` (-1: none), `stopAt` the first `stopChar` at or
 * after `stopFrom`, all within the buffer; a `*From` of -1 means not searched in this buffer yet.
 */
export interface StopCache {
	ampFrom: number;
	ampAt: number;
	stopChar: string;
	stopFrom: number;
	stopAt: number;
}

/**
 * The position of the first `stop` character or "&" at or after `from` in the buffer, or the
 * buffer's length. Native single-character searches instead of a regex run per call. Each
 * search's answer is remembered until passed: the tokenizer only moves forward, and a long
 * attribute value full of references (`data-json="{&quot;…"`, 40 KB on a real page) would
 * otherwise search for its closing quote once per reference.
 */
export function nextStop(t: LexerInternals & StopCache, stop: string, from: number): number {
	const buffer = t.buffer;
	let amp = t.ampAt;
	if (t.ampFrom < 0 || from < t.ampFrom || (amp >= 0 && amp < from)) {
		amp = buffer.indexOf("&", from);
		t.ampFrom = from;
		t.ampAt = amp;
	}
	let end = t.stopAt;
	if (t.stopChar !== stop || t.stopFrom < 0 || from < t.stopFrom || (end >= 0 && end < from)) {
		end = buffer.indexOf(stop, from);
		t.stopChar = stop;
		t.stopFrom = from;
		t.stopAt = end;
	}
	if (end < 0) return amp < 0 ? buffer.length : amp;
	return amp >= 0 && amp < end ? amp : end;
}

/**
 * Runs a start tag whose name starts with an ASCII letter at the tokenizer's index (its `<` is at
 * sectionStart). Returns false, having changed nothing, when the stock states must take it: a
 * special tag other than script and style, or a name cut off by the buffer's end.
 */
export function lexStartTag(t: LexerInternals & StopCache): boolean {
	const buffer = t.buffer;
	const length = buffer.length;
	const offset = t.offset;
	const nameStart = t.index - offset;
	let i = nameStart + 1;
	// Names are hashed while scanned (name-cache.ts hashName), saving the cache a pass over them.
	let hash = buffer.charCodeAt(nameStart);
	for (; i < length; i++) {
		const c = buffer.charCodeAt(i);
		if (endsTagSection(c)) break;
		hash = (Math.imul(hash, 31) + c) | 0;
	}
	if (i >= length) return false;
	if (isSpecialName(buffer, nameStart, i - nameStart)) {
		// script and style are run as the stock states leave them once the name has matched its
		// sequence; title, textarea and xmp (rare) stay with the stock states.
		const sequence =
			(buffer.charCodeAt(nameStart) | 0x20) === 0x73 ? specialEnd(i - nameStart) : undefined;
		if (sequence === undefined) return false;
		t.isSpecial = true;
		t.currentSequence = sequence;
		t.sequenceIndex = 0;
	}
	const cbs = t.cbs;
	cbs.onopentagname(nameStart + offset, i + offset, hash);
	let state = BEFORE_ATTRIBUTE_NAME;
	// sectionStart in absolute positions, as the stock states keep it.
	let section = -1;
	// Each pass handles the character at i; `continue` without moving i re-reads it in the new
	// state, as the stock states do. Before moving on, a pause from a callback ends the run.
	for (;;) {
		if (i >= length) break;
		const c = buffer.charCodeAt(i);
		switch (state) {
			case BEFORE_ATTRIBUTE_NAME: {
				if (c === GT) {
					cbs.onopentagend(i + offset);
					if (t.isSpecial) {
						state = IN_SPECIAL_TAG;
						t.sequenceIndex = 0;
					} else {
						state = TEXT;
					}
					t.state = state;
					t.sectionStart = i + offset + 1;
					t.index = i + offset;
					return true;
				}
				if (!t.running) break;
				if (c === SLASH) {
					state = IN_SELF_CLOSING_TAG;
					i++;
				} else if (isTagWhitespace(c)) {
					i++;
				} else {
					state = IN_ATTRIBUTE_NAME;
					section = i + offset;
					hash = c;
					// The stock state does nothing for the name's other characters.
					for (i++; i < length; i++) {
						const d = buffer.charCodeAt(i);
						if (endsAttributeName(d)) break;
						hash = (Math.imul(hash, 31) + d) | 0;
					}
				}
				continue;
			}
			case IN_ATTRIBUTE_NAME: {
				if (c === EQ || endsTagSection(c)) {
					cbs.onattribname(section, i + offset, hash);
					section = i + offset;
					state = AFTER_ATTRIBUTE_NAME;
					continue;
				}
				if (!t.running) break;
				hash = (Math.imul(hash, 31) + c) | 0;
				i++;
				continue;
			}
			case AFTER_ATTRIBUTE_NAME: {
				if (c === SLASH || c === GT) {
					cbs.onattribend(QUOTE_NO_VALUE, section);
					section = -1;
					state = BEFORE_ATTRIBUTE_NAME;
					continue;
				}
				if (c === EQ) {
					if (!t.running) break;
					state = BEFORE_ATTRIBUTE_VALUE;
				} else if (!isTagWhitespace(c)) {
					cbs.onattribend(QUOTE_NO_VALUE, section);
					if (!t.running) {
						state = IN_ATTRIBUTE_NAME;
						section = i + offset;
						t.index = i + offset;
						t.state = state;
						t.sectionStart = section;
						return true;
					}
					state = IN_ATTRIBUTE_NAME;
					section = i + offset;
					hash = c;
				} else if (!t.running) {
					break;
				}
				i++;
				continue;
			}
			case BEFORE_ATTRIBUTE_VALUE: {
				if (c === DQ || c === SQ) {
					if (!t.running) break;
					state = c === DQ ? IN_ATTRIBUTE_VALUE_DQ : IN_ATTRIBUTE_VALUE_SQ;
					section = i + offset + 1;
					i = nextStop(t, c === DQ ? '"' : "'", i + 1);
				} else if (!isTagWhitespace(c)) {
					section = i + offset;
					state = IN_ATTRIBUTE_VALUE_NQ;
				} else {
					if (!t.running) break;
					i++;
				}
				continue;
			}
			case IN_ATTRIBUTE_VALUE_DQ:
			case IN_ATTRIBUTE_VALUE_SQ: {
				// At the closing quote or a reference (nextStop stops at nothing else).
				if (c === AMP || !t.running) break;
				cbs.onattribdata(section, i + offset);
				section = -1;
				cbs.onattribend(
					state === IN_ATTRIBUTE_VALUE_DQ ? QUOTE_DOUBLE : QUOTE_SINGLE,
					i + offset + 1,
				);
				state = BEFORE_ATTRIBUTE_NAME;
				if (!t.running) {
					t.index = i + offset;
					t.state = state;
					t.sectionStart = section;
					return true;
				}
				i++;
				continue;
			}
			case IN_ATTRIBUTE_VALUE_NQ: {
				if (isTagWhitespace(c) || c === GT) {
					cbs.onattribdata(section, i + offset);
					section = -1;
					cbs.onattribend(QUOTE_UNQUOTED, i + offset);
					state = BEFORE_ATTRIBUTE_NAME;
					continue;
				}
				if (c === AMP || !t.running) break;
				i++;
				continue;
			}
			default: {
				// IN_SELF_CLOSING_TAG
				if (c === GT) {
					cbs.onselfclosingtag(i + offset);
					t.state = TEXT;
					t.sectionStart = i + offset + 1;
					t.isSpecial = false;
					t.index = i + offset;
					return true;
				}
				if (isTagWhitespace(c)) {
					if (!t.running) break;
					i++;
				} else {
					state = BEFORE_ATTRIBUTE_NAME;
				}
				continue;
			}
		}
		break;
	}
	// Hand over before the character at i, in the state the stock states would be in there.
	t.state = state;
	t.sectionStart = section;
	t.index = i + offset - 1;
	return true;
}

/**
 * Runs a closing tag from its "/" at the tokenizer's index (its `<` at sectionStart) when a letter
 * follows. Returns false, having changed nothing, otherwise.
 */
export function lexEndTag(t: LexerInternals): boolean {
	const buffer = t.buffer;
	const length = buffer.length;
	const offset = t.offset;
	const nameStart = t.index - offset + 1;
	if (nameStart >= length || !isAsciiAlpha(buffer.charCodeAt(nameStart))) return false;
	let i = nameStart + 1;
	let c = 0;
	while (i < length) {
		c = buffer.charCodeAt(i);
		if (c === GT || isTagWhitespace(c)) break;
		i++;
	}
	if (i >= length) {
		t.state = IN_CLOSING_TAG_NAME;
		t.sectionStart = nameStart + offset;
		t.index = length + offset - 1;
		return true;
	}
	t.cbs.onclosetag(nameStart + offset, i + offset);
	if (c !== GT) {
		// After the name everything up to ">" is skipped (the stock fast-forward, in the same character).
		const gt = buffer.indexOf(">", i + 1);
		if (gt < 0) {
			t.state = AFTER_CLOSING_TAG_NAME;
			t.sectionStart = -1;
			t.index = length + offset - 1;
			return true;
		}
		i = gt;
	}
	t.state = TEXT;
	t.sectionStart = i + offset + 1;
	t.index = i + offset;
	return true;
}
