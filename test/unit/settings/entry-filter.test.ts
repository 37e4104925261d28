import { describe, expect, it } from "vitest";
import { judgeEntry, passesFilters, prepareFilter } from "../../../src/settings/entry-filter.js";
import { foldWords } from "../../../src/settings/keyword-match.js";
import { isQuiet, minuteOfDay } from "../../../src/settings/quiet-hours.js";
import {
	DEFAULT_SETTINGS,
	type SubscriptionSettings,
} from "../../../src/settings/settings-model.js";
import { makeEntry } from "../../helpers.js";

const settings = (patch: Partial<SubscriptionSettings>): SubscriptionSettings => ({
	...DEFAULT_SETTINGS,
	...patch,
});
const passes = (
	patch: Partial<SubscriptionSettings>,
	headline: string,
	body = "",
	keyEvent = false,
) =>
	passesFilters(
		makeEntry(1, { headline, bodyText: body, keyEvent }),
		prepareFilter(settings(patch)),
	);

describe("keyword filter", () => {
	it("folds case, accents and compatibility forms into words", () => {
		expect(foldWords("Café ZÜRICH – ﬁre, 2024!")).toEqual(["cafe", "zurich", "fire", "2024"]);
	});

	it.each([
		["Ceasefire talks resume", true],
		["CEASEFIRE agreed", true],
		["ceasefires and more", false], // whole words only
		["A pre-ceasefire lull", true], // hyphens separate words
		["Nothing relevant", false],
	])("include ceasefire: %s → %s", (headline, expected) => {
		expect(passes({ include: ["ceasefire"] }, headline)).toBe(expected);
	});

	it("matches quoted phrases as consecutive words, anywhere in headline or body", () => {
		expect(passes({ include: ["peace talks"] }, "Update", "The peace   talks began")).toBe(true);
		expect(passes({ include: ["peace talks"] }, "Talks on peace", "")).toBe(false);
	});

	it("matches accents either way", () => {
		expect(passes({ include: ["zelensky"] }, "Zelénsky speaks")).toBe(true);
		expect(passes({ include: ["Kyïv"] }, "News from kyiv")).toBe(true);
	});

	it("excludes win over includes, and an empty include list lets everything through", () => {
		expect(
			passes({ include: ["ceasefire"], exclude: ["football"] }, "Ceasefire football match"),
		).toBe(false);
		expect(passes({ exclude: ["football"] }, "Markets rally")).toBe(true);
		expect(passes({ exclude: ["football"] }, "Football scores")).toBe(false);
	});

	it("lets key events pass the lists unless told otherwise", () => {
		expect(passes({ include: ["ceasefire"] }, "Big news", "", true)).toBe(true);
		expect(passes({ include: ["ceasefire"], keyEventsPass: false }, "Big news", "", true)).toBe(
			false,
		);
	});

	it("passes only key events in key-events mode", () => {
		expect(passes({ mode: { kind: "key" } }, "Minor", "", false)).toBe(false);
		expect(passes({ mode: { kind: "key" } }, "Major", "", true)).toBe(true);
	});

	it("stays linear on hostile input (no user regex: many near-matches)", () => {
		const body = `${"a ".repeat(20_000)}b`;
		expect(passes({ include: [`${"a ".repeat(30)}c`] }, "x", body)).toBe(false);
	});
});

describe("quiet hours", () => {
	const at = (iso: string) => Date.parse(iso);

	it("reads the local time in the chat's zone", () => {
		expect(minuteOfDay(at("2024-07-01T21:30:00Z"), "Europe/Kyiv")).toBe(30); // 00:30 EEST
		expect(minuteOfDay(at("2024-07-01T21:30:00Z"), "UTC")).toBe(21 * 60 + 30);
	});

	it("wraps a window past midnight and honours the zone", () => {
		const q = { from: "23:00", to: "07:00" };
		expect(isQuiet(at("2024-07-01T20:30:00Z"), q, "Europe/Kyiv")).toBe(true); // 23:30 local
		expect(isQuiet(at("2024-07-01T03:59:00Z"), q, "Europe/Kyiv")).toBe(true); // 06:59 local
		expect(isQuiet(at("2024-07-01T04:00:00Z"), q, "Europe/Kyiv")).toBe(false); // 07:00 local
		expect(isQuiet(at("2024-07-01T20:30:00Z"), q, "UTC")).toBe(false);
		expect(isQuiet(at("2024-07-01T12:00:00Z"), { from: "09:00", to: "17:00" }, "UTC")).toBe(true);
		expect(isQuiet(at("2024-07-01T12:00:00Z"), null, "UTC")).toBe(false);
	});

	it("holds entries inside quiet hours; key events break through only when allowed", () => {
		const night = at("2024-07-01T23:30:00Z");
		const quiet = { quiet: { from: "23:00", to: "07:00" } };
		const entry = makeEntry(1);
		const key = makeEntry(2, { keyEvent: true });
		expect(judgeEntry(entry, prepareFilter(settings(quiet)), night)).toBe("hold");
		expect(judgeEntry(key, prepareFilter(settings(quiet)), night)).toBe("hold");
		expect(judgeEntry(key, prepareFilter(settings({ ...quiet, quietBreak: true })), night)).toBe(
			"send",
		);
		expect(judgeEntry(entry, prepareFilter(settings(quiet)), at("2024-07-01T12:00:00Z"))).toBe(
			"send",
		);
	});

	it("holds every passing entry in digest mode and skips filtered ones", () => {
		const digest = settings({ mode: { kind: "digest", minutes: 60 }, exclude: ["football"] });
		const noon = at("2024-07-01T12:00:00Z");
		expect(judgeEntry(makeEntry(1), prepareFilter(digest), noon)).toBe("hold");
		expect(judgeEntry(makeEntry(2, { headline: "Football" }), prepareFilter(digest), noon)).toBe(
			"skip",
		);
	});
});
