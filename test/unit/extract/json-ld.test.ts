import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import { extractJsonLd, extractJsonLdValues } from "../../../src/extract/extractors/json-ld.js";
import type { ExtractContext, RawEntry } from "../../../src/extract/raw-entry.js";

const PAGE = "https://www.example-times.com/politics/budget-2024-live";
const ctx: ExtractContext = { pageUrl: PAGE, baseUrl: PAGE };
const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");

function update(
	fragment: string,
	headline: string,
	datePublished: string,
): Record<string, unknown> {
	return { "@type": "BlogPosting", url: `${PAGE}#${fragment}`, headline, datePublished };
}

const twoUpdates = [
	update("u2", "Second", "2024-03-06T10:00:00Z"),
	update("u1", "First", "2024-03-06T09:00:00Z"),
];

function idsOf(entries: RawEntry[]): string[] {
	return entries.map((e) => e.keys[0] ?? "");
}

describe("extractJsonLdValues: where LiveBlogPosting and its updates can sit", () => {
	it.each([
		["top level, liveBlogUpdate array", { "@type": "LiveBlogPosting", liveBlogUpdate: twoUpdates }],
		[
			"inside a top-level array",
			[{ "@type": "WebSite" }, { "@type": "LiveBlogPosting", liveBlogUpdate: twoUpdates }],
		],
		[
			"inside @graph",
			{
				"@graph": [
					{ "@type": "WebPage" },
					{ "@type": "LiveBlogPosting", liveBlogUpdate: twoUpdates },
				],
			},
		],
		[
			"with @type as an array",
			{ "@type": ["NewsArticle", "LiveBlogPosting"], liveBlogUpdate: twoUpdates },
		],
		[
			"with a schema.org IRI type",
			{ "@type": "http://schema.org/LiveBlogPosting", liveBlogUpdate: twoUpdates },
		],
		["under blogPost", { "@type": "LiveBlogPosting", blogPost: twoUpdates }],
		["under blogPosts", { "@type": "LiveBlogPosting", blogPosts: twoUpdates }],
		[
			"under mainEntity",
			{
				"@type": "WebPage",
				mainEntity: { "@type": "LiveBlogPosting", liveBlogUpdate: twoUpdates },
			},
		],
	])("finds the updates %s", (_, value) => {
		const result = extractJsonLdValues([value], ctx);
		expect(result.hasLiveBlogPosting).toBe(true);
		expect(idsOf(result.entries)).toEqual(["u2", "u1"]);
	});

	it("reads a single liveBlogUpdate object", () => {
		const result = extractJsonLdValues(
			[
				{
					"@type": "LiveBlogPosting",
					liveBlogUpdate: update("only", "Only", "2024-03-06T09:00:00Z"),
				},
			],
			ctx,
		);
		expect(idsOf(result.entries)).toEqual(["only"]);
		expect(result.entries[0]?.publishedAt?.toISOString()).toBe("2024-03-06T09:00:00.000Z");
	});

	it("reports a LiveBlogPosting without updates, and ignores other article types", () => {
		expect(
			extractJsonLdValues([{ "@type": "LiveBlogPosting", headline: "Empty" }], ctx),
		).toMatchObject({
			hasLiveBlogPosting: true,
			entries: [],
			page: { title: "Empty" },
		});
		expect(
			extractJsonLdValues([{ "@type": "NewsArticle", liveBlogUpdate: twoUpdates }], ctx),
		).toMatchObject({
			hasLiveBlogPosting: false,
			entries: [],
		});
	});
});

describe("extractJsonLdValues: ids", () => {
	it.each([
		["a bare @id", { "@id": "60300f5f8f08ad21ea60071e" }, ["60300f5f8f08ad21ea60071e"]],
		[
			"a Guardian-style block- @id",
			{ "@id": "block-60300f5f8f08ad21ea60071e" },
			["60300f5f8f08ad21ea60071e"],
		],
		["an @id URL with a fragment", { "@id": `${PAGE}#update-9` }, ["update-9"]],
		["a url fragment", { url: `${PAGE}#751105` }, ["751105"]],
		["@id before url", { "@id": "abc", url: `${PAGE}#def` }, ["abc", "def"]],
		["a url that is the page itself", { url: PAGE }, []],
		[
			"a url of another page",
			{ url: "https://www.example-times.com/update/77" },
			["https://www.example-times.com/update/77"],
		],
	])("takes keys from %s", (_, fields, keys) => {
		const item = {
			"@type": "BlogPosting",
			headline: "H",
			datePublished: "2024-03-06T09:00:00Z",
			...fields,
		};
		const result = extractJsonLdValues(
			[{ "@type": "LiveBlogPosting", liveBlogUpdate: [item] }],
			ctx,
		);
		expect(result.entries[0]?.keys).toEqual(keys);
	});
});

