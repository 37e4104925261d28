import { describe, expect, it } from "vitest";
import {
	afterPollDuration,
	nextPollAfterSuccess,
	retirementReason,
	SLOW_POLL_INTERVAL_MS,
	shouldNotifyOutage,
} from "../../src/relay/lifecycle.js";
import type { BlogRecord } from "../../src/store/watch-state.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2024, 8, 11, 12, 0, 0);

function blog(overrides: Partial<BlogRecord> = {}): BlogRecord {
	return {
		key: "k",
		url: "u",
		title: "t",
		aliases: [],
		createdAt: NOW - 48 * HOUR,
		failures: 0,
		status: "ok",
		isLive: true,
		...overrides,
	};
}

describe("adaptive polling", () => {
	it.each([
		["posted a minute ago", 1 * MIN, undefined],
		["quiet for 29 minutes", 29 * MIN, undefined],
		["quiet for 45 minutes", 45 * MIN, 2 * MIN - 2_000],
		["quiet for 4 hours", 4 * HOUR, 5 * MIN - 2_000],
		["quiet for 2 days", 48 * HOUR, 30 * MIN - 2_000],
	])("a blog that %s waits %s ms", (_label, quietFor, gap) => {
		const next = nextPollAfterSuccess(blog({ lastNewEntryAt: NOW - quietFor }), NOW);
		expect(next === undefined ? undefined : next - NOW).toBe(gap);
	});

	it("polls an ended blog hourly", () => {
		expect(nextPollAfterSuccess(blog({ status: "ended", lastNewEntryAt: NOW }), NOW)).toBe(
			NOW + HOUR,
		);
	});
});

describe("slow blogs", () => {
	const SLOW = 7_500;
	it("polls a blog less often once three polls running took over half the timeout", () => {
		let record = blog({ lastNewEntryAt: NOW });
		record = afterPollDuration(record, 9_000, SLOW, NOW);
		record = afterPollDuration(record, 9_000, SLOW, NOW);
		expect(record.slowPolls).toBe(2);
		expect(record.nextPollAt).toBeUndefined();
		record = afterPollDuration(record, 9_000, SLOW, NOW);
		expect(record.slowPolls).toBe(3);
		expect(record.nextPollAt).toBe(NOW + SLOW_POLL_INTERVAL_MS - 2_000);
		// A later backoff (a failing site) is kept, not shortened.
		const failing = afterPollDuration({ ...record, nextPollAt: NOW + HOUR }, 9_000, SLOW, NOW);
		expect(failing.nextPollAt).toBe(NOW + HOUR);
	});

	it("forgets slowness after one fast poll, and writes nothing for a blog that was never slow", () => {
		const fast = blog();
		expect(afterPollDuration(fast, 100, SLOW, NOW)).toBe(fast);
		const slow = afterPollDuration(blog({ slowPolls: 2 }), 9_000, SLOW, NOW);
		expect(afterPollDuration(slow, 100, SLOW, NOW).slowPolls).toBe(0);
		// Between fast polls, one slow poll does not slow the blog down.
		expect(afterPollDuration(blog(), 9_000, SLOW, NOW).nextPollAt).toBeUndefined();
	});
});

describe("retirement and outage notices", () => {
	it("retires an ended blog after a day and a silent one after a week", () => {
		expect(
			retirementReason(
				blog({ status: "ended", endedAt: NOW - 23 * HOUR, lastNewEntryAt: NOW }),
				NOW,
			),
		).toBeUndefined();
		expect(
			retirementReason(
				blog({ status: "ended", endedAt: NOW - 25 * HOUR, lastNewEntryAt: NOW }),
				NOW,
			),
		).toBe("ended");
		expect(retirementReason(blog({ lastNewEntryAt: NOW - 8 * 24 * HOUR }), NOW)).toBe("quiet");
		expect(
			retirementReason(blog({ status: "unreachable", lastNewEntryAt: NOW - 8 * 24 * HOUR }), NOW),
		).toBeUndefined();
	});

	it("notifies an outage once, after an hour", () => {
		expect(shouldNotifyOutage(blog({ failingSince: NOW - 59 * MIN }), NOW)).toBe(false);
		expect(shouldNotifyOutage(blog({ failingSince: NOW - 61 * MIN }), NOW)).toBe(true);
		expect(
			shouldNotifyOutage(blog({ failingSince: NOW - 61 * MIN, outageNotified: true }), NOW),
		).toBe(false);
	});
});
