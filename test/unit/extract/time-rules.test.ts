/**
 * Issue 11, class 3: explicit offsets beat bare local times; "Z" times that disagree by whole hours
 * with another source's offsets are local time mislabelled; wall-clock-only pages are read in the
 * page's zone; scheduled posts are published at the time readers see.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractEntries, extractWithDiagnostics } from "../../../src/extract/extract-entries.js";
import { localToInstant, pageZoneOf } from "../../../src/extract/extractors/page-zone.js";
import { mergeEntries } from "../../../src/extract/merge-entries.js";
import type { RawEntry } from "../../../src/extract/raw-entry.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const iso = (d: Date | undefined) => d?.toISOString();

/** A generic-style page whose blocks carry the given <time datetime> values. */
function wallClockPage(times: string[], head = "", lang = "de-CH"): string {
	const blocks = times
		.map(
			(t, i) =>
				`<div class="item" id="m-${900 - i}"><time datetime="${t}">${t.slice(11)}</time><h3>Meldung ${900 - i}</h3><p>Text der Meldung Nummer ${900 - i} im Ticker.</p></div>`,
		)
		.join("\n");
	return `<!DOCTYPE html><html lang="${lang}"><head><title>Ticker</title>${head}</head><body><div class="ticker">${blocks}</div></body></html>`;
}

describe("class 3: a 'Z' that disagrees by whole hours with another source's offsets", () => {
	const url = "https://nieuws.example/live/storm";

	it("is read as mislabelled local time, for the matched entries and the rest of that source", () => {
		const { blog, diagnostics } = extractWithDiagnostics(fixture("mislabelled-utc.html"), url);
		expect(blog?.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			["post-504", "2024-07-18T10:40:00.000Z"],
			["post-503", "2024-07-18T09:55:00.000Z"],
			// Not in the JSON-LD: corrected by the same two hours.
			["post-502", "2024-07-18T08:15:00.000Z"],
			["post-501", "2024-07-18T07:00:00.000Z"],
		]);
		expect(diagnostics.timeZone).toEqual([
			'"Z" times of generic are local time mislabelled as UTC: moved by -2 h to agree with the other source\'s offsets',
		]);
	});

	it("is trusted when it agrees with the offsets", () => {
		const right = fixture("mislabelled-utc.html").replace(
			/datetime="2024-07-18T(\d\d):(\d\d):00Z"/g,
			(_, h: string, m: string) =>
				`datetime="2024-07-18T${String(Number(h) - 2).padStart(2, "0")}:${m}:00Z"`,
		);
		const { blog, diagnostics } = extractWithDiagnostics(right, url);
		expect(blog?.entries.map((e) => iso(e.publishedAt))).toEqual([
			"2024-07-18T10:40:00.000Z",
			"2024-07-18T09:55:00.000Z",
			"2024-07-18T08:15:00.000Z",
			"2024-07-18T07:00:00.000Z",
		]);
		expect(diagnostics.timeZone).toEqual([]);
	});

	it("an explicit offset beats a bare local time for the same entry", () => {
		const raw = (over: Partial<RawEntry>): RawEntry => ({
			keys: ["x-1"],
			headline: "H",
			bodyText: "",
			...over,
		});
		const { entries } = mergeEntries(
			[
				{
					name: "html",
					entries: [raw({ publishedAt: new Date("2024-07-18T11:48:00Z"), publishedKind: "local" })],
				},
				{
					name: "json-ld",
					entries: [
						raw({ publishedAt: new Date("2024-07-18T10:48:00Z"), publishedKind: "offset" }),
					],
				},
			],
			"https://p.example/live",
		);
		expect(iso(entries[0]?.publishedAt)).toBe("2024-07-18T10:48:00.000Z");
	});
});

