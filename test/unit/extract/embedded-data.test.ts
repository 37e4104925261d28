import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NotALiveBlogError } from "../../../src/errors.js";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import { extractPostArrays } from "../../../src/extract/extractors/embedded-data.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const iso = (d: Date | undefined) => d?.toISOString();
const GUARDIAN = "https://www.theguardian.com/uk-news/live/2024/jan/21/storm-live";

describe("Guardian frontend JSON model (guardian-model.json)", () => {
	const blog = extractEntries(fixture("guardian-model.json"), `${GUARDIAN}.json?dcr=true`, {
		contentType: "application/json; charset=utf-8",
	});

	it("reads blocks[] joined with linkedData by block id", () => {
		expect(blog.entries.map((e) => e.id)).toEqual([
			"65ad00000000000000000003",
			"65ad00000000000000000002",
			"65ad00000000000000000001",
		]);
		expect(blog.sources).toEqual(["json-ld", "guardian-json"]);
	});

	it("takes times from blockFirstPublished/blockLastUpdated (epoch ms), ignoring a pre-publication save", () => {
		expect(blog.entries.map((e) => [iso(e.publishedAt), iso(e.updatedAt)])).toEqual([
			["2024-01-21T09:00:00.000Z", "2024-01-21T09:15:00.000Z"],
			["2024-01-21T08:00:00.000Z", undefined],
			["2024-01-21T07:00:00.000Z", undefined],
		]);
	});

	it("builds bodies from text elements, skips tweets, and picks the inline image", () => {
		expect(blog.entries[0]).toMatchObject({
			headline: "Record gusts",
			bodyText: "Gusts of 90mph & more were recorded.",
			author: "Alex Weather",
			imageUrl: "https://i.guim.co.uk/img/media/storm/620.jpg",
			url: `${GUARDIAN}?page=with:block-65ad00000000000000000003#block-65ad00000000000000000003`,
		});
		expect(blog.entries[1]?.bodyText).toBe("Trains cancelled\nFlights delayed");
		expect(blog.entries[1]?.headline).toBeUndefined();
	});

	it("marks the pinned post without duplicating it", () => {
		expect(blog.entries.filter((e) => e.pinned === true).map((e) => e.id)).toEqual([
			"65ad00000000000000000001",
		]);
		expect(blog.entries).toHaveLength(3);
	});

	it("uses the model's canonical URL, headline and liveness flag", () => {
		expect(blog.url).toBe(GUARDIAN);
		expect(blog.title).toBe("Storm live: wind warnings – as it happened");
		expect(blog.isLive).toBe(false);
	});

	it("detects JSON by the leading brace when no content type is given", () => {
		expect(extractEntries(fixture("guardian-model.json"), GUARDIAN).entries).toHaveLength(3);
	});
});

describe("__NEXT_DATA__ (next-data.html)", () => {
	const blog = extractEntries(
		fixture("next-data.html"),
		"https://www.bbc.com/mundo/live/c0000000000t",
	);

	it("finds the array of post-like objects and reads urn, dates, header and content", () => {
		expect(blog.sources).toEqual(["next-data"]);
		expect(
			blog.entries.map((e) => [e.id, iso(e.publishedAt), iso(e.updatedAt), e.headline]),
		).toEqual([
			[
				"urn:bbc:optimo:asset:2222",
				"2024-05-01T10:00:00.000Z",
				"2024-05-01T10:05:00.000Z",
				"Segunda actualización",
			],
			["urn:bbc:optimo:asset:1111", "2024-05-01T09:00:00.000Z", undefined, "Primera actualización"],
		]);
		expect(blog.entries[0]?.bodyText).toBe(
			"Texto de la segunda actualización.\nMás detalles & contexto.",
		);
	});

	it("does not mistake navigation arrays for posts", () => {
		expect(blog.entries).toHaveLength(2);
	});
});

describe("extractPostArrays", () => {
	const ctx = { pageUrl: "https://example.com/live", baseUrl: "https://example.com/live" };

	it("reads a WordPress-liveblog-like REST payload", () => {
		const payload = {
			entries: [
				{
					id: 4321,
					entry_time: 1717315200,
					content: "<p>Newer entry &amp; more.</p>",
					authors: [{ name: "A" }],
				},
				{ id: 4320, entry_time: 1717311600, content: "<p>Older entry.</p>" },
			],
			latest_timestamp: 1717315200,
		};
		const result = extractPostArrays(payload, "json-posts", ctx);
		expect(result?.entries.map((e) => [e.keys[0], iso(e.publishedAt), e.bodyText])).toEqual([
			["4321", "2024-06-02T08:00:00.000Z", "Newer entry & more."],
			["4320", "2024-06-02T07:00:00.000Z", "Older entry."],
		]);
	});

	it("needs at least two post-like objects that make up most of their array", () => {
		expect(
			extractPostArrays({ items: [{ id: 1, title: "x", date: "2024-06-02T08:00:00Z" }] }, "x", ctx),
		).toBeUndefined();
		expect(
			extractPostArrays(
				{
					items: [
						{ id: 1, title: "no time" },
						{ id: 2, title: "no time either" },
					],
				},
				"x",
				ctx,
			),
		).toBeUndefined();
	});

	it("throws NotALiveBlogError for a JSON body that is neither a model nor a post list", () => {
		expect(() => extractEntries('{"hello":"world"}', "https://example.com/api")).toThrow(
			NotALiveBlogError,
		);
		expect(() => extractEntries('{"truncated": [', "https://example.com/api")).toThrow(
			/not valid JSON/,
		);
	});
});
