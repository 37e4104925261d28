/** The last delivery attempts, kept in memory for the status page (never message text). */
import type { DeliveryResult, Platform, Target } from "../types.js";

/** One delivery attempt as the status page shows it. */
export interface DeliveryAttempt {
	at: number;
	platform: Platform;
	/** The target's id shortened to its last characters: enough to tell chats apart, not to find one. */
	target: string;
	blogKey: string;
	/** Entry id, or the notice's kind. */
	entryId: string;
	status: DeliveryResult["status"];
	/** The platform's reason for a failure, cut short; absent when delivered. */
	reason?: string;
}

/** How many of each kind (delivered, not delivered) are kept. */
export const RECENT_ATTEMPTS = 20;
const REASON_CHARS = 120;

/** "…4567": the last four characters of an id (a private chat's id is a user's id). */
export function shortenTargetId(id: string): string {
	return id.length <= 4 ? id : `…${id.slice(-4)}`;
}

/** Delivered and failed attempts, newest first, each list capped at RECENT_ATTEMPTS. */
export interface RecentDeliveries {
	record(
		target: Target,
		result: DeliveryResult,
		delivery: { blogKey: string; entryId: string },
		at: number,
	): void;
	readonly delivered: readonly DeliveryAttempt[];
	readonly failed: readonly DeliveryAttempt[];
}

/** An empty log of recent attempts. */
export function createRecentDeliveries(): RecentDeliveries {
	const delivered: DeliveryAttempt[] = [];
	const failed: DeliveryAttempt[] = [];
	return {
		delivered,
		failed,
		record(target, result, delivery, at) {
			const attempt: DeliveryAttempt = {
				at,
				platform: target.platform,
				target: shortenTargetId(target.id),
				blogKey: delivery.blogKey,
				// Notice ids carry a time after their kind ("notice:blog-ended:…"): the kind is enough.
				entryId: delivery.entryId.startsWith("notice:")
					? delivery.entryId.split(":").slice(0, 2).join(":")
					: delivery.entryId,
				status: result.status,
			};
			if ("reason" in result) attempt.reason = result.reason.slice(0, REASON_CHARS);
			if (result.status === "rate-limited")
				attempt.reason = `retry after ${result.retryAfterMs} ms`;
			const list = result.status === "delivered" ? delivered : failed;
			list.unshift(attempt);
			list.length = Math.min(list.length, RECENT_ATTEMPTS);
		},
	};
}
