/** Polls one blog: fetch → extract → diff → outbox → seen. One poll per blog at a time. */
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { diffEntries, recheckUnchanged } from "../detect/diff-entries.js";
import { carryQueuing, foldQueuing, withQueuing } from "../detect/queuing.js";
import { FetchError, RelayError, toError } from "../errors.js";
import type { SettingsFanOut } from "../settings/settings-fan-out.js";
import { holdLease } from "../store/coordination.js";
import { KEYS } from "../store/keys.js";
import type { MessageRecordRepo } from "../store/message-records.js";
import type { Store } from "../store/open-store.js";
import type { OutboxRepo } from "../store/outbox.js";
import type { SubscriptionRepo } from "../store/subscriptions.js";
import type { TargetKey } from "../store/target-key.js";
import { retireBlog } from "../store/unsubscribe.js";
import type { BlogRecord, WatchStateRepo } from "../store/watch-state.js";
import type { LiveBlog, Platform, PollOutcome } from "../types.js";
import type { ChangePreferencesOf } from "./change-preferences.js";
import { capNewEntries, fanOut, fanOutNotice } from "./fan-out.js";
import { nextRecord, type PageFacts, type PollResult, transitions } from "./lifecycle.js";
import type { PageReader } from "./page-reader.js";
import { keyEventsOf, type PollChangesDeps, queuePollChanges } from "./poll-changes.js";

/** A page already fetched and parsed (subscribe reuses its fetch for the poll). */
export interface PrefetchedPage {
	blog: LiveBlog;
	/** Where the page was fetched from, after redirects: it is applied only to the blog at that URL. */
	finalUrl: string;
	/** sha1 of the body, to skip parsing identical bytes next time. */
	bodyHash?: string | undefined;
	etag?: string | undefined;
	lastModified?: string | undefined;
}

/** What one poll did (moved to the shared vocabulary; re-exported for existing importers). */
export type { PollOutcome } from "../types.js";

/** Hooks for observers (the terminal watcher prints edits; metrics count polls). */
export interface WatcherEvents {
	onPolled?(blog: BlogRecord, outcome: PollOutcome): void;
}

/** Collaborators of the watcher. */
export interface WatcherDeps {
	store: Store;
	state: WatchStateRepo;
	subs: SubscriptionRepo;
	outbox: OutboxRepo;
	config: Config;
	log: Logger;
	now: () => number;
	/** Jitter source of the failure backoff (tests pin it); default Math.random. */
	random?: () => number;
	summaryLimitFor: (platform: Platform) => number;
	/** Reads a blog's page (the relay's page reader: guard, limits, read cap, extract workers). */
	readPage: PageReader["read"];
	/** Called after deliveries were written, with the target keys that got them. */
	onEnqueued: (targetKeys: TargetKey[]) => void;
	events?: WatcherEvents | undefined;
	/** Where changes of posted entries go (edits, retractions, pins); absent: they are not relayed. */
	changeRelay?:
		| { queue: OutboxRepo; records: MessageRecordRepo; preferencesOf: ChangePreferencesOf }
		| undefined;
	/** Per-subscription filters, digests and quiet hours applied at fan-out (src/settings). */
	settingsFanOut?: SettingsFanOut | undefined;
}

/** How long a subscribe waits for another instance's poll of its blog to finish (it must record its page). */
const SUBSCRIBE_LEASE_WAIT_MS = 30_000;

/** Polls blogs; every failure is contained to its blog. */
export class Watcher {
	constructor(private readonly deps: WatcherDeps) {}

	/**
	 * Polls one blog now (or records a prefetched page). Never throws for source faults. Holds the
	 * blog's lease, so one instance polls it at a time (a prefetched page waits for the lease);
	 * `tickStartedAt` skips a blog that another instance already polled during the same schedule tick.
	 */
	poll(
		blogKey: string,
		options: { prefetched?: PrefetchedPage; tickStartedAt?: number } = {},
	): Promise<PollOutcome> {
		return this.deps.store.withLocalLock(KEYS.pollLease(blogKey), async () => {
			const lease = await holdLease(
				this.deps.store.coordinator,
				KEYS.pollLease(blogKey),
				this.deps.config.leaseTtlMs,
				(error) =>
					this.deps.log.warn(
						{ err: toError(error), blog: blogKey },
						"could not renew the poll lease",
					),
				// A subscribe must record its page: it waits for another instance's poll to finish.
				{ waitMs: options.prefetched ? SUBSCRIBE_LEASE_WAIT_MS : 0 },
			);
			if (!lease) return { status: "skipped" };
			try {
				return await this.pollLeased(blogKey, options);
			} finally {
				await lease.release();
			}
		});
	}

