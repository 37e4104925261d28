/** A sliding-window limit per key (user or chat), for commands that cost a page fetch. */
export class SlidingWindowLimiter {
	readonly #hits = new Map<string, number[]>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number,
	) {}

	/** Records a hit for `key` and returns false when it is over the limit (the hit is not counted then). */
	tryHit(key: string): boolean {
		const t = this.now();
		const recent = (this.#hits.get(key) ?? []).filter((at) => t - at < this.windowMs);
		if (recent.length >= this.limit) {
			this.#hits.set(key, recent);
			return false;
		}
		recent.push(t);
		this.#hits.set(key, recent);
		// Keep the map from growing without bound on a busy bot.
		if (this.#hits.size > 10_000) {
			for (const [k, hits] of this.#hits)
				if (hits.every((at) => t - at >= this.windowMs)) this.#hits.delete(k);
		}
		return true;
	}
}
