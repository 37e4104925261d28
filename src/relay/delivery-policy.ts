/**
 * Delivery policy as one pure function (MonitoRSS's processDeliveryResult): what a platform's answer
 * means for the delivery and its target. The dispatcher only executes the action it returns.
 */
import type { PendingDelivery } from "../store/outbox.js";
import type { DeliveryResult } from "../types.js";
import { backoffDelay } from "./backoff.js";

/** Back-off of a delivery that failed (network, 5xx): 1 s, 2 s, 4 s … up to 5 minutes. */
export const FAILURE_BACKOFF = { baseMs: 1_000, maxMs: 5 * 60_000 };
/** A target that forbids posting is retried this way: 1 minute, 2, 4 … up to an hour. */
export const FORBIDDEN_BACKOFF = { baseMs: 60_000, maxMs: 60 * 60_000 };
/** A target still forbidding posts this long after the first refusal loses its subscriptions. */
export const FORBIDDEN_GIVE_UP_MS = 24 * 60 * 60_000;

/** Fields of the pending delivery a retry rewrites. */
export interface RetryPatch {
	/** Not sent again before this time. */
	notBefore: number;
	attempts?: number | undefined;
	lastError?: string | undefined;
	forbiddenSince?: number | undefined;
}

/** What to do after one post. */
export type DeliveryAction =
	/** Record the delivery (message id kept) and go on with the target's next one. */
	| { kind: "done"; messageId: string | undefined }
	/** Keep the delivery, try it again at `at`; the target sends nothing else until then. */
	| {
			kind: "retryAt";
			at: number;
			patch: RetryPatch;
			/** Which answer asked for the wait (for the log line). */
			cause: "rate-limited" | "failed" | "forbidden";
			reason?: string | undefined;
	  }
	/** Our own bug (the platform refused the payload): drop this delivery, keep the target. */
	| { kind: "drop"; status: "rejected"; reason: string }
	/** The target is gone (or refused for a day): forget it, its subscriptions and its queue. */
	| { kind: "removeTarget"; status: "gone" | "forbidden"; reason: string }
	/** The chat has a new id: move subscriptions and queue there, and send from there. */
	| { kind: "moveTarget"; newId: string };

/**
 * The action for one DeliveryResult of `delivery` at time `now`. Pure: `random` is the back-off's
 * jitter source, injectable so a table test gets exact times.
 */
export function decideDelivery(
	result: DeliveryResult,
	delivery: Pick<PendingDelivery, "attempts" | "forbiddenSince">,
	now: number,
	random: () => number = Math.random,
): DeliveryAction {
	switch (result.status) {
		case "delivered":
			return { kind: "done", messageId: result.messageId };
		case "rate-limited":
			// Waited out, never dropped, and not counted as an attempt: the platform asked us to wait.
			return {
				kind: "retryAt",
				at: now + result.retryAfterMs,
				patch: { notBefore: now + result.retryAfterMs },
				cause: "rate-limited",
			};
		case "failed": {
			const attempts = delivery.attempts + 1;
			const at = now + backoffDelay(attempts, { ...FAILURE_BACKOFF, random });
			return {
				kind: "retryAt",
				at,
				patch: { notBefore: at, attempts, lastError: result.reason },
				cause: "failed",
				reason: result.reason,
			};
		}
		case "rejected":
			return { kind: "drop", status: "rejected", reason: result.reason };
		case "forbidden": {
			// The chat exists but we may not post (muted, rights removed): keep the subscription, retry
			// rarely, and give up only when it lasts a day.
			const since = delivery.forbiddenSince ?? now;
			if (now - since >= FORBIDDEN_GIVE_UP_MS) {
				return {
					kind: "removeTarget",
					status: "forbidden",
					reason: `forbidden for a day: ${result.reason}`,
				};
			}
			const attempts = delivery.attempts + 1;
			const at = now + backoffDelay(attempts, { ...FORBIDDEN_BACKOFF, random });
			return {
				kind: "retryAt",
				at,
				patch: { notBefore: at, attempts, forbiddenSince: since, lastError: result.reason },
				cause: "forbidden",
				reason: result.reason,
			};
		}
		case "gone":
			return { kind: "removeTarget", status: "gone", reason: result.reason };
		case "moved":
			return { kind: "moveTarget", newId: result.newId };
	}
}
