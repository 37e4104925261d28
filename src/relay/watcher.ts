/** Polls one blog: fetch → extract → diff → outbox → seen. One poll per blog at a time. */
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { diffEntries } from "../detect/diff-entries.js";
import { FetchError, RelayError, toError } from "../errors.js";
import { holdLease } from "../store/coordination.js";
import { KEYS } from "../store/keys.js";
import type { Store } from "../store/open-store.js";
import type { OutboxRepo } from "../store/outbox.js";
import type { SubscriptionRepo } from "../store/subscriptions.js";
import type { TargetKey } from "../store/target-key.js";
import { retireBlog } from "../store/unsubscribe.js";
import type { BlogRecord, WatchStateRepo } from "../store/watch-state.js";
import type { LiveBlog, Notice, Platform, PollOutcome } from "../types.js";
import { backoffDelay } from "./backoff.js";
import { fanOut } from "./fan-out.js";
import { nextPollAfterSuccess, retirementReason, shouldNotifyOutage } from "./lifecycle.js";
import type { PageReader } from "./page-reader.js";

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
	summaryLimitFor: (platform: Platform) => number;
	/** Reads a blog's page (the relay's page reader: guard, limits, read cap, extract workers). */
	readPage: PageReader["read"];
	/** Called after deliveries were written, with the target keys that got them. */
	onEnqueued: (targetKeys: TargetKey[]) => void;
	events?: WatcherEvents | undefined;
}

const FAILURE_BACKOFF = { baseMs: 30_000, maxMs: 30 * 60_000 };
/** Instances' cron ticks for one schedule slot fire within this of each other. */
const TICK_SLACK_MS = 500;
/** Consecutive failures before a blog is shown as unreachable. */
export const UNREACHABLE_AFTER = 3;

/** Polls blogs; every failure is contained to its blog. */
export class Watcher {
	constructor(private readonly deps: WatcherDeps) {}

