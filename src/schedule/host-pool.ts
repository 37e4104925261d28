/**
 * The poll pool: one queue per host, drained round-robin into a bounded number of slots, so a host
 * with many blogs (or slow ones) cannot hold the whole pool. A host holds at most half the slots (and
 * at most `perHost`); hosts that are slow (their last poll, or one still running, took longer than
 * `slowAfterMs`) share at most half the slots between them, so fast hosts always find one free.
 */

/** Limits of the pool. */
export interface HostPoolOptions {
	/** Polls at once, all hosts together. */
	concurrency: number;
	/** Polls at once per host (politeness). */
	perHost: number;
	/** A poll longer than this makes its host slow. */
	slowAfterMs: number;
	now: () => number;
}

interface Waiting {
	start: () => void;
	skip: () => void;
}

interface Running {
	host: string;
	startedAt: number;
}

/** Runs tasks per host within the pool's limits; see the module comment. */
export class HostPool {
	/** Hosts with waiting tasks, in round-robin order (a Map keeps insertion order; re-set moves to the end). */
	readonly #waiting = new Map<string, Waiting[]>();
	readonly #running = new Set<Running>();
	readonly #perHostRunning = new Map<string, number>();
	/** Hosts whose last finished poll was slow. */
	readonly #slowHosts = new Set<string>();
	readonly #idle: (() => void)[] = [];
	readonly #hostLimit: number;
	readonly #slowLimit: number;
	#pumpScheduled = false;

	constructor(private readonly options: HostPoolOptions) {
		const half = Math.max(1, Math.floor(options.concurrency / 2));
		this.#hostLimit = Math.max(1, Math.min(options.perHost, half));
		this.#slowLimit = half;
	}

	/** Runs `fn` when the host's turn comes; resolves `undefined` without running it if the pool is cleared first. */
	run<T>(host: string, fn: () => Promise<T>): Promise<T | undefined> {
		return new Promise<T | undefined>((resolve, reject) => {
			const task: Waiting = {
				skip: () => resolve(undefined),
				start: () => {
					const running: Running = { host, startedAt: this.options.now() };
					this.#running.add(running);
					this.#perHostRunning.set(host, (this.#perHostRunning.get(host) ?? 0) + 1);
					fn()
						.then(resolve, reject)
						.finally(() => this.#finish(running));
				},
			};
			const queue = this.#waiting.get(host);
			if (queue) queue.push(task);
			else this.#waiting.set(host, [task]);
			this.#schedulePump();
		});
	}

	/** Whether the host counts as slow now (last poll slow, or a poll of it running for too long). */
	isSlow(host: string): boolean {
		if (this.#slowHosts.has(host)) return true;
		const now = this.options.now();
		for (const r of this.#running) {
			if (r.host === host && now - r.startedAt > this.options.slowAfterMs) return true;
		}
		return false;
	}

	/** Drops every waiting task (they resolve undefined); running ones go on. */
	clear(): void {
		const dropped = [...this.#waiting.values()].flat();
		this.#waiting.clear();
		for (const task of dropped) task.skip();
	}

	/** Resolves when nothing runs. */
	onIdle(): Promise<void> {
		if (this.#running.size === 0) return Promise.resolve();
		return new Promise((resolve) => this.#idle.push(resolve));
	}

	#finish(running: Running): void {
		this.#running.delete(running);
		const left = (this.#perHostRunning.get(running.host) ?? 1) - 1;
		if (left > 0) this.#perHostRunning.set(running.host, left);
		else this.#perHostRunning.delete(running.host);
		if (this.options.now() - running.startedAt > this.options.slowAfterMs) {
			this.#slowHosts.add(running.host);
		} else {
			this.#slowHosts.delete(running.host);
		}
		this.#pump();
		if (this.#running.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
	}

	/** Pumps once the caller's synchronous loop has queued all its tasks, so turns span every host. */
	#schedulePump(): void {
		if (this.#pumpScheduled) return;
		this.#pumpScheduled = true;
		queueMicrotask(() => {
			this.#pumpScheduled = false;
			this.#pump();
		});
	}

	/** Starts waiting tasks while slots are free, taking hosts in turn. */
	#pump(): void {
		while (this.#running.size < this.options.concurrency) {
			const host = this.#nextHost();
			if (host === undefined) return;
			const queue = this.#waiting.get(host) ?? [];
			const task = queue.shift();
			// Back of the line: the next free slot goes to another host first.
			this.#waiting.delete(host);
			if (queue.length) this.#waiting.set(host, queue);
			task?.start();
		}
	}

	#nextHost(): string | undefined {
		let slowRunning = -1;
		for (const host of this.#waiting.keys()) {
			if ((this.#perHostRunning.get(host) ?? 0) >= this.#hostLimit) continue;
			if (this.isSlow(host)) {
				if (slowRunning < 0) slowRunning = this.#countSlowRunning();
				if (slowRunning >= this.#slowLimit) continue;
			}
			return host;
		}
		return undefined;
	}

	#countSlowRunning(): number {
		let count = 0;
		for (const r of this.#running) if (this.isSlow(r.host)) count++;
		return count;
	}
}