describe("extractJsonLdValues: entry links", () => {
	it("links updates with their own page by that URL, and fragments via the canonical page", () => {
		const result = extractJsonLdValues(
			[
				{
					"@type": "LiveBlogPosting",
					liveBlogUpdate: [
						{
							...update("x", "Frag", "2024-03-06T10:00:00Z"),
							url: "http://m.example-times.com/amp/live?utm_source=x#frag-1",
						},
						{
							...update("y", "Own", "2024-03-06T09:00:00Z"),
							url: "https://www.example-times.com/live/updates?update=77",
						},
					],
				},
			],
			ctx,
		);
		expect(result.entries.map((e) => [e.keys[0], e.anchor, e.url])).toEqual([
			["frag-1", "frag-1", undefined],
			[
				"https://www.example-times.com/live/updates?update=77",
				undefined,
				"https://www.example-times.com/live/updates?update=77",
			],
		]);
	});
});

describe("extractJsonLdValues: page-level copies are distrusted", () => {
	const copied = (over: Record<string, unknown>) => ({
		"@type": "BlogPosting",
		headline: "Mars landing live",
		datePublished: "2021-02-19T19:41:53.000Z",
		dateModified: "2021-02-19T19:47:39.000Z",
		articleBody: "Body",
		...over,
	});

	it("drops a datePublished/dateModified shared by every item and a headline equal to the page's", () => {
		const result = extractJsonLdValues(
			[
				{
					"@type": "LiveBlogPosting",
					headline: "Mars landing live",
					liveBlogUpdate: [
						copied({ "@id": "b3" }),
						copied({ "@id": "b2" }),
						copied({ "@id": "b1", headline: "Own headline" }),
					],
				},
			],
			ctx,
		);
		expect(result.entries.map((e) => [e.keys[0], e.headline, e.publishedAt, e.updatedAt])).toEqual([
			["b3", undefined, undefined, undefined],
			["b2", undefined, undefined, undefined],
			["b1", "Own headline", undefined, undefined],
		]);
	});

	it("drops item authors and images that repeat the page's", () => {
		const page = {
			"@type": "LiveBlogPosting",
			author: { name: "Page Author" },
			image: { url: "/lead.jpg" },
		};
		const result = extractJsonLdValues(
			[
				{
					...page,
					liveBlogUpdate: [
						{
							...update("a", "A", "2024-03-06T10:00:00Z"),
							author: { name: "Page Author" },
							image: "/lead.jpg",
						},
						{
							...update("b", "B", "2024-03-06T09:00:00Z"),
							author: [{ name: "Own Author" }],
							image: { url: "/own.jpg" },
						},
					],
				},
			],
			ctx,
		);
		expect(result.entries.map((e) => [e.author, e.imageUrl])).toEqual([
			[undefined, undefined],
			["Own Author", "https://www.example-times.com/own.jpg"],
		]);
	});
});

describe("extractJsonLd: scripts", () => {
	it("parses each script on its own: one invalid script does not hide the others", () => {
		const good = JSON.stringify({ "@type": "LiveBlogPosting", liveBlogUpdate: twoUpdates });
		const result = extractJsonLd(['{"@type":"LiveBlogPosting", broken', good], ctx);
		expect(result.invalidScripts).toBe(1);
		expect(idsOf(result.entries)).toEqual(["u2", "u1"]);
	});

	it("accepts scripts wrapped in CDATA or comments", () => {
		const good = JSON.stringify({ "@type": "LiveBlogPosting", liveBlogUpdate: twoUpdates });
		expect(idsOf(extractJsonLd([`//<![CDATA[\n${good}\n//]]>`], ctx).entries)).toEqual([
			"u2",
			"u1",
		]);
		expect(idsOf(extractJsonLd([`<!-- ${good} -->`], ctx).entries)).toEqual(["u2", "u1"]);
	});
});

