/**
 * htmlparser2's Tokenizer with a native fast-forward. Inside `<script>`, `<style>`, comments and
 * closing tags the tokenizer skips to one character with a JavaScript loop over charCodeAt; a
 * live-blog page can be two-thirds JSON-LD (840 KB on one real page), read one character at a
 * time. String#indexOf does the same search natively; the tokens produced are identical. Text
 * and quoted attribute values are skipped the same way, and tags are run whole (tag-lexer.ts).
 */

import { Tokenizer } from "htmlparser2";
import { lexSpecialBody } from "./special-body.js";
import { endsAttributeName, isAsciiAlpha } from "./tag-chars.js";
import {
	type LexerInternals,
	lexEndTag,
	lexStartTag,
	nextStop,
	type StopCache,
} from "./tag-lexer.js";

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

/**
 * Moves `index` to just before the next `stop` character or "&" (the parse loop then steps onto
 * it): text stops at a tag or a character reference, a quoted attribute value at its quote or a
 * reference.
 */
function skipBefore(self: TokenizerInternals, stop: string): void {
	const end = nextStop(
		self as unknown as LexerInternals & StopCache,
		stop,
		self.index + 1 - self.offset,
	);
	self.index = end + self.offset - 1;
}

type State = (this: TokenizerInternals & { decodeEntities: boolean }, c: number) => void;
const proto = Tokenizer.prototype as unknown as Record<string, State>;
const stockText = proto.stateText as State;
const stockDoubleQuoted = proto.stateInAttributeValueDoubleQuotes as State;
const stockSingleQuoted = proto.stateInAttributeValueSingleQuotes as State;

const stateInAttributeValueDoubleQuotes: State = function (c) {
	stockDoubleQuoted.call(this, c);
	if (c !== DOUBLE_QUOTE && c !== AMP && this.decodeEntities) skipBefore(this, '"');
};
const stateInAttributeValueSingleQuotes: State = function (c) {
	stockSingleQuoted.call(this, c);
	if (c !== SINGLE_QUOTE && c !== AMP && this.decodeEntities) skipBefore(this, "'");
};

const SLASH = 0x2f;

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

const stockBeforeTagName = proto.stateBeforeTagName as State;

// A tag is run whole (tag-lexer.ts) instead of one parse-loop trip per character; HTML mode with
// references decoded only, the mode extraction parses in.
const stateBeforeTagName: State = function (c) {
	const self = this as unknown as LexerInternals &
		StopCache & { xmlMode: boolean; decodeEntities: boolean };
	if (!self.xmlMode && self.decodeEntities) {
		if (isAsciiAlpha(c) ? lexStartTag(self) : c === SLASH && lexEndTag(self)) return;
	}
	stockBeforeTagName.call(this, c);
};

const stockInSpecialTag = proto.stateInSpecialTag as State;

// A script or style body is run in one call (tag-lexer.ts) instead of a parse-loop trip for every
// character of every "<" it holds and of its closing tag.
const stateInSpecialTag: State = function (c) {
	if (!lexSpecialBody(this as unknown as LexerInternals, c)) stockInSpecialTag.call(this, c);
};

type TextRunner = LexerInternals & {
	decodeEntities: boolean;
	xmlMode: boolean;
	cbs: { ontext(start: number, endIndex: number): void };
};

/** Whether the parse loop would go on to the next character (its shouldContinue after index++). */
function canStep(self: TextRunner): boolean {
	return self.index + 1 < self.buffer.length + self.offset && self.running;
}

const TEXT = 1;
const BEFORE_TAG_NAME = 2;

// Text and the tags between runs of it are taken here in one go, stepping from character to
// character as the parse loop would (index, then its continue check) for as long as the state is
// Text or a tag the lexer runs whole. Plain characters are skipped natively: the stock state does
// nothing for a character that is neither "<" nor "&", each a trip through the parse loop.
const stateText: State = function (first) {
	const self = this as unknown as TextRunner;
	if (!self.decodeEntities) {
		stockText.call(this, first);
		return;
	}
	let c = first;
	for (;;) {
		if (c === LT) {
			if (self.index > self.sectionStart) self.cbs.ontext(self.sectionStart, self.index);
			self.state = BEFORE_TAG_NAME;
			self.sectionStart = self.index;
			if (!canStep(self)) return;
			self.index++;
			stateBeforeTagName.call(this, self.buffer.charCodeAt(self.index - self.offset));
			if (self.state !== TEXT) return;
		} else if (c === AMP) {
			stockText.call(this, c);
			return;
		} else {
			skipBefore(self, "<");
		}
		if (!canStep(self)) return;
		self.index++;
		c = self.buffer.charCodeAt(self.index - self.offset);
	}
};

/** A Tokenizer that skips plain runs natively (String#indexOf) and runs tags whole. Pass as ParserOptions.Tokenizer. */
export class FastTokenizer extends Tokenizer {
	/** See StopCache (tag-lexer.ts): the next "&" and stop character, once searched for. */
	ampFrom = -1;
	ampAt = -1;
	stopChar = "";
	stopFrom = -1;
	stopAt = -1;

	override write(chunk: string): void {
		// A new buffer (every buffer comes through here, reset() only empties it): positions found
		// in the old one mean nothing.
		this.ampFrom = -1;
		this.stopFrom = -1;
		super.write(chunk);
	}
}

// The methods are private in htmlparser2's types, so they cannot be overridden in the class body.
for (const [name, value] of Object.entries({
	fastForwardTo,
	stateText,
	stateInAttributeValueDoubleQuotes,
	stateInAttributeValueSingleQuotes,
	stateInAttributeName,
	stateBeforeTagName,
	stateInSpecialTag,
})) {
	Object.defineProperty(FastTokenizer.prototype, name, {
		value,
		writable: true,
		configurable: true,
	});
}
