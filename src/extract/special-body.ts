/**
 * Script and style bodies for FastTokenizer. The stock InSpecialTag state takes a parse-loop trip
 * for every "<" in a body and for every character of its closing tag (`</script` is eight); here
 * the same state runs over the body in local variables, with the same native fast-forward, and
 * hands the closing character back to the stock state, which reports the text and the tag.
 */

import { isTagWhitespace } from "./tag-chars.js";
import type { LexerInternals } from "./tag-lexer.js";

// The closing sequences of the special tags run here: the stock machine compares its own
// sequence objects by identity only for `</title` (whose body decodes references), so these
// copies of `</script` and `</style` behave the same.
const SCRIPT_END = new Uint8Array([0x3c, 0x2f, 0x73, 0x63, 0x72, 0x69, 0x70, 0x74]);
const STYLE_END = new Uint8Array([0x3c, 0x2f, 0x73, 0x74, 0x79, 0x6c, 0x65]);

const LT = 0x3c;
const GT = 0x3e;

/** The closing sequence of a special tag name starting with "s" of `length` characters: script or style. */
export function specialEnd(length: number): Uint8Array | undefined {
	return length === 6 ? SCRIPT_END : length === 5 ? STYLE_END : undefined;
}

/**
 * Runs the body of a script or style from the character `first` at the tokenizer's index (state
 * InSpecialTag) as the stock state would, one character at a time but without a parse-loop trip
 * each, and hands over just before the character that ends the closing sequence (the stock state
 * then reports the text and the closing tag) or at the buffer's end. The stock body makes no
 * callbacks before that character, so nothing else can differ. Returns false, having changed
 * nothing, for the sequences it does not run (`</title`, whose body decodes references, and the
 * sequence already matched).
 */
export function lexSpecialBody(t: LexerInternals, first: number): boolean {
	const sequence = t.currentSequence;
	let k = t.sequenceIndex;
	if ((sequence !== SCRIPT_END && sequence !== STYLE_END) || k >= sequence.length) return false;
	const buffer = t.buffer;
	const length = buffer.length;
	let i = t.index - t.offset;
	let c = first;
	for (;;) {
		// The stock state for c at i, with k < the sequence's length. It compares `c | 0x20`, so
		// a few control characters match too: kept exactly.
		if ((c | 0x20) === sequence[k]) {
			k++;
		} else if (k === 0) {
			// The stock fast-forward: onto the next "<" (matched), or onto the last character.
			const lt = buffer.indexOf("<", i + 1);
			if (lt < 0) {
				i = length - 1;
				break;
			}
			i = lt;
			k = 1;
		} else {
			k = c === LT ? 1 : 0;
		}
		if (i + 1 >= length) break;
		i++;
		c = buffer.charCodeAt(i);
		if (k === sequence.length) {
			if (c === GT || isTagWhitespace(c)) {
				i--;
				break;
			}
			// Not the end after all: the stock state starts over on this character.
			k = 0;
		}
	}
	t.sequenceIndex = k;
	t.index = i + t.offset;
	return true;
}
