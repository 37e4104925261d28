/**
 * A blog's life as pure functions of its record: what a poll result makes of it (nextRecord), when
 * to poll it next, when to tell subscribers about an outage, and when to retire it.
 */
import type { BlogRecord } from "../store/watch-state.js";
import { backoffDelay } from "./backoff.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Subscribers are told once when a blog has been unreachable this long. */
export const OUTAGE_NOTICE_AFTER_MS = HOUR;
/** A blog without a new entry for this long is polled at the quiet rate. */
export const QUIET_AFTER_MS = 24 * HOUR;
/** Quiet blogs are polled at most this often. */
export const QUIET_POLL_INTERVAL_MS = 30 * MINUTE;
/** Ended blogs (coverageEndTime passed) are polled at most this often. */
export const ENDED_POLL_INTERVAL_MS = HOUR;
/** An ended blog is retired (subscribers told, subscriptions dropped) after this long. */
export const RETIRE_ENDED_AFTER_MS = 24 * HOUR;
/** A blog with no new entry for this long is retired even if it never says it ended. */
export const RETIRE_QUIET_AFTER_MS = 7 * 24 * HOUR;

/** A blog whose polls took over half the fetch timeout this many times running is "consistently slow". */
export const SLOW_POLLS_BEFORE_BACKOFF = 3;
/** A consistently slow blog is polled at most this often (it holds a slot for most of a timeout). */
export const SLOW_POLL_INTERVAL_MS = 2 * MINUTE;

/**
 * Adaptive polling: [quiet for at least, poll at most every]. A blog that posted recently is polled
 * at every tick of POLL_SCHEDULE (the fast rate, never faster); the longer it stays quiet, the slower.
 */
export const ADAPTIVE_STEPS: readonly [quietForMs: number, minGapMs: number][] = [
	[QUIET_AFTER_MS, QUIET_POLL_INTERVAL_MS],
	[3 * HOUR, 5 * MINUTE],
	[30 * MINUTE, 2 * MINUTE],
];

/** Consecutive failures before a blog is shown as unreachable. */
export const UNREACHABLE_AFTER = 3;
/**
 * Backoff of a failing blog: 30 s doubling per failure, at most 3.5 minutes ±20% and never over
 * FAILURE_RETRY_CEILING_MS. Live news cannot wait half an hour after a site comes back; a Retry-After
 * still wins, and a POLL_SCHEDULE slower than that polls at its own ticks anyway, so the longest gap
 * between two tries is max(poll interval, 4 min).
 */
export const FAILURE_BACKOFF = { baseMs: 30_000, maxMs: 3.5 * MINUTE } as const;
/**
 * Longest wait between two tries of a failing blog (without Retry-After). Whole minutes because node-cron
 * ticks on them: a try 4 min after the last lands on a tick at most 5 min after it, so an entry published
 * just after a site recovered is read within 5 minutes at the default schedule.
 */
export const FAILURE_RETRY_CEILING_MS = 4 * MINUTE;
/**
 * After a restart, failing blogs are tried again within this long, each at a random moment so that a
 * restart does not send every failing blog of one host at once (the host pool limits the rest).
 */
export const RESTART_RETRY_SPREAD_MS = 90_000;

/** What a parsed page says about its blog (the fields of the record a page sets). */
export interface PageFacts {
	title: string;
	isLive: boolean;
	/** schema.org coverageEndTime, ms. */
	coverageEndTime?: number | undefined;
	etag?: string | undefined;
	lastModified?: string | undefined;
	bodyHash?: string | undefined;
}

/** One thing that happened to a blog, as nextRecord folds it into the record. */
export type PollResult =
	/** A page was read and diffed: `sawNew` when it had new entries. */
	| { status: "ok"; page: PageFacts; sawNew: boolean; newestEntryAt?: number | undefined }
	/** The source answered 304, or sent the same bytes as last time. */
	| { status: "not-modified" | "unchanged" }
	/** The poll failed; `retryAfterMs` is the source's Retry-After, if it sent one. */
	| { status: "failed"; error: string; retryAfterMs?: number | undefined }
	/** A poll (of any result) took `durationMs`; over `slowAfterMs` it counts as slow. */
	| { status: "took"; durationMs: number; slowAfterMs: number };

