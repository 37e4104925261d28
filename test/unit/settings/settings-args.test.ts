import { describe, expect, it } from "vitest";
import {
	parseKeywordsArgs,
	parseLanguageArgs,
	parseQuietArgs,
	parseSettingsArgs,
	parseTimeZoneArgs,
	tokenize,
} from "../../../src/settings/settings-args.js";
import { applyKeywords } from "../../../src/settings/settings-service.js";

describe("settings arguments", () => {
	it.each([
		["", { kind: "view" }],
		["2", { kind: "view", scope: { kind: "number", n: 2 } }],
		[
			"2 mode digest 60",
			{
				kind: "set",
				scope: { kind: "number", n: 2 },
				patch: { mode: { kind: "digest", minutes: 60 } },
			},
		],
		["mode key", { kind: "set", scope: { kind: "defaults" }, patch: { mode: { kind: "key" } } }],
		["default edits off", { kind: "set", scope: { kind: "defaults" }, patch: { edits: false } }],
		[
			"1 retractions delete",
			{ kind: "set", scope: { kind: "number", n: 1 }, patch: { retractions: "delete" } },
		],
		["1 pin on", { kind: "set", scope: { kind: "number", n: 1 }, patch: { pinKeyEvents: true } }],
		[
			"1 quiet 23:00 7",
			{
				kind: "set",
				scope: { kind: "number", n: 1 },
				patch: { quiet: { from: "23:00", to: "07:00" } },
			},
		],
		["1 quiet off", { kind: "set", scope: { kind: "number", n: 1 }, patch: { quiet: null } }],
		[
			"1 breakthrough on",
			{ kind: "set", scope: { kind: "number", n: 1 }, patch: { quietBreak: true } },
		],
		["3 reset", { kind: "reset", scope: { kind: "number", n: 3 } }],
	])("/settings %s", (input, request) => {
		expect(parseSettingsArgs(input)).toEqual({ ok: true, request });
	});

	it.each([
		"2 mode digest 45",
		"2 mode sometimes",
		"0 mode all",
		"2 colour blue",
		"2 edits maybe",
		"2 quiet 25:00 07:00",
		"2 quiet 07:00 07:00",
		"2 retractions shred",
		'2 keywords +"unclosed',
	])("refuses /settings %s with a reason", (input) => {
		const parsed = parseSettingsArgs(input);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.message("en").length).toBeGreaterThan(10);
	});

	it("parses keywords with signs, quoted phrases (straight or typographic) and clear", () => {
		expect(parseKeywordsArgs('1 +ceasefire -football +"peace talks" “red cross” clear')).toEqual({
			ok: true,
			request: {
				kind: "keywords",
				scope: { kind: "number", n: 1 },
				change: {
					clear: true,
					include: ["ceasefire", "peace talks", "red cross"],
					exclude: ["football"],
				},
			},
		});
		expect(tokenize('-"a b" c')).toEqual(['-"a b"', "c"]);
		expect(parseKeywordsArgs("1 +!!!").ok).toBe(false);
	});

	it("adds keywords to the lists in force and moves a word from one list to the other", () => {
		const now = applyKeywords(
			{ include: ["ceasefire"], exclude: ["football"] },
			{ clear: false, include: ["Football"], exclude: ["CEASEFIRE", "cricket"] },
		);
		expect(now).toEqual({ include: ["Football"], exclude: ["CEASEFIRE", "cricket"] });
	});

	it("parses /quiet, /timezone and /language", () => {
		expect(parseQuietArgs("23:00 07:00")).toEqual({
			ok: true,
			request: {
				kind: "set",
				scope: { kind: "defaults" },
				patch: { quiet: { from: "23:00", to: "07:00" } },
			},
		});
		expect(parseTimeZoneArgs("europe/kyiv")).toEqual({
			ok: true,
			request: { kind: "timezone", timeZone: "Europe/Kyiv" },
		});
		expect(parseTimeZoneArgs("America/New_York")).toEqual({
			ok: true,
			request: { kind: "timezone", timeZone: "America/New_York" },
		});
		expect(parseTimeZoneArgs("Mars/Olympus").ok).toBe(false);
		expect(parseTimeZoneArgs("reset")).toEqual({
			ok: true,
			request: { kind: "timezone", timeZone: undefined },
		});
		expect(parseLanguageArgs("UK")).toEqual({
			ok: true,
			request: { kind: "language", language: "uk" },
		});
		expect(parseLanguageArgs("klingon").ok).toBe(false);
	});
});
