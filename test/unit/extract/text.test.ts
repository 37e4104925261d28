import fc from "fast-check";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { htmlStringToText } from "../../../src/extract/html-text.js";
import {
	cleanBodyText,
	cleanEntryBody,
	collapseWhitespace,
	type DomElement,
	decodeEntities,
	elementText,
	epochInToken,
	epochToDate,
	fallbackEntryId,
	isStampLine,
	parseInstant,
} from "../../../src/extract/text.js";

function firstElement(html: string): DomElement {
	const el = parseDocument(html).children.find((n) => n.type === "tag");
	if (el === undefined) throw new Error("no element in fixture");
	return el as DomElement;
}

describe("decodeEntities", () => {
	it.each([
		["a &amp; b", "a & b"],
		["&quot;loud bang&quot;", '"loud bang"'],
		["Britain&apos;s streets", "Britain's streets"],
		["Meghan Markle&#39;s mum", "Meghan Markle's mum"],
		["&#x201C;hi&#x201D;", "“hi”"],
		["&#146;", "’"],
		["&eacute;t&eacute;", "été"],
		["&hearts;", "♥"],
		["&bogus; stays", "&bogus; stays"],
		["&constructor; &__proto__;", "&constructor; &__proto__;"],
		["a & b; c", "a & b; c"],
		["&amp;quot;", "&quot;"],
		["x&#0;y", "x\ufffdy"],
		["plain text", "plain text"],
	])("decodes %j to %j", (input, expected) => {
		expect(decodeEntities(input)).toBe(expected);
	});
});

describe("collapseWhitespace", () => {
	it.each([
		["  a  b  ", "a b"],
		["a\u00a0\u00a0b", "a b"],
		["a\n\tb", "a b"],
		["a\u2003b", "a b"],
		["“quoted” text", "“quoted” text"],
	])("collapses %j", (input, expected) => {
		expect(collapseWhitespace(input)).toBe(expected);
	});
});

describe("parseInstant", () => {
	it("reads the common CMS form without its regex exactly as the full path does", () => {
		const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
		const iso = fc
			.tuple(
				fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
				two(14),
				two(33),
				two(25),
				two(61),
				two(61),
				fc.constantFrom("", ".000", ".123", ".9", ".12345"),
				fc.constantFrom(
					"Z",
					"+00:00",
					"+01:00",
					"-05:30",
					"+14:00",
					"-23:59",
					"+24:00",
					"+0100",
					"z",
				),
				fc.constantFrom("T", " "),
			)
			.map(
				([y, mo, d, h, mi, s, frac, zone, sep]) =>
					`${y}-${mo}-${d}${sep}${h}:${mi}:${s}${frac}${zone}`,
			);
		fc.assert(
			fc.property(iso, (value) => {
				// A leading space keeps the value off the regex-free path: the full path reads it.
				const full = parseInstant(` ${value}`)?.getTime();
				expect(parseInstant(value)?.getTime()).toBe(full);
			}),
			{ seed: 20261201, numRuns: 20_000 },
		);
		expect(parseInstant("2024-08-05T19:49:50Z")?.toISOString()).toBe("2024-08-05T19:49:50.000Z");
		expect(parseInstant("2024-08-05T19:49:50.250+02:00")?.toISOString()).toBe(
			"2024-08-05T17:49:50.250Z",
		);
	});

	it.each([
		["2024-08-05T21:00:18.921+01:00", "2024-08-05T20:00:18.921Z"],
		["2024-08-05T20:00:18.921Z", "2024-08-05T20:00:18.921Z"],
		["2021-02-19T19:47:39+0000", "2021-02-19T19:47:39.000Z"],
		["2024-07-18T11:48:00+01:00", "2024-07-18T10:48:00.000Z"],
		["2020-09-25T10:28:53.000123Z", "2020-09-25T10:28:53.000Z"],
		["1722888018921", "2024-08-05T20:00:18.921Z"],
		["1721299680", "2024-07-18T10:48:00.000Z"],
		[1613763003000, "2021-02-19T19:30:03.000Z"],
		[1726023840, "2024-09-11T03:04:00.000Z"],
	])("reads %j as %s", (input, iso) => {
		expect(parseInstant(input)?.toISOString()).toBe(iso);
	});

	it.each([
		["2024-07-18T11:48"],
		["21:00"],
		["21 mins ago"],
		["11 September 2024 04:04"],
		["2024-07-18"],
		["751105"],
		[""],
		[null],
		[{}],
	])("refuses %j (local, relative or not a time)", (input) => {
		expect(parseInstant(input)).toBeUndefined();
	});
});

