/** Backoff for failing blogs and deliveries: exponential, capped, with jitter. */

/** Delay before retry number `attempt` (1-based): base·2^(attempt-1), capped, ±20% jitter. */
export function backoffDelay(
	attempt: number,
	options: { baseMs: number; maxMs: number; random?: () => number },
): number {
	const random = options.random ?? Math.random;
	const raw = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(raw * (0.8 + 0.4 * random()));
}
