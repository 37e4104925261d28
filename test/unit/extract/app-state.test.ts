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
