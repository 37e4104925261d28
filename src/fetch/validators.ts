/** Which HTTP validators (ETag, Last-Modified) are worth keeping and sending back on the next poll. */

/** A Last-Modified this far ahead of our clock is still believed (servers' clocks drift a little). */
export const LAST_MODIFIED_SKEW_MS = 60_000;
/** Longest validator we keep; real ETags and HTTP dates are far shorter. */
export const MAX_VALIDATOR_LENGTH = 256;

/**
 * A Last-Modified worth storing and sending back as If-Modified-Since: a parseable date no more than
 * LAST_MODIFIED_SKEW_MS in the future. A date in the future would make every later conditional GET
 * answer 304 ("nothing newer than 2100") and silence the blog, so it is dropped.
 */
export function usableLastModified(value: string | undefined, now: number): string | undefined {
	if (value === undefined || value.length > MAX_VALIDATOR_LENGTH) return undefined;
	const time = Date.parse(value);
	if (Number.isNaN(time) || time > now + LAST_MODIFIED_SKEW_MS) return undefined;
	return value;
}

/** An ETag worth storing and sending back as If-None-Match: present and of sane length. */
export function usableEtag(value: string | undefined): string | undefined {
	if (value === undefined || value === "" || value.length > MAX_VALIDATOR_LENGTH) return undefined;
	return value;
}
