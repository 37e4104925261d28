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
});
