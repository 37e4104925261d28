import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NotALiveBlogError } from "../../../src/errors.js";
import { extractEntries } from "../../../src/extract/extract-entries.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const iso = (d: Date | undefined) => d?.toISOString();
const INDEPENDENT =
	"https://www.independent.co.uk/news/world/europe/ukraine-russia-war-live-b2611053.html";

describe("generic heuristic: Independent-style entries (epoch-seconds ids)", () => {
	const blog = extractEntries(fixture("independent-style.html"), INDEPENDENT);

	it("finds the three entries, not the comments, promo or page header", () => {
		expect(blog.sources).toEqual(["generic"]);
		expect(blog.entries.map((e) => e.id)).toEqual([
			"post-1726023840",
			"post-1726023292",
			"post-1726020060",
		]);
	});

	it("uses the unix-seconds timestamp as publishedAt", () => {
		expect(blog.entries.map((e) => iso(e.publishedAt))).toEqual([
			"2024-09-11T03:04:00.000Z",
			"2024-09-11T02:54:52.000Z",
			"2024-09-11T02:01:00.000Z",
		]);
	});

	it("reads headline, author and a body without the timestamp, byline or caption", () => {
		expect(blog.entries[1]).toMatchObject({
			url: `${INDEPENDENT}#post-1726023292`,
			headline:
				"Training Ukrainian troops ‘constrains’ British army’s own training, watchdog warns",
			author: "Arpan Rai",
			bodyText:
				"Training Ukrainian soldiers “constrains” the UK’s ability to train its own troops, a watchdog has warned.",
		});
		expect(blog.entries[0]?.bodyText.startsWith("Ukraine struck Moscow and western Russia")).toBe(
			true,
		);
		expect(blog.entries[0]?.bodyText).not.toContain("1726023840");
		expect(blog.entries[0]?.bodyText).not.toContain("SOCIAL MEDIA via REUTERS");
		expect(blog.entries[0]?.imageUrl).toBe(
			"https://www.independent.co.uk/2024/09/11/04/moscow-drone.jpg",
		);
	});

	it("with JSON-LD listing only the newest entry, takes its times and adds the rest from the markup", () => {
		const ld = {
			"@context": "https://schema.org",
			"@type": "LiveBlogPosting",
			headline: "Ukraine-Russia war latest",
			liveBlogUpdate: [
				{
					"@type": "BlogPosting",
					url: `${INDEPENDENT}#post-1726023840`,
					headline: "Pictures: Russian building on fire after Ukrainian drone strike",
					datePublished: "2024-09-11T04:04:30+01:00",
				},
			],
		};
		const html = fixture("independent-style.html").replace(
			"</head>",
			`<script type="application/ld+json">${JSON.stringify(ld)}</script></head>`,
		);
		const withLd = extractEntries(html, INDEPENDENT);
		expect(withLd.sources).toEqual(["json-ld", "generic"]);
		// Partial JSON-LD ∪ HTML (issue 11, class 7): the guess matched a JSON-LD entry, so it counts.
		expect(withLd.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			["post-1726023840", "2024-09-11T03:04:30.000Z"],
			["post-1726023292", "2024-09-11T02:54:52.000Z"],
			["post-1726020060", "2024-09-11T02:01:00.000Z"],
		]);
	});
});

describe("generic heuristic: time sources", () => {
	const blog = extractEntries(
		fixture("generic-blocks.html"),
		"https://news.example.de/liveblog/hochwasser-bayern-100",
	);

	it("reads data-* ISO attributes, time[datetime] with a zone and data-timestamp epochs", () => {
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt), e.headline])).toEqual([
			["eintrag-303", "2024-06-02T10:30:00.000Z", "Pegel sinkt langsam"],
			["eintrag-302", "2024-06-02T09:45:00.000Z", "Bahnstrecke gesperrt"],
			["eintrag-301", "2024-06-02T08:00:00.000Z", "Liveblog gestartet"],
		]);
	});

	it("skips blocks that only have a local clock time, sidebars, ads and related teasers", () => {
		expect(blog.entries.map((e) => e.id)).not.toContain("eintrag-300");
		expect(blog.entries).toHaveLength(3);
	});

	const page = (items: string) =>
		`<html><head><title>Live</title></head><body><div class="feed">${items}</div></body></html>`;

	it.each([
		[
			"epoch seconds in the id",
			'<div id="u-1717315200"><h3>One</h3><p>First text here.</p></div><div id="u-1717311600"><h3>Two</h3><p>Second text here.</p></div>',
			["2024-06-02T08:00:00.000Z", "2024-06-02T07:00:00.000Z"],
		],
		[
			"a bare epoch as text",
			'<div id="a"><span>1717315200</span><h3>One</h3><p>First text here.</p></div><div id="b"><span>1717311600</span><h3>Two</h3><p>Second text here.</p></div>',
			["2024-06-02T08:00:00.000Z", "2024-06-02T07:00:00.000Z"],
		],
		[
			"epoch milliseconds in data-post-time",
			'<div id="a" data-post-time="1717315200000"><h3>One</h3></div><div id="b" data-post-time="1717311600000"><h3>Two</h3></div>',
			["2024-06-02T08:00:00.000Z", "2024-06-02T07:00:00.000Z"],
		],
	])("reads %s", (_, items, times) => {
		const found = extractEntries(page(items), "https://example.com/live");
		expect(found.entries.map((e) => iso(e.publishedAt))).toEqual(times);
	});

	it("joins JSON-LD '#block-<id>' fragments to 'block-<id>' DOM ids under the stripped id", () => {
		const ld = {
			"@type": "LiveBlogPosting",
			liveBlogUpdate: [
				{
					url: "https://example.com/live#block-2",
					headline: "Two",
					datePublished: "2024-06-02T08:00:00Z",
				},
				{
					url: "https://example.com/live#block-1",
					headline: "One",
					datePublished: "2024-06-02T07:00:00Z",
				},
			],
		};
		const html = `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><div class="feed"><div id="block-2"><time datetime="2024-06-02T08:00:00Z"></time><h3>Two</h3><p>Body of two, long enough.</p></div><div id="block-1"><time datetime="2024-06-02T07:00:00Z"></time><h3>One</h3><p>Body of one, long enough.</p></div></div></body></html>`;
		const found = extractEntries(html, "https://example.com/live");
		expect(found.sources).toEqual(["json-ld", "generic"]);
		expect(found.entries.map((e) => [e.id, e.url, e.bodyText])).toEqual([
			["2", "https://example.com/live#block-2", "Body of two, long enough."],
			["1", "https://example.com/live#block-1", "Body of one, long enough."],
		]);
	});

	it.each([
		[
			"a single block",
			'<div id="a" data-timestamp="1717315200"><h3>One</h3><p>Only one block here.</p></div>',
		],
		[
			"blocks without ids",
			'<div data-timestamp="1717315200"><h3>One</h3></div><div data-timestamp="1717311600"><h3>Two</h3></div>',
		],
		[
			"zone-less times only",
			'<div id="a"><time datetime="2024-06-02T10:00">10:00</time><h3>One</h3></div><div id="b"><time datetime="2024-06-02T09:00">09:00</time><h3>Two</h3></div>',
		],
		[
			"relative times only",
			'<div id="a"><span>5 mins ago</span><h3>One</h3></div><div id="b"><span>1 hour ago</span><h3>Two</h3></div>',
		],
	])("finds nothing in %s", (_, items) => {
		expect(() => extractEntries(page(items), "https://example.com/live")).toThrow(
			NotALiveBlogError,
		);
	});
});