	private async pollLeased(
		blogKey: string,
		options: { prefetched?: PrefetchedPage; tickStartedAt?: number },
	): Promise<PollOutcome> {
		const { state, log, now } = this.deps;
		const record = await state.getBlog(blogKey);
		if (!record) return { status: "skipped" };
		let prefetched = options.prefetched;
		// A blog's record, validators and seen set come only from the blog's own responses: a page
		// fetched elsewhere (another URL whose canonical link names this blog) is not applied.
		if (prefetched && !isOwnResponse(record, prefetched.finalUrl)) {
			log.info(
				{ url: record.url, fetched: prefetched.finalUrl },
				"a page fetched from another URL is not applied to this blog; polling the blog itself",
			);
			prefetched = undefined;
		}
		const tick = options.tickStartedAt;
		// Every instance's cron fires on the same tick; the first to take the lease polls for all.
		if (
			tick !== undefined &&
			!prefetched &&
			!(await this.deps.store.coordinator.claimTick(KEYS.pollTick(blogKey), tick))
		) {
			return { status: "skipped" };
		}
		let page: PrefetchedPage;
		try {
			if (prefetched) {
				page = prefetched;
			} else {
				const read = await this.deps.readPage(record.url, record, new Date(now()));
				if (read.status !== "ok") {
					await this.recheckDeletions(record);
					await this.record(blogKey, { status: read.status });
					const outcome: PollOutcome = { status: read.status };
					this.deps.events?.onPolled?.(record, outcome);
					return outcome;
				}
				page = read;
			}
		} catch (error) {
			const err = toError(error);
			if (!(err instanceof RelayError))
				log.error({ err, url: record.url }, "unexpected poll error");
			const retryAfterMs = err instanceof FetchError ? err.retryAfterMs : undefined;
			await this.record(blogKey, { status: "failed", error: err.message, retryAfterMs });
			const outcome: PollOutcome = { status: "failed", error: err };
			this.deps.events?.onPolled?.(record, outcome);
			return outcome;
		}
		const outcome = await this.applyPage(record, page);
		this.deps.events?.onPolled?.(record, outcome);
		return outcome;
	}

	/** Diffs a parsed page, writes the outbox, then marks entries seen (in that order). */
	private async applyPage(record: BlogRecord, page: PrefetchedPage): Promise<PollOutcome> {
		const { state, log } = this.deps;
		const pageIds = new Set(page.blog.entries.map((e) => e.id));
		const { seen, gone, requeued } = foldQueuing(await state.getSeen(record.key), pageIds);
		const diff = diffEntries(page.blog.entries, seen);
		if (diff.floodGuarded) {
			log.warn(
				{ url: record.url },
				"every entry id changed at once; only entries newer than the newest seen count as new",
			);
		}
		let skipped = 0;
		const blogInfo = { key: record.key, url: record.url, title: page.blog.title || record.title };
		if (diff.movedIds.size > 0) {
			log.info({ url: record.url, count: diff.movedIds.size }, "seen entries found under new ids");
		}
		if (diff.added.length > 0) {
			// Written ahead: a crash before the seen set below still knows what was being queued.
			if (seen) {
				const added = new Set(diff.added.map((e) => e.id));
				await state.putSeen(record.key, withQueuing(seen, diff.nextSeen, added));
			}
			const result = await fanOut(
				this.deps,
				blogInfo,
				diff.added,
				this.deps.config.maxNewEntriesPerPoll,
				requeued,
			);
			skipped = result.skipped;
			log.info(
				{ url: record.url, added: diff.added.length, skipped, targets: result.targets },
				"new entries detected",
			);
		}
		const changes = this.deps.changeRelay;
		if (changes && !diff.seeded) {
			const { maxNewEntriesPerPoll } = this.deps.config;
			await queuePollChanges(
				this.changeDeps(changes),
				blogInfo,
				// Queued again after a crash: where the crashed run already posted, queued or held them,
				// the text may have changed since; as edits, they reach those posts (same text: nothing).
				{ ...diff, edited: [...diff.edited, ...diff.added.filter((e) => requeued.has(e.id))] },
				page.blog.entries,
				capNewEntries(diff.added, maxNewEntriesPerPoll).posted,
			);
		}
		await state.putSeen(record.key, carryQueuing(diff.nextSeen, gone, diff.retracted));
		await state.putRecent(record.key, page.blog.entries);
		const newest = page.blog.entries.reduce<number | undefined>((max, e) => {
			const t = e.publishedAt?.getTime();
			return t !== undefined && (max === undefined || t > max) ? t : max;
		}, undefined);
		await this.record(record.key, {
			status: "ok",
			page: pageFacts(page),
			sawNew: diff.added.length > 0,
			newestEntryAt: newest,
		});
		return {
			status: "polled",
			added: diff.added,
			edited: diff.edited,
			removed: diff.retracted,
			seeded: diff.seeded,
			skipped,
		};
	}

