import { describe, expect, it } from "vitest";
import { createCommandGate, isAllowed } from "../../src/relay/command-gate.js";
import { SlidingWindowLimiter } from "../../src/relay/rate-limit.js";
import type { Target } from "../../src/types.js";
import { makeConfig } from "../helpers.js";

const chat = (id: string): Target => ({ platform: "telegram", id });

describe("createCommandGate", () => {
	it("admits a user's commands up to the limit, notifies once per window, then stays silent", () => {
		let now = 0;
		const gate = createCommandGate(makeConfig({ COMMANDS_PER_USER_PER_MINUTE: "3" }), () => now);
		const kinds = Array.from({ length: 6 }, () => gate.admit(chat("1"), { userId: "1" }));
		expect(kinds).toEqual([
			{ kind: "ok" },
			{ kind: "ok" },
			{ kind: "ok" },
			{ kind: "slow-down", notify: true },
			{ kind: "slow-down", notify: false },
			{ kind: "slow-down", notify: false },
		]);
		// The user's limit follows them into other chats.
		expect(gate.admit(chat("2"), { userId: "1" })).toEqual({ kind: "slow-down", notify: false });
		now += 60_000;
		expect(gate.admit(chat("1"), { userId: "1" })).toEqual({ kind: "ok" });
	});

	it("limits a chat as a whole, with one notice for the chat", () => {
		const gate = createCommandGate(makeConfig({ COMMANDS_PER_CHAT_PER_MINUTE: "2" }), () => 0);
		expect(gate.admit(chat("-5"), { userId: "1" })).toEqual({ kind: "ok" });
		expect(gate.admit(chat("-5"), { userId: "2" })).toEqual({ kind: "ok" });
		expect(gate.admit(chat("-5"), { userId: "3" })).toEqual({ kind: "slow-down", notify: true });
		expect(gate.admit(chat("-5"), { userId: "4" })).toEqual({ kind: "slow-down", notify: false });
		// Channel posts have no sender: the chat's limit alone applies.
		expect(gate.admit(chat("-5"), {})).toEqual({ kind: "slow-down", notify: false });
		// Refused commands are not counted against the user elsewhere.
		expect(gate.admit(chat("-6"), { userId: "3" })).toEqual({ kind: "ok" });
	});

	it("refuses everyone outside the allow-lists, with one notice per chat and user per window", () => {
		let now = 0;
		const gate = createCommandGate(
			makeConfig({ ALLOWED_USERS: "10", ALLOWED_CHATS: "-20" }),
			() => now,
		);
		expect(gate.admit(chat("10"), { userId: "10" })).toEqual({ kind: "ok" });
		expect(gate.admit(chat("11"), { userId: "11" })).toEqual({ kind: "not-allowed", notify: true });
		expect(gate.admit(chat("11"), { userId: "11" })).toEqual({
			kind: "not-allowed",
			notify: false,
		});
		expect(gate.admit(chat("-30"), { userId: "11" })).toEqual({
			kind: "not-allowed",
			notify: true,
		});
		expect(gate.admit(chat("-20"), { userId: "11" })).toEqual({ kind: "ok" });
		now += 60_000;
		expect(gate.admit(chat("11"), { userId: "11" })).toEqual({ kind: "not-allowed", notify: true });
	});
});

describe("isAllowed", () => {
	const discord = (id: string): Target => ({ platform: "discord", id });
	it.each([
		[{}, chat("1"), {}, true],
		[{ ALLOWED_USERS: "5" }, chat("1"), { userId: "5" }, true],
		[{ ALLOWED_USERS: "5" }, chat("1"), { userId: "6" }, false],
		[{ ALLOWED_USERS: "5" }, chat("-100"), {}, false],
		[{ ALLOWED_CHATS: "-100, -200" }, chat("-200"), { userId: "6" }, true],
		[{ ALLOWED_CHATS: "42" }, discord("7"), { userId: "6", guildId: "42" }, true],
		[{ ALLOWED_CHATS: "42" }, discord("7"), { userId: "6", guildId: "43" }, false],
	] as const)("%j %j %j → %s", (env, target, sender, expected) => {
		expect(isAllowed(makeConfig(env), target, sender)).toBe(expected);
	});

	it("rejects allow-lists that are not comma-separated numeric ids", () => {
		expect(() => makeConfig({ ALLOWED_USERS: "alice,12" })).toThrow(/ALLOWED_USERS/);
		expect(() => makeConfig({ ALLOWED_CHATS: "12,,13" })).toThrow(/ALLOWED_CHATS/);
	});
});

describe("SlidingWindowLimiter", () => {
	it("forgets keys with no hit in the window once the map has doubled, keeping memory bounded", () => {
		let now = 0;
		const limiter = new SlidingWindowLimiter(1, 1000, () => now);
		for (let i = 0; i < 10_000; i++) limiter.tryHit(`old${i}`);
		expect(limiter.size).toBe(10_000);
		now = 2000;
		for (let i = 0; i < 10_000; i++) limiter.tryHit(`new${i}`);
		// The sweep at 20,000 keys dropped the 10,000 lapsed ones; the active ones are kept.
		expect(limiter.size).toBe(10_000);
		expect(limiter.tryHit("new0")).toBe(false);
		expect(limiter.tryHit("old0")).toBe(true);
	});
});
