/**
 * htmlparser2's Tokenizer with a native fast-forward. Inside `<script>`, `<style>`, comments and
 * closing tags the tokenizer skips to one character with a JavaScript loop over charCodeAt; a
 * live-blog page can be two-thirds JSON-LD (840 KB on one real page), read one character at a
 * time. String#indexOf does the same search natively; the tokens produced are identical.
 */

import { Tokenizer } from "htmlparser2";

/** The tokenizer fields the fast-forward reads and sets (htmlparser2 10 keeps them private). */
interface TokenizerInternals {
	buffer: string;
	index: number;
	offset: number;
}

const CHARS: string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

/** Moves `index` to the next `c` (true), or to the buffer's last character (false), as the original. */
function fastForwardTo(this: TokenizerInternals, c: number): boolean {
	const found = this.buffer.indexOf(
		CHARS[c] ?? String.fromCharCode(c),
		this.index + 1 - this.offset,
	);
	if (found >= 0) {
		this.index = found + this.offset;
		return true;
	}
	// The parse loop increments index after the state returns: stop on the last character.
	this.index = this.buffer.length + this.offset - 1;
	return false;
}

/** A Tokenizer whose fastForwardTo searches with String#indexOf. Pass as ParserOptions.Tokenizer. */
export class FastTokenizer extends Tokenizer {}

// The method is private in htmlparser2's types, so it cannot be overridden in the class body.
Object.defineProperty(FastTokenizer.prototype, "fastForwardTo", {
	value: fastForwardTo,
	writable: true,
	configurable: true,
});
