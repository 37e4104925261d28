/**
 * Keyword matching without user regular expressions (ReDoS): text and keywords are folded (case,
 * accents, compatibility forms) and cut into words; a keyword or quoted phrase matches where its
 * words appear in a row. Linear in the text for each keyword.
 */

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Lower-case, accent-free words of a text ("Café Zürich" → ["cafe", "zurich"]). */
export function foldWords(text: string): string[] {
	return text.normalize("NFKD").replace(MARKS, "").toLowerCase().match(WORD) ?? [];
}

/** A keyword list prepared for matching: each keyword as its folded words. */
export type PreparedKeywords = string[][];

/** Prepares keywords once per fan-out (a keyword without any word matches nothing and is left out). */
export function prepareKeywords(keywords: readonly string[]): PreparedKeywords {
	return keywords.map(foldWords).filter((words) => words.length > 0);
}

/** A text's folded words, with a set of them so absent keywords are ruled out without a scan. */
export interface FoldedText {
	words: readonly string[];
	set: ReadonlySet<string>;
}

/** Folds a text for matching against many keyword lists. */
export function foldText(text: string): FoldedText {
	const words = foldWords(text);
	return { words, set: new Set(words) };
}

/** Whether any keyword's words occur in a row in the text. */
export function matchesAny(text: FoldedText, keywords: PreparedKeywords): boolean {
	return keywords.some((kw) => kw.every((w) => text.set.has(w)) && containsRun(text.words, kw));
}

function containsRun(words: readonly string[], run: readonly string[]): boolean {
	const first = run[0];
	if (first === undefined) return false;
	for (let i = 0; i + run.length <= words.length; i++) {
		if (words[i] !== first) continue;
		let j = 1;
		while (j < run.length && words[i + j] === run[j]) j++;
		if (j === run.length) return true;
	}
	return false;
}
