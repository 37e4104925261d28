import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPacer } from "../../adapters/telegram/pacing.js";

/** Grants in order with their (fake) times, for `chats` acquired all at once. */
async function grantTimes(
	pacer: ReturnType<typeof createPacer>,
	chats: string[],
	untilMs: number,
	options: { priority?: boolean } = {},
): Promise<{ chat: string; at: number }[]> {
	const grants: { chat: string; at: number }[] = [];
	for (const chat of chats) {
		void pacer.acquire(chat, options).then((ok) => {
			if (ok) grants.push({ chat, at: Date.now() });
		});
	}
	await vi.advanceTimersByTimeAsync(untilMs);
	return grants;
}

describe("createPacer", () => {
	beforeEach(() => {
		vi.useFakeTimers({ now: 0 });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it("spaces sends to different chats at the global rate", async () => {
		const pacer = createPacer({ globalPerSecond: 10, safetyMargin: 0 }, () => Date.now());
		const chats = Array.from({ length: 25 }, (_, i) => String(i + 1));
		const grants = await grantTimes(pacer, chats, 3000);
		expect(grants).toHaveLength(25);
		expect(grants.map((g) => g.chat)).toEqual(chats);
		// No rolling second ever holds more than 10 sends.
		for (const g of grants) {
			expect(grants.filter((o) => o.at >= g.at && o.at < g.at + 1000).length).toBeLessThanOrEqual(10);
		}
		expect(grants.at(-1)?.at).toBe(2400);
	});

	it("keeps one chat to one message per interval without holding up other chats", async () => {
		const pacer = createPacer({ globalPerSecond: 1000, perChatIntervalMs: 1000, safetyMargin: 0 }, () => Date.now());
		const grants = await grantTimes(pacer, ["7", "7", "8", "7"], 5000);
		expect(grants).toEqual([
			{ chat: "7", at: 0 },
			{ chat: "8", at: 1 },
			{ chat: "7", at: 1000 },
			{ chat: "7", at: 2000 },
		]);
	});

	it("allows a group 20 messages per minute", async () => {
		const pacer = createPacer(
			{ globalPerSecond: 1000, perChatIntervalMs: 0, perGroupPerMinute: 20, safetyMargin: 0 },
			() => Date.now(),
		);
		const grants = await grantTimes(pacer, Array(25).fill("-100"), 70_000);
		expect(grants).toHaveLength(25);
		expect(grants[19]?.at).toBeLessThan(1000);
		expect(grants[20]?.at).toBe(60_000);
	});

	it("does not apply the group limit to private chats", async () => {
		const pacer = createPacer(
			{ globalPerSecond: 1000, perChatIntervalMs: 0, perGroupPerMinute: 20, safetyMargin: 0 },
			() => Date.now(),
		);
		const grants = await grantTimes(pacer, Array(25).fill("100"), 1000);
		expect(grants).toHaveLength(25);
	});

	it("serves priority waiters (command replies) before queued posts", async () => {
		const pacer = createPacer({ globalPerSecond: 10, safetyMargin: 0 }, () => Date.now());
		const order: string[] = [];
		for (const chat of ["a", "b", "c"]) void pacer.acquire(chat).then(() => order.push(chat));
		void pacer.acquire("reply", { priority: true }).then(() => order.push("reply"));
		await vi.advanceTimersByTimeAsync(1000);
		expect(order).toEqual(["a", "reply", "b", "c"]);
	});

	it("holds a chat back after a 429 for retry_after", async () => {
		const pacer = createPacer({ globalPerSecond: 1000, perChatIntervalMs: 0, safetyMargin: 0 }, () => Date.now());
		pacer.penalize("5", 3000);
		const grants = await grantTimes(pacer, ["5", "6"], 5000);
		expect(grants).toEqual([
			{ chat: "6", at: 0 },
			{ chat: "5", at: 3000 },
		]);
	});

	it("releases every waiter with false on close, and refuses new ones", async () => {
		const pacer = createPacer({ globalPerSecond: 1, safetyMargin: 0 }, () => Date.now());
		const results = await Promise.all([
			pacer.acquire("1"),
			(async () => {
				const second = pacer.acquire("2");
				pacer.close();
				return second;
			})(),
		]);
		expect(results).toEqual([true, false]);
		expect(await pacer.acquire("3")).toBe(false);
		expect(pacer.waiting).toBe(0);
	});

	it("gives up waiting when the signal aborts", async () => {
		const pacer = createPacer({ globalPerSecond: 1, safetyMargin: 0 }, () => Date.now());
		await pacer.acquire("1");
		const controller = new AbortController();
		const waiting = pacer.acquire("2", { signal: controller.signal });
		controller.abort();
		expect(await waiting).toBe(false);
		expect(pacer.waiting).toBe(0);
	});
});
