/**
 * Tag and attribute names, read from the page once per distinct spelling. A page repeats a few
 * dozen names thousands of times; slicing each occurrence afresh costs an allocation, a
 * toLowerCase call, and a string-table lookup every time the name is used as a property key or a
 * Map key. Here the buffer's characters are compared with the name cached for them, and the
 * same (by then internalised) string is handed back.
 */

const SLOTS = 1024;
/** Longer names are sliced as usual; they are rare and hashing them is not free. */
const MAX_LENGTH = 40;

// Direct-mapped: one spelling per slot, a newcomer replaces it (the cache only ever returns the
// exact characters of the buffer, so a replacement costs time, never correctness).
const rawNames: (string | undefined)[] = new Array(SLOTS).fill(undefined);
const lowerNames: string[] = new Array(SLOTS).fill("");

/**
 * The name in `buffer` from `start` to `end` (lowercased with String#toLowerCase if `lowerCase`),
 * the same string as `buffer.slice(start, end)` would give. Positions are within `buffer`.
 */
export function nameAt(buffer: string, start: number, end: number, lowerCase: boolean): string {
	const length = end - start;
	if (length > MAX_LENGTH || length <= 0) {
		const name = buffer.slice(start, end);
		return lowerCase ? name.toLowerCase() : name;
	}
	let hash = length;
	for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + buffer.charCodeAt(i)) | 0;
	const slot = hash & (SLOTS - 1);
	const cached = rawNames[slot];
	if (cached !== undefined && sameChars(cached, buffer, start, length)) {
		return lowerCase ? (lowerNames[slot] as string) : cached;
	}
	const name = buffer.slice(start, end);
	rawNames[slot] = name;
	lowerNames[slot] = name.toLowerCase();
	return lowerCase ? (lowerNames[slot] as string) : name;
}

/** Whether `name` is the `length` characters of `buffer` at `start`. */
function sameChars(name: string, buffer: string, start: number, length: number): boolean {
	if (name.length !== length) return false;
	for (let i = 0; i < length; i++) {
		if (name.charCodeAt(i) !== buffer.charCodeAt(start + i)) return false;
	}
	return true;
}
