/**
 * The character classes of htmlparser2's tokenizer (HTML mode), shared by the parts of our
 * tokenizer that run its states faster: the tag lexer, the attribute-name skip, script/style bodies.
 */

const SLASH = 0x2f;
const EQ = 0x3d;
const GT = 0x3e;

/** The tokenizer's whitespace: space, newline, tab, form feed, carriage return. */
export function isTagWhitespace(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

/** What ends a tag name: whitespace, "/" or ">". */
export function endsTagSection(c: number): boolean {
	return c === SLASH || c === GT || isTagWhitespace(c);
}

/** Whether `c` ends an attribute name: "=", whitespace, "/" or ">". */
export function endsAttributeName(c: number): boolean {
	return c === EQ || endsTagSection(c);
}

/** An ASCII letter, the only start of a tag name in HTML mode. */
export function isAsciiAlpha(c: number): boolean {
	return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
