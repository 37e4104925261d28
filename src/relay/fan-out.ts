/**
 * Fan-out into the outbox: one poll's new entries to the blog's subscribers (at most `maxNewEntries`
 * per poll, the newest, the older rest summed up in one notice, one outbox write batch per target),
 * and notices about the blog itself (outage, recovery, end).
 */
import type { Logger } from "pino";
import type { SettingsFanOut } from "../settings/settings-fan-out.js";
import { KEYS } from "../store/keys.js";
import type { Store } from "../store/open-store.js";
import type { OutboxRepo, PendingDelivery, StoredUpdate } from "../store/outbox.js";
import type { SubscriptionRepo } from "../store/subscriptions.js";
import { parseTargetKey, type TargetKey } from "../store/target-key.js";
import type { Entry, Notice, Platform } from "../types.js";
import { alreadyHandled } from "./requeued.js";
import { storeUpdate, toEntryUpdate } from "./updates.js";

/** New entries of one poll split by the per-poll cap, each part oldest first. */
export interface CappedEntries {
	/** The newest `max` entries: these are posted. */
	posted: Entry[];
	/** The older rest: marked seen with the others, never posted, counted in one notice. */
	skipped: Entry[];
}

/**
 * Keeps the newest `max` of `added` (oldest first, as diffEntries returns them). The newest are what a
 * reader following the blog wants; the older ones are the ones a link to the blog covers best.
 */
export function capNewEntries(added: Entry[], max: number): CappedEntries {
	const cut = Math.max(0, added.length - Math.max(0, max));
	return { posted: added.slice(cut), skipped: added.slice(0, cut) };
}

/** Collaborators of the fan-out. */
export interface FanOutDeps {
	subs: SubscriptionRepo;
	outbox: OutboxRepo;
	log: Logger;
	now: () => number;
	summaryLimitFor: (platform: Platform) => number;
	/** Called with each target key as soon as its deliveries are stored. */
	onEnqueued: (targetKeys: TargetKey[]) => void;
	/** Per-subscription filters, digests and quiet hours (src/settings); absent: every entry goes out. */
	settingsFanOut?: SettingsFanOut | undefined;
	/** The store, to look up entries queued again after a crash (`requeued`); absent: not looked up. */
	store?: Store | undefined;
}

/** What one fan-out did. */
export interface FanOutResult {
	posted: number;
	skipped: number;
	targets: number;
}

/**
 * Writes one pending delivery per (posted entry × subscribed target), preceded by one
 * "N more entries" notice per target when the cap cut entries off (the skipped ones are older, so
 * the notice comes first in publication order). Must run before the entries are marked seen.
 */
export async function fanOut(
	deps: FanOutDeps,
	blog: { key: string; url: string; title: string },
	added: Entry[],
	maxNewEntries: number,
	requeued: ReadonlySet<string> = new Set(),
): Promise<FanOutResult> {
	const { posted, skipped } = capNewEntries(added, maxNewEntries);
	const targets = await deps.subs.targetsOf(blog.key);
	const enqueuedAt = deps.now();
	// Keyed by the newest skipped entry, so detecting the same poll again after a crash adds nothing.
	const notice: PendingDelivery | undefined = skipped.length
		? {
				blogKey: blog.key,
				entryId: KEYS.notice("entries-skipped", `${skipped.at(-1)?.id}`),
				notice: {
					kind: "entries-skipped",
					blogUrl: blog.url,
					blogTitle: blog.title,
					count: skipped.length,
				},
				enqueuedAt,
				attempts: 0,
			}
		: undefined;
	// Summaries depend only on the platform's limit: build them once per limit, not per target.
	const updatesByLimit = new Map<number, StoredUpdate[]>();
	const updatesFor = (limit: number): StoredUpdate[] => {
		let updates = updatesByLimit.get(limit);
		if (!updates) {
			updates = posted.map((entry) => storeUpdate(toEntryUpdate(blog, entry, limit, "new")));
			updatesByLimit.set(limit, updates);
		}
		return updates;
	};
	const verdicts = await deps.settingsFanOut?.verdicts(targets, blog.key, posted);
	for (const [i, tKey] of targets.entries()) {
		const { platform } = parseTargetKey(tKey);
		let updates = updatesFor(deps.summaryLimitFor(platform));
		let judged = verdicts?.[i];
		const again = deps.store ? updates.filter((u) => requeued.has(u.entryId)) : [];
		if (deps.store && again.length) {
			// Queued before a crash: not again where it is already posted, queued or held.
			const had = await alreadyHandled(
				{ store: deps.store, outbox: deps.outbox },
				tKey,
				blog.key,
				again,
			);
			const keep = updates.map((u) => !had.has(u.entryId));
			updates = updates.filter((_, j) => keep[j]);
			judged = judged?.filter((_, j) => keep[j]);
		}
		if (deps.settingsFanOut && judged) {
			updates = await deps.settingsFanOut.route(tKey, blog, updates, judged);
		}
		const deliveries: PendingDelivery[] = updates.map((update) => ({
			blogKey: blog.key,
			entryId: update.entryId,
			update,
			enqueuedAt,
			attempts: 0,
		}));
		if (notice) deliveries.unshift(notice);
		// Each target starts sending as soon as its own deliveries are stored.
		if (deliveries.length && (await deps.outbox.enqueue(tKey, deliveries)) > 0)
			deps.onEnqueued([tKey]);
	}
	if (skipped.length) {
		deps.log.warn(
			{ url: blog.url, added: added.length, posted: posted.length, skipped: skipped.length },
			"more new entries than MAX_NEW_ENTRIES_PER_POLL: the older ones are marked seen, not posted",
		);
	}
	return { posted: posted.length, skipped: skipped.length, targets: targets.length };
}

/** A notice about a blog itself: what happened and since when (the outage's start, the end). */
export interface BlogNotice {
	kind: Exclude<Notice["kind"], "entries-skipped">;
	since?: number | undefined;
	/** blog-ended: the recap's key events, newest first. */
	keyEvents?: Notice["keyEvents"];
}

/**
 * Tells every subscriber of a blog something about it, through the outbox. Keyed by kind and time
 * (`since`, else now), so queueing it again after a crash adds nothing.
 */
export async function fanOutNotice(
	deps: Omit<FanOutDeps, "summaryLimitFor">,
	blog: { key: string; url: string; title: string },
	{ kind, since, keyEvents }: BlogNotice,
): Promise<void> {
	const t = deps.now();
	const targets = await deps.subs.targetsOf(blog.key);
	const notice = {
		kind,
		blogUrl: blog.url,
		blogTitle: blog.title,
		since,
		...(keyEvents?.length ? { keyEvents } : {}),
	};
	const keys: TargetKey[] = [];
	for (const tKey of targets) {
		const added = await deps.outbox.enqueue(tKey, [
			{
				blogKey: blog.key,
				entryId: KEYS.notice(kind, since ?? t),
				notice,
				enqueuedAt: t,
				attempts: 0,
			},
		]);
		if (added) keys.push(tKey);
	}
	deps.log.info({ url: blog.url, kind, targets: targets.length }, "notice queued");
	if (keys.length) deps.onEnqueued(keys);
}
