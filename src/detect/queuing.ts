/**
 * The seen set's write-ahead list of entries being queued (SeenSet.queuing): a crash between queuing
 * new entries for subscribers and saving the seen set must not leave an entry posted in some chats yet
 * unknown to the seen set, where its deletion would never be noticed and its posts never retracted.
 */
import type { SeenItem, SeenSet } from "../types.js";

/** Most queued-then-deleted entries carried while no verdict on them is possible. */
const CARRIED_LIMIT = 50;

/** A seen set read for a page, with the queuing list folded in. */
export interface FoldedSeen {
	seen: SeenSet | undefined;
	/** Entries queued before a crash and still on the page: they count as new again. */
	requeued: Set<string>;
	/** Entries queued before a crash and gone from the page: present last time, for the deletion check. */
	gone: SeenItem[];
}

/** The seen set a crashed fan-out left, read for this page: its queuing list folded in, then dropped. */
export function foldQueuing(seen: SeenSet | undefined, pageIds: ReadonlySet<string>): FoldedSeen {
	if (!seen?.queuing) return { seen, gone: [], requeued: new Set() };
	const { queuing, ...rest } = seen;
	// On the page: left unknown, so they count as new and are queued again (enqueue adds each once).
	// Gone: known and present last time, so two polls without them retract what was posted.
	const gone = queuing.filter((item) => !pageIds.has(item[0]));
	const known = new Set(rest.items.map((item) => item[0]));
	const present = new Set(rest.present);
	return {
		seen: {
			...rest,
			items: [...gone.filter((item) => !known.has(item[0])), ...rest.items],
			present: [...rest.present, ...gone.map((item) => item[0]).filter((id) => !present.has(id))],
		},
		gone,
		requeued: new Set(queuing.filter((item) => pageIds.has(item[0])).map((item) => item[0])),
	};
}

/** The seen set to write before queuing `added`: as read (folded), plus their items. */
export function withQueuing(seen: SeenSet, nextSeen: SeenSet, added: ReadonlySet<string>): SeenSet {
	return { ...seen, queuing: nextSeen.items.filter((item) => added.has(item[0])) };
}

/**
 * The seen set to save after the poll: gone entries on which the deletion check gave no verdict (no
 * known entry newer than them yet) stay on the queuing list, to be judged again next poll rather than
 * forgotten with their posts up.
 */
export function carryQueuing(
	nextSeen: SeenSet,
	gone: readonly SeenItem[],
	retracted: readonly string[],
): SeenSet {
	const judged = new Set([...retracted, ...(nextSeen.missing ?? [])]);
	const carried = gone.filter((item) => !judged.has(item[0])).slice(0, CARRIED_LIMIT);
	return carried.length ? { ...nextSeen, queuing: carried } : nextSeen;
}