describe("generic heuristic: the time is data on a stamp inside the block", () => {
	const item = (id: string, epoch: number, title: string) =>
		`<div id="${id}" class="timeline-item"><a class="stamp" href="#${id}"><span data-timestamp="${epoch}">${new Date(epoch * 1000).toISOString().slice(11, 16)}</span></a><h3>${title}</h3><p>Body of ${title.toLowerCase()} with enough words.</p></div>`;
	const html = `<html lang="de"><body><div class="feed">${item("u-3003", 1718701500, "Third")}${item("u-3002", 1718697900, "Second")}${item("u-3001", 1718694300, "First")}</div><div class="comments"><div id="c-1"><span data-timestamp="1718701600">now</span><p>A reader comment long enough to count.</p></div><div id="c-2"><span data-timestamp="1718701700">now</span><p>Another reader comment long enough.</p></div><div id="c-3"><span data-timestamp="1718701800">now</span><p>Third reader comment long enough.</p></div><div id="c-4"><span data-timestamp="1718701900">now</span><p>Fourth reader comment long enough.</p></div></div></body></html>`;
	const blog = extractEntries(html, "https://news.example.de/live");

	it("reads data-timestamp on a descendant; the stamp text stays out of the body; comments are not entries", () => {
		expect(blog.sources).toEqual(["generic"]);
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt), e.headline, e.bodyText])).toEqual([
			["u-3003", "2024-06-18T09:05:00.000Z", "Third", "Body of third with enough words."],
			["u-3002", "2024-06-18T08:05:00.000Z", "Second", "Body of second with enough words."],
			["u-3001", "2024-06-18T07:05:00.000Z", "First", "Body of first with enough words."],
		]);
	});
});

describe("generic heuristic: entries without ids (idless-entries.html)", () => {
	const url = "https://herald.example.com/weather/hurricane-milton-live";
	const blog = extractEntries(fixture("idless-entries.html"), url);

	it("takes a run of same-kind timed blocks, not the link-only teaser list beside it", () => {
		expect(blog.sources).toEqual(["generic"]);
		expect(blog.entries.map((e) => [iso(e.publishedAt), e.headline, e.bodyText])).toEqual([
			[
				"2024-10-10T01:40:00.000Z",
				"Landfall near Siesta Key",
				"The hurricane made landfall as a category 3 storm.",
			],
			[
				"2024-10-10T00:15:00.000Z",
				"Power out for 1 million",
				"More than a million customers are without power.",
			],
			[
				"2024-10-09T23:02:30.000Z",
				undefined,
				"Tornado warnings remain in effect across the peninsula tonight.",
			],
			["2024-10-09T22:00:00.000Z", "Welcome", "We are following the storm live."],
		]);
	});

	it("gives them stable ids from time + text: the same on every read, unique on the page", () => {
		const ids = blog.entries.map((e) => e.id);
		expect(new Set(ids).size).toBe(4);
		for (const id of ids) expect(id).toMatch(/^h-[0-9a-f]{12}$/);
		const later = fixture("idless-entries.html").replace(
			'<div class="live-feed">',
			'<div class="live-feed"><article class="live-post"><header><time datetime="2024-10-09T22:05:00-04:00">10:05 p.m. ET</time><h2>Eye moves inland</h2></header><p>The eye is now over Sarasota County.</p></article>',
		);
		expect(
			extractEntries(later, url)
				.entries.slice(1)
				.map((e) => e.id),
		).toEqual(ids);
	});

	it("three teasers alone are not entries: mostly link text", () => {
		const teasers = fixture("idless-entries.html").replace(
			/<div class="live-feed">[\s\S]*?<\/main>/,
			"</main>",
		);
		expect(() => extractEntries(teasers, url)).toThrow(NotALiveBlogError);
	});
});
