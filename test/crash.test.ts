import { describe, expect, it } from "vitest";
import { runCrashTest } from "./crash/crash-harness.js";

describe("crash safety", () => {
	it("loses nothing and repeats at most one message per kill when the bot is SIGKILLed mid-delivery, digest chats included", async () => {
		// Three of the chats switch between digests and every entry at each restart.
		const report = await runCrashTest({
			targets: 10,
			kills: 5,
			entries: 8,
			seed: 7,
			digestTargets: 3,
		});
		expect(report.expected).toBe(80);
		expect(report.lost).toBe(0);
		expect(report.duplicates).toBeLessThanOrEqual(report.kills);
		expect(report.delivered).toBe(report.expected + report.duplicates);
	}, 600_000);

	it("shows every entry as the page last had it (or retracted) when entries are edited and deleted between kills", async () => {
		const report = await runCrashTest({
			targets: 10,
			kills: 5,
			entries: 10,
			seed: 11,
			changes: { editRate: 0.3, deleteRate: 0.15 },
		});
		expect(report.edits).toBeGreaterThan(0);
		expect(report.deletions).toBeGreaterThan(0);
		expect(report.lost).toBe(0);
		expect(report.stale).toBe(0);
		expect(report.duplicates).toBeLessThanOrEqual(report.kills);
	}, 600_000);
});