describe("class 3: pages that show only wall-clock times", () => {
	it("reads them in the zone of the page's language/region, DST included", () => {
		const { blog, diagnostics } = extractWithDiagnostics(
			wallClockPage(["2024-07-18T09:05", "2024-01-18T09:05"]),
			"https://ticker.example.ch/nahost",
		);
		expect(blog?.entries.map((e) => iso(e.publishedAt))).toEqual([
			"2024-07-18T07:05:00.000Z", // CEST, +02:00
			"2024-01-18T08:05:00.000Z", // CET, +01:00
		]);
		expect(diagnostics.timeZone[0]).toContain("Europe/Zurich");
	});

	it("prefers a zone named in the page's embedded data", () => {
		const head = `<script type="application/ld+json">{"@type":"WebPage","publisher":{"timeZone":"America/New_York"}}</script>`;
		const blog = extractEntries(
			wallClockPage(["2024-07-18T09:05", "2024-07-18T08:00"], head, "en"),
			"https://p.example/live",
		);
		expect(iso(blog.entries[0]?.publishedAt)).toBe("2024-07-18T13:05:00.000Z");
	});

	it("uses the offset of the page's own dates where the language names no single zone", () => {
		const head = `<meta property="article:published_time" content="2024-07-18T06:00:00-04:00">`;
		const blog = extractEntries(
			wallClockPage(["2024-07-18T09:05", "2024-07-18T08:00"], head, "en-US"),
			"https://p.example/live",
		);
		expect(iso(blog.entries[0]?.publishedAt)).toBe("2024-07-18T13:05:00.000Z");
	});

	it("reads no time at all when the page gives no zone (a wrong hour is worse than none)", () => {
		const { error, diagnostics } = extractWithDiagnostics(
			wallClockPage(["2024-07-18T09:05", "2024-07-18T08:00"], "", "en"),
			"https://p.example/live",
		);
		expect(error).toMatch(/No live-blog entries/);
		expect(diagnostics.timeZone[0]).toMatch(/ignored: the page names no zone/);
	});

	it("converts wall-clock times across a DST change and names its rule", () => {
		// 2024-03-31 02:30 does not exist in Zurich; 03:30 is CEST.
		expect(iso(localToInstant("2024-03-31", "03:30", "Europe/Zurich"))).toBe(
			"2024-03-31T01:30:00.000Z",
		);
		expect(iso(localToInstant("2024-10-27", "12:00", "Europe/London"))).toBe(
			"2024-10-27T12:00:00.000Z",
		);
		expect(iso(localToInstant("2024-07-18", "9.05", "+05:30"))).toBe("2024-07-18T03:35:00.000Z");
		expect(pageZoneOf({ lang: "fr-FR", metaTimes: [], scripts: [] })?.zone).toBe("Europe/Paris");
		expect(
			pageZoneOf({ lang: "en", metaTimes: ["2024-07-18T10:00:00Z"], scripts: [] }),
		).toBeUndefined();
		expect(
			pageZoneOf({ lang: "de", metaTimes: ["2024-07-18T10:00:00+02:00"], scripts: [] })?.why,
		).toContain("agrees with the offsets of the page's own dates");
	});

	it("follows the ticker clock's zone rule: a country domain counts, a disagreeing candidate does not", () => {
		expect(
			pageZoneOf({ lang: "en", metaTimes: [], scripts: [], hosts: ["www.paper.co.uk"] })?.zone,
		).toBe("Europe/London");
		// fr-FR names Paris, but the page's own dates say UTC-4: the offset wins, as for tickers.
		expect(
			pageZoneOf({ lang: "fr-FR", metaTimes: ["2024-07-18T06:00:00-04:00"], scripts: [] })?.zone,
		).toBe("-04:00");
	});
});

describe("class 3: scheduled posts", () => {
	it("uses the shown time from embedded state, not the creation time", () => {
		const posts = [
			{
				id: "p-2",
				createdAt: "2024-05-01T08:00:00Z",
				displayDate: "2024-05-01T10:00:00Z",
				title: "Embargoed figures",
				body: "Unemployment fell to 4.1%.",
			},
			{
				id: "p-1",
				createdAt: "2024-05-01T07:30:00Z",
				title: "Good morning",
				body: "Welcome to the live blog.",
			},
		];
		const html = `<html><head><script id="__NEXT_DATA__" type="application/json">${JSON.stringify({ props: { posts } })}</script></head><body></body></html>`;
		const blog = extractEntries(html, "https://p.example/live");
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			["p-2", "2024-05-01T10:00:00.000Z"],
			["p-1", "2024-05-01T07:30:00.000Z"],
		]);
	});

	it("uses a block's publish/sort time attribute over its creation time", () => {
		const block = (id: string, created: string, shown: string) =>
			`<div class="post" id="${id}" data-created-time="${created}" data-publish-time="${shown}"><h3>Post ${id}</h3><p>Some text for post ${id} here.</p></div>`;
		const html = `<html><body><div class="feed">${block("b-12", "1714550400", "1714557600")}${block("b-11", "1714546800", "1714546800")}</div></body></html>`;
		const blog = extractEntries(html, "https://p.example/live");
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			["b-12", "2024-05-01T10:00:00.000Z"],
			["b-11", "2024-05-01T07:00:00.000Z"],
		]);
	});
});

describe("class 3: scheduled posts across sources", () => {
	it("takes the markup's sort time over structured data's creation time", () => {
		const ld = {
			"@type": "LiveBlogPosting",
			liveBlogUpdate: [
				{
					"@type": "BlogPosting",
					url: "#s-2",
					headline: "Results at noon",
					datePublished: "2024-05-01T08:00:00+02:00",
				},
				{
					"@type": "BlogPosting",
					url: "#s-1",
					headline: "Polls open",
					datePublished: "2024-05-01T07:00:00+02:00",
				},
			],
		};
		const entry = (id: string, sort: number, h: string) =>
			`<div id="${id}" data-sort-time="${sort}"><h3>${h}</h3><p>Text of ${h}.</p></div>`;
		const html = `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><amp-live-list id="l"><div items>${entry("s-2", 1714557600, "Results at noon")}${entry("s-1", 1714539600, "Polls open")}</div></amp-live-list></body></html>`;
		const blog = extractEntries(html, "https://p.example/live");
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			// Written at 08:00, shown (sorted) from 10:00 UTC.
			["s-2", "2024-05-01T10:00:00.000Z"],
			["s-1", "2024-05-01T05:00:00.000Z"],
		]);
	});
});
