/** Whitespace as `\s` and String#trim see it, read by character code (no regex, no copy). */

import { isUnicodeSpace } from "../text.js";

/** True for the characters `\s` matches (and String#trim removes). */
export function isWhitespace(c: number): boolean {
	return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c >= 0x1680 && isUnicodeSpace(c));
}

/** `text.trim().length` without making the trimmed copy: walks in from both ends only. */
export function trimmedLength(text: string): number {
	let start = 0;
	let end = text.length;
	while (start < end && isWhitespace(text.charCodeAt(start))) start++;
	while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
	return end - start;
}
