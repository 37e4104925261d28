/**
 * Ticker stamps in Portuguese ("às 14h05", "pelas 11h30", "9h45") and 12-hour forms ("2.15pm",
 * "11.05 p.m."), read by readStamp and on a whole rich-text ticker page.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import { readStamp } from "../../../src/extract/extractors/wall-clock.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");

function clock(text: string): string | undefined {
	const stamp = readStamp(text);
	if (stamp?.kind !== "clock") return undefined;
	return `${stamp.hour}:${String(stamp.minute).padStart(2, "0")} | ${stamp.rest}`;
}

describe("readStamp: Portuguese and 12-hour forms", () => {
	it.each([
		["às 14h05 – O presidente falou", "14:05 | O presidente falou"],
		["Às 9h30: Chuva forte", "9:30 | Chuva forte"],
		["Pelas 11h30, os meios aéreos", "11:30 | os meios aéreos"],
		["9h45 Mais de 300 bombeiros", "9:45 | Mais de 300 bombeiros"],
		["2.15pm: Police say", "14:15 | Police say"],
		["11.05 p.m. Late result", "23:05 | Late result"],
		["12.05am - Midnight passes", "0:05 | Midnight passes"],
	])("%s", (text, expected) => {
		expect(clock(text)).toBe(expected);
	});

	it("does not read a bare number after 'às' or a 13pm as a time", () => {
		expect(clock("às 14 pessoas")).toBeUndefined();
		expect(clock("13pm nonsense")).toBeUndefined();
	});
});

describe("a Portuguese ticker page (ticker-pt.html)", () => {
	const blog = extractEntries(fixture("ticker-pt.html"), "https://jornal.example/incendios");

	it("finds the four entries under the day heading, in Lisbon summer time (UTC+1)", () => {
		expect(blog.sources).toEqual(["time-led"]);
		expect(blog.entries.map((e) => e.publishedAt?.toISOString())).toEqual([
			"2024-08-15T13:05:00.000Z",
			"2024-08-15T10:30:00.000Z",
			"2024-08-15T08:45:00.000Z",
			"2024-08-15T07:00:00.000Z",
		]);
	});

	it("takes the text after the stamp as the body and stops at 'Leia também'", () => {
		expect(blog.entries[0]?.bodyText.split("\n")).toEqual([
			"O vento mudou de direção e as chamas aproximam-se da aldeia.",
			"Os moradores foram retirados pela proteção civil.",
		]);
		expect(blog.entries.map((e) => e.bodyText).join("\n")).not.toContain("fumo");
	});
});
