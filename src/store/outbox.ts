/**
 * The outbox: deliveries recorded before anything is sent, removed only after the platform accepted
 * them and the message id was kept. Keyed by (target, blog, entry) so re-detection adds nothing.
 *
 * Layout (v2): each target's queue is a pair of counters (head, tail) plus one key per pending
 * delivery at its position, and one small key per (target, blog, entry) giving that position. So
 * enqueueing, peeking at and removing one delivery each touch a fixed number of small keys, whatever
 * the queue's length (v1 rewrote one array per target on every change).
 */
import { StoredValueError } from "../errors.js";
import { type CorruptDelivery, CorruptDeliveryRepo } from "./corrupt-deliveries.js";
import { type PendingDelivery, pendingDeliveryValue, refIn } from "./delivery-values.js";
import { KEYS, OUTBOX_QUEUE, type QueueKeys } from "./keys.js";
import { type DeliveredRecord, deliveredRecord } from "./message-records.js";
import type { Store } from "./open-store.js";
import { type DeliveryRef, locate, pendingFlags, type QueueMeta } from "./queue-positions.js";
import type { TargetKey } from "./target-key.js";

export type { PendingDelivery, StoredNotice, StoredUpdate } from "./delivery-values.js";

export type { DeliveredRecord } from "./message-records.js";

/** How the outbox keeps delivery records. */
export interface OutboxOptions {
	/** Delivery records (message ids) expire after this long; undefined keeps them forever. */
	deliveredTtlMs?: number | undefined;
	/** Told about each corrupt delivery moved aside (the caller logs it loudly). */
	onCorrupt?: ((error: StoredValueError, targetKey: TargetKey) => void) | undefined;
	/** Clock of the corrupt-delivery records. */
	now?: (() => number) | undefined;
	/**
	 * Which queue: the outbox (default; a delivered entry is never queued again) or the change queue
	 * (one pending change per message; delivery records do not stop a later change).
	 */
	queue?: QueueKeys | undefined;
}

/** Holes (positions whose delivery was removed out of order, or lost to a crash) read per batch. */
const HOLE_BATCH = 64;

/** Typed access to per-target outboxes. */
export class OutboxRepo {
	private readonly corrupt: CorruptDeliveryRepo;
	private readonly q: QueueKeys;
	constructor(
		private readonly store: Store,
		private readonly options: OutboxOptions = {},
	) {
		this.corrupt = new CorruptDeliveryRepo(store);
		this.q = options.queue ?? OUTBOX_QUEUE;
	}

	/** Appends deliveries not already pending or delivered; returns how many were added. */
	enqueue(targetKey: TargetKey, deliveries: PendingDelivery[]): Promise<number> {
		return this.store.withLock(this.q.lock(targetKey), async () => {
			const meta = await this.meta(targetKey);
			const [delivered, pending] = await Promise.all([
				this.q === OUTBOX_QUEUE
					? this.store.getMany<DeliveredRecord>(
							deliveries.map((d) => KEYS.message(targetKey, d.blogKey, d.entryId)),
						)
					: deliveries.map(() => undefined),
				pendingFlags(this.store, this.q, targetKey, meta, deliveries),
			]);
			const batch = new Set<string>();
			const fresh = deliveries.filter((d, i) => {
				const id = `${d.blogKey}\u0000${d.entryId}`;
				if (delivered[i] !== undefined || pending[i] || batch.has(id)) return false;
				batch.add(id);
				return true;
			});
			if (fresh.length === 0) return 0;
			// Index first: a crash after it leaves an empty outbox (harmless), never a hidden one.
			await this.store.update<string[]>(this.q.index(targetKey), (list = []) =>
				list.includes(targetKey) ? list : [...list, targetKey],
			);
			// Then reserve the positions, then each entry's position, then the deliveries. A crash in
			// between leaves holes (skipped by peek) or positions naming missing deliveries (not
			// pending, so the next detection enqueues them again): nothing is lost or doubled.
			const base = meta.tail;
			await this.store.set<QueueMeta>(this.q.meta(targetKey), {
				head: meta.head,
				tail: base + fresh.length,
			});
			await Promise.all(
				fresh.map((d, i) =>
					this.store.set(this.q.entry(targetKey, d.blogKey, d.entryId), base + i),
				),
			);
			await Promise.all(
				fresh.map((d, i) =>
					this.store.set(
						this.q.slot(targetKey, base + i),
						pendingDeliveryValue.wrap({ ...d, seq: base + i }),
					),
				),
			);
			return fresh.length;
		});
	}

