/** Issue 11, class 5: schema.org LiveBlogPosting in microdata and RDFa Lite, read like JSON-LD. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import type { LiveBlog } from "../../../src/types.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const URL_ = "https://news.example/live/budget";

/** The same three updates as JSON-LD only (no entry markup), for comparison. */
const JSON_LD_PAGE = `<html><head><script type="application/ld+json">${JSON.stringify({
	"@context": "https://schema.org",
	"@type": "LiveBlogPosting",
	headline: "Budget day – live",
	liveBlogUpdate: [
		{
			"@type": "BlogPosting",
			"@id": "#u-3003",
			headline: "Fuel duty frozen",
			datePublished: "2024-10-30T13:12:40+00:00",
			author: { "@type": "Person", name: "Ann Reporter" },
			articleBody:
				"<p>The freeze on fuel duty is extended for another year.</p><p>Motoring groups welcome it.</p>",
		},
		{
			"@type": "BlogPosting",
			"@id": "#u-3002",
			headline: "Chancellor stands up",
			datePublished: "2024-10-30T12:34:05+00:00",
			articleBody: "The Chancellor begins the Budget statement in the Commons.",
		},
		{
			"@type": "BlogPosting",
			"@id": "#u-3001",
			datePublished: "2024-10-30T09:00:00+00:00",
			articleBody: "Welcome to our coverage of the Budget. The statement is expected after PMQs.",
		},
	],
})}</script></head><body></body></html>`;

const summary = (blog: LiveBlog) =>
	blog.entries.map((e) => ({
		id: e.id,
		url: e.url,
		at: e.publishedAt?.toISOString(),
		headline: e.headline,
		body: e.bodyText,
		author: e.author,
	}));

describe("class 5: microdata and RDFa Lite", () => {
	const fromJsonLd = summary(extractEntries(JSON_LD_PAGE, URL_));

	it("the JSON-LD page gives the reference entries", () => {
		expect(fromJsonLd.map((e) => [e.id, e.at, e.headline])).toEqual([
			["u-3003", "2024-10-30T13:12:40.000Z", "Fuel duty frozen"],
			["u-3002", "2024-10-30T12:34:05.000Z", "Chancellor stands up"],
			["u-3001", "2024-10-30T09:00:00.000Z", undefined],
		]);
	});

	it.each([
		["microdata", "microdata-liveblog.html"],
		["RDFa Lite", "rdfa-liveblog.html"],
	])("%s gives the same entries as JSON-LD", (_, file) => {
		const blog = extractEntries(fixture(file), URL_);
		expect(summary(blog)).toEqual(fromJsonLd);
		expect(blog.sources[0]).toBe("microdata");
		expect(blog.title).toBe("Budget day – live");
	});

	it("reads microdata alone, with itemid as the id and no entry markup to fall back on", () => {
		const item = (n: number, minute: number) =>
			`<div itemprop="liveBlogUpdate" itemscope itemtype="http://schema.org/BlogPosting" itemid="https://news.example/live/budget#post-${n}"><span itemprop="headline">Update ${n}</span><meta itemprop="datePublished" content="2024-10-30T12:${minute}:00Z"><span itemprop="articleBody">Body of update ${n}.</span></div>`;
		const html = `<html><body><section itemscope itemtype="http://schema.org/LiveBlogPosting">${item(2, 30)}${item(1, 10)}</section></body></html>`;
		const blog = extractEntries(html, URL_);
		expect(blog.entries.map((e) => [e.id, e.url, e.bodyText])).toEqual([
			["post-2", `${URL_}#post-2`, "Body of update 2."],
			["post-1", `${URL_}#post-1`, "Body of update 1."],
		]);
	});

	it("takes an RDFa update's id from resource (or about)", () => {
		const item = (attr: string, n: number) =>
			`<div property="liveBlogUpdate" typeof="BlogPosting" ${attr}="#upd-${n}"><span property="headline">Update ${n}</span><meta property="datePublished" content="2024-10-30T12:0${n}:00Z"><p property="articleBody">Body ${n}.</p></div>`;
		const html = `<html><body vocab="https://schema.org/"><section typeof="LiveBlogPosting">${item("resource", 2)}${item("about", 1)}</section></body></html>`;
		expect(extractEntries(html, URL_).entries.map((e) => e.id)).toEqual(["upd-2", "upd-1"]);
	});

	it("reads BlogPosting items marked one by one without a LiveBlogPosting around them", () => {
		const item = (n: number, minute: number) =>
			`<article itemscope itemtype="https://schema.org/BlogPosting" id="n${n}0"><h2 itemprop="headline">Item ${n}</h2><time itemprop="datePublished" datetime="2024-10-30T12:${minute}:00+01:00">12:${minute}</time><p>Paragraph of item ${n}.</p></article>`;
		const blog = extractEntries(
			`<html><body><div>${item(2, 40)}${item(1, 20)}</div></body></html>`,
			URL_,
		);
		expect(blog.entries.map((e) => [e.id, e.headline, e.bodyText])).toEqual([
			["n20", "Item 2", "Paragraph of item 2."],
			["n10", "Item 1", "Paragraph of item 1."],
		]);
	});

	it("ignores a single BlogPosting (an ordinary article page)", () => {
		const html = `<html><body><article itemscope itemtype="https://schema.org/BlogPosting"><h1 itemprop="headline">One post</h1><time itemprop="datePublished" datetime="2024-10-30T12:00:00Z"></time><p>Text.</p></article></body></html>`;
		expect(() => extractEntries(html, URL_)).toThrow(/No live-blog entries/);
	});
});

describe("microdata on hostile pages", () => {
	it("reads 20 000 nested update items without overflowing the stack", () => {
		const open =
			'<div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting"><meta itemprop="datePublished" content="2024-10-30T12:00:00Z"><b itemprop="headline">x</b>';
		const html = `<html><body><main itemscope itemtype="https://schema.org/LiveBlogPosting">${open.repeat(20_000)}</main></body></html>`;
		const blog = extractEntries(html, URL_);
		expect(blog.sources).toContain("microdata");
		expect(blog.entries.length).toBeGreaterThan(0);
	});
});
