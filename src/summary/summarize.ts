/**
 * Platform-neutral plain-text summaries of entry bodies, cut at sentence boundaries. Every step is
 * linear and sees only the head of a body a summary can use: segmenting a whole 250 KB body took
 * minutes on pathological text.
 */

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Characters of text after a summary's limit still segmented, so the last sentence kept is whole. */
const SEGMENT_LOOKAHEAD = 400;
/** Sentences re-joined after an abbreviation, at most; a run of "Mr. Mr. Mr." is not one sentence. */
const MAX_JOINED_ABBREVIATIONS = 8;

// Trailing "Read more …" with no sentence end after it; found by a scan, since /…[^.!?]*$/ retried
// from every "read more" is quadratic.
const READ_MORE = /\b(?:read|see) more(?::| here| at| on)?\b/gi;
const LEADING_CRUFT = /^(?:advertisement|ad feedback|related:?|watch:|listen:)\s*/i;

/** Collapses whitespace and strips obvious cruft (trailing "Read more…", leading "Advertisement"). */
export function cleanText(text: string): string {
	let out = text.replace(/\s+/g, " ").trim();
	const lastEnd = Math.max(out.lastIndexOf("."), out.lastIndexOf("!"), out.lastIndexOf("?"));
	READ_MORE.lastIndex = lastEnd + 1;
	const tail = READ_MORE.exec(out);
	if (tail) out = out.slice(0, tail.index).trim();
	return out.replace(LEADING_CRUFT, "").trim();
}

/** The head of `text` that can hold `maxChars` of clean summary, and whether anything was cut. */
function headOf(text: string, maxChars: number): { head: string; cut: boolean } {
	// Whitespace collapses: raw text is allowed a few times the room before it is cut.
	const room = (maxChars + SEGMENT_LOOKAHEAD) * 4;
	if (text.length <= room) return { head: text, cut: false };
	const code = text.charCodeAt(room - 1);
	return { head: text.slice(0, code >= 0xd800 && code <= 0xdbff ? room - 1 : room), cut: true };
}

// Intl.Segmenter ends a sentence after "Mr." or "U.S."; news copy is full of them. Anchored at the end
// and tested on one bounded segment only.
const ABBREVIATION_END =
	/(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|No|vs|etc|Inc|Ltd|Co|Mt|Ft|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z])\.$/;
/** Segments longer than this are never an abbreviation's sentence fragment. */
const ABBREVIATION_SEGMENT_MAX = 40;

/**
 * Splits text into sentences with Intl.Segmenter, re-joining splits after common abbreviations.
 * Stops after `limit` sentences (the rest of a long body is never segmented).
 */
export function sentences(text: string, limit = Number.POSITIVE_INFINITY): string[] {
	const out: string[] = [];
	let carry = "";
	let joins = 0;
	for (const { segment } of segmenter.segment(text)) {
		if (out.length >= limit) break;
		const s = segment.trim();
		if (!s) continue;
		const joined = carry ? `${carry} ${s}` : s;
		const abbreviation =
			s.length <= ABBREVIATION_SEGMENT_MAX &&
			joins < MAX_JOINED_ABBREVIATIONS &&
			ABBREVIATION_END.test(s);
		if (abbreviation) {
			carry = joined;
			joins++;
			continue;
		}
		out.push(joined);
		carry = "";
		joins = 0;
	}
	if (carry && out.length < limit) out.push(carry);
	return out;
}

/** First sentence of the text (a headline fallback), at most `maxChars`. */
export function firstSentence(text: string, maxChars = 160): string {
	return splitFirstSentence(text, maxChars).first;
}

/**
 * The first sentence of `text` cut to `maxChars`, and the text after it (only its head: enough for
 * a summary of `restChars`).
 */
export function splitFirstSentence(
	text: string,
	maxChars = 160,
	restChars = 4_000,
): { first: string; rest: string } {
	const { head } = headOf(text, Math.max(maxChars, restChars));
	const [opening = "", ...others] = paragraphsOf(head);
	const parts = sentences(opening, 1 + restChars);
	// The rest keeps its paragraphs (one per line), so the summary after it can keep them too.
	const rest = [parts.slice(1).join(" "), ...others].filter(Boolean).join("\n");
	return { first: cutAtWord(parts[0] ?? "", maxChars), rest };
}

/** The cleaned paragraphs of a body (one per line, as extraction writes them); empty ones dropped. */
function paragraphsOf(text: string): string[] {
	return text.split("\n").map(cleanText).filter(Boolean);
}

/**
 * 1–3 whole sentences of `text` within `maxChars`, keeping its paragraphs: sentences of one paragraph
 * are joined by a space, paragraphs by a newline (counted in `maxChars`). A single over-long first
 * sentence is cut at a word boundary with an ellipsis.
 */
export function summarize(text: string, maxChars: number, maxSentences = 3): string {
	const { head, cut } = headOf(text, maxChars);
	const paragraphs = paragraphsOf(head);
	const first = paragraphs[0];
	if (first === undefined) return "";
	// One more than needed: when the head was cut, its last sentence may be a fragment.
	const groups: string[][] = [];
	let total = 0;
	for (const paragraph of paragraphs) {
		if (total > maxSentences) break;
		const found = sentences(paragraph, maxSentences + 1 - total);
		if (found.length === 0) continue;
		groups.push(found);
		total += found.length;
	}
	if (cut && total > 1 && total <= maxSentences) {
		groups.at(-1)?.pop();
		if (groups.at(-1)?.length === 0) groups.pop();
	}
	let out = "";
	let kept = 0;
	for (const group of groups) {
		for (const [i, s] of group.entries()) {
			const next = !out ? s : i === 0 ? `${out}\n${s}` : `${out} ${s}`;
			if (kept >= maxSentences || next.length > maxChars) return out || cutAtWord(s, maxChars);
			out = next;
			kept++;
		}
	}
	return out || cutAtWord(first, maxChars);
}

/** Cuts at the last word boundary under maxChars, adding "…" when anything was cut. */
export function cutAtWord(text: string, maxChars: number): string {
	if (text.length <= maxChars) return text;
	const room = Math.max(1, maxChars - 1);
	const slice = text.slice(0, room);
	const space = slice.lastIndexOf(" ");
	let end = space > room * 0.6 ? space : slice.length;
	// A loop, not /[\s,;:–-]+$/: that regex is quadratic on a long run of those characters.
	while (end > 0 && " \t\n,;:–-".includes(slice.charAt(end - 1))) end--;
	return `${slice.slice(0, end)}…`;
}