	/** The oldest pending delivery of a target (what to send next); a fixed cost, whatever the queue length. */
	async peek(targetKey: TargetKey): Promise<PendingDelivery | undefined> {
		const meta = await this.store.get<QueueMeta>(this.q.meta(targetKey));
		if (!meta || meta.head >= meta.tail) return undefined;
		const key = this.q.slot(targetKey, meta.head);
		const first = await this.readSlot(targetKey, key, await this.store.get<unknown>(key));
		if (first) return first;
		// A hole at the head (an enqueue still writing, or a corrupt delivery just moved aside):
		// settle it under the queue's lock.
		return this.store.withLock(this.q.lock(targetKey), () => this.skipHoles(targetKey));
	}

	/** Pending deliveries of a target, oldest first (reads the whole queue: for listings and moves). */
	async pending(targetKey: TargetKey): Promise<PendingDelivery[]> {
		const meta = await this.store.get<QueueMeta>(this.q.meta(targetKey));
		if (!meta || meta.head >= meta.tail) return [];
		const keys: string[] = [];
		for (let seq = meta.head; seq < meta.tail; seq++) keys.push(this.q.slot(targetKey, seq));
		const slots = await this.store.getMany<unknown>(keys);
		return this.readSlots(
			targetKey,
			slots.map((raw, i) => [keys[i] ?? "", raw]),
		);
	}

	/** Whether each of these deliveries is pending in the target's queue. */
	async isPending(targetKey: TargetKey, refs: DeliveryRef[]): Promise<boolean[]> {
		return pendingFlags(this.store, this.q, targetKey, await this.meta(targetKey), refs);
	}

	/** Upper bound of a target's pending deliveries (holes count), from its counters alone. */
	async size(targetKey: TargetKey): Promise<number> {
		const meta = await this.store.get<QueueMeta>(this.q.meta(targetKey));
		return meta ? Math.max(0, meta.tail - meta.head) : 0;
	}

	/** Targets that have (or recently had) pending deliveries. */
	async targetsWithPending(): Promise<TargetKey[]> {
		const shards = await this.store.getMany<TargetKey[]>(this.q.indexShards());
		// Only enqueue writes the index, and only with a TargetKey: the brand holds on the way back.
		return shards.flatMap((list) => list ?? []);
	}

	/**
	 * Moves deliveries stored in the v1 layout (one array per target) into the v2 queues, in order;
	 * returns how many. Idempotent: run at start-up, before any delivery is sent.
	 */
	async migrateLegacy(): Promise<number> {
		let moved = 0;
		for (const targetKey of await this.targetsWithPending()) {
			if (!this.q.legacy) return moved;
			const legacyKey = this.q.legacy(targetKey);
			const legacy = await this.store.get<unknown>(legacyKey);
			if (legacy === undefined) continue;
			const items = Array.isArray(legacy) ? legacy : [legacy];
			const read = await this.readSlots(
				targetKey,
				items.map((raw, i) => [`${legacyKey}[${i}]`, raw]),
				false,
			);
			// Enqueue first, delete after: a crash in between re-runs an enqueue that adds nothing
			// (and records the corrupt items again, which says no more than once).
			moved += await this.enqueue(
				targetKey,
				read.map(({ seq: _seq, ...d }) => d),
			);
			await this.store.delete(legacyKey);
		}
		return moved;
	}

	/** Records the platform message id, then removes the delivery (in that order: loss is worse than a repeat). */
	async markDelivered(
		targetKey: TargetKey,
		delivery: PendingDelivery,
		messageId: string | undefined,
		now: number,
	): Promise<void> {
		await this.store.set<DeliveredRecord>(
			KEYS.message(targetKey, delivery.blogKey, delivery.entryId),
			deliveredRecord(delivery.update, messageId, now),
			this.options.deliveredTtlMs,
		);
		await this.remove(targetKey, delivery);
	}

	/** Whether an entry was delivered to a target (within the delivery records' lifetime). */
	async wasDelivered(targetKey: TargetKey, blogKey: string, entryId: string): Promise<boolean> {
		return (await this.store.get(KEYS.message(targetKey, blogKey, entryId))) !== undefined;
	}

