/**
 * What a target's delivered entry left behind: the platform message id, and what was last rendered
 * there, so a change is sent only when the rendering differs and never to a message that is gone.
 */
import { createHash } from "node:crypto";
import type { StoredUpdate } from "./delivery-values.js";
import { KEYS } from "./keys.js";
import type { Store } from "./open-store.js";
import type { TargetKey } from "./target-key.js";

/** One delivered entry in one target. Fields after deliveredAt are absent in older records. */
export interface DeliveredRecord {
	messageId: string | null;
	deliveredAt: number;
	/** renderHash of what the message shows now. */
	rendered?: string | undefined;
	/** The headline shown, for the struck-through retraction. */
	headline?: string | undefined;
	/** The entry's link shown, for the struck-through retraction. */
	url?: string | undefined;
	/** Last edit sent (edits of one message are at least EDIT_INTERVAL_MS apart). */
	editedAt?: number | undefined;
	/** Retracted (struck through or deleted): no further change applies. */
	retracted?: boolean | undefined;
	/** The chat's admins deleted the message: no further change applies, nothing is posted instead. */
	gone?: boolean | undefined;
	/** Left out by the subscription's filters (src/settings): recorded without a message, nothing to change. */
	skipped?: boolean | undefined;
}

/** The bot's pin of one blog in one target. */
export interface PinRecord {
	messageId: string;
	entryId: string;
}

/** A target's refusal to let the bot pin, and whether the blog list has said so. */
export interface PinRefusal {
	at: number;
	told: boolean;
}

/** At most one edit of a message per this long; the last text wins. */
export const EDIT_INTERVAL_MS = 60_000;

/** Fingerprint of what a message shows for an update: its visible fields, not its kind or times of edit. */
export function renderHash(update: StoredUpdate | undefined): string | undefined {
	if (!update) return undefined;
	const visible = [
		update.headline ?? "",
		update.summary,
		update.entryUrl,
		update.imageUrl ?? "",
		update.author ?? "",
		update.keyEvent ? "key" : "",
		update.pinned ? "pinned" : "",
		update.kind === "removed" ? "removed" : "",
	];
	return createHash("sha1").update(visible.join("\u0000")).digest("base64url").slice(0, 16);
}

/** The record written when an entry's post was accepted. */
export function deliveredRecord(
	update: StoredUpdate | undefined,
	messageId: string | undefined,
	now: number,
): DeliveredRecord {
	return {
		messageId: messageId ?? null,
		deliveredAt: now,
		...(update
			? { rendered: renderHash(update), headline: update.headline, url: update.entryUrl }
			: {}),
	};
}

/** Reads and rewrites delivery records (they expire EDIT_WINDOW_HOURS after the post). */
export class MessageRecordRepo {
	constructor(
		private readonly store: Store,
		private readonly ttlMs: number | undefined,
	) {}

	/** The record of one entry in one target, if it was delivered within the window. */
	get(
		targetKey: TargetKey,
		blogKey: string,
		entryId: string,
	): Promise<DeliveredRecord | undefined> {
		return this.store.get<DeliveredRecord>(KEYS.message(targetKey, blogKey, entryId));
	}

	/** Records of several entries of one blog in one target. */
	getMany(
		targetKey: TargetKey,
		blogKey: string,
		entryIds: string[],
	): Promise<(DeliveredRecord | undefined)[]> {
		return this.store.getMany<DeliveredRecord>(
			entryIds.map((id) => KEYS.message(targetKey, blogKey, id)),
		);
	}

	/** Rewrites a record after a change, keeping it only as long as the post's own window. */
	async put(
		targetKey: TargetKey,
		blogKey: string,
		entryId: string,
		record: DeliveredRecord,
		now: number,
	): Promise<void> {
		const left = this.ttlMs === undefined ? undefined : record.deliveredAt + this.ttlMs - now;
		if (left !== undefined && left <= 0) return;
		await this.store.set(KEYS.message(targetKey, blogKey, entryId), record, left);
	}

	/**
	 * Records an update shown outside the outbox (the terminal's first entries) as delivered under its
	 * entry id, so its later edits and retraction reach the target too.
	 */
	async recordShown(
		targetKey: TargetKey,
		blogKey: string,
		update: StoredUpdate,
		now: number,
	): Promise<void> {
		await this.put(
			targetKey,
			blogKey,
			update.entryId,
			deliveredRecord(update, update.entryId, now),
			now,
		);
	}

	/** The bot's current pin of a blog in a target. */
	getPin(targetKey: TargetKey, blogKey: string): Promise<PinRecord | undefined> {
		return this.store.get<PinRecord>(KEYS.pin(targetKey, blogKey));
	}

	/** Records the bot's new pin of a blog in a target (kept as long as the blog is followed). */
	async putPin(targetKey: TargetKey, blogKey: string, pin: PinRecord): Promise<void> {
		await this.store.set(KEYS.pin(targetKey, blogKey), pin);
	}

	/** Forgets the bot's pin of a blog in a target (it was taken down). */
	async deletePin(targetKey: TargetKey, blogKey: string): Promise<void> {
		await this.store.delete(KEYS.pin(targetKey, blogKey));
	}

	/** The target's refusal to let the bot pin (it lacks the right), if any since its last pin. */
	pinRefusal(targetKey: TargetKey): Promise<PinRefusal | undefined> {
		return this.store.get<PinRefusal>(KEYS.pinRefused(targetKey));
	}

	/** Records the target's refusal (once: a known one keeps whether it was told), or clears it (undefined). */
	async setPinRefused(targetKey: TargetKey, at: number | undefined): Promise<void> {
		const key = KEYS.pinRefused(targetKey);
		if (at === undefined) await this.store.delete(key);
		else await this.store.update<PinRefusal>(key, (current) => current ?? { at, told: false });
	}

	/** True once per refusal: the first blog list after it says so, later ones do not. */
	async tellPinRefusal(targetKey: TargetKey): Promise<boolean> {
		let tell = false;
		await this.store.update<PinRefusal>(KEYS.pinRefused(targetKey), (current) => {
			if (!current || current.told) return current;
			tell = true;
			return { ...current, told: true };
		});
		return tell;
	}

	/** Whether the record's post is still inside the edit window at `now`. */
	inWindow(record: DeliveredRecord, now: number): boolean {
		return this.ttlMs === undefined || now - record.deliveredAt < this.ttlMs;
	}
}