	/**
	 * Polls one blog now (or records a prefetched page). Never throws for source faults. Holds the
	 * blog's lease, so one instance polls it at a time; `tickStartedAt` skips a blog that another
	 * instance already polled during the same schedule tick.
	 */
	poll(
		blogKey: string,
		options: { prefetched?: PrefetchedPage; tickStartedAt?: number } = {},
	): Promise<PollOutcome> {
		return this.deps.store.withLocalLock(KEYS.pollLease(blogKey), async () => {
			const ttl = this.deps.config.leaseTtlMs;
			const take = () =>
				holdLease(this.deps.store.coordinator, KEYS.pollLease(blogKey), ttl, (error) =>
					this.deps.log.warn(
						{ err: toError(error), blog: blogKey },
						"could not renew the poll lease",
					),
				);
			let lease = await take();
			// A subscribe must record its page; wait for another instance's poll to finish.
			for (let i = 0; !lease && options.prefetched && i < 300; i++) {
				await new Promise((r) => setTimeout(r, 100));
				lease = await take();
			}
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
		// Only instances sharing a Redis can poll the same tick twice; one SQLite process spares the write.
		if (tick !== undefined && !prefetched && this.deps.store.kind === "redis") {
			// Every instance's cron fires on the same tick; the first to take the lease polls for all.
			if (record.lastTickAt !== undefined && Math.abs(record.lastTickAt - tick) < TICK_SLACK_MS) {
				return { status: "skipped" };
			}
			await state.updateBlog(blogKey, (r) => ({ ...r, lastTickAt: tick }));
		}
		let page: PrefetchedPage;
		try {
			if (prefetched) {
				page = prefetched;
			} else {
				const read = await this.deps.readPage(record.url, record, new Date(now()));
				if (read.status !== "ok") {
					await this.recordSuccess(record, undefined);
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
			await this.recordFailure(record, err);
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
		const seen = await state.getSeen(record.key);
		const diff = diffEntries(page.blog.entries, seen);
		if (diff.floodGuarded) {
			log.warn(
				{ url: record.url },
				"every entry id changed at once; only entries newer than the newest seen count as new",
			);
		}
		let skipped = 0;
		if (diff.movedIds.size > 0) {
			log.info({ url: record.url, count: diff.movedIds.size }, "seen entries found under new ids");
		}
		if (diff.added.length > 0) {
			const blogInfo = { key: record.key, url: record.url, title: page.blog.title || record.title };
			const result = await fanOut(
				this.deps,
				blogInfo,
				diff.added,
				this.deps.config.maxNewEntriesPerPoll,
			);
			skipped = result.skipped;
			log.info(
				{ url: record.url, added: diff.added.length, skipped, targets: result.targets },
				"new entries detected",
			);
		}
		await state.putSeen(record.key, diff.nextSeen);
		await state.putRecent(record.key, page.blog.entries);
		const newest = page.blog.entries.reduce<number | undefined>((max, e) => {
			const t = e.publishedAt?.getTime();
			return t !== undefined && (max === undefined || t > max) ? t : max;
		}, undefined);
		await this.recordSuccess(record, page, diff.added.length > 0, newest);
		return {
			status: "polled",
			added: diff.added,
			edited: diff.edited,
			seeded: diff.seeded,
			skipped,
		};
	}

	private async recordSuccess(
		record: BlogRecord,
		page: PrefetchedPage | undefined,
		sawNew = false,
		newestEntryAt?: number,
	): Promise<void> {
		const t = this.deps.now();
		const updated = await this.deps.state.updateBlog(record.key, (current) => {
			const endTime = page ? page.blog.coverageEndTime?.getTime() : current.coverageEndTime;
			// An unchanged page can still end: its coverageEndTime passes while the bytes stay the same.
			const isLive =
				(page ? page.blog.isLive : current.isLive) && !(endTime !== undefined && endTime <= t);
			const next: BlogRecord = {
				...current,
				title: page?.blog.title || current.title,
				etag: page ? page.etag : current.etag,
				bodyHash: page ? page.bodyHash : current.bodyHash,
				coverageEndTime: endTime,
				lastModified: page ? page.lastModified : current.lastModified,
				lastPollAt: t,
				lastSuccessAt: t,
				lastNewEntryAt: sawNew ? t : current.lastNewEntryAt,
				lastEntryAt: newestEntryAt ?? current.lastEntryAt,
				failures: 0,
				failingSince: undefined,
				lastError: undefined,
				outageNotified: false,
				isLive,
				status: isLive ? "ok" : "ended",
				endedAt: isLive ? undefined : (current.endedAt ?? t),
			};
			return { ...next, nextPollAt: nextPollAfterSuccess(next, t) };
		});
		if (!updated) return;
		if (record.outageNotified) await this.notify(updated, "source-recovered");
		const retire = retirementReason(updated, t);
		if (retire) await this.retire(updated, retire);
	}

	private async recordFailure(record: BlogRecord, error: Error): Promise<void> {
		const t = this.deps.now();
		const failures = record.failures + 1;
		const retryAfter = error instanceof FetchError ? (error.retryAfterMs ?? 0) : 0;
		const delay = Math.max(retryAfter, backoffDelay(failures, FAILURE_BACKOFF));
		this.deps.log.warn(
			{ url: record.url, failures, retryInMs: delay, err: error.message },
			"poll failed",
		);
		const updated = await this.deps.state.updateBlog(record.key, (current) => ({
			...current,
			lastPollAt: t,
			failures,
			failingSince: current.failingSince ?? t,
			lastError: error.message,
			nextPollAt: t + delay,
			status:
				failures >= UNREACHABLE_AFTER ? "unreachable" : current.status === "ended" ? "ended" : "ok",
		}));
		if (updated && shouldNotifyOutage(updated, t)) {
			await this.deps.state.updateBlog(record.key, (current) => ({
				...current,
				outageNotified: true,
			}));
			await this.notify(updated, "source-unreachable", updated.failingSince);
		}
	}

	/** Tells every subscriber of a blog something about it, through the outbox. */
	private async notify(record: BlogRecord, kind: Notice["kind"], since?: number): Promise<void> {
		const t = this.deps.now();
		const targets = await this.deps.subs.targetsOf(record.key);
		const keys: TargetKey[] = [];
		for (const tKey of targets) {
			const added = await this.deps.outbox.enqueue(tKey, [
				{
					blogKey: record.key,
					entryId: KEYS.notice(kind, since ?? t),
					notice: { kind, blogUrl: record.url, blogTitle: record.title, since },
					enqueuedAt: t,
					attempts: 0,
				},
			]);
			if (added) keys.push(tKey);
		}
		this.deps.log.info({ url: record.url, kind, targets: targets.length }, "notice queued");
		if (keys.length) this.deps.onEnqueued(keys);
	}

	/** Ends watching a blog that ended or went quiet: subscribers are told, then unsubscribed. */
	private async retire(record: BlogRecord, reason: "ended" | "quiet"): Promise<void> {
		this.deps.log.info({ url: record.url, reason }, "retiring live blog");
		await this.notify(record, "blog-ended", record.endedAt);
		// The farewell notice just queued still goes out: retirement keeps pending deliveries.
		await retireBlog(this.deps, record.key);
	}
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
