import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NotALiveBlogError } from "../../../src/errors.js";
import { extractEntries } from "../../../src/extract/extract-entries.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const iso = (d: Date | undefined) => d?.toISOString();
const URL_ = "https://www.examplewire.com/world/election-results-live-2024-06-04/";

describe("app state: a live blog rendered in the browser (app-state-liveblog.html)", () => {
	const blog = extractEntries(fixture("app-state-liveblog.html"), URL_);

	it("reads the posts from the state assigned in a script (ANS: display_date, headlines.basic, content_elements)", () => {
		expect(blog.sources).toEqual(["app-state"]);
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt), e.headline])).toEqual([
			[
				"LB7XQ2ZK5NDQ3OPQ",
				"2024-06-04T14:32:10.000Z",
				"Exit poll: ruling alliance short of majority",
			],
			["LB6PL1MN4KCR2NMO", "2024-06-04T13:05:00.000Z", "Markets fall sharply"],
			["LB5OK0LM3JBQ1MLN", "2024-06-04T11:30:45.000Z", undefined],
		]);
		expect(blog.entries[0]?.bodyText).toBe(
			"The exit poll gives the ruling alliance 262 seats, short of the 272 needed.\nCounting continues in 543 constituencies.",
		);
		expect(iso(blog.entries[0]?.updatedAt)).toBe("2024-06-04T14:40:00.000Z");
		expect(blog.entries[2]?.bodyText).toBe(
			"Good morning. Counting of votes begins at 8am local time.",
		);
	});

	it("the smaller related-articles list in the same state is not the blog", () => {
		const text = blog.entries.map((e) => `${e.headline} ${e.bodyText}`).join(" ");
		expect(text).not.toContain("Explainer");
		expect(text).not.toContain("candidates");
	});

	it("is a last resort: entries in the markup win and the state is not read", () => {
		const withMarkup = fixture("app-state-liveblog.html").replace(
			'<div class="live-blog-placeholder">Loading live updates…</div>',
			'<div class="feed"><div id="u-1"><time datetime="2024-06-04T15:00:00Z">15:00</time><h2>Result declared</h2></div><div id="u-2"><time datetime="2024-06-04T14:00:00Z">14:00</time><h2>Turnout figures</h2></div></div>',
		);
		expect(extractEntries(withMarkup, URL_).sources).toEqual(["generic"]);
	});

	it("scripts that are code, not data, give nothing and break nothing", () => {
		const code = `<html><body><script>window.x = {a: function () { return 1; }}; var y = [1, 2,];</script><script type="application/json">{not json</script></body></html>`;
		expect(() => extractEntries(code, URL_)).toThrow(NotALiveBlogError);
	});
});

describe("an embed's JSON attribute on its custom element (embed-initial-data.html)", () => {
	const url = "https://courier.example.eu/politics/election-day-live";
	const blog = extractEntries(fixture("embed-initial-data.html"), url);

	it("reads the events handed to the browser in initialData (epoch-second times)", () => {
		expect(blog.sources).toEqual(["app-state"]);
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt), e.headline, e.bodyText])).toEqual([
			[
				"6666f1a2e4b0c1a2b3c4d5e6",
				"2024-06-10T13:00:00.000Z",
				"Polls close",
				"Polling stations have closed across the country.",
			],
			[
				"6666e0b1e4b0c1a2b3c4d5e5",
				"2024-06-10T12:00:00.000Z",
				"Turnout at 4pm: 45%",
				"Turnout reached 45 percent by 4pm, up from 2019.",
			],
			[
				"6666d0c0e4b0c1a2b3c4d5e4",
				"2024-06-10T08:00:00.000Z",
				undefined,
				"Good morning and welcome to our election day coverage.",
			],
		]);
		expect(iso(blog.entries[0]?.updatedAt)).toBe("2024-06-10T13:05:00.000Z");
	});

	it("small JSON attributes (settings) and ordinary elements are not looked at", () => {
		const small = `<html><body><live-blog-teaser data-config='{"limit":3}'></live-blog-teaser><div data-state='${JSON.stringify(
			{
				posts: [
					{ id: "1", date: "2024-01-01T00:00:00Z", title: "A" },
					{ id: "2", date: "2024-01-01T01:00:00Z", title: "B" },
				],
				pad: "x".repeat(300),
			},
		)}'></div></body></html>`;
		expect(() => extractEntries(small, url)).toThrow(NotALiveBlogError);
	});
});
