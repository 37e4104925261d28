import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import { guardianBlockUrl } from "../../../src/extract/extractors/site-profiles.js";
import type { Entry } from "../../../src/types.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const iso = (d: Date | undefined) => d?.toISOString();
const byId = (entries: Entry[]) => new Map(entries.map((e) => [e.id, e]));

describe("Reach profile (reach-style.html)", () => {
	const blog = extractEntries(
		fixture("reach-style.html"),
		"https://www.example-reach.co.uk/news/uk-news/storm-live-12345678?amp=1",
	);
	const entries = byId(blog.entries);

	it("unions JSON-LD (4 updates) with the HTML entries (3); the key-events list adds nothing", () => {
		expect(blog.entries.map((e) => e.id)).toEqual(["900004", "900003", "900002", "900001"]);
		expect(blog.sources).toEqual(["json-ld", "reach"]);
	});

	it("drops tracking parameters from the canonical URL", () => {
		expect(blog.url).toBe("https://www.example-reach.co.uk/news/uk-news/storm-live-12345678");
		expect(entries.get("900004")?.url).toBe(
			"https://www.example-reach.co.uk/news/uk-news/storm-live-12345678#900004",
		);
	});

	it("reads times from epoch-ms attributes and JSON-LD, never the local HH:MM <time>", () => {
		expect(iso(entries.get("900003")?.publishedAt)).toBe("2024-03-02T09:40:00.000Z");
		expect(iso(entries.get("900003")?.updatedAt)).toBe("2024-03-02T09:52:30.000Z");
		expect(entries.get("900004")?.updatedAt).toBeUndefined();
	});

	it("takes the author from the entry, not the 'KEY EVENT' label or the page-level JSON-LD author", () => {
		expect(entries.get("900004")?.author).toBe("Sam Writer");
		expect(entries.get("900003")?.author).toBeUndefined();
		expect(entries.get("900001")?.author).toBeUndefined();
	});

	it("cleans bodies: no headline, Read more, captions, tweets or scripts", () => {
		expect(entries.get("900003")?.bodyText).toBe(
			"The Met Office has upgraded its warning to amber – the second highest level.",
		);
		expect(entries.get("900002")?.bodyText).toBe("Rail operators cancelled all services.");
		expect(entries.get("900004")?.bodyText).toBe(
			'The council says the roads "are safe" again.\nDrivers are still urged to take care.',
		);
	});

	it("uses the entry's own image, and no page-level image for JSON-LD-only entries", () => {
		expect(entries.get("900003")?.imageUrl).toBe(
			"https://i2-prod.example-reach.co.uk/incoming/article900003.ece/ALTERNATES/s510b/warning-map.jpg",
		);
		expect(entries.get("900001")?.imageUrl).toBeUndefined();
	});

	it("fills JSON-LD-only entries from JSON-LD", () => {
		expect(entries.get("900001")).toMatchObject({
			headline: "Live coverage begins",
			bodyText: "Welcome to our live coverage & updates — stay with us.",
			publishedAt: new Date("2024-03-02T08:00:00Z"),
		});
	});
});

describe("Express profile (express-style.html)", () => {
	const blog = extractEntries(
		fixture("express-style.html"),
		"https://www.example-express.co.uk/news/royal/777/royal-news-live",
	);

	it("reads epoch-seconds attributes, not the '21 mins ago' or zone-less <time>", () => {
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt), iso(e.updatedAt)])).toEqual([
			["live-777-aaaaa", "2024-07-18T11:48:00.000Z", undefined],
			["live-777-bbbbb", "2024-07-18T10:05:00.000Z", "2024-07-18T10:06:40.000Z"],
			["live-777-ccccc", "2024-07-18T08:06:40.000Z", undefined],
		]);
	});

	it("reads headline, author, body and image, skipping the ad slot between entries", () => {
		expect(blog.entries[0]).toMatchObject({
			headline: "Palace to issue statement this afternoon",
			author: "Jon Writer",
			bodyText: 'A spokesperson said a statement would follow "later today".',
			imageUrl: "https://cdn.example-express.co.uk/img/statement.jpg",
		});
		expect(blog.entries.some((e) => e.bodyText.includes("mins ago"))).toBe(false);
		expect(blog.sources).toEqual(["express"]);
		expect(blog.title).toBe("Royal news LIVE: Palace statement expected");
	});
});

