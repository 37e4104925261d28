/**
 * Entries held for a subscription's digest or quiet hours, in the store. A batch about to be sent is
 * first sealed (its size and id written), then queued in the outbox under that id, then cut off the
 * list: a crash at any point re-queues the same sealed batch under the same id, which the outbox
 * adds only once. Entries held meanwhile are appended after the seal and wait for the next batch.
 */
import * as z from "zod/mini";
import type { StoredUpdate } from "../store/delivery-values.js";
import { KEYS } from "../store/keys.js";
import type { Store } from "../store/open-store.js";
import { versionedValue } from "../store/stored-value.js";
import { asTargetKey, type TargetKey } from "../store/target-key.js";

/** Most entries held per subscription; beyond it the oldest unsealed ones are dropped and counted. */
export const MAX_HELD = 200;

/** The batch being sent: the first `count` entries, under `id`. */
export interface HeldSeal {
	id: string;
	count: number;
	dropped: number;
}

/** One subscription's held entries. */
export interface HeldBatch {
	blogUrl: string;
	blogTitle: string;
	/** When the first entry of the current batch was held. */
	since: number;
	entries: StoredUpdate[];
	/** Entries dropped over MAX_HELD since the last digest (the digest says how many). */
	dropped: number;
	seal?: HeldSeal | undefined;
}

const heldSchema = z.object({
	blogUrl: z.string(),
	blogTitle: z.string(),
	since: z.number(),
	// The outbox checks each update again when the digest is read back; here the shape suffices.
	entries: z.array(
		z.looseObject({ entryId: z.string(), entryUrl: z.string(), blogUrl: z.string() }),
	),
	dropped: z.number().check(z.int(), z.nonnegative()),
	seal: z.optional(
		z.object({
			id: z.string(),
			count: z.number().check(z.int(), z.nonnegative()),
			dropped: z.number(),
		}),
	),
});

const heldValue = versionedValue<HeldBatch>({
	kind: "held entries",
	current: heldSchema as unknown as z.ZodMiniType<HeldBatch>,
	legacy: heldSchema as unknown as z.ZodMiniType<HeldBatch>,
});

/** A subscription holding entries. */
export interface HeldRef {
	targetKey: TargetKey;
	blogKey: string;
}

const SEP = " ";

/** Typed access to held entries and their index. */
export class HeldRepo {
	constructor(private readonly store: Store) {}

	/** Appends entries (not already held) to a subscription's batch. */
	async hold(
		ref: HeldRef,
		blog: { url: string; title: string },
		updates: StoredUpdate[],
		now: number,
	): Promise<void> {
		if (!updates.length) return;
		// Index first: a crash after it leaves an empty entry (dropped at the next run), never a hidden batch.
		await this.index(ref);
		const key = KEYS.held(ref.targetKey, ref.blogKey);
		await this.store.update<unknown>(key, (raw) => {
			const current: HeldBatch =
				raw === undefined
					? { blogUrl: blog.url, blogTitle: blog.title, since: now, entries: [], dropped: 0 }
					: heldValue.parse(key, raw);
			const known = new Set(current.entries.map((e) => e.entryId));
			const entries = [...current.entries, ...updates.filter((u) => !known.has(u.entryId))];
			const sealed = current.seal?.count ?? 0;
			const over = Math.max(0, Math.min(entries.length - MAX_HELD, entries.length - sealed));
			if (over > 0) entries.splice(sealed, over);
			return heldValue.wrap({
				...current,
				blogTitle: blog.title,
				entries,
				dropped: current.dropped + over,
			});
		});
		// And again after: a digest emptying the batch may have unindexed it in between.
		await this.index(ref);
	}

	/** Every subscription with a batch (or an index entry left by a crash). */
	async list(): Promise<HeldRef[]> {
		const ids = (await this.store.get<string[]>(KEYS.heldIndex())) ?? [];
		return ids.flatMap((id) => {
			const at = id.indexOf(SEP);
			return at > 0 ? [{ targetKey: asTargetKey(id.slice(0, at)), blogKey: id.slice(at + 1) }] : [];
		});
	}

	/** A subscription's batch, if any. */
	async get(ref: HeldRef): Promise<HeldBatch | undefined> {
		const key = KEYS.held(ref.targetKey, ref.blogKey);
		const raw = await this.store.get<unknown>(key);
		return raw === undefined ? undefined : heldValue.parse(key, raw);
	}

