/**
 * Entries queued again after a crash (they were on the seen set's queuing list): the crashed fan-out
 * may already have posted, queued or held them in a target. The outbox adds a post only once, but a
 * digest chat that switched modes in between would get the entry twice (a post and a digest line):
 * so such an entry goes nowhere in a target that already has it in any of those forms (a digest
 * already sent leaves no trace per entry: that one case can still repeat the entry).
 */
import { HeldRepo } from "../settings/held-entries.js";
import { KEYS } from "../store/keys.js";
import type { Store } from "../store/open-store.js";
import type { OutboxRepo } from "../store/outbox.js";
import type { TargetKey } from "../store/target-key.js";

/** Of these entries (id and link), those the target already has: recorded, queued, held, or in a queued digest. */
export async function alreadyHandled(
	deps: { store: Store; outbox: OutboxRepo },
	tKey: TargetKey,
	blogKey: string,
	entries: { entryId: string; entryUrl: string }[],
): Promise<Set<string>> {
	if (!entries.length) return new Set();
	const ids = entries.map((e) => e.entryId);
	const [records, pending, batch] = await Promise.all([
		deps.store.getMany(ids.map((id) => KEYS.message(tKey, blogKey, id))),
		deps.outbox.isPending(
			tKey,
			ids.map((entryId) => ({ blogKey, entryId })),
		),
		new HeldRepo(deps.store).get({ targetKey: tKey, blogKey }),
	]);
	const held = new Set(batch?.entries.map((u) => u.entryId));
	const had = new Set(
		ids.filter((id, i) => records[i] !== undefined || pending[i] || held.has(id)),
	);
	if (had.size === entries.length) return had;
	// A digest sealed from the held batch (then cut off it) and still queued lists the entry by link.
	// Reading the queue is fine here: this runs only for entries queued again after a crash.
	const inDigests = new Set(
		(await deps.outbox.pending(tKey)).flatMap((d) =>
			d.blogKey === blogKey && d.digest ? d.digest.items.map((item) => item.url) : [],
		),
	);
	for (const e of entries) if (inDigests.has(e.entryUrl)) had.add(e.entryId);
	return had;
}
