import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NotALiveBlogError } from "../../../src/errors.js";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import { mergeEntries, sortNewestFirst } from "../../../src/extract/merge-entries.js";
import type { RawEntry } from "../../../src/extract/raw-entry.js";
import type { Entry } from "../../../src/types.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const PAGE = "https://example.com/live";

function notALiveBlog(body: string, url = PAGE): NotALiveBlogError {
	try {
		extractEntries(body, url);
	} catch (error) {
		if (error instanceof NotALiveBlogError) return error;
		throw error;
	}
	throw new Error("expected NotALiveBlogError");
}

describe("extractEntries: pages that are not live blogs", () => {
	it("rejects a regular article with NewsArticle JSON-LD, a most-read list and comments", () => {
		const error = notALiveBlog(
			fixture("not-a-liveblog.html"),
			"https://news.example.com/local/council-approves-new-bridge",
		);
		expect(error.code).toBe("not-a-live-blog");
		expect(error.tried).toEqual(["json-ld", "site-profiles", "generic", "time-led"]);
		expect(error.url).toBe("https://news.example.com/local/council-approves-new-bridge");
	});

	it("rejects truncated garbage with NotALiveBlogError and mentions the broken JSON-LD", () => {
		expect(notALiveBlog(fixture("broken.txt")).message).toContain(
			"1 JSON-LD script(s) were not valid JSON",
		);
	});

	it("rejects a LiveBlogPosting that has no updates and no entry markup", () => {
		const html = `<html><head><script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Soon"}</script></head><body></body></html>`;
		expect(notALiveBlog(html).tried).toContain("json-ld");
	});

	it.each([
		["an empty body", ""],
		["whitespace", "   \n  "],
		["plain text", "just some words"],
		["binary noise", "\u0000\u0001\u0002\ufffd\u00ff<<>>&&;;"],
		["unclosed tags", "<div><p><span><table><tr><td>".repeat(200)],
		[
			"a very deep tree",
			`<div id="a">${"<div>".repeat(30_000)}<time datetime="2024-01-01T00:00:00Z"></time>`,
		],
		[
			"a half script",
			'<script type="application/ld+json">{"@type":"LiveBlogPosting","liveBlogUpdate":[{"head',
		],
		[
			"a broken __NEXT_DATA__",
			'<script id="__NEXT_DATA__" type="application/json">{"props":</script>',
		],
	])("throws only NotALiveBlogError for %s", (_, body) => {
		expect(() => extractEntries(body, PAGE)).toThrow(NotALiveBlogError);
	});

	it("keeps the page URL when it cannot be canonicalised", () => {
		expect(notALiveBlog("<p>x</p>", "not a url").url).toBe("not a url");
	});
});

describe("extractEntries: page facts", () => {
	const two = (head: string) =>
		`<html><head>${head}</head><body><div class="live-event-entry" id="1" data-post-time="1717315200000"><div class="entry-content"><h3>A</h3></div></div><div class="live-event-entry" id="2" data-post-time="1717311600000"><div class="entry-content"><h3>B</h3></div></div></body></html>`;

	it.each([
		[
			"og:title before <title>",
			'<meta property="og:title" content="OG title"><title>Doc title | Site</title>',
			"OG title",
		],
		[
			"<title> without the site suffix",
			"<title>Storm live: the latest | News | Example</title>",
			"Storm live: the latest",
		],
		["a short <title> kept whole", "<title>Live | Example</title>", "Live | Example"],
		["the URL when there is no title", "", PAGE],
	])("takes the title from %s", (_, head, title) => {
		expect(extractEntries(two(head), PAGE).title).toBe(title);
	});

	it.each([
		[
			"a relative canonical link",
			'<link rel="canonical" href="/live/page?utm_campaign=x#top">',
			"https://example.com/live/page",
		],
		[
			"a broken canonical link",
			'<link rel="canonical" href="http://[bad">',
			"https://example.com/live",
		],
		["no canonical link", "", "https://example.com/live"],
	])("resolves the blog URL from %s", (_, head, url) => {
		expect(extractEntries(two(head), `${PAGE}?fbclid=1#x`).url).toBe(url);
	});

	it("reads an HTML body labelled application/json as HTML, and a JSON array as JSON", () => {
		expect(
			extractEntries(two("<title>Mislabelled live page</title>"), PAGE, {
				contentType: "application/json",
			}).entries,
		).toHaveLength(2);
		const ld = [
			{
				"@type": "LiveBlogPosting",
				liveBlogUpdate: [
					{ url: `${PAGE}#a`, headline: "A", datePublished: "2024-06-02T08:00:00Z" },
				],
			},
		];
		expect(
			extractEntries(`  ${JSON.stringify(ld)}`, PAGE, { contentType: "text/plain" }).entries.map(
				(e) => e.id,
			),
		).toEqual(["a"]);
	});

	it("is live when nothing says it ended", () => {
		expect(extractEntries(two(""), PAGE).isLive).toBe(true);
	});

	it("fills bodyHtml only when asked", () => {
		const html = fixture("reach-style.html");
		const url = "https://www.example-reach.co.uk/news/uk-news/storm-live-12345678";
		expect(extractEntries(html, url).entries[0]?.bodyHtml).toBeUndefined();
		expect(extractEntries(html, url, { withHtml: true }).entries[0]?.bodyHtml).toBe(
			"<h3>Roads reopen after flooding </h3><p>The council says the roads &quot;are safe&quot; again.</p><p>Drivers are still urged to take care.</p>",
		);
	});
});