describe("Guardian profile (guardian-style.html)", () => {
	const blog = extractEntries(
		fixture("guardian-style.html"),
		"https://www.theguardian.com/science/live/2021/feb/19/mars-live?page=with:block-aaaa00000000000000000002",
	);
	const entries = byId(blog.entries);

	it("strips the block- prefix and joins the JSON-LD @ids; the pinned copy is not a second entry", () => {
		expect(blog.entries.map((e) => e.id)).toEqual([
			"aaaa00000000000000000003",
			"aaaa00000000000000000002",
			"aaaa00000000000000000001",
		]);
		expect(blog.sources).toEqual(["json-ld", "guardian"]);
	});

	it("marks the original pinned post pinned", () => {
		expect(blog.entries.map((e) => e.pinned === true)).toEqual([false, false, true]);
	});

	it("takes block times from markup because the JSON-LD dates are page-level copies", () => {
		expect(iso(entries.get("aaaa00000000000000000003")?.publishedAt)).toBe(
			"2021-02-19T19:30:03.000Z",
		);
		expect(iso(entries.get("aaaa00000000000000000001")?.publishedAt)).toBe(
			"2021-02-19T18:00:00.000Z",
		);
	});

	it("uses block titles only, never the page headline copied into JSON-LD", () => {
		expect(entries.get("aaaa00000000000000000003")?.headline).toBe("Summary");
		expect(entries.get("aaaa00000000000000000002")?.headline).toBeUndefined();
	});

	it("links entries with ?page=with:block-<id>#block-<id>", () => {
		expect(entries.get("aaaa00000000000000000002")?.url).toBe(
			"https://www.theguardian.com/science/live/2021/feb/19/mars-live?page=with:block-aaaa00000000000000000002#block-aaaa00000000000000000002",
		);
		expect(blog.url).toBe("https://www.theguardian.com/science/live/2021/feb/19/mars-live");
	});

	it("keeps the body free of header, footer, captions and embeds", () => {
		expect(entries.get("aaaa00000000000000000003")?.bodyText).toBe(
			"The rover is healthy.\nIt has sent back its first images.\nIt may drive within weeks.",
		);
		expect(entries.get("aaaa00000000000000000002")?.bodyText).toBe(
			"Have you typed “perseverance” into Google today?",
		);
		expect(entries.get("aaaa00000000000000000001")?.bodyText).toBe(
			"Welcome to our coverage of the briefing.",
		);
	});

	it("ends the blog when coverageEndTime is past", () => {
		expect(blog.isLive).toBe(false);
		expect(iso(blog.coverageEndTime)).toBe("2021-02-19T19:47:39.000Z");
	});

	it("builds block URLs on canonical URLs with or without a query", () => {
		expect(guardianBlockUrl("https://g.example/live", "abc")).toBe(
			"https://g.example/live?page=with:block-abc#block-abc",
		);
		expect(guardianBlockUrl("https://g.example/live?x=1", "abc")).toBe(
			"https://g.example/live?x=1&page=with:block-abc#block-abc",
		);
	});
});

describe("NYT profile (nyt-style.html)", () => {
	const blog = extractEntries(
		fixture("nyt-style.html"),
		"https://www.nytimes.com/live/2020/09/25/business/markets-live",
	);
	const entries = byId(blog.entries);

	it("joins posts to JSON-LD by the anchor slug and takes times from JSON-LD", () => {
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			["apple-waives-some-fees", "2020-09-25T19:42:10.017Z"],
			["oil-prices-slip", "2020-09-25T14:00:00.000Z"],
			["stocks-rally-at-the-close", "2020-09-25T10:28:53.000Z"],
		]);
		expect(iso(entries.get("stocks-rally-at-the-close")?.updatedAt)).toBe(
			"2020-09-25T20:06:15.757Z",
		);
	});

	it("prefers the full HTML body over the truncated JSON-LD articleBody", () => {
		expect(entries.get("stocks-rally-at-the-close")?.bodyText).toBe(
			"Wall Street rose on Friday.\nThe S&P 500 climbed 1.6 percent.",
		);
	});

	it("reads bylines from itemprop names", () => {
		expect(entries.get("stocks-rally-at-the-close")?.author).toBe("Kevin Writer, Mo Author");
		expect(entries.get("oil-prices-slip")).toMatchObject({
			author: "Stanley Reed",
			imageUrl: "https://static01.nyt.com/images/oil-articleLarge.jpg",
		});
	});

	it("does not turn the 'what you need to know' aside into entries", () => {
		expect(blog.entries).toHaveLength(3);
		expect(blog.title).toBe("Markets live: stocks rise");
	});
});

