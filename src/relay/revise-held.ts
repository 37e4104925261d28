/**
 * Entries held for a digest (or quiet hours) are not posted yet, so a change of one has no message
 * to edit: the held copy is brought up to the page instead, and the digest shows the page's last text.
 */
import { type HeldRef, HeldRepo } from "../settings/held-entries.js";
import type { StoredUpdate } from "../store/delivery-values.js";
import type { Store } from "../store/open-store.js";
import { parseTargetKey } from "../store/target-key.js";
import type { Entry, Platform } from "../types.js";
import { storeUpdate, toEntryUpdate } from "./updates.js";

/** What revising held entries needs. */
export interface ReviseHeldDeps {
	store: Store;
	summaryLimitFor: (platform: Platform) => number;
}

/** Rewrites the blog's held entries that were edited, and drops the deleted ones; returns how many. */
export async function reviseHeld(
	deps: ReviseHeldDeps,
	blog: { key: string; url: string; title: string },
	edited: Entry[],
	deleted: string[],
): Promise<number> {
	if (!edited.length && !deleted.length) return 0;
	// One rendering per platform, not per held batch.
	const texts = new Map<Platform, StoredUpdate[]>();
	const textsFor = (ref: HeldRef): StoredUpdate[] => {
		const platform = parseTargetKey(ref.targetKey).platform;
		let mine = texts.get(platform);
		if (!mine) {
			const limit = deps.summaryLimitFor(platform);
			mine = edited.map((e) => storeUpdate(toEntryUpdate(blog, e, limit, "new")));
			texts.set(platform, mine);
		}
		return mine;
	};
	return new HeldRepo(deps.store).reviseBlog(blog.key, textsFor, new Set(deleted));
}