describe("JSON-LD through extractEntries (jsonld-liveblog.html)", () => {
	const warnings: string[] = [];
	const blog = extractEntries(fixture("jsonld-liveblog.html"), `${PAGE}?utm_source=newsletter`, {
		now: new Date("2024-03-06T12:00:00Z"),
		onWarning: (m) => warnings.push(m),
	});

	it("reports the invalid script as a warning, not an error", () => {
		expect(warnings).toEqual(["1 JSON-LD script(s) were not valid JSON"]);
	});

	it("takes title, canonical URL and coverage end from the page", () => {
		expect(blog.title).toBe("Budget 2024 live: Chancellor's statement");
		expect(blog.url).toBe(PAGE);
		expect(blog.coverageEndTime?.toISOString()).toBe("2024-03-06T18:00:00.000Z");
		expect(blog.isLive).toBe(true);
		expect(blog.sources).toEqual(["json-ld"]);
	});

	it("returns every update newest first, with a hash id for the one without @id or url", () => {
		expect(blog.entries.map((e) => e.id)).toEqual([
			"update-3",
			"update-2",
			expect.stringMatching(/^h-[0-9a-f]{12}$/),
			"update-1",
		]);
		expect(blog.entries[2]?.headline).toBe("No id or url");
	});

	it("decodes entities and strips HTML (plain, escaped or raw) from articleBody", () => {
		const byId = new Map(blog.entries.map((e) => [e.id, e]));
		expect(byId.get("update-3")?.bodyText).toBe(
			'The chancellor said fuel duty would be frozen for "another year" & the 5p cut kept.',
		);
		expect(byId.get("update-2")?.bodyText).toBe("The statement has begun.");
		expect(byId.get("update-1")?.bodyText).toBe(
			"Good morning and welcome.\nWe will follow the budget live.",
		);
	});

	it("keeps per-entry fields and drops page-level copies", () => {
		const byId = new Map(blog.entries.map((e) => [e.id, e]));
		expect(byId.get("update-3")).toMatchObject({
			url: `${PAGE}#update-3`,
			publishedAt: new Date("2024-03-06T13:05:00Z"),
			updatedAt: new Date("2024-03-06T13:20:00Z"),
			headline: "Fuel duty frozen",
			author: "Ann Reporter",
			imageUrl: "https://www.example-times.com/img/fuel.jpg",
		});
		expect(byId.get("update-2")?.headline).toBeUndefined();
		expect(byId.get("update-2")?.author).toBeUndefined();
	});

	it("marks the blog ended once coverageEndTime has passed", () => {
		const later = extractEntries(fixture("jsonld-liveblog.html"), PAGE, {
			now: new Date("2024-03-07T00:00:00Z"),
		});
		expect(later.isLive).toBe(false);
	});
});

describe('JSON-LD @graph whose liveBlogUpdate items are {"@id"} references (jsonld-graph-refs.html)', () => {
	const html = readFileSync(
		new URL("../../fixtures/jsonld-graph-refs.html", import.meta.url),
		"utf8",
	);
	const blog = extractEntries(html, "https://blog.example.org/live/");

	it("resolves each reference to its node in the graph", () => {
		expect(blog.sources).toEqual(["json-ld"]);
		expect(
			blog.entries.map((e) => [e.id, e.publishedAt?.toISOString(), e.headline, e.bodyText]),
		).toEqual([
			[
				"update-3",
				"2024-05-02T13:04:05.000Z",
				"Leaders sign the deal",
				"The leaders signed the agreement at 3pm.",
			],
			["update-2", "2024-05-02T11:30:00.000Z", "Talks run late", "Talks ran over by an hour."],
		]);
	});

	it("a reference to a node that is not there stays an empty reference, not an entry", () => {
		const dangling = html.replace(
			'"@id":"https://blog.example.org/live/#update-2","headline"',
			'"@id":"https://blog.example.org/live/#gone","headline"',
		);
		expect(
			extractEntries(dangling, "https://blog.example.org/live/").entries.map((e) => e.id),
		).toEqual(["update-3"]);
	});
});