describe("mergeEntries", () => {
	// An entry has text or media (issue 11, class 2); the id is enough text for these cases.
	const raw = (over: Partial<RawEntry> & { keys: string[] }): RawEntry => ({
		bodyText: over.keys[0] === undefined ? "" : `text of ${over.keys[0]}`,
		...over,
	});

	it("joins by any shared key, takes the id and headline from the source naming most entries (the later on a tie), times from structured data and bodies from markup", () => {
		const { entries, sources } = mergeEntries(
			[
				{
					name: "json-ld",
					entries: [
						raw({
							keys: ["42"],
							anchor: "42",
							publishedAt: new Date("2024-01-01T10:00:00Z"),
							headline: "LD headline",
							bodyText: "LD body…",
						}),
					],
				},
				{
					name: "html",
					entries: [
						raw({
							keys: ["block-42", "42"],
							publishedAt: new Date("2024-01-01T09:00:00Z"),
							headline: "HTML headline",
							bodyText: "Full HTML body.",
							author: "Writer",
							imageUrl: "https://img/x.jpg",
						}),
					],
				},
			],
			PAGE,
		);
		expect(sources).toEqual(["json-ld", "html"]);
		expect(entries).toEqual([
			{
				id: "block-42",
				url: `${PAGE}#42`,
				publishedAt: new Date("2024-01-01T10:00:00Z"),
				updatedAt: undefined,
				headline: "HTML headline",
				bodyText: "Full HTML body.",
				author: "Writer",
				imageUrl: "https://img/x.jpg",
			},
		]);
	});

	it("keeps an entry's headline when it drops off a JSON-LD list of the newest few", () => {
		const html = (id: string, headline: string) =>
			raw({ keys: [id], anchor: id, headline, bodyText: `Body of ${id}.` });
		const ld = (id: string, headline: string) =>
			raw({ keys: [id], anchor: id, headline, publishedAt: new Date("2024-01-01T10:00:00Z") });
		const markup = {
			name: "html",
			entries: [html("3", "Three"), html("2", "Two"), html("1", "One")],
		};
		const before = mergeEntries(
			[{ name: "json-ld", entries: [ld("3", "Three (LD)"), ld("2", "Two (LD)")] }, markup],
			PAGE,
		);
		const after = mergeEntries(
			[{ name: "json-ld", entries: [ld("3", "Three (LD)")] }, markup],
			PAGE,
		);
		const headlineOf = (r: { entries: { id: string; headline?: string }[] }, id: string) =>
			r.entries.find((e) => e.id === id)?.headline;
		expect(headlineOf(before, "2")).toBe("Two");
		expect(headlineOf(after, "2")).toBe(headlineOf(before, "2"));
		expect(headlineOf(after, "3")).toBe("Three");
	});

	it("unions entries that only one source has", () => {
		const { entries } = mergeEntries(
			[
				{
					name: "json-ld",
					entries: [
						raw({ keys: ["3"], publishedAt: new Date(3000) }),
						raw({ keys: ["2"], publishedAt: new Date(2000) }),
						raw({ keys: ["1"], publishedAt: new Date(1000) }),
					],
				},
				{
					name: "html",
					entries: [
						raw({ keys: ["3"], bodyText: "three" }),
						raw({ keys: ["4"], publishedAt: new Date(4000) }),
					],
				},
			],
			PAGE,
		);
		expect(entries.map((e) => e.id)).toEqual(["4", "3", "2", "1"]);
		expect(entries[1]?.bodyText).toBe("three");
	});

	it("joins id-less entries by headline + time and drops entries with nothing to identify them", () => {
		const at = new Date("2024-01-01T10:00:00Z");
		const { entries } = mergeEntries(
			[
				{
					name: "json-ld",
					entries: [
						raw({ keys: [], headline: "Same", publishedAt: at, bodyText: "short" }),
						raw({ keys: [] }),
					],
				},
				{
					name: "html",
					entries: [
						raw({ keys: ["dom-7"], headline: "Same", publishedAt: at, bodyText: "long body" }),
					],
				},
			],
			PAGE,
		);
		expect(entries.map((e) => [e.id, e.bodyText])).toEqual([["dom-7", "long body"]]);
	});

	it("drops an updatedAt that is not after publishedAt", () => {
		const { entries } = mergeEntries(
			[
				{
					name: "x",
					entries: [
						raw({ keys: ["a"], publishedAt: new Date(2000), updatedAt: new Date(1999) }),
						raw({ keys: ["b"], publishedAt: new Date(1000), updatedAt: new Date(1500) }),
					],
				},
			],
			PAGE,
		);
		expect(entries.map((e) => e.updatedAt?.getTime())).toEqual([undefined, 1500]);
	});

	it("computes a lazy JSON-LD body only when no markup body exists", () => {
		let calls = 0;
		const lazy = () => {
			calls++;
			return "from json-ld";
		};
		const { entries } = mergeEntries(
			[
				{
					name: "json-ld",
					entries: [
						{ keys: ["a"], lazyBodyText: lazy },
						{ keys: ["b"], lazyBodyText: lazy },
					],
				},
				{ name: "html", entries: [raw({ keys: ["a"], bodyText: "from html" })] },
			],
			PAGE,
		);
		expect(entries.map((e) => e.bodyText)).toEqual(["from html", "from json-ld"]);
		expect(calls).toBe(1);
	});
});

