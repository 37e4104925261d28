/** When to poll a blog, when to tell subscribers about an outage, and when to retire a blog. */
import type { BlogRecord } from "../store/watch-state.js";

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
export function afterPollDuration(
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
