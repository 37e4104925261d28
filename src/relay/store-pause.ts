/**
 * Delivery's view of the store's health: after a store failure every target waits (back-off that
 * grows while failures repeat), then one target probes; a success ends the pause for all.
 */
import type { Logger } from "pino";
import { toError } from "../errors.js";
import type { TargetKey } from "../store/target-key.js";
import { backoffDelay } from "./backoff.js";

/** Back-off of the pause: 1 s, 2 s, 4 s … up to a minute. */
export const STORE_PAUSE_BACKOFF = { baseMs: 1_000, maxMs: 60_000 };

/** What /healthz and the logs say about a paused delivery. */
export interface StorePauseStatus {
	/** First failure of the current run of failures. */
	since: number;
	failures: number;
	lastError: string;
	/** When delivery is tried again. */
	retryAt: number;
}

/** What the pause needs from the dispatcher. */
export interface StorePauseDeps {
	log: Logger;
	now: () => number;
	/** Runs one target's worker as the probe (its outcome is reported back through settled()). */
	startProbe: (key: TargetKey) => void;
	/** Resumes the targets that waited, once the store works again. */
	resume: (keys: TargetKey[]) => void;
	/** Whether a target would only write (a sent delivery awaits its record): the best probe. */
	prefersAsProbe: (key: TargetKey) => boolean;
}

/** Tracks consecutive store failures of the delivery path, the waiting targets and the probe. */
export class StorePause {
	#status: StorePauseStatus | undefined;
	readonly #waiting = new Set<TargetKey>();
	#timer: NodeJS.Timeout | undefined;
	#probeKey: TargetKey | undefined;
	#stopped = false;

	constructor(private readonly deps: StorePauseDeps) {}

	/** Current pause, or undefined while the store works. */
	get status(): StorePauseStatus | undefined {
		return this.#status;
	}

	/** Whether a retry of the store is scheduled (the dispatcher is not idle then). */
	get hasTimer(): boolean {
		return this.#timer !== undefined;
	}

	/** Makes the target wait if delivery is paused; returns whether it must. */
	holds(key: TargetKey): boolean {
		if (this.#status === undefined) return false;
		this.#waiting.add(key);
		return true;
	}

	/**
	 * A target's worker failed on the store: it waits. The first failure, and a failed probe, start a
	 * (longer) wait; failures of sends already under way when the store broke just join it.
	 */
	failed(key: TargetKey, error: unknown): void {
		const isProbe = key === this.#probeKey;
		if (isProbe) this.#probeKey = undefined;
		this.#waiting.add(key);
		const message = toError(error).message;
		const current = this.#status;
		if (current && !isProbe) {
			current.lastError = message;
			this.deps.log.warn({ err: toError(error), target: key }, "store failing: target waits");
			return;
		}
		const now = this.deps.now();
		const failures = (current?.failures ?? 0) + 1;
		const delay = backoffDelay(failures, STORE_PAUSE_BACKOFF);
		this.#status = {
			since: current?.since ?? now,
			failures,
			lastError: message,
			retryAt: now + delay,
		};
		this.deps.log.error(
			{ err: toError(error), target: key, failures, retryInMs: delay },
			"store failing: delivery paused for every target",
		);
		this.#schedule(delay);
	}

	/** A target's worker finished without a store failure; if it was the probe, the pause ends. */
	succeeded(key: TargetKey): void {
		if (key !== this.#probeKey) return;
		this.#probeKey = undefined;
		this.#end();
	}

	/** No more probes (the dispatcher stops). */
	stop(): void {
		this.#stopped = true;
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	#schedule(delayMs: number): void {
		if (this.#stopped) return;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			this.#probe();
		}, delayMs);
	}

	/** One waiting target tries the store, preferably one that only has a record to write. */
	#probe(): void {
		if (this.#stopped) return;
		const waiting = [...this.#waiting];
		const key = waiting.find((k) => this.deps.prefersAsProbe(k)) ?? waiting[0];
		if (key === undefined) {
			this.#end();
			return;
		}
		this.#waiting.delete(key);
		this.#probeKey = key;
		this.deps.startProbe(key);
	}

	#end(): void {
		const ended = this.#status;
		if (!ended) return;
		this.#status = undefined;
		this.deps.log.info(
			{ failures: ended.failures, pausedMs: this.deps.now() - ended.since },
			"store works again: delivery resumed",
		);
		const keys = [...this.#waiting];
		this.#waiting.clear();
		this.deps.resume(keys);
	}
}
