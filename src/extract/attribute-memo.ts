/**
 * Verdicts on attribute strings (class values) remembered across extractions: a page repeats a few
 * hundred class strings over thousands of elements, and a poller reads the same sites again and
 * again. Each memo is bounded; a full one is cleared rather than grown.
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

/** A memo of `judge`'s numeric verdict per attribute value. */
export class AttributeMemo {
	private readonly verdicts = new Map<string, number>();

	constructor(private readonly judge: (value: string) => number) {}

	/** `judge(value)`, remembered. */
	verdict(value: string): number {
		const known = this.verdicts.get(value);
		if (known !== undefined) return known;
		const verdict = this.judge(value);
		if (value.length <= MAX_KEY_CHARS) {
			if (this.verdicts.size >= MAX_REMEMBERED) this.verdicts.clear();
			this.verdicts.set(detached(value), verdict);
		}
		return verdict;
	}
}
