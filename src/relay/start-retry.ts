/**
 * How a platform adapter connects at start-up: a platform that cannot be reached (network down, 5xx)
 * is tried again with backoff, one log line per failed try, the same for Telegram and Discord; an
 * answer that no retry can change (a refused token) ends the start at once.
 */
import type { Logger } from "pino";
import type { Platform } from "../types.js";
import { backoffDelay } from "./backoff.js";

/** Backoff between connection tries at start-up: 1 s doubling, at most a minute (±20%). */
export const START_RETRY_BACKOFF = { baseMs: 1_000, maxMs: 60_000 } as const;

/** What a failed try was, as the adapter reads its error. */
export type StartFailure =
	/** Worth another try (network error, timeout, 5xx); `reason` is a short, token-free description. */
	| { retry: true; reason: string }
	/** Final: the error to throw (typically an AdapterStartError with a hint). */
	| { retry: false; error: Error };

/** Options of connectWithRetry. */
export interface StartRetryOptions {
	platform: Platform;
	/** Human name in the log line, e.g. "the Telegram Bot API". */
	what: string;
	log: Logger;
	classify: (error: unknown) => StartFailure;
	/** Aborting (the adapter stops) ends the waiting; connectWithRetry then rejects with the last failure. */
	signal?: AbortSignal | undefined;
	backoff?: { baseMs: number; maxMs: number };
	random?: () => number;
}

/** Runs `connect` until it succeeds or fails for good; logs each failed try that will be retried. */
export async function connectWithRetry<T>(
	connect: () => Promise<T>,
	options: StartRetryOptions,
): Promise<T> {
	const backoff = options.backoff ?? START_RETRY_BACKOFF;
	for (let attempt = 1; ; attempt++) {
		try {
			return await connect();
		} catch (error) {
			const failure = options.classify(error);
			if (!failure.retry) throw failure.error;
			if (options.signal?.aborted) throw new Error(`stopped while connecting: ${failure.reason}`);
			const waitMs = backoffDelay(attempt, {
				...backoff,
				...(options.random ? { random: options.random } : {}),
			});
			options.log.warn(
				{ platform: options.platform, attempt, retryInMs: waitMs, reason: failure.reason },
				`${options.what} could not be reached (${failure.reason}); try ${attempt} failed, trying again in ${formatWait(waitMs)}`,
			);
			await sleep(waitMs, options.signal);
			if (options.signal?.aborted) throw new Error(`stopped while connecting: ${failure.reason}`);
		}
	}
}

function formatWait(ms: number): string {
	return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			signal?.removeEventListener("abort", done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal?.addEventListener("abort", done, { once: true });
	});
}
