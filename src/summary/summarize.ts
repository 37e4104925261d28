/** Platform-neutral plain-text summaries of entry bodies, cut at sentence boundaries. */

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

// Cruft that CMSs leave in body text; none of it belongs in a summary.
const CRUFT = [
	/\b(?:read|see) more(?::| here| at| on)?\b[^.!?]*$/i,
	/^\s*(?:advertisement|ad feedback|related:?|watch:|listen:)\s*/i,
];

/** Collapses whitespace and strips obvious cruft (trailing "Read more…", leading "Advertisement"). */
export function cleanText(text: string): string {
	let out = text.replace(/\s+/g, " ").trim();
	for (const pattern of CRUFT) out = out.replace(pattern, "").trim();
	return out;
}

// Intl.Segmenter ends a sentence after "Mr." or "U.S."; news copy is full of them.
const ABBREVIATION_END =
	/(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|No|vs|etc|Inc|Ltd|Co|Mt|Ft|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z])\.$/;

/** Splits text into sentences with Intl.Segmenter, re-joining splits after common abbreviations. */
export function sentences(text: string): string[] {
	const out: string[] = [];
	let carry = "";
	for (const { segment } of segmenter.segment(text)) {
		const s = segment.trim();
		if (!s) continue;
		const joined = carry ? `${carry} ${s}` : s;
		if (ABBREVIATION_END.test(s)) {
			carry = joined;
			continue;
		}
		out.push(joined);
		carry = "";
	}
	if (carry) out.push(carry);
	return out;
}

/** First sentence of the text (a headline fallback), at most `maxChars`. */
export function firstSentence(text: string, maxChars = 160): string {
	const first = sentences(cleanText(text))[0] ?? "";
	return cutAtWord(first, maxChars);
}

/**
 * 1–3 whole sentences of `text` within `maxChars`; a single over-long first sentence is cut at a
 * word boundary with an ellipsis.
 */
export function summarize(text: string, maxChars: number, maxSentences = 3): string {
	const clean = cleanText(text);
	if (clean.length === 0) return "";
	const parts = sentences(clean);
	let out = "";
	for (const [i, s] of parts.entries()) {
		if (i >= maxSentences) break;
		const next = out ? `${out} ${s}` : s;
		if (next.length > maxChars) break;
		out = next;
	}
	if (out) return out;
	return cutAtWord(parts[0] ?? clean, maxChars);
}

/** Cuts at the last word boundary under maxChars, adding "…" when anything was cut. */
export function cutAtWord(text: string, maxChars: number): string {
	if (text.length <= maxChars) return text;
	const room = Math.max(1, maxChars - 1);
	const slice = text.slice(0, room);
	const space = slice.lastIndexOf(" ");
	const cut = space > room * 0.6 ? slice.slice(0, space) : slice;
	return `${cut.replace(/[\s,;:–-]+$/, "")}…`;
}