	/** What queuing a poll's changes needs. */
	private changeDeps(changes: NonNullable<WatcherDeps["changeRelay"]>): PollChangesDeps {
		return {
			...this.deps,
			changes: changes.queue,
			records: changes.records,
			changePreferencesOf: changes.preferencesOf,
		};
	}

	/** An unchanged page confirms entries missing from the last one as deleted (two polls running). */
	private async recheckDeletions(record: BlogRecord): Promise<void> {
		const changes = this.deps.changeRelay;
		if (!changes) return;
		const checked = recheckUnchanged(await this.deps.state.getSeen(record.key));
		if (!checked) return;
		if (checked.retracted.length) {
			await queuePollChanges(
				this.changeDeps(changes),
				{ key: record.key, url: record.url, title: record.title },
				{ edited: [], retracted: checked.retracted },
				[],
				[],
			);
		}
		await this.deps.state.putSeen(record.key, checked.nextSeen);
	}

	/** Folds a poll result into the blog's record, then tells subscribers what changed. */
	private async record(blogKey: string, result: PollResult): Promise<void> {
		const t = this.deps.now();
		let before: BlogRecord | undefined;
		const after = await this.deps.state.updateBlog(blogKey, (current) => {
			before = current;
			return nextRecord(current, result, t, this.deps.random);
		});
		if (!after || !before) return;
		if (result.status === "failed") {
			this.deps.log.warn(
				{
					url: after.url,
					failures: after.failures,
					retryInMs: (after.nextPollAt ?? t) - t,
					err: result.error,
				},
				"poll failed",
			);
		}
		const change = transitions(before, after, result, t);
		if (change.recovered) await fanOutNotice(this.deps, after, { kind: "source-recovered" });
		if (change.unreachable) {
			await fanOutNotice(this.deps, after, {
				kind: "source-unreachable",
				since: after.failingSince,
			});
		}
		if (change.retire) await this.retire(after, change.retire);
	}

	/** Ends watching a blog that ended or went quiet: subscribers are told, then unsubscribed. */
	private async retire(record: BlogRecord, reason: "ended" | "quiet"): Promise<void> {
		this.deps.log.info({ url: record.url, reason }, "retiring live blog");
		// The closing recap: the blog's key events, newest first, with the farewell.
		const keyEvents = this.deps.changeRelay ? await keyEventsOf(this.deps.store, record.key) : [];
		await fanOutNotice(this.deps, record, {
			kind: "blog-ended",
			since: record.endedAt,
			keyEvents: keyEvents.map(({ headline, url }) => ({ headline, url })),
		});
		// The farewell notice just queued still goes out: retirement keeps pending deliveries.
		await retireBlog({ ...this.deps, changes: this.deps.changeRelay?.queue }, record.key);
	}
}

/** The record fields a parsed page sets. */
function pageFacts(page: PrefetchedPage): PageFacts {
	return {
		title: page.blog.title,
		isLive: page.blog.isLive,
		coverageEndTime: page.blog.coverageEndTime?.getTime(),
		etag: page.etag,
		lastModified: page.lastModified,
		bodyHash: page.bodyHash,
	};
}

/**
 * Whether a page fetched from `finalUrl` (after redirects) is the blog's own response: fetched at
 * exactly the blog's URL. Not merely at a URL that canonicalizes to it: a tracking parameter such
 * as `ref=` is ignored for identity but a server may still render something else for it.
 */
export function isOwnResponse(record: BlogRecord, finalUrl: string): boolean {
	let fetched: URL;
	try {
		fetched = new URL(finalUrl);
	} catch {
		// An unparseable URL is nobody's page; the caller polls the blog itself instead.
		return false;
	}
	fetched.hash = "";
	return fetched.href === record.url;
}
