import { describe, expect, it } from "vitest";
import { asTargetKey, parseTargetKey, targetKey } from "../../src/store/target-key.js";
import type { Target } from "../../src/types.js";

describe("targetKey", () => {
	it.each<[Target, string]>([
		[{ platform: "telegram", id: "-100123" }, "telegram:-100123"],
		[{ platform: "telegram", id: "-100123", threadId: "7" }, "telegram:-100123/7"],
		[{ platform: "discord", id: "98765" }, "discord:98765"],
		[{ platform: "console", id: "watch-42" }, "console:watch-42"],
	])("round-trips %j as %s", (target, key) => {
		expect(targetKey(target)).toBe(key);
		expect(parseTargetKey(key)).toEqual(target);
	});

	it.each(["", "telegram", "slack:1", "telegram:", ":1"])("rejects malformed key %j", (key) => {
		expect(() => parseTargetKey(key)).toThrow(/Malformed target key/);
	});
});

describe("asTargetKey", () => {
	it("brands a well-formed key unchanged", () => {
		expect(asTargetKey("discord:98765")).toBe(targetKey({ platform: "discord", id: "98765" }));
	});

	it.each(["slack:1", "telegram:", "no-colon"])("refuses malformed key %j", (key) => {
		expect(() => asTargetKey(key)).toThrow(/Malformed target key/);
	});
});