	/** Seals the batch as it is now (idempotent: an existing seal is kept); returns the sealed batch. */
	async seal(ref: HeldRef, id: string): Promise<HeldBatch | undefined> {
		const key = KEYS.held(ref.targetKey, ref.blogKey);
		const next = await this.store.update<unknown>(key, (raw) => {
			if (raw === undefined) return undefined;
			const current = heldValue.parse(key, raw);
			if (current.seal) return raw;
			return heldValue.wrap({
				...current,
				seal: { id, count: current.entries.length, dropped: current.dropped },
			});
		});
		return next === undefined ? undefined : heldValue.parse(key, next);
	}

	/** Cuts the sealed batch off (it is in the outbox); what was held meanwhile starts the next batch. */
	async releaseSeal(ref: HeldRef, now: number): Promise<void> {
		const key = KEYS.held(ref.targetKey, ref.blogKey);
		const left = await this.store.update<unknown>(key, (raw) => {
			if (raw === undefined) return undefined;
			const current = heldValue.parse(key, raw);
			if (!current.seal) return raw;
			const entries = current.entries.slice(current.seal.count);
			if (!entries.length) return undefined;
			return heldValue.wrap({
				...current,
				entries,
				since: now,
				dropped: current.dropped - current.seal.dropped,
				seal: undefined,
			});
		});
		if (left === undefined) await this.unindex(ref);
	}

	/**
	 * Revises every batch of a blog (see `revise`); `textsFor` gives a batch its edited entries' texts
	 * (their summaries depend on the target's platform). Returns how many entries changed.
	 */
	async reviseBlog(
		blogKey: string,
		textsFor: (ref: HeldRef) => StoredUpdate[],
		deleted: ReadonlySet<string>,
	): Promise<number> {
		let changed = 0;
		for (const ref of await this.list()) {
			if (ref.blogKey === blogKey) changed += await this.revise(ref, textsFor(ref), deleted);
		}
		return changed;
	}

	/**
	 * Brings a subscription's unsealed entries up to the page: an edited one takes its new text, a
	 * deleted one leaves the batch (a sealed batch is queued as it was). Returns how many changed.
	 */
	async revise(
		ref: HeldRef,
		edited: StoredUpdate[],
		deleted: ReadonlySet<string>,
	): Promise<number> {
		const key = KEYS.held(ref.targetKey, ref.blogKey);
		const texts = new Map(edited.map((u) => [u.entryId, u] as const));
		let changed = 0;
		const left = await this.store.update<unknown>(key, (raw) => {
			if (raw === undefined) return undefined;
			const current = heldValue.parse(key, raw);
			const sealed = current.seal?.count ?? 0;
			changed = 0;
			const open = current.entries.slice(sealed).flatMap((e) => {
				if (deleted.has(e.entryId)) {
					changed++;
					return [];
				}
				const text = texts.get(e.entryId);
				if (!text) return [e];
				changed++;
				return [{ ...text, kind: e.kind }];
			});
			if (!changed) return raw;
			const entries = [...current.entries.slice(0, sealed), ...open];
			// Nothing left to tell: the batch goes, and its index entry with it (below).
			if (!entries.length && !current.dropped && !current.seal) return undefined;
			return heldValue.wrap({ ...current, entries });
		});
		if (left === undefined) await this.unindex(ref);
		return changed;
	}

	/** Drops a subscription's batch (unsubscribed, or the target is gone). */
	async drop(ref: HeldRef): Promise<void> {
		await this.store.delete(KEYS.held(ref.targetKey, ref.blogKey));
		await this.unindex(ref);
	}

	/** Drops every batch of a target; returns how many entries were dropped. */
	async dropTarget(tKey: TargetKey): Promise<number> {
		let dropped = 0;
		for (const ref of await this.list()) {
			if (ref.targetKey !== tKey) continue;
			dropped += (await this.get(ref))?.entries.length ?? 0;
			await this.drop(ref);
		}
		return dropped;
	}

	private async index(ref: HeldRef): Promise<void> {
		const id = `${ref.targetKey}${SEP}${ref.blogKey}`;
		await this.store.update<string[]>(KEYS.heldIndex(), (list = []) =>
			list.includes(id) ? list : [...list, id],
		);
	}

	/** Leaves the index; a batch held meanwhile (hold() indexes after writing) puts it back. */
	private async unindex(ref: HeldRef): Promise<void> {
		const id = `${ref.targetKey}${SEP}${ref.blogKey}`;
		await this.store.update<string[]>(KEYS.heldIndex(), (list = []) => {
			const rest = list.filter((x) => x !== id);
			return rest.length ? rest : undefined;
		});
		if ((await this.store.get(KEYS.held(ref.targetKey, ref.blogKey))) !== undefined) {
			await this.index(ref);
		}
	}
}
