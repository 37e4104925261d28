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
const UNQUOTED_STOP = /[\t\n\f\r >&]/g;

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

// htmlparser2's Tokenizer states (its `State` enum is not exported).
const IN_TAG_NAME = 3;
const IN_CLOSING_TAG_NAME = 6;
const BEFORE_ATTRIBUTE_NAME = 8;
const IN_ATTRIBUTE_NAME = 9;
const IN_ATTRIBUTE_VALUE_DQ = 12;
const IN_ATTRIBUTE_VALUE_SQ = 13;
const IN_ATTRIBUTE_VALUE_NQ = 14;

const SLASH = 0x2f;
const GT = 0x3e;
const EQ = 0x3d;

/** The tokenizer's own whitespace: space, \n, \t, \f, \r (not String#trim's wider set). */
function isWhitespace(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

// Names and the blanks between attributes are a few characters each: a charCodeAt loop beats a
// regex call there. Each skip stops just before the first character its state reacts to (or on
// the buffer's last character), so the state then sees that character exactly as without the skip.
type Skip = (this: TokenizerInternals) => void;

/** Skips a tag name's characters: up to whitespace, "/" or ">". */
const skipTagName: Skip = function () {
	const buffer = this.buffer;
	let i = this.index + 1 - this.offset;
	while (i < buffer.length) {
		const c = buffer.charCodeAt(i);
		if (c === GT || c === SLASH || isWhitespace(c)) break;
		i++;
	}
	this.index = i + this.offset - 1;
};

/** Skips an attribute name's characters: up to "=", whitespace, "/" or ">". */
const skipAttributeName: Skip = function () {
	const buffer = this.buffer;
	let i = this.index + 1 - this.offset;
	while (i < buffer.length) {
		const c = buffer.charCodeAt(i);
		if (c === EQ || c === GT || c === SLASH || isWhitespace(c)) break;
		i++;
	}
	this.index = i + this.offset - 1;
};

/** Skips a closing tag name's characters: up to whitespace or ">" ("/" does not end it). */
const skipClosingTagName: Skip = function () {
	const buffer = this.buffer;
	let i = this.index + 1 - this.offset;
	while (i < buffer.length) {
		const c = buffer.charCodeAt(i);
		if (c === GT || isWhitespace(c)) break;
		i++;
	}
	this.index = i + this.offset - 1;
};

/** Skips whitespace. */
const skipWhitespace: Skip = function () {
	const buffer = this.buffer;
	let i = this.index + 1 - this.offset;
	while (i < buffer.length && isWhitespace(buffer.charCodeAt(i))) i++;
	this.index = i + this.offset - 1;
};

type TagState = (
	this: TokenizerInternals & { state: number; decodeEntities: boolean },
	c: number,
) => void;
const tagProto = Tokenizer.prototype as unknown as Record<string, TagState>;
const stockBeforeTagName = tagProto.stateBeforeTagName as TagState;
const stockInTagName = tagProto.stateInTagName as TagState;
const stockBeforeClosingTagName = tagProto.stateBeforeClosingTagName as TagState;
const stockInClosingTagName = tagProto.stateInClosingTagName as TagState;
const stockBeforeAttributeName = tagProto.stateBeforeAttributeName as TagState;
const stockInAttributeName = tagProto.stateInAttributeName as TagState;
const stockBeforeAttributeValue = tagProto.stateBeforeAttributeValue as TagState;
const stockNoQuotes = tagProto.stateInAttributeValueNoQuotes as TagState;

// Inside a tag the stock states take one trip through the parse loop per character of every
// name and blank. Each override runs the stock state, then, if that left the tokenizer in a
// state that ignores the coming characters, skips them. The stock states call one another
// through `this` as their last step, so the overrides also run when a state hands a character on.
const stateBeforeTagName: TagState = function (c) {
	stockBeforeTagName.call(this, c);
	if (this.state === IN_TAG_NAME) skipTagName.call(this);
};
const stateInTagName: TagState = function (c) {
	stockInTagName.call(this, c);
	if (this.state === IN_TAG_NAME) skipTagName.call(this);
};
const stateBeforeClosingTagName: TagState = function (c) {
	stockBeforeClosingTagName.call(this, c);
	if (this.state === IN_CLOSING_TAG_NAME) skipClosingTagName.call(this);
};
const stateInClosingTagName: TagState = function (c) {
	stockInClosingTagName.call(this, c);
	if (this.state === IN_CLOSING_TAG_NAME) skipClosingTagName.call(this);
};
const stateBeforeAttributeName: TagState = function (c) {
	stockBeforeAttributeName.call(this, c);
	if (this.state === BEFORE_ATTRIBUTE_NAME) skipWhitespace.call(this);
	else if (this.state === IN_ATTRIBUTE_NAME) skipAttributeName.call(this);
};
const stateInAttributeName: TagState = function (c) {
	stockInAttributeName.call(this, c);
	if (this.state === IN_ATTRIBUTE_NAME) skipAttributeName.call(this);
};
// After an opening quote the value's plain run is skipped at once, not from its first character.
const stateBeforeAttributeValue: TagState = function (c) {
	stockBeforeAttributeValue.call(this, c);
	if (!this.decodeEntities) return;
	if (this.state === IN_ATTRIBUTE_VALUE_DQ) skipBefore(this, DOUBLE_QUOTED_STOP);
	else if (this.state === IN_ATTRIBUTE_VALUE_SQ) skipBefore(this, SINGLE_QUOTED_STOP);
	// An unquoted value was handed on to stateInAttributeValueNoQuotes, which skipped already.
};
const stateInAttributeValueNoQuotes: TagState = function (c) {
	stockNoQuotes.call(this, c);
	if (this.state === IN_ATTRIBUTE_VALUE_NQ && this.decodeEntities) skipBefore(this, UNQUOTED_STOP);
};

/** A Tokenizer that skips plain runs natively (String#indexOf, regex scans). Pass as ParserOptions.Tokenizer. */
export class FastTokenizer extends Tokenizer {}

// The methods are private in htmlparser2's types, so they cannot be overridden in the class body.
for (const [name, value] of Object.entries({
	fastForwardTo,
	stateText,
	stateInAttributeValueDoubleQuotes,
	stateInAttributeValueSingleQuotes,
	stateBeforeTagName,
	stateInTagName,
	stateBeforeClosingTagName,
	stateInClosingTagName,
	stateBeforeAttributeName,
	stateInAttributeName,
	stateBeforeAttributeValue,
	stateInAttributeValueNoQuotes,
})) {
	Object.defineProperty(FastTokenizer.prototype, name, {
		value,
		writable: true,
		configurable: true,
	});
}