describe("BBC profile (bbc-style.html)", () => {
	const blog = extractEntries(
		fixture("bbc-style.html"),
		"https://www.bbc.co.uk/news/live/uk-politics-00000001",
	);

	it("hashes headline + time for posts without ids, and keeps an untimed post in place", () => {
		expect(blog.entries.map((e) => e.headline)).toEqual([
			"First result declared in Sunderland",
			"Turnout looks lower than 2019",
			"Polls have closed",
		]);
		expect(blog.entries.map((e) => e.id)).toEqual([
			expect.stringMatching(/^h-[0-9a-f]{12}$/),
			expect.stringMatching(/^h-[0-9a-f]{12}$/),
			expect.stringMatching(/^h-[0-9a-f]{12}$/),
		]);
		expect(blog.entries[1]?.publishedAt).toBeUndefined();
		expect(iso(blog.entries[0]?.publishedAt)).toBe("2024-07-04T23:15:00.000Z");
	});

	it("gives the same ids on a second parse", () => {
		const again = extractEntries(
			fixture("bbc-style.html"),
			"https://www.bbc.co.uk/news/live/uk-politics-00000001",
		);
		expect(again.entries.map((e) => e.id)).toEqual(blog.entries.map((e) => e.id));
	});
});

describe("other profiles (inline pages)", () => {
	const page = (body: string) =>
		`<!DOCTYPE html><html><head><title>Live</title></head><body>${body}</body></html>`;

	it.each([
		[
			"amp-live-list",
			'<amp-live-list id="live" data-max-items-per-page="10"><div update></div><div items><div id="p2" data-sort-time="1721299680" data-update-time="1721299809"><h2>Second</h2><p>Second body text.</p></div><div id="p1" data-sort-time="1721290000"><h2>First</h2><p>First body text.</p></div><div id="p0" data-sort-time="1721280000" data-tombstone><h2>Deleted</h2></div></div></amp-live-list>',
			[
				["p2", "2024-07-18T10:48:00.000Z", "Second"],
				["p1", "2024-07-18T08:06:40.000Z", "First"],
			],
		],
		[
			"wp-liveblog",
			'<div class="liveblog-feed"><article id="id_4321" class="liveblog-entry" data-timestamp="1717315200"><h2>Newer</h2><div class="liveblog-entry-content"><p>Newer entry text.</p></div></article><article id="id_4320" class="liveblog-entry" data-timestamp="1717311600"><h2>Older</h2><p>Older entry text.</p></article></div>',
			[
				["4321", "2024-06-02T08:00:00.000Z", "Newer"],
				["4320", "2024-06-02T07:00:00.000Z", "Older"],
			],
		],
		[
			"bbc-lx",
			'<ol class="lx-stream__feed"><li><article class="lx-stream-post" id="post_5f1"><header class="lx-stream-post__header"><time datetime="2020-05-01T10:00:00Z">10:00</time><h3 class="lx-stream-post__header-text">Lx headline</h3></header><div class="lx-stream-post-body"><p>Lx body text.</p></div></article></li></ol>',
			[["post_5f1", "2020-05-01T10:00:00.000Z", "Lx headline"]],
		],
		[
			"lemonde",
			'<section class="post post__live-container" id="live-1"><time datetime="2024-01-01T08:00:00+01:00">08:00</time><h2 class="post__live-container--title">Titre</h2><div class="content--live"><p>Texte du post.</p></div></section>',
			[["live-1", "2024-01-01T07:00:00.000Z", "Titre"]],
		],
	])("reads %s entries", (name, body, expected) => {
		const blog = extractEntries(page(body), "https://example.com/live");
		expect(blog.sources).toEqual([name]);
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt), e.headline])).toEqual(expected);
	});
});
