/**
 * Tag and attribute names, read from the page once per distinct spelling. A page repeats a few
 * dozen names thousands of times; slicing each occurrence afresh costs an allocation, a
 * toLowerCase call, and a string-table lookup every time the name is used as a property key or a
 * Map key. Here the buffer's characters are compared with the name cached for them, and the
 * same (by then internalised) string is handed back, with whatever the caller derived from it.
 */

/** One cached spelling: as written, lowercased, and what `derive` made of each. */
export interface CachedName<T> {
	readonly raw: string;
	readonly lower: string;
	readonly rawValue: T;
	readonly lowerValue: T;
}

const SLOTS = 1024;
/** Longer names are not cached; they are rare and hashing them is not free. */
const MAX_LENGTH = 40;

/** A direct-mapped cache of names, each with a value derived from it once. */
export class NameCache<T> {
	// One spelling per slot, a newcomer replaces it: the cache only ever hands back the exact
	// characters of the buffer, so a replacement costs time, never correctness.
	private readonly slots: (CachedName<T> | undefined)[] = new Array(SLOTS).fill(undefined);

	constructor(private readonly derive: (name: string) => T) {}

	/**
	 * The name in `buffer` from `start` to `end` (positions within `buffer`), or undefined for an
	 * empty or long name. Its `raw` is the same string as `buffer.slice(start, end)`, its `lower`
	 * that string's toLowerCase(). `known` is hashName's value for the name, when the caller has it.
	 */
	at(buffer: string, start: number, end: number, known?: number): CachedName<T> | undefined {
		const length = end - start;
		if (length > MAX_LENGTH || length <= 0) return undefined;
		const hash = known ?? hashName(buffer, start, end);
		const slot = hash & (SLOTS - 1);
		const cached = this.slots[slot];
		if (cached !== undefined && sameChars(cached.raw, buffer, start, length)) return cached;
		const raw = buffer.slice(start, end);
		const lower = raw.toLowerCase();
		const entry = { raw, lower, rawValue: this.derive(raw), lowerValue: this.derive(lower) };
		this.slots[slot] = entry;
		return entry;
	}
}

/** The hash NameCache files a name under; a scanner may compute it on the way (see `at`'s `known`). */
export function hashName(buffer: string, start: number, end: number): number {
	let hash = 0;
	for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + buffer.charCodeAt(i)) | 0;
	return hash;
}

/** Whether `name` is the `length` characters of `buffer` at `start`. */
function sameChars(name: string, buffer: string, start: number, length: number): boolean {
	if (name.length !== length) return false;
	for (let i = 0; i < length; i++) {
		if (name.charCodeAt(i) !== buffer.charCodeAt(start + i)) return false;
	}
	return true;
}
