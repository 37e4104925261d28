/** In-process mutual exclusion per key, so read-modify-write of one store key never interleaves. */
export class KeyedLock {
	readonly #tails = new Map<string, Promise<unknown>>();

	/** Runs fn once every earlier holder of `key` has finished. */
	async run<R>(key: string, fn: () => Promise<R>): Promise<R> {
		const previous = this.#tails.get(key) ?? Promise.resolve();
		let release!: () => void;
		const mine = new Promise<void>((resolve) => {
			release = resolve;
		});
		const tail = previous.then(() => mine);
		this.#tails.set(key, tail);
		try {
			await previous;
			return await fn();
		} finally {
			release();
			if (this.#tails.get(key) === tail) this.#tails.delete(key);
		}
	}

	/** True while someone holds or waits for `key`. */
	isHeld(key: string): boolean {
		return this.#tails.has(key);
	}
}
