import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import {
	clockNode,
	readPageClock,
	startClock,
} from "../../../src/extract/extractors/page-clock.js";
import type { DomNode } from "../../../src/extract/text.js";

const NOW = Date.UTC(2026, 0, 1);
const clockOf = (html: string, urls: string[] = ["https://example.com/live"], now = NOW) =>
	readPageClock(load(html).root()[0] as DomNode, urls, now);

describe("readPageClock: the page's zone and anchor date", () => {
	it("anchors to last-modified in the page's zone (og:locale checked against its offset)", () => {
		const clock = clockOf(
			`<html lang="de"><head><meta property="og:locale" content="de_CH"><meta name="last-modified" content="2024-07-18T13:08:27+02:00"></head><body></body></html>`,
		);
		expect(clock.zone).toEqual({ kind: "iana", name: "Europe/Zurich" });
		expect(clock.reference).toEqual({ year: 2024, month: 7, day: 18, minutes: 13 * 60 + 8 });
	});

	it("prefers the modified date over later-looking published ones, and reads JSON-LD", () => {
		const ld = JSON.stringify({
			"@type": "NewsArticle",
			datePublished: "2023-10-07T09:53:36+02:00",
			dateModified: "2024-07-18T13:08:27+02:00",
		});
		const clock = clockOf(
			`<html lang="fr-FR"><head><script type="application/ld+json">${ld}</script></head><body><time datetime="2024-07-19T08:00:00Z">teaser</time></body></html>`,
		);
		expect(clock.zone).toEqual({ kind: "iana", name: "Europe/Paris" });
		expect(clock.reference).toMatchObject({ year: 2024, month: 7, day: 18 });
	});

	it("keeps a date-only value as a day without a time (the Telegraph's 2014-12-31)", () => {
		const clock = clockOf(
			`<html lang="en"><head><meta name="last-modified" content="2014-12-31"></head><body><p class="publishedDate">5:00PM GMT 31 Dec 2014</p></body></html>`,
			["http://www.telegraph.co.uk/news/1/latest.html"],
		);
		expect(clock.zone).toEqual({ kind: "iana", name: "Europe/London" });
		expect(clock.reference).toEqual({ year: 2014, month: 12, day: 31 });
	});

	it("reads a printed zone from the shortest text that can hold one, and from no shorter", () => {
		const seen = (data: string) => {
			const evidence = startClock([]);
			clockNode(load(`<p>${data}</p>`)("p").contents()[0] as DomNode, evidence);
			return evidence.ev.abbreviations;
		};
		expect(seen("9:15 ET")).toEqual(["ET"]);
		expect(seen("9:15 E")).toEqual([]);
		expect(seen("at 9.15am CEST")).toEqual(["CEST"]);
	});

	it("takes an IANA zone name from embedded state", () => {
		const clock = clockOf(
			`<html lang="en"><head><script>window.__CONFIG__={"timeZone":"America/Chicago","x":1}</script></head><body></body></html>`,
		);
		expect(clock).toMatchObject({ zone: { kind: "iana", name: "America/Chicago" } });
	});

	it("falls back to the poll time, and never anchors to a page date in the future", () => {
		expect(clockOf(`<html lang="it"><body></body></html>`).reference).toEqual({
			year: 2026,
			month: 1,
			day: 1,
			minutes: 60,
		});
		const future = clockOf(
			`<html lang="it"><head><meta property="article:modified_time" content="2031-05-01T10:00:00+02:00"></head></html>`,
		);
		expect(future.reference).toMatchObject({ year: 2026, month: 1, day: 1 });
	});

	it("reads UTC when nothing on the page says otherwise", () => {
		expect(clockOf(`<html><body><p>Live</p></body></html>`).zone).toEqual({
			kind: "fixed",
			minutes: 0,
		});
	});
});
