/**
 * Entry body text from lines that are already whitespace-collapsed (ticker drafts): the same
 * string cleanBodyText gives for the lines joined by newlines, without joining, splitting and
 * collapsing again.
 */

import {
	CRUFT_LINE,
	cleanBodyText,
	dropRepeatedHeadline,
	MAX_BODY_CHARS,
	NOT_SINGLE_SPACED,
} from "../text.js";

/** True when collapseWhitespace would return `line` unchanged (and it holds no line break). */
export function isCollapsedLine(line: string): boolean {
	return (
		line.charCodeAt(0) !== 32 &&
		line.charCodeAt(line.length - 1) !== 32 &&
		!NOT_SINGLE_SPACED.test(line)
	);
}

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
	for (const line of lines) {
		// Cruft lines are short; skip the regex on paragraphs (as cleanBodyText does).
		if (line !== "" && (line.length > 200 || !CRUFT_LINE.test(line))) kept.push(line);
	}
	dropRepeatedHeadline(kept, headline);
	return kept.join("\n");
}
