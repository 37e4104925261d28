/**
 * The outbox: deliveries recorded before anything is sent, removed only after the platform accepted
 * them and the message id was kept. Keyed by (target, blog, entry) so re-detection adds nothing.
 */
import { KEYS } from "./keys.js";
import type { Store } from "./open-store.js";

/** An EntryUpdate as stored (dates as ms so they survive JSON). */
export interface StoredUpdate {
	kind: "new" | "edited";
	blogUrl: string;
	blogTitle: string;
	entryId: string;
	entryUrl: string;
	headline?: string | undefined;
	summary: string;
	publishedAt?: number | undefined;
	updatedAt?: number | undefined;
	author?: string | undefined;
	imageUrl?: string | undefined;
	pinned?: boolean | undefined;
}

/** A Notice as stored. */
export interface StoredNotice {
	kind: "source-unreachable" | "source-recovered" | "blog-ended";
	blogUrl: string;
	blogTitle: string;
	since?: number | undefined;
}

/** One pending delivery of one entry (or one notice) to one target. */
export interface PendingDelivery {
	blogKey: string;
	/** Entry id, or "notice:<kind>:<time>" for notices. */
	entryId: string;
	update?: StoredUpdate | undefined;
	notice?: StoredNotice | undefined;
	enqueuedAt: number;
	attempts: number;
	/** Do not send before this time (rate limit, backoff). */
	notBefore?: number | undefined;
	lastError?: string | undefined;
	/** First time the target refused this delivery as forbidden (pause, then give up). */
	forbiddenSince?: number | undefined;
}

/** What a target's delivered entry left behind. */
export interface DeliveredRecord {
	messageId: string | null;
	deliveredAt: number;
}

const sameDelivery = (a: PendingDelivery, b: { blogKey: string; entryId: string }) =>
	a.blogKey === b.blogKey && a.entryId === b.entryId;

/** Typed access to per-target outboxes. */
export class OutboxRepo {
	constructor(private readonly store: Store) {}

	/** Appends deliveries not already pending or delivered; returns how many were added. */
	enqueue(targetKey: string, deliveries: PendingDelivery[]): Promise<number> {
		return this.store.withLock(KEYS.outbox(targetKey), async () => {
			const delivered = await this.store.getMany<DeliveredRecord>(
				deliveries.map((d) => KEYS.message(targetKey, d.blogKey, d.entryId)),
			);
			const current = (await this.store.get<PendingDelivery[]>(KEYS.outbox(targetKey))) ?? [];
			const fresh = deliveries.filter(
				(d, i) => delivered[i] === undefined && !current.some((c) => sameDelivery(c, d)),
			);
			if (fresh.length === 0) return 0;
			// Index first: a crash after it leaves an empty outbox (harmless), never a hidden one.
			await this.store.update<string[]>(KEYS.outboxIndex(targetKey), (list = []) =>
				list.includes(targetKey) ? list : [...list, targetKey],
			);
			await this.store.set(KEYS.outbox(targetKey), [...current, ...fresh]);
			return fresh.length;
		});
	}

	/** Pending deliveries of a target, oldest first. */
	async pending(targetKey: string): Promise<PendingDelivery[]> {
		return (await this.store.get<PendingDelivery[]>(KEYS.outbox(targetKey))) ?? [];
	}

	/** Targets that have (or recently had) pending deliveries. */
	async targetsWithPending(): Promise<string[]> {
		const shards = await this.store.getMany<string[]>(KEYS.outboxIndexShards());
		return shards.flatMap((list) => list ?? []);
	}

	/** Records the platform message id, then removes the delivery (in that order: loss is worse than a repeat). */
	async markDelivered(
		targetKey: string,
		delivery: PendingDelivery,
		messageId: string | undefined,
		now: number,
	): Promise<void> {
		await this.store.set<DeliveredRecord>(
			KEYS.message(targetKey, delivery.blogKey, delivery.entryId),
			{
				messageId: messageId ?? null,
				deliveredAt: now,
			},
		);
		await this.remove(targetKey, delivery);
	}

	/** Whether an entry was delivered to a target. */
	async wasDelivered(targetKey: string, blogKey: string, entryId: string): Promise<boolean> {
		return (await this.store.get(KEYS.message(targetKey, blogKey, entryId))) !== undefined;
	}

	/** Removes one delivery without recording it as delivered (rejected payloads). */
	remove(targetKey: string, delivery: { blogKey: string; entryId: string }): Promise<void> {
		return this.rewrite(targetKey, (list) => list.filter((d) => !sameDelivery(d, delivery)));
	}

	/** Updates one pending delivery (attempts, notBefore). */
	reschedule(
		targetKey: string,
		delivery: PendingDelivery,
		patch: Partial<PendingDelivery>,
	): Promise<void> {
		return this.rewrite(targetKey, (list) =>
			list.map((d) => (sameDelivery(d, delivery) ? { ...d, ...patch } : d)),
		);
	}

	/** Drops every pending delivery of a target (it is gone); returns how many. */
	async clear(targetKey: string): Promise<number> {
		let count = 0;
		await this.rewrite(targetKey, (list) => {
			count = list.length;
			return [];
		});
		return count;
	}

	/** Moves a target's pending deliveries to another target key (chat migration). */
	async move(fromKey: string, toKey: string): Promise<void> {
		const moving = await this.pending(fromKey);
		if (moving.length)
			await this.enqueue(
				toKey,
				moving.map((d) => ({ ...d, notBefore: undefined })),
			);
		await this.clear(fromKey);
	}

	private rewrite(
		targetKey: string,
		fn: (list: PendingDelivery[]) => PendingDelivery[],
	): Promise<void> {
		return this.store.withLock(KEYS.outbox(targetKey), async () => {
			const current = (await this.store.get<PendingDelivery[]>(KEYS.outbox(targetKey))) ?? [];
			const next = fn(current);
			if (next.length > 0) {
				await this.store.set(KEYS.outbox(targetKey), next);
				return;
			}
			await this.store.delete(KEYS.outbox(targetKey));
			await this.store.update<string[]>(KEYS.outboxIndex(targetKey), (list = []) => {
				const rest = list.filter((k) => k !== targetKey);
				return rest.length ? rest : undefined;
			});
		});
	}
}