/**
 * The record after `result` at `now`. Pure: `random` is the jitter source of the failure backoff
 * (injected by tests). A "took" result that changes nothing returns `current` itself, so the caller
 * can skip the write.
 */
export function nextRecord(
	current: BlogRecord,
	result: PollResult,
	now: number,
	random: () => number = Math.random,
): BlogRecord {
	switch (result.status) {
		case "ok":
		case "not-modified":
		case "unchanged":
			return afterSuccess(current, result.status === "ok" ? result : undefined, now);
		case "failed":
			return afterFailure(current, result.error, result.retryAfterMs ?? 0, now, random);
		case "took":
			return afterPollDuration(current, result.durationMs, result.slowAfterMs, now);
	}
}

function afterSuccess(
	current: BlogRecord,
	read: { page: PageFacts; sawNew: boolean; newestEntryAt?: number | undefined } | undefined,
	now: number,
): BlogRecord {
	const page = read?.page;
	const endTime = page ? page.coverageEndTime : current.coverageEndTime;
	// An unchanged page can still end: its coverageEndTime passes while the bytes stay the same.
	const isLive =
		(page ? page.isLive : current.isLive) && !(endTime !== undefined && endTime <= now);
	const next: BlogRecord = {
		...current,
		title: page?.title || current.title,
		etag: page ? page.etag : current.etag,
		bodyHash: page ? page.bodyHash : current.bodyHash,
		coverageEndTime: endTime,
		lastModified: page ? page.lastModified : current.lastModified,
		lastPollAt: now,
		lastSuccessAt: now,
		lastNewEntryAt: read?.sawNew ? now : current.lastNewEntryAt,
		lastEntryAt: read?.newestEntryAt ?? current.lastEntryAt,
		failures: 0,
		failingSince: undefined,
		lastError: undefined,
		retryAfterUntil: undefined,
		outageNotified: false,
		isLive,
		status: isLive ? "ok" : "ended",
		endedAt: isLive ? undefined : (current.endedAt ?? now),
	};
	return { ...next, nextPollAt: nextPollAfterSuccess(next, now) };
}

function afterFailure(
	current: BlogRecord,
	error: string,
	retryAfterMs: number,
	now: number,
	random: () => number,
): BlogRecord {
	const failures = current.failures + 1;
	const backoff = Math.min(
		FAILURE_RETRY_CEILING_MS,
		backoffDelay(failures, { ...FAILURE_BACKOFF, random }),
	);
	const next: BlogRecord = {
		...current,
		lastPollAt: now,
		// Kept apart from nextPollAt so a restart, which retries failing blogs soon, still honours it.
		retryAfterUntil: retryAfterMs > backoff ? now + retryAfterMs : undefined,
		failures,
		failingSince: current.failingSince ?? now,
		lastError: error,
		nextPollAt: now + Math.max(retryAfterMs, backoff),
		status:
			failures >= UNREACHABLE_AFTER ? "unreachable" : current.status === "ended" ? "ended" : "ok",
	};
	// Marked in the same write that crosses the threshold, so the outage is announced once.
	return shouldNotifyOutage(next, now) ? { ...next, outageNotified: true } : next;
}

/** Notices a record change calls for: recovery, an outage (once), retirement. */
export interface RecordTransitions {
	recovered: boolean;
	unreachable: boolean;
	retire: "ended" | "quiet" | undefined;
}

/** What `result` changed from `before` to `after` (nextRecord's) that subscribers hear of. */
export function transitions(
	before: BlogRecord,
	after: BlogRecord,
	result: PollResult,
	now: number,
): RecordTransitions {
	// Only a source that answered can have recovered or ended; a failure never retires a blog.
	const succeeded = result.status !== "failed" && result.status !== "took";
	return {
		recovered: succeeded && before.outageNotified === true,
		unreachable: !before.outageNotified && after.outageNotified === true,
		retire: succeeded ? retirementReason(after, now) : undefined,
	};
}

