import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NotALiveBlogError } from "../../../src/errors.js";
import { extractEntries } from "../../../src/extract/extract-entries.js";

/** extractEntries either returns a blog or throws NotALiveBlogError; anything else is a bug. */
function outcome(body: string, options?: { contentType?: string; withHtml?: boolean }): string {
	try {
		const blog = extractEntries(body, "https://example.com/live", options);
		return blog.entries.every((e) => typeof e.id === "string" && e.id !== "")
			? "blog"
			: "bad-entry";
	} catch (error) {
		return error instanceof NotALiveBlogError ? "not-a-live-blog" : `threw ${String(error)}`;
	}
}

const TAGS = ["div", "p", "article", "time", "h2", "script", "span", "amp-live-list", "section"];
const ATTRS = [
	'id="block-1"',
	'id="1726023840"',
	'class="live-event-entry"',
	'data-post-time="1722888018921"',
	'datetime="2024-01-01T00:00:00Z"',
	'type="application/ld+json"',
	"items",
	'id="\ud800"',
	'data-test-id="live-blog-post"',
];
const tagSoup = fc
	.array(
		fc.oneof(
			fc.constantFrom(...TAGS).map((t) => `<${t}>`),
			fc.tuple(fc.constantFrom(...TAGS), fc.constantFrom(...ATTRS)).map(([t, a]) => `<${t} ${a}>`),
			fc.constantFrom(...TAGS).map((t) => `</${t}>`),
			fc.constantFrom(
				'{"@type":"LiveBlogPosting","liveBlogUpdate":[',
				"&amp;",
				"&#x;",
				"<!--",
				"]]>",
				"Headline text here",
			),
			fc.string({ maxLength: 20 }),
		),
		{ maxLength: 80 },
	)
	.map((parts) => parts.join(""));

describe("extractEntries on hostile input", () => {
	it("never throws anything but NotALiveBlogError on arbitrary strings", () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 500 }), (body) => {
				expect(outcome(body)).not.toMatch(/^threw|bad-entry/);
			}),
			{ numRuns: 300 },
		);
	});

	it("never throws anything but NotALiveBlogError on tag soup built from live-blog markup", () => {
		fc.assert(
			fc.property(tagSoup, fc.boolean(), (body, withHtml) => {
				expect(outcome(body, { withHtml })).not.toMatch(/^threw|bad-entry/);
			}),
			{ numRuns: 400 },
		);
	});

	it("never throws anything but NotALiveBlogError on arbitrary JSON", () => {
		fc.assert(
			fc.property(fc.json({ maxDepth: 6 }), (json) => {
				expect(outcome(json, { contentType: "application/json" })).not.toMatch(/^threw|bad-entry/);
			}),
			{ numRuns: 300 },
		);
	});

	it("links an entry whose id holds a lone surrogate without throwing", () => {
		const body =
			'<div class="live-event-entry" id="a\ud800" data-post-time="1722888018921"><div class="entry-content"><h3>One</h3></div></div>';
		const blog = extractEntries(body, "https://example.com/live");
		expect(blog.entries[0]?.url).toBe("https://example.com/live#a%EF%BF%BD");
	});
});
