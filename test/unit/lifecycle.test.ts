import { describe, expect, it } from "vitest";
import {
	FAILURE_RETRY_CEILING_MS,
	nextPollAfterSuccess,
	nextRecord,
	type PageFacts,
	type PollResult,
	RESTART_RETRY_SPREAD_MS,
	recordOnRestart,
	retirementReason,
	SLOW_POLL_INTERVAL_MS,
	shouldNotifyOutage,
	transitions,
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

const page = (overrides: Partial<PageFacts> = {}): PageFacts => ({
	title: "New title",
	isLive: true,
	etag: '"e2"',
	lastModified: "Wed, 11 Sep 2024 11:00:00 GMT",
	bodyHash: "h2",
	...overrides,
});
const ok = (overrides: Partial<PageFacts> = {}, sawNew = false, newestEntryAt?: number) =>
	({ status: "ok", page: page(overrides), sawNew, newestEntryAt }) as const;
const failed = (retryAfterMs?: number): PollResult => ({
	status: "failed",
	error: "boom",
	retryAfterMs,
});
const took = (durationMs: number): PollResult => ({
	status: "took",
	durationMs,
	slowAfterMs: 7_500,
});
/** Jitter of 0.5 is none: backoff delays are exactly base·2^(n-1). */
const noJitter = () => 0.5;

describe("nextRecord", () => {
	const known = blog({
		etag: '"e1"',
		lastModified: "old",
		bodyHash: "h1",
		lastNewEntryAt: NOW - 10 * MIN,
		lastEntryAt: NOW - 20 * MIN,
	});
	const failing = blog({
		...known,
		failures: 2,
		failingSince: NOW - 30 * MIN,
		lastError: "earlier",
		nextPollAt: NOW - 1,
	});
	const outage = blog({
		...failing,
		failures: 5,
		status: "unreachable",
		failingSince: NOW - 2 * HOUR,
		outageNotified: true,
	});
	it.each<[string, BlogRecord, PollResult, Partial<BlogRecord>]>([
		[
			"a page with new entries sets validators, title and activity",
			known,
			ok({}, true, NOW - MIN),
			{
				etag: '"e2"',
				lastModified: "Wed, 11 Sep 2024 11:00:00 GMT",
				bodyHash: "h2",
				title: "New title",
				lastPollAt: NOW,
				lastSuccessAt: NOW,
				lastNewEntryAt: NOW,
				lastEntryAt: NOW - MIN,
				nextPollAt: undefined,
				status: "ok",
			},
		],
		[
			"a page without new entries keeps the last activity",
			known,
			ok(),
			{ lastNewEntryAt: NOW - 10 * MIN, lastEntryAt: NOW - 20 * MIN, lastSuccessAt: NOW },
		],
		["an untitled page keeps the title", known, ok({ title: "" }), { title: "t" }],
		[
			"a page that says it is over ends the blog",
			known,
			ok({ isLive: false }),
			{ isLive: false, status: "ended", endedAt: NOW, nextPollAt: NOW + HOUR },
		],
		[
			"a page whose coverage ended ends the blog",
			known,
			ok({ coverageEndTime: NOW - MIN }),
			{ status: "ended", endedAt: NOW, coverageEndTime: NOW - MIN },
		],
		[
			"an ended blog keeps the time it ended",
			blog({ ...known, status: "ended", isLive: false, endedAt: NOW - HOUR }),
			ok({ isLive: false }),
			{ endedAt: NOW - HOUR },
		],
		[
			"a page after failures clears them and the outage",
			outage,
			ok(),
			{
				failures: 0,
				failingSince: undefined,
				lastError: undefined,
				outageNotified: false,
				status: "ok",
			},
		],
		[
			"a 304 keeps the validators and clears failures",
			failing,
			{ status: "not-modified" },
			{
				etag: '"e1"',
				lastModified: "old",
				bodyHash: "h1",
				title: "t",
				failures: 0,
				lastPollAt: NOW,
			},
		],
		[
			"unchanged bytes still end a blog whose coverage end passed",
			blog({ ...known, coverageEndTime: NOW - MIN }),
			{ status: "unchanged" },
			{ status: "ended", isLive: false, endedAt: NOW, bodyHash: "h1" },
		],
		[
			"a quiet blog is polled at the quiet rate",
			blog({ lastNewEntryAt: NOW - 2 * 24 * HOUR }),
			{ status: "unchanged" },
			{ nextPollAt: NOW + 30 * MIN - 2_000 },
		],
		[
			"a first failure backs off 30 s and starts the outage clock",
			known,
			failed(),
			{
				failures: 1,
				failingSince: NOW,
				lastError: "boom",
				lastPollAt: NOW,
				lastSuccessAt: undefined,
				nextPollAt: NOW + 30_000,
				status: "ok",
				etag: '"e1"',
			},
		],
		[
			"a longer Retry-After wins over the backoff",
			known,
			failed(10 * MIN),
			{ failures: 1, nextPollAt: NOW + 10 * MIN },
		],
		[
			"a shorter Retry-After does not shorten the backoff",
			failing,
			failed(1_000),
			{ nextPollAt: NOW + 120_000 },
		],
		[
			"the third failure running shows the blog unreachable",
			failing,
			failed(),
			{
				failures: 3,
				status: "unreachable",
				failingSince: NOW - 30 * MIN,
				outageNotified: undefined,
			},
		],
		[
			"a failing ended blog stays ended below the threshold",
			blog({ ...known, status: "ended", isLive: false }),
			failed(),
			{ status: "ended" },
		],
		[
			"an hour into an outage marks it for the one notice",
			blog({ ...failing, failingSince: NOW - 61 * MIN }),
			failed(),
			{ outageNotified: true },
		],
		[
			"the backoff is capped at 3.5 minutes (before jitter), so a recovered site is read again within 5",
			blog({ ...outage, failures: 20 }),
			failed(),
			{ failures: 21, nextPollAt: NOW + 3.5 * MIN, outageNotified: true },
		],
		[
			"a Retry-After longer than the backoff is kept apart for a restart",
			known,
			failed(20 * MIN),
			{ nextPollAt: NOW + 20 * MIN, retryAfterUntil: NOW + 20 * MIN },
		],
		[
			"a success forgets the Retry-After",
			blog({ ...outage, retryAfterUntil: NOW + MIN }),
			ok(),
			{ retryAfterUntil: undefined, failures: 0 },
		],
		["one slow poll is counted", known, took(9_000), { slowPolls: 1, nextPollAt: undefined }],
		[
			"the third slow poll running slows the blog down",
			blog({ ...known, slowPolls: 2 }),
			took(9_000),
			{ slowPolls: 3, nextPollAt: NOW + SLOW_POLL_INTERVAL_MS - 2_000 },
		],
		[
			"a slow blog's later backoff is kept",
			blog({ ...known, slowPolls: 2, nextPollAt: NOW + HOUR }),
			took(9_000),
			{ nextPollAt: NOW + HOUR },
		],
		[
			"one fast poll forgets slowness",
			blog({ ...known, slowPolls: 2 }),
			took(100),
			{ slowPolls: 0 },
		],
	])("%s", (_label, current, result, expected) => {
		const before = structuredClone(current);
		const next = nextRecord(current, result, NOW, noJitter);
		for (const [field, value] of Object.entries(expected)) {
			expect(next[field as keyof BlogRecord], field).toEqual(value);
		}
		// Pure: the input record is never changed.
		expect(current).toEqual(before);
	});

	it("jitters the failure backoff by up to ±20%", () => {
		expect(nextRecord(blog(), failed(), NOW, () => 0).nextPollAt).toBe(NOW + 24_000);
		expect(nextRecord(blog(), failed(), NOW, () => 1).nextPollAt).toBe(NOW + 36_000);
	});

	it("never waits more than the 4-minute ceiling, whatever the jitter", () => {
		const long = blog({ failures: 30 });
		expect(nextRecord(long, failed(), NOW, () => 0.999).nextPollAt).toBe(
			NOW + FAILURE_RETRY_CEILING_MS,
		);
		expect(nextRecord(long, failed(), NOW, () => 0).nextPollAt).toBe(NOW + 2.8 * MIN);
	});

	it("returns the record itself when a fast poll changes nothing (no write needed)", () => {
		const fast = blog();
		expect(nextRecord(fast, took(100), NOW)).toBe(fast);
	});
});

describe("transitions", () => {
	const notified = blog({ failures: 4, status: "unreachable", outageNotified: true });
	it.each<
		[string, BlogRecord, PollResult, { recovered: boolean; unreachable: boolean; retire?: string }]
	>([
		[
			"a success after an announced outage",
			notified,
			{ status: "unchanged" },
			{ recovered: true, unreachable: false },
		],
		[
			"a success without an outage",
			blog({ lastNewEntryAt: NOW }),
			ok(),
			{ recovered: false, unreachable: false },
		],
		[
			"the failure an hour into an outage",
			blog({ failures: 3, failingSince: NOW - 61 * MIN }),
			failed(),
			{ recovered: false, unreachable: true },
		],
		["a failure after the notice", notified, failed(), { recovered: false, unreachable: false }],
		[
			"a success a day after the blog ended",
			blog({
				status: "ended",
				isLive: false,
				endedAt: NOW - 25 * HOUR,
				lastNewEntryAt: NOW - HOUR,
			}),
			ok({ isLive: false }),
			{ recovered: false, unreachable: false, retire: "ended" },
		],
		[
			"a success after a silent week",
			blog({ lastNewEntryAt: NOW - 8 * 24 * HOUR }),
			{ status: "not-modified" },
			{ recovered: false, unreachable: false, retire: "quiet" },
		],
		[
			"a failure after a silent week (an answer is needed to retire)",
			blog({ lastNewEntryAt: NOW - 8 * 24 * HOUR }),
			failed(),
			{ recovered: false, unreachable: false },
		],
	])("%s", (_label, before, result, expected) => {
		const after = nextRecord(before, result, NOW, noJitter);
		expect(transitions(before, after, result, NOW)).toEqual({ retire: undefined, ...expected });
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

describe("recordOnRestart", () => {
	it.each<[string, Partial<BlogRecord>, number, number | undefined]>([
		[
			"a failing blog an older version left for 30 minutes is tried at once",
			{ failures: 9, nextPollAt: NOW + 30 * MIN },
			0,
			NOW,
		],
		[
			"…or at a random moment within the spread",
			{ failures: 9, nextPollAt: NOW + 30 * MIN },
			0.5,
			NOW + RESTART_RETRY_SPREAD_MS / 2,
		],
		[
			"a failing blog due sooner keeps its time",
			{ failures: 1, nextPollAt: NOW + 20_000 },
			0.5,
			NOW + 20_000,
		],
		[
			"a pending Retry-After is honoured",
			{ failures: 1, nextPollAt: NOW + 30 * MIN, retryAfterUntil: NOW + 20 * MIN },
			0,
			NOW + 20 * MIN,
		],
		[
			"a Retry-After that passed is not",
			{ failures: 1, nextPollAt: NOW + 30 * MIN, retryAfterUntil: NOW - MIN },
			0,
			NOW,
		],
		[
			"a healthy, active blog waits for no stale time",
			{ lastNewEntryAt: NOW - MIN, nextPollAt: NOW + 30 * MIN },
			0,
			NOW,
		],
		[
			"a quiet blog waits its quiet gap at most",
			{ lastNewEntryAt: NOW - 4 * HOUR, nextPollAt: NOW + 30 * MIN },
			0,
			NOW + 5 * MIN - 2_000,
		],
		[
			"an ended blog keeps its hourly poll",
			{ status: "ended", lastNewEntryAt: NOW, nextPollAt: NOW + 40 * MIN },
			0,
			NOW + 40 * MIN,
		],
		["a due blog stays due", { failures: 3, nextPollAt: NOW - MIN }, 0, NOW - MIN],
		["a blog without a planned poll stays so", { lastNewEntryAt: NOW }, 0, undefined],
	])("%s", (_label, fields, jitter, expected) => {
		const record = blog(fields);
		expect(recordOnRestart(record, NOW, () => jitter).nextPollAt).toBe(expected);
	});

	it("returns the record itself when nothing changes (no write needed)", () => {
		const record = blog({ failures: 1, nextPollAt: NOW + 10_000 });
		expect(recordOnRestart(record, NOW, () => 0.9)).toBe(record);
	});
});
