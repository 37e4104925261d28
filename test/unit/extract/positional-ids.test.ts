/** Issue 11, class 4: ids that number entries by position are replaced by stable ids. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isPositional } from "../../../src/extract/entry-identity.js";
import { extractEntries, extractWithDiagnostics } from "../../../src/extract/extract-entries.js";
import type { RawEntry } from "../../../src/extract/raw-entry.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const URL_ = "https://sport.example/live/marathon";

function withNewPost(html: string): string {
	const renumbered = html.replace(/id="post(\d)"/g, (_, n: string) => `id="post${Number(n) + 1}"`);
	return renumbered.replace(
		'<div class="feed-item" id="post2">',
		'<div class="feed-item" id="post1"><time datetime="2024-04-21T11:20:00+01:00">11:20</time><h3>Women\'s winner</h3><p>The women\'s race is won in 2:16:16.</p></div>\n<div class="feed-item" id="post2">',
	);
}

describe("class 4: positional ids", () => {
	it("gives each entry the same id before and after a new post renumbers the page", () => {
		const before = extractEntries(fixture("positional-ids.html"), URL_);
		const after = extractEntries(withNewPost(fixture("positional-ids.html")), URL_);
		const idOf = (blog: typeof before, headline: string) =>
			blog.entries.find((e) => e.headline === headline)?.id;
		for (const headline of [
			"Winner crosses the line",
			"Leaders pass Tower Bridge",
			"Elite men start",
		]) {
			expect(idOf(after, headline)).toBe(idOf(before, headline));
			expect(idOf(before, headline)).toMatch(/^h-[0-9a-f]{12}$/);
		}
		expect(new Set(after.entries.map((e) => e.id)).size).toBe(4);
	});

	it("still links each entry to its anchor on the page it was read from", () => {
		const blog = extractEntries(fixture("positional-ids.html"), URL_);
		expect(blog.entries.map((e) => e.url)).toEqual([
			`${URL_}#post1`,
			`${URL_}#post2`,
			`${URL_}#post3`,
		]);
	});

	it("takes the publisher's id from embedded state when the page has one", () => {
		const posts = [
			{
				id: 98431,
				publishedAt: "2024-04-21T11:05:00+01:00",
				title: "Winner crosses the line",
				body: "The men's race is won.",
			},
			{
				id: 98417,
				publishedAt: "2024-04-21T10:40:00+01:00",
				title: "Leaders pass Tower Bridge",
				body: "A group of four.",
			},
			{
				id: 98402,
				publishedAt: "2024-04-21T10:00:00+01:00",
				title: "Elite men start",
				body: "Under way.",
			},
		];
		const html = fixture("positional-ids.html").replace(
			"</head>",
			`<script id="__NEXT_DATA__" type="application/json">${JSON.stringify({ props: { feed: posts } })}</script></head>`,
		);
		const { blog, diagnostics } = extractWithDiagnostics(html, URL_);
		expect(blog?.entries.map((e) => [e.id, e.url])).toEqual([
			["98431", `${URL_}#post1`],
			["98417", `${URL_}#post2`],
			["98402", `${URL_}#post3`],
		]);
		expect(diagnostics.positional[0]).toContain("post1…post3");
	});

	it("keeps two id-less entries with the same headline and minute apart", () => {
		const goal = (n: number) =>
			`<div class="feed-item" id="post${n}"><time datetime="2024-04-21T15:12:00+01:00">15:12</time><h3>GOAL!</h3><p>${n === 1 ? "A second" : "A first"} goal in the same minute, what a game.</p></div>`;
		const html = `<html><body><section>${goal(1)}${goal(2)}<div class="feed-item" id="post3"><time datetime="2024-04-21T15:00:00+01:00">15:00</time><h3>Kick-off</h3><p>We are under way at the stadium.</p></div></section></body></html>`;
		const ids = extractEntries(html, URL_).entries.map((e) => e.id);
		expect(new Set(ids).size).toBe(3);
	});

	it("tells positional numbering from stable numbering", () => {
		const e = (id: string, minute: number): RawEntry => ({
			keys: [id],
			bodyText: "x",
			publishedAt: new Date(Date.UTC(2024, 0, 1, 10, minute)),
		});
		// post1 newest: a new post renumbers all.
		expect(isPositional([e("post1", 30), e("post2", 20), e("post3", 10)])).toBe(true);
		// update-1 oldest: a new post gets the next number, the others keep theirs.
		expect(isPositional([e("update-3", 30), e("update-2", 20), e("update-1", 10)])).toBe(false);
		// Not a 1..N run.
		expect(isPositional([e("p-7", 30), e("p-8", 20), e("p-9", 10)])).toBe(false);
		expect(isPositional([e("a1", 30), e("b2", 20), e("c3", 10)])).toBe(false);
		expect(isPositional([e("post1", 30), e("post2", 20)])).toBe(false);
	});
});
