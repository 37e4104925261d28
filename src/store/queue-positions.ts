/** Where a delivery stands in a target's queue: the position bookkeeping shared by the outbox's operations. */
import { refIn } from "./delivery-values.js";
import type { QueueKeys } from "./keys.js";
import type { Store } from "./open-store.js";
import type { TargetKey } from "./target-key.js";

/** Counters of one target's queue: positions head..tail-1 may hold deliveries. */
export interface QueueMeta {
	head: number;
	tail: number;
}

/** What names one delivery: its (blog, entry), and the position the caller read, if any. */
export type DeliveryRef = { blogKey: string; entryId: string; seq?: number | undefined };

/** Whether a raw slot names this delivery. */
function slotIs(raw: unknown, d: DeliveryRef): boolean {
	const ref = refIn(raw);
	return ref !== undefined && ref.blogKey === d.blogKey && ref.entryId === d.entryId;
}

/** Whether each delivery is pending: its recorded position is live and holds this very delivery. */
export async function pendingFlags(
	store: Store,
	q: QueueKeys,
	targetKey: TargetKey,
	meta: QueueMeta,
	deliveries: DeliveryRef[],
): Promise<boolean[]> {
	if (meta.head >= meta.tail) return deliveries.map(() => false);
	const positions = await store.getMany<number>(
		deliveries.map((d) => q.entry(targetKey, d.blogKey, d.entryId)),
	);
	const live = positions.map((seq) =>
		seq !== undefined && seq >= meta.head && seq < meta.tail ? seq : undefined,
	);
	const checked = live.flatMap((seq, i) => (seq === undefined ? [] : [i]));
	const slots = await store.getMany<unknown>(
		checked.map((i) => q.slot(targetKey, live[i] as number)),
	);
	const flags = deliveries.map(() => false);
	checked.forEach((i, j) => {
		const d = deliveries[i];
		if (d && slotIs(slots[j], d)) flags[i] = true;
	});
	return flags;
}

/** Position of a pending delivery, verified against the slot's content; undefined if not pending. */
export async function locate(
	store: Store,
	q: QueueKeys,
	targetKey: TargetKey,
	meta: QueueMeta,
	delivery: DeliveryRef,
): Promise<number | undefined> {
	const verify = async (seq: number | undefined) => {
		if (seq === undefined || seq < meta.head || seq >= meta.tail) return undefined;
		const slot = await store.get<unknown>(q.slot(targetKey, seq));
		return slotIs(slot, delivery) ? seq : undefined;
	};
	// The position the caller read is usually right; the entry's own key settles a renumbered queue.
	return (
		(await verify(delivery.seq)) ??
		(await verify(await store.get<number>(q.entry(targetKey, delivery.blogKey, delivery.entryId))))
	);
}
