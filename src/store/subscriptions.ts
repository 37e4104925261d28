/** Subscriptions of targets to blogs, kept in both directions and written together. */
import { KEYS } from "./keys.js";
import type { Store } from "./open-store.js";
import { asTargetKey, type TargetKey } from "./target-key.js";

/** Typed access to the target ↔ blog relation, keyed like the outbox by `TargetKey`. */
export class SubscriptionRepo {
	constructor(private readonly store: Store) {}

	/** Adds a subscription; returns false when it already existed. */
	async add(tKey: TargetKey, blogKey: string): Promise<boolean> {
		let added = false;
		// Blog side first: a crash between the writes leaves a delivery target the repair step can see.
		await this.store.update<string[]>(KEYS.subs(blogKey), (list = []) => {
			if (list.includes(tKey)) return list;
			added = true;
			return [...list, tKey];
		});
		await this.store.update<string[]>(KEYS.targetSubs(tKey), (list = []) =>
			list.includes(blogKey) ? list : [...list, blogKey],
		);
		return added;
	}

	/** Removes a subscription; returns false when there was none. */
	async remove(tKey: TargetKey, blogKey: string): Promise<boolean> {
		let removed = false;
		await this.store.update<string[]>(KEYS.targetSubs(tKey), (list = []) => {
			removed = list.includes(blogKey);
			const next = list.filter((k) => k !== blogKey);
			return next.length ? next : undefined;
		});
		await this.store.update<string[]>(KEYS.subs(blogKey), (list = []) => {
			const next = list.filter((k) => k !== tKey);
			return next.length ? next : undefined;
		});
		return removed;
	}

	/** Targets subscribed to a blog. */
	async targetsOf(blogKey: string): Promise<TargetKey[]> {
		const keys = (await this.store.get<string[]>(KEYS.subs(blogKey))) ?? [];
		return keys.map(asTargetKey);
	}

	/** Number of targets subscribed to a blog. */
	async countTargets(blogKey: string): Promise<number> {
		return ((await this.store.get<string[]>(KEYS.subs(blogKey))) ?? []).length;
	}

	/** Blog keys a target is subscribed to, in subscription order. */
	async blogsOf(tKey: TargetKey): Promise<string[]> {
		return (await this.store.get<string[]>(KEYS.targetSubs(tKey))) ?? [];
	}

	/** Removes every subscription of a target (bot blocked, channel deleted); returns the blog keys. */
	async removeTarget(tKey: TargetKey): Promise<string[]> {
		const blogKeys = await this.blogsOf(tKey);
		for (const blogKey of blogKeys) await this.remove(tKey, blogKey);
		return blogKeys;
	}

	/** Moves every subscription of `from` to `to` (Telegram group → supergroup migration). */
	async moveTarget(from: TargetKey, to: TargetKey): Promise<void> {
		const blogKeys = await this.blogsOf(from);
		for (const blogKey of blogKeys) await this.add(to, blogKey);
		for (const blogKey of blogKeys) await this.remove(from, blogKey);
	}
}
