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

const LT = 0x3c;
const AMP = 0x26;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
// What ends a run of plain characters: text stops at a tag or a character reference, a quoted
// attribute value at its quote or a reference.
const TEXT_STOP = /[<&]/g;
const DOUBLE_QUOTED_STOP = /["&]/g;
const SINGLE_QUOTED_STOP = /['&]/g;

/** Moves `index` to just before the next match of `stop` (the parse loop then steps onto it). */
function skipBefore(self: TokenizerInternals, stop: RegExp): void {
	stop.lastIndex = self.index + 1 - self.offset;
	// test, not exec: no match array is allocated; lastIndex ends just after the one-character stop.
	const end = stop.test(self.buffer) ? stop.lastIndex - 1 : self.buffer.length;
	self.index = end + self.offset - 1;
}

type State = (this: TokenizerInternals & { decodeEntities: boolean }, c: number) => void;
const proto = Tokenizer.prototype as unknown as Record<string, State>;
const stockText = proto.stateText as State;
const stockDoubleQuoted = proto.stateInAttributeValueDoubleQuotes as State;
const stockSingleQuoted = proto.stateInAttributeValueSingleQuotes as State;

// The stock states do nothing for a character that is neither the stop nor "&": every such
// character costs a trip through the parse loop. These skip the run natively instead.
const stateText: State = function (c) {
	stockText.call(this, c);
	if (c !== LT && c !== AMP && this.decodeEntities) skipBefore(this, TEXT_STOP);
};
const stateInAttributeValueDoubleQuotes: State = function (c) {
	stockDoubleQuoted.call(this, c);
	if (c !== DOUBLE_QUOTE && c !== AMP && this.decodeEntities) skipBefore(this, DOUBLE_QUOTED_STOP);
};
const stateInAttributeValueSingleQuotes: State = function (c) {
	stockSingleQuoted.call(this, c);
	if (c !== SINGLE_QUOTE && c !== AMP && this.decodeEntities) skipBefore(this, SINGLE_QUOTED_STOP);
};

const EQ = 0x3d;
const SLASH = 0x2f;
const GT = 0x3e;

/** Whether `c` ends an attribute name: "=", whitespace (the tokenizer's five), "/" or ">". */
function endsAttributeName(c: number): boolean {
	return (
		c === EQ ||
		c === GT ||
		c === SLASH ||
		c === 0x20 ||
		c === 0x0a ||
		c === 0x09 ||
		c === 0x0c ||
		c === 0x0d
	);
}

const stockInAttributeName = proto.stateInAttributeName as State;

// The stock state is a real call per character of every attribute name (V8 does not inline it
// into the big parse loop); the name's other characters are skipped here in one loop.
const stateInAttributeName: State = function (c) {
	if (endsAttributeName(c)) {
		stockInAttributeName.call(this, c);
		return;
	}
	const buffer = this.buffer;
	let i = this.index + 1 - this.offset;
	while (i < buffer.length && !endsAttributeName(buffer.charCodeAt(i))) i++;
	// Just before the name's end (or on the buffer's last character): the loop steps onto it.
	this.index = i + this.offset - 1;
};

/** A Tokenizer that skips plain runs natively (String#indexOf, regex scans). Pass as ParserOptions.Tokenizer. */
export class FastTokenizer extends Tokenizer {}

// The methods are private in htmlparser2's types, so they cannot be overridden in the class body.
for (const [name, value] of Object.entries({
	fastForwardTo,
	stateText,
	stateInAttributeValueDoubleQuotes,
	stateInAttributeValueSingleQuotes,
	stateInAttributeName,
})) {
	Object.defineProperty(FastTokenizer.prototype, name, {
		value,
		writable: true,
		configurable: true,
	});
}