/** Earliest next poll after a successful one; undefined means "every tick". */
export function nextPollAfterSuccess(record: BlogRecord, now: number): number | undefined {
	if (record.status === "ended") return now + ENDED_POLL_INTERVAL_MS;
	const quietFor = now - (record.lastNewEntryAt ?? record.createdAt);
	for (const [threshold, gap] of ADAPTIVE_STEPS) {
		// Leave a little slack so a gap of "2 minutes" still lands on the tick at 2 minutes.
		if (quietFor >= threshold) return now + gap - 2_000;
	}
	return undefined;
}

/**
 * The record as a (re)start finds it, with its next poll brought forward where it waits too long:
 * a failing blog is tried again within RESTART_RETRY_SPREAD_MS (at a random moment; a Retry-After still
 * pending wins), and any other blog waits at most what its state calls for now. Older versions kept
 * failing blogs waiting up to 30 minutes; this clamps those too. Returns `record` itself when
 * nothing changes, so the caller can skip the write.
 */
export function recordOnRestart(
	record: BlogRecord,
	now: number,
	random: () => number = Math.random,
): BlogRecord {
	const planned = record.nextPollAt;
	if (planned === undefined || planned <= now) return record;
	let latest: number;
	if (record.failures > 0) {
		const retryAfter = record.retryAfterUntil ?? 0;
		latest = retryAfter > now ? retryAfter : now + Math.round(random() * RESTART_RETRY_SPREAD_MS);
	} else {
		latest = nextPollAfterSuccess(record, now) ?? now;
		if ((record.slowPolls ?? 0) >= SLOW_POLLS_BEFORE_BACKOFF) {
			latest = Math.max(latest, now + SLOW_POLL_INTERVAL_MS - 2_000);
		}
	}
	return latest < planned ? { ...record, nextPollAt: latest } : record;
}

/** Whether the blog should be retired now, and why. */
export function retirementReason(record: BlogRecord, now: number): "ended" | "quiet" | undefined {
	if (
		record.status === "ended" &&
		record.endedAt !== undefined &&
		now - record.endedAt >= RETIRE_ENDED_AFTER_MS
	) {
		return "ended";
	}
	const lastActivity = record.lastNewEntryAt ?? record.createdAt;
	if (record.status !== "unreachable" && now - lastActivity >= RETIRE_QUIET_AFTER_MS)
		return "quiet";
	return undefined;
}

/** Whether subscribers should now be told that the blog is unreachable (once per outage). */
export function shouldNotifyOutage(record: BlogRecord, now: number): boolean {
	return (
		!record.outageNotified &&
		record.failingSince !== undefined &&
		now - record.failingSince >= OUTAGE_NOTICE_AFTER_MS
	);
}

/**
 * The record after a poll that took `durationMs`: counts consecutive slow polls (over `slowAfterMs`)
 * and moves a consistently slow blog's next poll to at least SLOW_POLL_INTERVAL_MS away. Returns
 * `record` itself when nothing changes, so the caller can skip the write.
 */
function afterPollDuration(
	record: BlogRecord,
	durationMs: number,
	slowAfterMs: number,
	now: number,
): BlogRecord {
	if (durationMs <= slowAfterMs) {
		return record.slowPolls ? { ...record, slowPolls: 0 } : record;
	}
	const slowPolls = (record.slowPolls ?? 0) + 1;
	if (slowPolls < SLOW_POLLS_BEFORE_BACKOFF) return { ...record, slowPolls };
	// Same slack as the adaptive steps, so "every 2 minutes" lands on the tick at 2 minutes.
	const earliest = now + SLOW_POLL_INTERVAL_MS - 2_000;
	return { ...record, slowPolls, nextPollAt: Math.max(record.nextPollAt ?? 0, earliest) };
}