	/**
	 * Removes one delivery if its slot still carries what `delivery` carried: an upsert that replaced
	 * it while it was being sent (a newer edit) stays queued. Returns whether it was removed.
	 */
	removeIfUnchanged(targetKey: TargetKey, delivery: PendingDelivery): Promise<boolean> {
		return this.store.withLock(this.q.lock(targetKey), async () => {
			const meta = await this.meta(targetKey);
			const seq = await locate(this.store, this.q, targetKey, meta, delivery);
			if (seq === undefined) return false;
			const key = this.q.slot(targetKey, seq);
			const current = await this.readSlot(targetKey, key, await this.store.get<unknown>(key));
			const carries = (d: PendingDelivery | undefined) => JSON.stringify([d?.change, d?.update]);
			if (current && carries(current) !== carries(delivery)) return false;
			await this.store.delete(key);
			await this.store.delete(this.q.entry(targetKey, delivery.blogKey, delivery.entryId));
			if (seq === meta.head) await this.saveMeta(targetKey, { head: seq + 1, tail: meta.tail });
			return true;
		});
	}

	/** Removes one delivery without recording it as delivered (rejected payloads). */
	remove(targetKey: TargetKey, delivery: DeliveryRef): Promise<void> {
		return this.store.withLock(this.q.lock(targetKey), async () => {
			const meta = await this.meta(targetKey);
			const seq = await locate(this.store, this.q, targetKey, meta, delivery);
			if (seq === undefined) return;
			// The delivery first, its position after: a crash in between leaves a stale position whose
			// slot is gone, which reads as "not pending".
			await this.store.delete(this.q.slot(targetKey, seq));
			await this.store.delete(this.q.entry(targetKey, delivery.blogKey, delivery.entryId));
			if (seq === meta.head) await this.saveMeta(targetKey, { head: seq + 1, tail: meta.tail });
		});
	}

	/**
	 * Queues a delivery, or, when one for the same (blog, entry) is pending, replaces what it carries
	 * (the last text wins) where it stands. Returns "added", "replaced" or "skipped" (delivered).
	 */
	async upsert(
		targetKey: TargetKey,
		delivery: PendingDelivery,
		carries: Pick<PendingDelivery, "update" | "change">,
	): Promise<"added" | "replaced" | "skipped"> {
		// Two steps, each under the queue's lock: a delivery sent and removed in between is queued anew.
		for (let attempt = 0; attempt < 3; attempt++) {
			if ((await this.enqueue(targetKey, [delivery])) > 0) return "added";
			if (await this.reschedule(targetKey, delivery, carries)) return "replaced";
		}
		return "skipped";
	}

	/** Updates one pending delivery (attempts, notBefore); false when it is not pending. */
	reschedule(
		targetKey: TargetKey,
		delivery: DeliveryRef,
		patch: Partial<PendingDelivery>,
	): Promise<boolean> {
		return this.store.withLock(this.q.lock(targetKey), async () => {
			const meta = await this.meta(targetKey);
			const seq = await locate(this.store, this.q, targetKey, meta, delivery);
			if (seq === undefined) return false;
			const key = this.q.slot(targetKey, seq);
			const current = await this.readSlot(targetKey, key, await this.store.get<unknown>(key));
			if (!current) return false;
			await this.store.set(key, pendingDeliveryValue.wrap({ ...current, ...patch, seq }));
			return true;
		});
	}

	/** Drops every pending delivery of a target (it is gone); returns how many. */
	clear(targetKey: TargetKey): Promise<number> {
		return this.store.withLock(this.q.lock(targetKey), async () => {
			const meta = await this.meta(targetKey);
			const keys: string[] = [];
			for (let seq = meta.head; seq < meta.tail; seq++) keys.push(this.q.slot(targetKey, seq));
			// Raw, unchecked: the target is gone, so every slot goes, whatever version or state it is in.
			const slots = await this.store.getMany<unknown>(keys);
			let cleared = 0;
			for (const [i, raw] of slots.entries()) {
				if (raw === undefined) continue;
				cleared++;
				await this.store.delete(keys[i] ?? "");
				const ref = refIn(raw);
				if (ref) await this.store.delete(this.q.entry(targetKey, ref.blogKey, ref.entryId));
			}
			if (this.q.legacy) await this.store.delete(this.q.legacy(targetKey));
			await this.saveMeta(targetKey, { head: meta.tail, tail: meta.tail });
			return cleared;
		});
	}

