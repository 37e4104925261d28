import { describe, expect, it } from "vitest";
import { parseLatestArgs, splitArgs } from "../../adapters/telegram/commands.js";

describe("parseLatestArgs", () => {
	it.each([
		["", { ok: true, url: undefined, count: 3, note: undefined }],
		["5", { ok: true, url: undefined, count: 5, note: undefined }],
		["https://a.example/live 5", { ok: true, url: "https://a.example/live", count: 5 }],
		["5 https://a.example/live", { ok: true, url: "https://a.example/live", count: 5 }],
		["https://a.example/live", { ok: true, url: "https://a.example/live", count: 3 }],
		["10", { ok: true, count: 10, note: undefined }],
		["11", { ok: true, count: 10, note: "I show at most 10 entries at a time, so here are 10." }],
		["99999999999999999999999", { ok: true, count: 10 }],
		[
			"0",
			{ ok: true, count: 1, note: "The number of entries must be between 1 and 10; here is 1." },
		],
		["-4", { ok: true, count: 1 }],
	])("parses %j", (input, expected) => {
		expect(parseLatestArgs(input)).toMatchObject(expected);
	});

	it.each(["1 2", "https://a.example https://b.example", "a b c"])(
		"refuses %j with usage",
		(input) => {
			expect(parseLatestArgs(input)).toMatchObject({
				ok: false,
				message: expect.stringMatching(/^Usage: \/latest/),
			});
		},
	);
});

describe("splitArgs", () => {
	it("splits on any whitespace and unwraps <url>", () => {
		expect(splitArgs("  <https://a.example/live>\n 3 ")).toEqual(["https://a.example/live", "3"]);
		expect(splitArgs("   ")).toEqual([]);
	});
});
