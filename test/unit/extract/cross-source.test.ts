/**
 * Issue 11, classes 1, 2 and 7: one entry described by two sources is reported once, with the best
 * of each; blocks without text or media are not entries; partial JSON-LD and the markup are unioned.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractEntries, extractWithDiagnostics } from "../../../src/extract/extract-entries.js";
import { mergeEntries } from "../../../src/extract/merge-entries.js";
import type { RawEntry } from "../../../src/extract/raw-entry.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const iso = (d: Date | undefined) => d?.toISOString();

describe("class 1: one entry, two copies", () => {
	const html = fixture("cross-source-copies.html");
	const url = "https://news.example/live/harbour-fire";

	it("joins JSON-LD #update-8812 and HTML id=entry-8812 by the numeric core of the id", () => {
		const blog = extractEntries(html, url);
		// The id is the markup's: it names every entry, JSON-LD may list only some (see below).
		expect(blog.entries.map((e) => e.id)).toEqual(["entry-8812", "entry-8811", "entry-8810"]);
		expect(blog.sources).toEqual(["json-ld", "generic"]);
	});

	it("keeps the native anchor for the link, the most precise time and the fuller body", () => {
		const first = extractEntries(html, url).entries[0];
		expect(first?.url).toBe(`${url}#entry-8812`);
		// JSON-LD says 14:02+01:00; the markup's epoch says 13:02:17Z: same minute, more precise.
		expect(iso(first?.publishedAt)).toBe("2024-03-05T13:02:17.000Z");
		expect(first?.bodyText).toBe(
			"Fire crews say the blaze at pier 4 is contained. Residents may return after 6pm.",
		);
	});

	it("joins JSON-LD updates that have no id or url by headline and time", () => {
		const noIds = html.replace(/"url":"[^"]*",/g, "");
		const { blog, diagnostics } = extractWithDiagnostics(noIds, url);
		expect(blog?.entries.map((e) => e.id)).toEqual(["entry-8812", "entry-8811", "entry-8810"]);
		expect(diagnostics.merged.map((m) => m.why)).toEqual([
			'same text start "crews contain the blaze", same time',
			'same text start "roads closed around the port", same time',
			'same text start "smoke seen across the bay", same time',
		]);
	});

	it("joins by headline across whole hours of zone disagreement, but not across other gaps", () => {
		const raw = (over: Partial<RawEntry>): RawEntry => ({ keys: [], bodyText: "", ...over });
		const at = new Date("2024-03-05T13:02:00Z");
		const twoHoursLate = new Date(at.getTime() + 2 * 3_600_000);
		const elevenMinutesLate = new Date(at.getTime() + 11 * 60_000);
		const merge = (other: Date) =>
			mergeEntries(
				[
					{
						name: "a",
						entries: [
							raw({
								keys: ["a-1"],
								headline: "Crews contain the blaze",
								publishedAt: at,
								publishedKind: "offset",
							}),
						],
					},
					{
						name: "b",
						entries: [
							raw({
								keys: ["b-x"],
								headline: "Crews contain the blaze",
								publishedAt: other,
								publishedKind: "utc",
							}),
						],
					},
				],
				"https://p.example/live",
			).entries;
		// Both sources name every entry: the id is the later source's (the markup's, on real pages).
		expect(merge(twoHoursLate).map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			["b-x", "2024-03-05T13:02:00.000Z"],
		]);
		expect(merge(elevenMinutesLate)).toHaveLength(2);
	});

	it("joins a long identical text start even when one source stamped another time", () => {
		const body = "Police have closed Quay Street and Dock Road while crews work at the pier.";
		const raw = (id: string, minute: number): RawEntry => ({
			keys: [id],
			bodyText: body,
			publishedAt: new Date(Date.UTC(2024, 2, 5, 13, minute)),
		});
		const { entries } = mergeEntries(
			[
				{ name: "json-ld", entries: [raw("a-1", 40)] },
				{ name: "html", entries: [raw("b-x", 52)] },
			],
			"https://p.example/live",
		);
		expect(entries.map((e) => e.id)).toEqual(["b-x"]);
	});

	it("never joins two entries of one source by evidence (equal headlines, same minute)", () => {
		const at = new Date("2024-03-05T13:02:00Z");
		const goal = (id: string): RawEntry => ({
			keys: [id],
			headline: "GOAL!",
			bodyText: "",
			publishedAt: at,
		});
		const { entries } = mergeEntries(
			[{ name: "html", entries: [goal("g-17"), goal("g-18")] }],
			"https://p.example/live",
		);
		expect(entries.map((e) => e.id)).toEqual(["g-17", "g-18"]);
	});

	it("does not use a numeric core that several entries of one source share", () => {
		// Express-style ids: "live-1924698-qq0im" all carry the article number.
		const entry = (id: string, headline: string): RawEntry => ({
			keys: [id],
			headline,
			bodyText: "",
		});
		const { entries } = mergeEntries(
			[
				{ name: "json-ld", entries: [entry("1924698", "One")] },
				{
					name: "html",
					entries: [entry("live-1924698-aa", "Two"), entry("live-1924698-bb", "Three")],
				},
			],
			"https://p.example/live",
		);
		expect(entries).toHaveLength(3);
	});
});

describe("class 2: things that are not entries", () => {
	const url = "https://news.example/live/election-night";

	it("drops timestamped ad slots, share bars, load-more markers and empty placeholders", () => {
		const { blog, diagnostics } = extractWithDiagnostics(fixture("non-entries.html"), url);
		expect(blog?.entries.map((e) => e.id)).toEqual(["p-42", "p-40", "p-39"]);
		expect(diagnostics.dropped.map((d) => `${d.source} ${d.ref}`).sort()).toEqual([
			"amp-live-list more-1",
			"amp-live-list more-2",
			"amp-live-list p-41",
			"amp-live-list slot-7",
			"json-ld p-41",
		]);
		expect(new Set(diagnostics.dropped.map((d) => d.why))).toEqual(
			new Set(["no headline, body or media"]),
		);
	});

	it("keeps an entry that is only a picture", () => {
		const blog = extractEntries(fixture("non-entries.html"), url);
		const photo = blog.entries.find((e) => e.id === "p-39");
		expect(photo).toMatchObject({ headline: undefined, bodyText: "" });
		expect(photo?.imageUrl).toBe("https://news.example/img/polling-station.jpg");
	});

	it("reports a page whose only timed blocks are empty as not a live blog", () => {
		const empty = `<html><body><amp-live-list id="l"><div items><div id="a1" data-sort-time="1720133400"><amp-ad></amp-ad></div><div id="a2" data-sort-time="1720132800"><button>Load more</button></div></div></amp-live-list></body></html>`;
		expect(() => extractEntries(empty, url)).toThrow(/No live-blog entries/);
	});
});

describe("class 7: partial JSON-LD", () => {
	const url = "https://sport.example/live/deadline-day";

	it("yields the union when JSON-LD lists only the newest updates and the HTML shows more", () => {
		const blog = extractEntries(fixture("partial-jsonld.html"), url);
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt), e.headline])).toEqual([
			["e-95", "2024-08-30T20:45:00.000Z", "Striker signs on a five-year deal"],
			["e-94", "2024-08-30T19:10:00.000Z", "Medical completed"],
			["e-93", "2024-08-30T17:30:00.000Z", "Loan move collapses"],
			["e-92", "2024-08-30T15:00:00.000Z", "Bid rejected"],
			["e-91", "2024-08-30T08:00:00.000Z", "Welcome to deadline day"],
		]);
		expect(blog.sources).toEqual(["json-ld", "generic"]);
	});

	it("does not take short shared numbers for evidence (update-3 is not reader-post-3)", () => {
		const ld = {
			"@type": "LiveBlogPosting",
			liveBlogUpdate: [3, 2, 1].map((n) => ({
				"@type": "BlogPosting",
				url: `#update-${n}`,
				headline: `Update number ${n}`,
				datePublished: `2024-08-30T1${n}:00:00+01:00`,
			})),
		};
		const posts = [3, 2, 1]
			.map(
				(n) =>
					`<div class="post" id="reader-post-${n}"><time datetime="2024-08-30T0${n}:30:00Z">0${n}:30</time><h4>Reader ${n} writes</h4><p>Something a reader sent in, number ${n}.</p></div>`,
			)
			.join("");
		const html = `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><div>${posts}</div></body></html>`;
		const blog = extractEntries(html, url);
		expect(blog.entries.map((e) => e.id)).toEqual(["update-3", "update-2", "update-1"]);
		expect(blog.sources).toEqual(["json-ld"]);
	});

	it("still ignores a markup guess that matches none of the structured entries", () => {
		const other = fixture("partial-jsonld.html")
			.replace(/"headline":"Striker[^"]*"/, '"headline":"Something else entirely"')
			.replace(/"headline":"Medical completed"/, '"headline":"Another thing"')
			.replace(/"articleBody":"[^"]*"/g, '"articleBody":"Unrelated text here."');
		const { blog, diagnostics } = extractWithDiagnostics(other, url);
		expect(blog?.entries.map((e) => e.headline)).toEqual([
			"Something else entirely",
			"Another thing",
		]);
		expect(diagnostics.dropped.filter((d) => d.source === "generic")).toHaveLength(5);
	});
});

describe("class 1: a headline in one source, the same words opening the body in the other", () => {
	it("joins them by the body's first sentence", () => {
		const at = new Date("2024-03-05T13:02:00Z");
		const { entries, sources } = mergeEntries(
			[
				{
					name: "json-ld",
					entries: [
						{ keys: [], headline: "Crews contain the blaze", publishedAt: at, bodyText: "" },
					],
				},
				{
					name: "html",
					entries: [
						{
							keys: ["c-1"],
							publishedAt: at,
							bodyText: "Crews contain the blaze. Residents may return after 6pm.",
						},
						{ keys: ["c-0"], publishedAt: new Date(0), bodyText: "Another entry entirely." },
					],
				},
			],
			"https://p.example/live",
		);
		expect(entries.map((e) => [e.id, e.headline])).toEqual([
			["c-1", "Crews contain the blaze"],
			["c-0", undefined],
		]);
		expect(sources).toEqual(["json-ld", "html"]);
	});
});

describe("class 1 with three sources", () => {
	it("joins a third source's copy to entries two other sources already matched by id", () => {
		const at = new Date("2024-03-05T13:02:00Z");
		const copy = (keys: string[], headline?: string): RawEntry => ({
			keys,
			headline,
			bodyText: "Text of the entry here.",
			publishedAt: at,
		});
		const { entries } = mergeEntries(
			[
				{ name: "json-ld", entries: [copy(["update-8812"], "Crews contain the blaze")] },
				{ name: "next-data", entries: [copy(["8812"], "Crews contain the blaze")] },
				{ name: "html", entries: [copy(["update-8812"])] },
			],
			"https://p.example/live",
		);
		expect(entries.map((e) => e.id)).toEqual(["update-8812"]);
	});

	it("joins by text when the third source's ids share nothing with the others'", () => {
		const at = new Date("2024-03-05T13:02:00Z");
		const copy = (keys: string[]): RawEntry => ({
			keys,
			headline: "Crews contain the blaze",
			bodyText: "",
			publishedAt: at,
		});
		const { entries } = mergeEntries(
			[
				{ name: "json-ld", entries: [copy(["a"])] },
				{ name: "html", entries: [copy(["a"])] },
				{ name: "state", entries: [copy(["uuid-x"])] },
			],
			"https://p.example/live",
		);
		expect(entries).toHaveLength(1);
		// All three name the entry: the id comes from the last (on real pages, the markup).
		expect(entries.map((e) => e.id)).toEqual(["uuid-x"]);
	});
});

describe("JSON-LD updates named '<page>?update=N', entries wrapped in id-less items (query-param-updates.html)", () => {
	const url = "https://news.example.net/news/liveblog/2024/6/4/live-talks-resume";
	const blog = extractEntries(
		readFileSync(new URL("../../fixtures/query-param-updates.html", import.meta.url), "utf8"),
		url,
	);

	it("the markup's ids name all entries, also those the JSON-LD lists by query value; each entry once", () => {
		// JSON-LD lists only the newest two: its ids would change the moment an entry leaves its list.
		expect(blog.entries.map((e) => e.id)).toEqual([
			"update-2839201",
			"update-2839150",
			"update-2839002",
		]);
		expect(blog.entries.map((e) => e.url)).toEqual([
			`${url}?update=2839201`,
			`${url}?update=2839150`,
			`${url}#update-2839002`,
		]);
		expect(blog.entries.map((e) => e.publishedAt?.toISOString())).toEqual([
			"2024-06-04T10:12:00.000Z",
			"2024-06-04T08:40:00.000Z",
			"2024-06-04T06:05:00.000Z",
		]);
	});

	it("class-less list items wrap entries the same way", () => {
		const html = readFileSync(
			new URL("../../fixtures/query-param-updates.html", import.meta.url),
			"utf8",
		).replaceAll('<li class="timeline-item">', "<li>");
		expect(extractEntries(html, url).entries.map((e) => e.id)).toEqual(
			blog.entries.map((e) => e.id),
		);
	});
});