	/** Drops a target's pending deliveries of these blogs (unsubscribed); returns how many. */
	async removeBlogs(targetKey: TargetKey, blogKeys: ReadonlySet<string>): Promise<number> {
		if (!blogKeys.size) return 0;
		// Reads the whole queue: an unsubscribe is rare, and the queue is bounded by the outbox caps.
		const dropping = (await this.pending(targetKey)).filter((d) => blogKeys.has(d.blogKey));
		for (const d of dropping) await this.remove(targetKey, d);
		return dropping.length;
	}

	/** Moves a target's pending deliveries to another target key (chat migration). */
	async move(fromKey: TargetKey, toKey: TargetKey): Promise<void> {
		const moving = await this.pending(fromKey);
		if (moving.length)
			await this.enqueue(
				toKey,
				moving.map(({ seq: _seq, ...d }) => ({ ...d, notBefore: undefined })),
			);
		await this.clear(fromKey);
	}

	/** The corrupt deliveries moved out of a target's queue, newest first. */
	corruptDeliveries(targetKey: TargetKey): Promise<CorruptDelivery[]> {
		return this.corrupt.list(targetKey);
	}

	/** Checks raw slots in order, one at a time (each corrupt one's record is a read-then-write). */
	private async readSlots(
		targetKey: TargetKey,
		slots: [key: string, raw: unknown][],
		deleteCorrupt = true,
	): Promise<PendingDelivery[]> {
		const read: PendingDelivery[] = [];
		for (const [key, raw] of slots) {
			const d = await this.readSlot(targetKey, key, raw, deleteCorrupt);
			if (d) read.push(d);
		}
		return read;
	}

	/**
	 * Checks one raw slot. A corrupt one is moved aside (recorded, then deleted from the queue, so the
	 * deliveries behind it keep flowing) and reads as a hole; one from a newer release is left in place
	 * and throws, so this target waits for an instance that can read it.
	 */
	private async readSlot(
		targetKey: TargetKey,
		key: string,
		raw: unknown,
		deleteCorrupt = true,
	): Promise<PendingDelivery | undefined> {
		if (raw === undefined) return undefined;
		try {
			return pendingDeliveryValue.parse(key, raw);
		} catch (error) {
			if (!(error instanceof StoredValueError) || error.reason === "newer") throw error;
			// Recorded first, deleted after: a crash in between moves it aside again, never loses it.
			await this.corrupt.record(targetKey, raw, error, (this.options.now ?? Date.now)());
			if (deleteCorrupt) await this.store.delete(key);
			this.options.onCorrupt?.(error, targetKey);
			return undefined;
		}
	}

	private async meta(targetKey: TargetKey): Promise<QueueMeta> {
		return (await this.store.get<QueueMeta>(this.q.meta(targetKey))) ?? { head: 0, tail: 0 };
	}

	/** Writes the counters; an empty queue is deleted and leaves the index. */
	private async saveMeta(targetKey: TargetKey, meta: QueueMeta): Promise<void> {
		if (meta.head < meta.tail) {
			await this.store.set<QueueMeta>(this.q.meta(targetKey), meta);
			return;
		}
		// Numbering restarts at 0 next time; stale positions are told apart by the slot's content.
		await this.store.delete(this.q.meta(targetKey));
		await this.store.update<string[]>(this.q.index(targetKey), (list = []) => {
			const rest = list.filter((k) => k !== targetKey);
			return rest.length ? rest : undefined;
		});
	}

	/** Advances the head past missing slots; returns the first pending delivery, if any. */
	private async skipHoles(targetKey: TargetKey): Promise<PendingDelivery | undefined> {
		const meta = await this.meta(targetKey);
		let head = meta.head;
		let found: PendingDelivery | undefined;
		while (head < meta.tail && !found) {
			const count = Math.min(HOLE_BATCH, meta.tail - head);
			const keys = Array.from({ length: count }, (_, i) => this.q.slot(targetKey, head + i));
			const slots = await this.store.getMany<unknown>(keys);
			let at = -1;
			for (let i = 0; i < count && at < 0; i++) {
				found = await this.readSlot(targetKey, keys[i] ?? "", slots[i]);
				if (found) at = i;
			}
			head += at >= 0 ? at : count;
		}
		if (head !== meta.head) await this.saveMeta(targetKey, { head, tail: meta.tail });
		return found;
	}
}
