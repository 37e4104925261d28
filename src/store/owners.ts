/** Who owns a chat (for per-owner limits) and which chats each owner's subscriptions live in. */
import { KEYS } from "./keys.js";
import type { Store } from "./open-store.js";
import { asTargetKey, type TargetKey } from "./target-key.js";

/** Typed access to the owner ↔ target relation. */
export class OwnerRepo {
	constructor(private readonly store: Store) {}

	/** The recorded owner of a target, if an adapter told us (Telegram: who added the bot). */
	ownerOf(targetKey: TargetKey): Promise<string | undefined> {
		return this.store.get<string>(KEYS.chatOwner(targetKey));
	}

	/** Records (or replaces) the owner of a target. */
	setOwner(targetKey: TargetKey, ownerKey: string): Promise<void> {
		return this.store.set(KEYS.chatOwner(targetKey), ownerKey);
	}

	/** Forgets who owns a target (the bot left it; whoever adds it again becomes the owner). */
	deleteOwner(targetKey: TargetKey): Promise<void> {
		return this.store.delete(KEYS.chatOwner(targetKey));
	}

	/** Target keys the owner has subscribed in. */
	async targetsOf(ownerKey: string): Promise<TargetKey[]> {
		return ((await this.store.get<string[]>(KEYS.ownerTargets(ownerKey))) ?? []).map(asTargetKey);
	}

	/** Adds a target to the owner's list (idempotent). */
	async addTarget(ownerKey: string, targetKey: TargetKey): Promise<void> {
		await this.store.update<string[]>(KEYS.ownerTargets(ownerKey), (list = []) =>
			list.includes(targetKey) ? list : [...list, targetKey],
		);
	}

	/** Drops targets that follow nothing any more, so the list does not grow with every old chat. */
	async pruneTargets(ownerKey: string, empty: ReadonlySet<string>): Promise<void> {
		if (!empty.size) return;
		await this.store.update<string[]>(KEYS.ownerTargets(ownerKey), (list = []) => {
			const next = list.filter((t) => !empty.has(t));
			return next.length ? next : undefined;
		});
	}
}
