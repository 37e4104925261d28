/**
 * Entry body text from lines that are already whitespace-collapsed (ticker drafts): the same
 * string cleanBodyText gives for the lines joined by newlines, without joining, splitting and
 * collapsing again.
 */

import { cleanBodyText, dropRepeatedHeadline, isBodyLine, MAX_BODY_CHARS } from "../text.js";
import { isWhitespace } from "./trimmed-length.js";

/**
 * `cleanBodyText(lines.join("\n"), headline)` for lines collapseWhitespace leaves unchanged: the
 * ticker's are (ticker-lines writes them collapsed; a stamp's rest is a trimmed slice of one).
 */
export function bodyFromCollapsedLines(lines: readonly string[], headline?: string): string {
	let total = 0;
	for (const line of lines) total += line.length + 1;
	// Within the body limit no clamp or early stop of cleanBodyText can apply.
	if (total > MAX_BODY_CHARS) return cleanBodyText(lines.join("\n"), headline);
	const kept: string[] = [];
	for (const line of lines) if (isBodyLine(line)) kept.push(line);
	if (headline !== undefined && mayRepeat(kept[0], headline)) dropRepeatedHeadline(kept, headline);
	return kept.join("\n");
}

/**
 * False when the first line cannot start with the headline: their first characters differ in
 * ASCII, case aside (dropRepeatedHeadline compares the lower-cased line with the lower-cased,
 * trimmed headline). Anything else is left to dropRepeatedHeadline.
 */
function mayRepeat(first: string | undefined, headline: string): boolean {
	if (first === undefined) return false;
	let i = 0;
	while (i < headline.length && isWhitespace(headline.charCodeAt(i))) i++;
	if (i === headline.length) return false;
	const a = headline.charCodeAt(i);
	const b = first.charCodeAt(0);
	if (a >= 128 || b >= 128) return true;
	return lowerAscii(a) === lowerAscii(b);
}

function lowerAscii(c: number): number {
	return c >= 65 && c <= 90 ? c + 32 : c;
}
