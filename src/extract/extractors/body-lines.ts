/**
 * Entry body text from lines that are already whitespace-collapsed (ticker drafts): the same
 * string cleanBodyText gives for the lines joined by newlines, without joining, splitting and
 * collapsing again.
 */

import { cleanBodyText, dropRepeatedHeadline, isBodyLine, MAX_BODY_CHARS } from "../text.js";

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
	dropRepeatedHeadline(kept, headline);
	return kept.join("\n");
}
