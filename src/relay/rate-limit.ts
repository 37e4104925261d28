/** A sliding-window limit per key (a user, a chat), for commands and the notices about them. */

/** Keys kept before the first sweep of lapsed ones; later sweeps wait until the map doubles. */
const SWEEP_FLOOR = 10_000;

/** Counts hits per key over the last `windowMs`; memory stays bounded by the keys active in a window. */
export class SlidingWindowLimiter {
	readonly #hits = new Map<string, number[]>();
	#sweepAt = SWEEP_FLOOR;

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number,
	) {}

	/** Records a hit for `key` and returns false when it is over the limit (the hit is not counted then). */
	tryHit(key: string): boolean {
		if (!this.isAllowed(key)) return false;
		this.hit(key);
		return true;
	}

	/** Whether one more hit for `key` would be within the limit; records nothing. */
	isAllowed(key: string): boolean {
		return this.#recent(key).length < this.limit;
	}

	/** Records a hit for `key` whatever the count (after isAllowed checks on several limiters). */
	hit(key: string): void {
		const recent = this.#recent(key);
		recent.push(this.now());
		this.#hits.set(key, recent);
		this.#sweep();
	}

	/** Hits of `key` inside the window, oldest first (prunes the lapsed ones). */
	#recent(key: string): number[] {
		const t = this.now();
		const hits = this.#hits.get(key);
		if (!hits) return [];
		let lapsed = 0;
		while (lapsed < hits.length && t - (hits[lapsed] as number) >= this.windowMs) lapsed++;
		if (lapsed) hits.splice(0, lapsed);
		return hits;
	}

	/**
	 * Drops keys with no hit in the window. Runs when the map has doubled since the last sweep, so a
	 * flood from many keys costs amortised O(1) per hit instead of a full scan on every hit.
	 */
	#sweep(): void {
		if (this.#hits.size < this.#sweepAt) return;
		const t = this.now();
		for (const [key, hits] of this.#hits) {
			const newest = hits.at(-1);
			if (newest === undefined || t - newest >= this.windowMs) this.#hits.delete(key);
		}
		this.#sweepAt = Math.max(SWEEP_FLOOR, 2 * this.#hits.size);
	}

	/** Keys currently tracked (for tests of the memory bound). */
	get size(): number {
		return this.#hits.size;
	}
}
