/** Bounds a promise in time: a store that does not answer must fail, not hang its caller. */

/** Resolves or rejects as `promise` does, or rejects with `onTimeout()` after `ms` milliseconds. */
export function withTimeout<T>(
	promise: Promise<T>,
	ms: number,
	onTimeout: () => Error,
): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(onTimeout()), ms);
		timer.unref();
	});
	return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
