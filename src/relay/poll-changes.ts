/**
 * From one poll's diff to the changes subscribers see: edited entries, entries the publisher deleted
 * (as they last read), the newest key event to pin, and the blog's running list of key events (for
 * the closing recap).
 */
import type { EntryDiff } from "../detect/diff-entries.js";
import { KEYS } from "../store/keys.js";
import type { Store } from "../store/open-store.js";
import { fromStoredEntry, type WatchStateRepo } from "../store/watch-state.js";
import type { Entry } from "../types.js";
import { type BlogChanges, type ChangeFanOutDeps, fanOutChanges } from "./fan-out-changes.js";
import { reviseHeld } from "./revise-held.js";

/** Key events kept per blog for the recap (newest first). */
export const KEY_EVENTS_KEPT = 20;

/** One key event as the recap lists it. */
export interface KeyEventRecord {
	id: string;
	headline: string;
	url: string;
	publishedAt: number | null;
}

/** What the poll's changes need besides the fan-out's collaborators. */
export interface PollChangesDeps extends ChangeFanOutDeps {
	store: Store;
	state: WatchStateRepo;
}

/**
 * Queues the changes of one applied page. `posted` are the new entries actually posted (a key event
 * among them may be pinned once its post is out). Runs before the seen set and recent entries are
 * rewritten, so the deleted entries' last text is still at hand.
 */
export async function queuePollChanges(
	deps: PollChangesDeps,
	blog: { key: string; url: string; title: string },
	diff: Pick<EntryDiff, "edited" | "retracted">,
	page: Entry[],
	posted: Entry[],
): Promise<void> {
	let retracted: Entry[] = [];
	let recent = new Map<string, Entry>();
	if (diff.retracted.length) {
		recent = new Map(
			(await deps.state.getRecent(blog.key)).map((e) => [e.id, fromStoredEntry(e)] as const),
		);
		// An entry older than the recent ones keeps only its id; the record holds the headline and link shown.
		retracted = diff.retracted.map(
			(id) => recent.get(id) ?? { id, url: "", bodyText: "", headline: undefined },
		);
	}
	// The page's newest key event is pinned when it is new or newly changed (a fix to an older key
	// event must not take the pin from a newer one).
	const newestKey = newest(page.filter((e) => e.keyEvent));
	const changed = new Set([...posted, ...diff.edited].map((e) => e.id));
	const keyEvent = newestKey && changed.has(newestKey.id) ? newestKey : undefined;
	const unkeyed = await unkeyedOf(deps.store, blog.key, diff, page, recent);
	await fanOutChanges(deps, blog, { edited: diff.edited, retracted, keyEvent, unkeyed });
	// Before the seen set moves on (the caller writes it after): a crash in between revises again.
	const revised = await reviseHeld(deps, blog, diff.edited, diff.retracted);
	if (revised) deps.log.info({ url: blog.url, revised }, "held entries brought up to the page");
	await rememberKeyEvents(deps.store, blog.key, page, diff.retracted);
}

/**
 * Entries that may have stopped being key events (retracted, or edited without the flag: the flag is
 * part of the content hash), and the newest key event left to pin instead: from the page, or, when
 * the poll has no page (deletions confirmed by an unchanged one), from the blog's remembered list.
 */
async function unkeyedOf(
	store: Store,
	blogKey: string,
	diff: Pick<EntryDiff, "edited" | "retracted">,
	page: Entry[],
	recent: Map<string, Entry>,
): Promise<BlogChanges["unkeyed"]> {
	const ids = new Set([
		...diff.retracted,
		...diff.edited.filter((e) => !e.keyEvent).map((e) => e.id),
	]);
	if (!ids.size) return undefined;
	if (page.length) return { ids, next: newest(page.filter((e) => e.keyEvent && !ids.has(e.id))) };
	const left = (await keyEventsOf(store, blogKey)).find((k) => !ids.has(k.id));
	if (!left) return { ids };
	const next = recent.get(left.id) ?? {
		id: left.id,
		url: left.url,
		headline: left.headline,
		bodyText: "",
		publishedAt: left.publishedAt === null ? undefined : new Date(left.publishedAt),
	};
	return { ids, next };
}

/** The blog's key events for its recap, newest first. */
export async function keyEventsOf(store: Store, blogKey: string): Promise<KeyEventRecord[]> {
	return (await store.get<KeyEventRecord[]>(KEYS.keyEvents(blogKey))) ?? [];
}

/** Merges the page's key events into the blog's list (deleted ones leave it). */
async function rememberKeyEvents(
	store: Store,
	blogKey: string,
	page: Entry[],
	retracted: string[],
): Promise<void> {
	const flagged = page.filter((e) => e.keyEvent);
	const known = await keyEventsOf(store, blogKey);
	if (!flagged.length && !known.some((k) => retracted.includes(k.id))) return;
	const onPage = new Map(page.map((e) => [e.id, e] as const));
	const merged = new Map<string, KeyEventRecord>();
	for (const e of flagged) {
		merged.set(e.id, {
			id: e.id,
			headline: e.headline?.trim() || e.bodyText.slice(0, 120).trim(),
			url: e.url,
			publishedAt: e.publishedAt?.getTime() ?? null,
		});
	}
	for (const k of known) {
		// A key event still on the page but no longer flagged was unmarked; a deleted one is gone.
		if (merged.has(k.id) || retracted.includes(k.id) || onPage.has(k.id)) continue;
		merged.set(k.id, k);
	}
	const list = [...merged.values()]
		.sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0))
		.slice(0, KEY_EVENTS_KEPT);
	await store.set(KEYS.keyEvents(blogKey), list);
}

/** The most recently published of `entries` (the last one when none has a time). */
function newest(entries: Entry[]): Entry | undefined {
	let best: Entry | undefined;
	for (const e of entries) {
		const t = e.publishedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
		if (!best || t >= (best.publishedAt?.getTime() ?? Number.NEGATIVE_INFINITY)) best = e;
	}
	return best;
}
