/**
 * Key-event flags: set from the entry element (data-type, class), a "Key event" badge, a key-events
 * list linking to entries (by data-id or #anchor, found by its class/id or its heading), and the
 * Guardian model; the merged entry is a key event when any source says so.
 */
import { describe, expect, it } from "vitest";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import type { LiveBlog } from "../../../src/types.js";

const URL_ = "https://news.example/live/storm";

function keyIds(blog: LiveBlog): string[] {
	return blog.entries.filter((e) => e.keyEvent === true).map((e) => e.id);
}

function block(id: string, minute: number, attrs = "", inner = ""): string {
	const time = `2024-03-02T10:${String(minute).padStart(2, "0")}:00Z`;
	return `<section id="${id}" ${attrs}><time datetime="${time}">10:${minute}</time><h3>Headline of ${id}</h3>${inner}<p>Some reporting text for the entry ${id} goes here.</p></section>`;
}

function page(blocks: string, extra = ""): string {
	return `<!DOCTYPE html><html><head><title>Storm live</title></head><body>${extra}<div class="feed">${blocks}</div></body></html>`;
}

describe("key events on the entry element", () => {
	it('reads data-type="key-event" and key-event class tokens', () => {
		const blog = extractEntries(
			page(
				[
					block("post-5", 50, 'data-type="key-event"'),
					block("post-4", 40, 'class="entry block--key-event"'),
					block("post-3", 30, 'class="entry is-key-event"'),
					block("post-2", 20, 'class="entry key-point"'),
					block("post-1", 10, 'class="entry" data-type="default"'),
				].join(""),
			),
			URL_,
		);
		expect(blog.entries).toHaveLength(5);
		expect(keyIds(blog)).toEqual(["post-5", "post-4", "post-3", "post-2"]);
		expect(blog.entries.find((e) => e.id === "post-1")?.keyEvent).toBeUndefined();
	});

	it("reads a 'Key event' badge inside the entry, not the words in running text", () => {
		const blog = extractEntries(
			page(
				[
					block("post-3", 30, "", '<span class="badge">KEY EVENT</span>'),
					block("post-2", 20, "", "<p>This was not a key event for anyone.</p>"),
					block("post-1", 10, 'class="key-events-wrapper-ish is-highlighted new-post"'),
				].join(""),
			),
			URL_,
		);
		expect(keyIds(blog)).toEqual(["post-3"]);
	});
});

describe("key-events lists", () => {
	const entries = [block("post-3", 30), block("post-2", 20), block("post-1", 10)].join("");

	it("marks the entries a list found by its class links to (a[data-id]), and adds no entries", () => {
		const list =
			'<div class="live-event-key-events"><h3>Key Events</h3><ul><li><a data-id="post-2">Headline of post-2</a><time>10:20</time></li></ul></div>';
		const blog = extractEntries(page(entries, list), URL_);
		expect(blog.entries.map((e) => e.id)).toEqual(["post-3", "post-2", "post-1"]);
		expect(keyIds(blog)).toEqual(["post-2"]);
	});

	it("marks the entries linked by #anchor from a list introduced by a 'Key points' heading", () => {
		const list =
			'<aside><h2>Key points</h2><ul><li><a href="#post-3">Three</a></li><li><a href="https://news.example/live/storm#post-1">One</a></li></ul><h2>More from us</h2><ul><li><a href="#post-2">Two</a></li></ul></aside>';
		const blog = extractEntries(page(entries, list), URL_);
		expect(keyIds(blog)).toEqual(["post-3", "post-1"]);
	});

	it("ignores other link lists to entries ('What you need to know')", () => {
		const list =
			'<aside class="summary"><h2>What you need to know</h2><ul><li><a href="#post-3">Three</a></li></ul></aside>';
		const blog = extractEntries(page(entries, list), URL_);
		expect(keyIds(blog)).toEqual([]);
	});

	it("marks a JSON-LD-only entry that the list links to by its url fragment", () => {
		const ld = {
			"@context": "https://schema.org",
			"@type": "LiveBlogPosting",
			headline: "Storm live",
			liveBlogUpdate: [
				{
					"@type": "BlogPosting",
					url: `${URL_}#update-8812`,
					headline: "Roads closed",
					datePublished: "2024-03-02T10:30:00Z",
					articleBody: "Several roads are closed.",
				},
				{
					"@type": "BlogPosting",
					url: `${URL_}#update-8811`,
					headline: "Storm arrives",
					datePublished: "2024-03-02T10:00:00Z",
					articleBody: "The storm has arrived.",
				},
			],
		};
		const html = `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><section id="key-moments"><a href="#update-8811">Storm arrives</a></section></body></html>`;
		const blog = extractEntries(html, URL_);
		expect(blog.entries.map((e) => e.id)).toEqual(["update-8812", "update-8811"]);
		expect(keyIds(blog)).toEqual(["update-8811"]);
	});
});

describe("key events across sources", () => {
	it("flags the merged entry when only the HTML copy says so", () => {
		const ld = {
			"@type": "LiveBlogPosting",
			liveBlogUpdate: [
				{
					url: `${URL_}#post-2`,
					headline: "Headline of post-2",
					datePublished: "2024-03-02T10:20:00Z",
				},
				{
					url: `${URL_}#post-1`,
					headline: "Headline of post-1",
					datePublished: "2024-03-02T10:10:00Z",
				},
			],
		};
		const html = page(
			[block("post-2", 20, 'data-type="key-event"'), block("post-1", 10)].join(""),
			`<script type="application/ld+json">${JSON.stringify(ld)}</script>`,
		);
		const blog = extractEntries(html, URL_);
		expect(blog.entries).toHaveLength(2);
		expect(keyIds(blog)).toEqual(["post-2"]);
	});
});

describe("Guardian frontend model", () => {
	const model = (keyEvents: unknown[]) =>
		JSON.stringify({
			headline: "Mars live",
			webURL: "https://www.theguardian.com/science/live/2021/feb/19/mars",
			keyEvents,
			blocks: [
				{
					id: "b3",
					title: "Summary",
					blockFirstPublished: 1613760000000,
					attributes: { pinned: false, keyEvent: false, summary: true },
					elements: [{ _type: "TextBlockElement", html: "<p>What happened today.</p>" }],
				},
				{
					id: "b2",
					title: "Landing confirmed",
					blockFirstPublished: 1613750000000,
					attributes: { pinned: false, keyEvent: true, summary: false },
					elements: [{ _type: "TextBlockElement", html: "<p>The rover has landed.</p>" }],
				},
				{
					id: "b1",
					title: "Countdown",
					blockFirstPublished: 1613740000000,
					attributes: { pinned: false, keyEvent: false, summary: false },
					elements: [{ _type: "TextBlockElement", html: "<p>Ten minutes to go.</p>" }],
				},
			],
		});

	it("reads attributes.keyEvent and the model's keyEvents list (summaries included)", () => {
		const blog = extractEntries(model([{ id: "b3" }, { id: "b2" }, { id: "b0" }]), "https://x");
		expect(blog.entries.map((e) => e.id)).toEqual(["b3", "b2", "b1"]);
		expect(keyIds(blog)).toEqual(["b3", "b2"]);
	});

	it("flags attributes.keyEvent blocks without a keyEvents list", () => {
		const blog = extractEntries(model([]), "https://x");
		expect(keyIds(blog)).toEqual(["b2"]);
	});
});
