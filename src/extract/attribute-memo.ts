/**
 * Verdicts on attribute strings (class values) remembered across extractions: a page repeats a few
 * hundred class strings over thousands of elements, and a poller reads the same sites again and
 * again. Each memo is a plain Map its user reads itself (the hot path stays a single `get`); this
 * module only stores, bounded: a full memo is cleared rather than grown.
 */

/** Most values one memo keeps. */
const MAX_REMEMBERED = 5_000;
/** Longer values (garbage pages) are judged every time rather than given a slot. */
const MAX_KEY_CHARS = 200;

/**
 * A copy of `value` that refers to no other string. An attribute value can be a V8 slice of the
 * whole page, and a key that is one would keep that page alive for as long as the memo holds it.
 */
function detached(value: string): string {
	// Concatenating makes a new string; slicing that copy only refers to the copy.
	return ` ${value}`.slice(1);
}

/** Stores `verdict` for `value` in `memo` (when short enough to keep) and returns it. */
export function remember<T>(memo: Map<string, T>, value: string, verdict: T): T {
	if (value.length <= MAX_KEY_CHARS) {
		if (memo.size >= MAX_REMEMBERED) memo.clear();
		memo.set(detached(value), verdict);
	}
	return verdict;
}
