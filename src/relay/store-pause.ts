/**
 * Delivery's view of the store's health: after a store failure every target waits (back-off that
 * grows while failures repeat), then one target probes; a success ends the pause for all.
 */
import type { Logger } from "pino";
import { toError } from "../errors.js";
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

/** Tracks consecutive store failures of the delivery path and the pause they impose. */
export class StorePause {
	#status: StorePauseStatus | undefined;

	constructor(private readonly deps: { log: Logger; now: () => number; random?: () => number }) {}

	/** Current pause, or undefined while the store works. */
	get status(): StorePauseStatus | undefined {
		return this.#status;
	}

	/** Whether targets must wait: from a failure until a probe gets through (the dispatcher's timer starts it). */
	get isHolding(): boolean {
		return this.#status !== undefined;
	}

	/**
	 * Records a failure. The first one, and a failed probe, start a (longer) wait and return its
	 * length; failures of sends that were already under way when the store broke return undefined.
	 */
	fail(error: unknown, isProbe: boolean): number | undefined {
		const now = this.deps.now();
		const message = toError(error).message;
		const current = this.#status;
		if (current && !isProbe) {
			current.lastError = message;
			this.deps.log.warn({ err: toError(error) }, "store failing: this target waits as well");
			return undefined;
		}
		const failures = (current?.failures ?? 0) + 1;
		const delay = backoffDelay(failures, {
			...STORE_PAUSE_BACKOFF,
			...(this.deps.random ? { random: this.deps.random } : {}),
		});
		this.#status = {
			since: current?.since ?? now,
			failures,
			lastError: message,
			retryAt: now + delay,
		};
		this.deps.log.error(
			{ err: toError(error), failures, retryInMs: delay },
			"store failing: delivery paused for every target",
		);
		return delay;
	}

	/** A store round trip of the delivery path worked; ends the pause. Returns whether one ended. */
	succeed(): boolean {
		const ended = this.#status;
		if (!ended) return false;
		this.#status = undefined;
		this.deps.log.info(
			{ failures: ended.failures, pausedMs: this.deps.now() - ended.since },
			"store works again: delivery resumed",
		);
		return true;
	}
}
