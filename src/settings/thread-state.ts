/**
 * A blog's own Discord thread that was deleted: the next post makes it again, once, in the same
 * channel, and the follow moves there (settings and queue with it). A thread that was already made
 * again and is deleted too ends the follow: twice is deliberate. Kept in the store, so a restart or
 * another instance knows which is which.
 */
import * as z from "zod/mini";
import { KEYS } from "../store/keys.js";
import type { Store } from "../store/open-store.js";
import { versionedValue } from "../store/stored-value.js";
import type { TargetKey } from "../store/target-key.js";

const threadStateSchema = z.object({
	/** The channel the thread is in (its successor is made there). */
	parentId: z.string(),
	/** When it was deleted (its successor is made at the next post). */
	deletedAt: z.optional(z.number()),
	/** Made again after its predecessor was deleted. */
	recreated: z.optional(z.boolean()),
});
type ThreadState = z.infer<typeof threadStateSchema>;

const threadValue = versionedValue<ThreadState>({
	kind: "thread state",
	current: threadStateSchema,
	legacy: threadStateSchema,
});

/** What to do about a deleted thread. */
export type ThreadGone = "recreate" | "end";

/** Typed access to the thread records; every value read is checked. */
export class ThreadStateRepo {
	constructor(private readonly store: Store) {}

	/** Records a thread made for a blog (/follow thread:true) in channel `parentId`. */
	async made(tKey: TargetKey, parentId: string): Promise<void> {
		await this.store.set(KEYS.threadState(tKey), threadValue.wrap({ parentId }));
	}

	/**
	 * Records a thread's deletion: "recreate" for a blog's own thread the first time, "end" for one
	 * made again already, or for any thread the bot did not make.
	 */
	async gone(tKey: TargetKey, now: number): Promise<ThreadGone> {
		const current = await this.get(tKey);
		if (!current || current.recreated) {
			if (current) await this.store.delete(KEYS.threadState(tKey));
			return "end";
		}
		await this.store.set(KEYS.threadState(tKey), threadValue.wrap({ ...current, deletedAt: now }));
		return "recreate";
	}

	/**
	 * The channel to make a blog's own thread again in, once a post found it gone (also when it was
	 * deleted while the bot was away): undefined for a thread made again already, or not the bot's.
	 */
	async parentOfDeleted(tKey: TargetKey): Promise<string | undefined> {
		const current = await this.get(tKey);
		return current && !current.recreated ? current.parentId : undefined;
	}

	/** The deleted thread `from` was made again as `to`. */
	async recreated(from: TargetKey, to: TargetKey): Promise<void> {
		const parentId = (await this.get(from))?.parentId;
		if (parentId) {
			await this.store.set(KEYS.threadState(to), threadValue.wrap({ parentId, recreated: true }));
		}
		await this.store.delete(KEYS.threadState(from));
	}

	/** Forgets a thread (its follows ended). */
	forget(tKey: TargetKey): Promise<void> {
		return this.store.delete(KEYS.threadState(tKey));
	}

	private async get(tKey: TargetKey): Promise<ThreadState | undefined> {
		const key = KEYS.threadState(tKey);
		const raw = await this.store.get<unknown>(key);
		return raw === undefined ? undefined : threadValue.parse(key, raw);
	}
}
