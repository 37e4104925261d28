import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPacer, type Pacer, type Release } from "../../adapters/telegram/pacing.js";

/**
 * Acquires a slot for every chat at once and records when each was granted (fake time). Each send
 * is "answered" `answerAfterMs` after its grant.
 */
async function grantTimes(
	pacer: Pacer,
	chats: string[],
	untilMs: number,
	answerAfterMs = 0,
): Promise<{ chat: string; at: number }[]> {
	const grants: { chat: string; at: number }[] = [];
	for (const chat of chats) {
		void pacer.acquire(chat).then((release) => {
			if (!release) return;
			grants.push({ chat, at: Date.now() });
			if (answerAfterMs === 0) release();
			else setTimeout(release, answerAfterMs);
		});
	}
	await vi.advanceTimersByTimeAsync(untilMs);
	return grants;
}

const fast = { globalPerSecond: 1000, perChatIntervalMs: 0, safetyMargin: 0 };

describe("createPacer", () => {
	beforeEach(() => {
		vi.useFakeTimers({ now: 0 });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it("spaces sends evenly at the global rate and never exceeds it in any second", async () => {
		const pacer = createPacer({ globalPerSecond: 10, safetyMargin: 0 }, () => Date.now());
		const chats = Array.from({ length: 25 }, (_, i) => String(i + 1));
		const grants = await grantTimes(pacer, chats, 3000);
		expect(grants.map((g) => g.chat)).toEqual(chats);
		expect(grants.slice(0, 3).map((g) => g.at)).toEqual([0, 100, 200]);
		for (const g of grants) {
			expect(grants.filter((o) => o.at >= g.at && o.at < g.at + 1000).length).toBeLessThanOrEqual(
				10,
			);
		}
	});

	it("counts the window from the answer, so slow answers slow the sends", async () => {
		const pacer = createPacer({ globalPerSecond: 2, perChatIntervalMs: 0, safetyMargin: 0 }, () =>
			Date.now(),
		);
		// Answers take 300 ms: the 3rd send waits for the 1st answer (at 300) plus a second.
		const grants = await grantTimes(pacer, ["a", "b", "c"], 3000, 300);
		expect(grants.map((g) => g.at)).toEqual([0, 500, 1300]);
	});

	it("adds the safety margin to the window", async () => {
		const pacer = createPacer({ globalPerSecond: 2, perChatIntervalMs: 0, safetyMargin: 0.1 }, () =>
			Date.now(),
		);
		const grants = await grantTimes(pacer, ["a", "b", "c"], 3000);
		expect(grants.map((g) => g.at)).toEqual([0, 500, 1100]);
	});

	it("keeps one chat to one message per interval without holding up other chats", async () => {
		const pacer = createPacer({ ...fast, perChatIntervalMs: 1000 }, () => Date.now());
		const grants = await grantTimes(pacer, ["7", "7", "8", "7"], 5000);
		expect(grants).toEqual([
			{ chat: "7", at: 0 },
			{ chat: "8", at: 1 },
			{ chat: "7", at: 1000 },
			{ chat: "7", at: 2000 },
		]);
	});

	it("allows a group 20 messages per minute", async () => {
		const pacer = createPacer({ ...fast, perGroupPerMinute: 20 }, () => Date.now());
		const grants = await grantTimes(pacer, Array(25).fill("-100"), 70_000);
		expect(grants).toHaveLength(25);
		expect(grants[19]?.at).toBeLessThan(1000);
		expect(grants[20]?.at).toBe(60_000);
	});

	it("does not apply the group limit to private chats", async () => {
		const pacer = createPacer({ ...fast, perGroupPerMinute: 20 }, () => Date.now());
		const grants = await grantTimes(pacer, Array(25).fill("100"), 1000);
		expect(grants).toHaveLength(25);
	});

	it("serves priority waiters (command replies) before queued posts", async () => {
		const pacer = createPacer({ globalPerSecond: 10, safetyMargin: 0 }, () => Date.now());
		const order: string[] = [];
		const take = (chat: string) => (release: Release | undefined) => {
			order.push(chat);
			release?.();
		};
		for (const chat of ["a", "b", "c"]) void pacer.acquire(chat).then(take(chat));
		void pacer.acquire("reply", { priority: true }).then(take("reply"));
		await vi.advanceTimersByTimeAsync(1000);
		expect(order).toEqual(["a", "reply", "b", "c"]);
	});

	it("gives replies at most their share of each second while posts wait, and all of it otherwise", async () => {
		const pacer = createPacer({ globalPerSecond: 9, perChatIntervalMs: 0, safetyMargin: 0 }, () =>
			Date.now(),
		);
		const grants: { kind: "reply" | "post"; at: number }[] = [];
		const take = (kind: "reply" | "post") => (release: Release | undefined) => {
			grants.push({ kind, at: Date.now() });
			release?.();
		};
		for (let i = 0; i < 30; i++)
			void pacer.acquire(`r${i}`, { priority: true }).then(take("reply"));
		for (let i = 0; i < 12; i++) void pacer.acquire(`p${i}`).then(take("post"));
		await vi.advanceTimersByTimeAsync(10_000);
		expect(grants).toHaveLength(42);
		// While posts wait, every second holds at most 9 / 3 = 3 replies.
		const lastPost = grants.findLastIndex((g) => g.kind === "post");
		for (const g of grants.slice(0, lastPost + 1)) {
			const inSecond = grants.filter(
				(o, i) => i <= lastPost && o.kind === "reply" && o.at >= g.at && o.at < g.at + 1000,
			);
			expect(inSecond.length).toBeLessThanOrEqual(3);
		}
		expect(grants.slice(0, 3).map((g) => g.kind)).toEqual(["reply", "reply", "reply"]);
		// Once the posts are out, replies get the whole rate again.
		const after = grants.slice(lastPost + 1);
		expect(after.every((g) => g.kind === "reply")).toBe(true);
		expect(after.filter((g) => g.at < (after[0]?.at ?? 0) + 1000).length).toBe(9);
	});

	it("holds a chat back after a 429 for retry_after", async () => {
		const pacer = createPacer(fast, () => Date.now());
		pacer.penalize("5", 3000);
		const grants = await grantTimes(pacer, ["5", "6"], 5000);
		expect(grants).toEqual([
			{ chat: "6", at: 0 },
			{ chat: "5", at: 3000 },
		]);
	});

	it("waits for an unanswered send before reusing its place in the window", async () => {
		const pacer = createPacer({ globalPerSecond: 1, perChatIntervalMs: 0, safetyMargin: 0 }, () =>
			Date.now(),
		);
		const first = await pacer.acquire("1");
		let second: Release | undefined;
		void pacer.acquire("2").then((r) => {
			second = r;
		});
		await vi.advanceTimersByTimeAsync(5000);
		expect(second).toBeUndefined();
		first?.();
		await vi.advanceTimersByTimeAsync(999);
		expect(second).toBeUndefined();
		await vi.advanceTimersByTimeAsync(1);
		expect(second).toBeTypeOf("function");
	});

	it("releases every waiter with undefined on close, and refuses new ones", async () => {
		const pacer = createPacer({ globalPerSecond: 1, safetyMargin: 0 }, () => Date.now());
		const first = await pacer.acquire("1");
		const second = pacer.acquire("2");
		pacer.close();
		expect(first).toBeTypeOf("function");
		expect(await second).toBeUndefined();
		expect(await pacer.acquire("3")).toBeUndefined();
		expect(pacer.waiting).toBe(0);
	});

	it("gives up waiting when the signal aborts", async () => {
		const pacer = createPacer({ globalPerSecond: 1, safetyMargin: 0 }, () => Date.now());
		await pacer.acquire("1");
		const controller = new AbortController();
		const waiting = pacer.acquire("2", { signal: controller.signal });
		controller.abort();
		expect(await waiting).toBeUndefined();
		expect(pacer.waiting).toBe(0);
	});
});
