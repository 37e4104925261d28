/**
 * The terminal's first screen: a blog's newest entries, printed oldest first and recorded as posted
 * in that terminal, so their later edits and retraction are printed too.
 */
import { blogKeyOf } from "../store/keys.js";
import { MessageRecordRepo } from "../store/message-records.js";
import { targetKey } from "../store/target-key.js";
import type { EntryUpdate, Target } from "../types.js";
import type { Relay } from "./relay-api.js";
import { storeUpdate } from "./updates.js";

/** Prints the newest `count` entries of `blogUrl` with `print`, oldest first, and records them as shown. */
export async function showLatest(
	relay: Relay,
	target: Target,
	blogUrl: string,
	options: { count: number; summaryLimit: number; editWindowMs: number; now?: () => number },
	print: (update: EntryUpdate) => Promise<void>,
): Promise<void> {
	if (options.count <= 0) return;
	const recent = await relay.core.commands.latest(
		target,
		blogUrl,
		options.count,
		options.summaryLimit,
	);
	if (recent.kind !== "updates") return;
	const records = new MessageRecordRepo(relay.store, options.editWindowMs);
	const blogKey = blogKeyOf(blogUrl);
	for (const update of [...recent.updates].reverse()) {
		await print(update);
		const now = (options.now ?? Date.now)();
		await records.recordShown(targetKey(target), blogKey, storeUpdate(update), now);
	}
}
