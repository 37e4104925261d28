/**
 * Decoded entry bodies remembered by their raw source text. A live blog is polled again and again
 * and its JSON-LD or page model repeats every entry's HTML body each time; decoding those bodies
 * (entities, tags, whitespace) was the larger part of reading such a page (428 bodies, 315,000
 * characters on one real page). An entry already read decodes again only when its text changes: the
 * raw text is the key, so any edit is a miss. Bounded by characters held; oldest out first.
 */

/**
 * Characters (keys and values) held at most: about 4 MB of UTF-16 per extraction worker, the
 * bodies of three pages as big as the biggest saved one (RSS at rest has a 120 MB target).
 */
const MAX_CHARS = 2_000_000;

interface Remembered {
	/** Which decoder made it: sources read the same raw text differently (escaped HTML, say). */
	decoder: string;
	/** The headline the body was cleaned against (a body that repeats it loses that line). */
	headline: string | undefined;
	text: string | undefined;
}

const remembered = new Map<string, Remembered>();
let held = 0;

/** `decode()` of `raw`, or what the same decoder gave for the same raw text and headline before. */
export function rememberedBody(
	decoder: string,
	raw: string,
	headline: string | undefined,
	decode: () => string | undefined,
): string | undefined {
	const known = remembered.get(raw);
	if (known !== undefined && known.headline === headline && known.decoder === decoder)
		return known.text;
	const text = decode();
	if (known !== undefined) {
		held -= known.text?.length ?? 0;
		remembered.delete(raw);
		held -= raw.length;
	}
	const size = raw.length + (text?.length ?? 0);
	// A body over a quarter of the memo is decoded every time rather than flush most of the rest.
	if (size > MAX_CHARS / 4) return text;
	for (const [key, value] of remembered) {
		if (held + size <= MAX_CHARS) break;
		remembered.delete(key);
		held -= key.length + (value.text?.length ?? 0);
	}
	remembered.set(raw, { decoder, headline, text });
	held += size;
	return text;
}

/** Forgets every remembered body (bench:extract's first-poll mode). */
export function forgetRememberedBodies(): void {
	remembered.clear();
	held = 0;
}

/** Entries and characters held (for tests). */
export function rememberedBodySize(): { entries: number; chars: number } {
	return { entries: remembered.size, chars: held };
}