describe("epoch helpers", () => {
	it("tells milliseconds from seconds by magnitude", () => {
		expect(epochToDate(1722888018921)?.toISOString()).toBe("2024-08-05T20:00:18.921Z");
		expect(epochToDate(1722888018)?.toISOString()).toBe("2024-08-05T20:00:18.000Z");
		expect(epochToDate(751105)).toBeUndefined();
	});

	it.each([
		["post-1726023840", "2024-09-11T03:04:00.000Z"],
		["1726023292", "2024-09-11T02:54:52.000Z"],
		["entry_1722888018921_x", "2024-08-05T20:00:18.921Z"],
	])("finds the epoch in id %j", (token, iso) => {
		expect(epochInToken(token)?.toISOString()).toBe(iso);
	});

	it.each([["live-1924698-qq0im"], ["block-60300f5f8f08ad21ea60071e"], ["100000007360621"]])(
		"finds no epoch in id %j",
		(token) => {
			expect(epochInToken(token)).toBeUndefined();
		},
	);
});

describe("htmlStringToText", () => {
	it("puts blocks on their own lines and drops scripts, ads and embeds", () => {
		const text = htmlStringToText(
			'<p>One &amp; two</p><p>Three<br>four</p><script>x()</script><div class="ad-slot">AD</div><blockquote class="twitter-tweet">tweet</blockquote>tail',
		);
		expect(text.split("\n").filter(Boolean)).toEqual(["One & two", "Three", "four", "tail"]);
	});

	it("decodes entities in text without tags", () => {
		expect(htmlStringToText("Tom &amp; Jerry")).toBe("Tom & Jerry");
	});
});

describe("elementText + cleanBodyText", () => {
	it("extracts paragraphs and list items, skipping captions, figures and ads", () => {
		const el = firstElement(
			'<div><h3>Head</h3><p>First  para.</p><ul><li>Item one</li><li>Item two</li></ul><figure><img src="x.jpg"><figcaption>Caption</figcaption></figure><div class="ad">Advert</div><p>Read more: <a href="/x">other story</a></p></div>',
		);
		expect(cleanBodyText(elementText(el), "Head")).toBe("First para.\nItem one\nItem two");
	});

	it("drops a headline repeated as the first line or sentence, not a first word", () => {
		expect(cleanBodyText("Goodnight\nSee you tomorrow.", "Goodnight ")).toBe("See you tomorrow.");
		expect(cleanBodyText("Goodnights are long.", "Goodnight")).toBe("Goodnights are long.");
		expect(cleanBodyText("Welcome to our coverage.", "Welcome")).toBe("Welcome to our coverage.");
		expect(cleanBodyText("Loud bang heard. Police attended.", "Loud bang heard")).toBe(
			"Police attended.",
		);
	});

	it("drops bare epoch lines and 'Continue reading' cruft", () => {
		expect(cleanBodyText("1726023840\nBody text.\nContinue reading the main story")).toBe(
			"Body text.",
		);
	});

	it("walks pathologically deep markup without overflowing the stack", () => {
		const depth = 20_000;
		const el = firstElement(`<div>${"<span>".repeat(depth)}deep${"</span>".repeat(depth)}</div>`);
		expect(cleanBodyText(elementText(el))).toBe("deep");
	});
});

describe("fallbackEntryId", () => {
	it("is stable for the same headline and instant and ignores case and spacing", () => {
		const at = new Date("2024-07-04T23:15:00Z");
		expect(fallbackEntryId("First result  declared", at)).toBe(
			fallbackEntryId("first result declared", at),
		);
		expect(fallbackEntryId("First result declared", at)).toMatch(/^h-[0-9a-f]{12}$/);
		expect(fallbackEntryId("First result declared", at)).not.toBe(
			fallbackEntryId("First result declared", new Date("2024-07-04T23:16:00Z")),
		);
	});
});

describe("isStampLine / cleanEntryBody", () => {
	it("knows a line that is only a shown date or time", () => {
		for (const line of [
			"11:04",
			"9.05am",
			"14h05",
			"2024-07-23 12:41:09",
			"23/07/2024, 12:41 IST",
			"17.00 Uhr",
			"2024-07-23",
		]) {
			expect(isStampLine(line), line).toBe(true);
		}
		for (const line of [
			"2:04:12 is a record",
			"Goal at 11:04",
			"In 2024 we",
			"75,000",
			"12.5 per cent",
			"1992",
		]) {
			expect(isStampLine(line), line).toBe(false);
		}
	});

	it("drops leading stamp lines only, then a headline repeated after them", () => {
		expect(cleanEntryBody("11:04\nRecord falls\nShe won in 2:04:12.\n12:00", "Record falls")).toBe(
			"She won in 2:04:12.\n12:00",
		);
		expect(cleanEntryBody("Kick-off\n11:04", undefined)).toBe("Kick-off\n11:04");
	});
});
