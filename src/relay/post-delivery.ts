/** One queued entry or notice handed to its adapter; whatever the adapter does, the answer is a DeliveryResult. */
import { toError } from "../errors.js";
import { digestCodec } from "../store/delivery-values.js";
import type { PendingDelivery } from "../store/outbox.js";
import type { DeliveryResult, Target } from "../types.js";
import type { PlatformAdapter } from "./adapter.js";
import { loadUpdate } from "./updates.js";

/** Posts one pending delivery (an entry, a notice or a digest part) through its adapter. */
export async function postDelivery(
	adapter: PlatformAdapter,
	target: Target,
	delivery: PendingDelivery,
): Promise<DeliveryResult> {
	try {
		if (delivery.notice) {
			const { since, ...rest } = delivery.notice;
			// Platforms without notices simply skip them: a notice is a courtesy, not an entry.
			if (!adapter.postNotice) return { status: "delivered" };
			return await adapter.postNotice(target, {
				...rest,
				since: since === undefined ? undefined : new Date(since),
			});
		}
		if (delivery.digest) {
			// A platform without digests cannot show one: rejected, so it is recorded, not lost silently.
			if (!adapter.postDigest)
				return { status: "rejected", reason: `${adapter.platform} cannot post digests` };
			return await adapter.postDigest(target, digestCodec.decode(delivery.digest));
		}
		if (!delivery.update)
			return { status: "rejected", reason: "delivery without update or notice" };
		return await adapter.post(target, loadUpdate(delivery.update));
	} catch (error) {
		// Adapters must not throw; if one does, treat it as a transient failure, never as delivered.
		return { status: "failed", reason: toError(error).message, cause: error };
	}
}