describe("sortNewestFirst", () => {
	const entry = (id: string, at?: number): Entry => ({
		id,
		url: PAGE,
		bodyText: "",
		publishedAt: at === undefined ? undefined : new Date(at),
	});

	it("sorts timed entries newest first and leaves untimed ones in their slots", () => {
		const sorted = sortNewestFirst([
			entry("a", 1),
			entry("pinned"),
			entry("c", 3),
			entry("b", 2),
			entry("x"),
		]);
		expect(sorted.map((e) => e.id)).toEqual(["c", "pinned", "b", "a", "x"]);
	});

	it("keeps document order for equal times", () => {
		expect(sortNewestFirst([entry("first", 5), entry("second", 5)]).map((e) => e.id)).toEqual([
			"first",
			"second",
		]);
	});
});

describe("extractEntries: a page speaks only for its own site", () => {
	const FETCHED = "https://attacker.example/scoop";
	/** A JSON-LD live blog whose page declares `head` and whose updates link where `links` says. */
	const page = (head: string, links: (string | undefined)[] = [undefined, undefined]) => {
		const ld = {
			"@type": "LiveBlogPosting",
			url: "https://victim.example/live",
			liveBlogUpdate: links.map((url, i) => ({
				"@id": `u${i}`,
				headline: `Update ${i}`,
				datePublished: `2024-06-02T0${8 + i}:00:00Z`,
				articleBody: `Body ${i}.`,
				...(url === undefined ? {} : { url }),
			})),
		};
		return `<html><head>${head}<script type="application/ld+json">${JSON.stringify(ld)}</script></head><body></body></html>`;
	};

	it.each([
		[
			"a canonical link to another site",
			'<link rel="canonical" href="https://victim.example/live">',
		],
		["an og:url of another site", '<meta property="og:url" content="https://victim.example/live">'],
		["a JSON-LD url of another site (and nothing else)", ""],
		[
			"a canonical link on another blogspot.com blog",
			'<link rel="canonical" href="https://victim.blogspot.com/live">',
		],
		[
			"a canonical link downgrading to http",
			'<link rel="canonical" href="http://attacker.example/scoop">',
		],
		[
			"a canonical link on another port",
			'<link rel="canonical" href="https://attacker.example:8443/scoop">',
		],
	])("ignores %s: the blog is the fetched URL", (_, head) => {
		expect(extractEntries(page(head), FETCHED).url).toBe(FETCHED);
	});

	it("adopts a canonical link on its own registrable domain", () => {
		const head =
			'<link rel="canonical" href="https://www.attacker.example/live/scoop?utm_source=x">';
		expect(extractEntries(page(head), FETCHED).url).toBe("https://www.attacker.example/live/scoop");
	});

	it("ignores a JSON model's canonicalUrl on another site", () => {
		const model = {
			canonicalUrl: "https://victim.example/live",
			linkedData: JSON.parse(
				/<script type="application\/ld\+json">(.*)<\/script>/.exec(page(""))?.[1] ?? "{}",
			),
		};
		const blog = extractEntries(JSON.stringify(model), FETCHED, {
			contentType: "application/json",
		});
		expect(blog.url).toBe(FETCHED);
	});

	it("keeps entry links on the blog's site and replaces others by the page URL", () => {
		const blog = extractEntries(
			page("", ["https://phish.example/login", "https://news.attacker.example/scoop/update-0"]),
			FETCHED,
		);
		expect(blog.entries.map((e) => [e.id, e.url])).toEqual([
			["u1", "https://news.attacker.example/scoop/update-0"],
			["u0", FETCHED],
		]);
	});
});
