import { describe, expect, it } from "vitest";
import { parseLatestArgs, splitArgs } from "../../adapters/telegram/commands.js";

describe("parseLatestArgs", () => {
	it.each([
		["", { ok: true, url: undefined, count: 3, clamped: undefined }],
		["5", { ok: true, url: undefined, count: 5, clamped: undefined }],
		["https://a.example/live 5", { ok: true, url: "https://a.example/live", count: 5 }],
		["5 https://a.example/live", { ok: true, url: "https://a.example/live", count: 5 }],
		["https://a.example/live", { ok: true, url: "https://a.example/live", count: 3 }],
		["10", { ok: true, count: 10, clamped: undefined }],
		// The reply says "the newest 10 (at most 10 at a time)" once, from `clamped`.
		["11", { ok: true, count: 10, clamped: "above" }],
		["99999999999999999999999", { ok: true, count: 10 }],
		["0", { ok: true, count: 1, clamped: "below" }],
		["-4", { ok: true, count: 1 }],
	])("parses %j", (input, expected) => {
		expect(parseLatestArgs(input)).toMatchObject(expected);
	});

	it.each(["1 2", "https://a.example https://b.example", "a b c"])(
		"refuses %j with usage",
		(input) => {
			expect(parseLatestArgs(input)).toEqual({ ok: false });
		},
	);
});

describe("splitArgs", () => {
	it("splits on any whitespace and unwraps <url>", () => {
		expect(splitArgs("  <https://a.example/live>\n 3 ")).toEqual(["https://a.example/live", "3"]);
		expect(splitArgs("   ")).toEqual([]);
	});
});
