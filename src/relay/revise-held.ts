/**
 * Entries held for a digest (or quiet hours) are not posted yet, so a change of one has no message
 * to edit: the held copy is brought up to the page instead, and the digest shows the page's last text.
 */
import { HeldRepo } from "../settings/held-entries.js";
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
	const held = new HeldRepo(deps.store);
	const gone = new Set(deleted);
	let revised = 0;
	for (const ref of await held.list()) {
		if (ref.blogKey !== blog.key) continue;
		const limit = deps.summaryLimitFor(parseTargetKey(ref.targetKey).platform);
		const texts = edited.map((e) => storeUpdate(toEntryUpdate(blog, e, limit, "new")));
		revised += await held.revise(ref, texts, gone);
	}
	return revised;
}
