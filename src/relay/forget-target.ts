/**
 * forgetTarget: the core's one operation for "this chat or channel is no longer ours" — the bot was
 * removed, the channel deleted, or a post came back gone. Adapters call it from platform events;
 * the dispatcher calls it when the delivery policy says removeTarget.
 */
import type { Logger } from "pino";
import type { DeliveryFailure, DeliveryFailureRepo } from "../store/delivery-failures.js";
import { targetKey } from "../store/target-key.js";
import { type SubscriptionStores, type Unsubscribed, unsubscribe } from "../store/unsubscribe.js";
import type { Target } from "../types.js";

/** Forgets a target: every subscription, its queue, blogs left without followers; records why. */
export type ForgetTarget = (
	target: Target,
	reason: string,
	/** What to record (default: gone, with `reason`, no entry). */
	failure?: Omit<DeliveryFailure, "at">,
) => Promise<Unsubscribed>;

/** Collaborators of forgetTarget. */
export interface ForgetTargetDeps {
	stores: SubscriptionStores;
	failures: DeliveryFailureRepo;
	log: Logger;
	now: () => number;
}

/** Creates the core's forgetTarget over the store. */
export function createForgetTarget(deps: ForgetTargetDeps): ForgetTarget {
	return async (target, reason, failure) => {
		const key = targetKey(target);
		const removed = await unsubscribe(deps.stores, target, { everything: true });
		// A platform event about a target that followed nothing (a deleted voice channel) leaves no trace.
		const hadAny = removed.blogKeys.length > 0 || removed.droppedDeliveries > 0;
		if (!hadAny && failure === undefined) return removed;
		await deps.failures.record(key, { status: "gone", reason, ...failure, at: deps.now() });
		deps.log.warn(
			{
				target: key,
				reason,
				blogs: removed.blogKeys.length,
				forgottenBlogs: removed.forgottenBlogs.length,
				dropped: removed.droppedDeliveries,
			},
			`target ${failure?.status ?? "gone"}: subscriptions removed`,
		);
		return removed;
	};
}
