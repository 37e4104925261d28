/**
 * Key-event flags on the saved real pages (../shared/fixtures/liveblogs, read in place): the Reach
 * pages mark entries with data-type="key-event" and list them in a key-events box; the Guardian
 * model has attributes.keyEvent and a keyEvents list.
 */

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractEntries } from "../../src/extract/extract-entries.js";
import type { LiveBlog } from "../../src/types.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REAL_PAGES = path.resolve(HERE, "../../../shared/fixtures/liveblogs");
const read = (file: string) => readFileSync(path.join(REAL_PAGES, file), "utf8");
const keyIds = (blog: LiveBlog) => blog.entries.filter((e) => e.keyEvent === true).map((e) => e.id);

describe("Mirror (Reach): 9 key events among the 30 HTML entries", () => {
	const page = read("reach-mirror-uk-riots-2024-08-05.html");
	const blog = extractEntries(
		page,
		"https://www.mirror.co.uk/news/uk-news/uk-riots-live-hotel-rotherham-33386398",
	);
	const marked = [
		...page.matchAll(/class="live-event-entry" id="(\d+)" data-type="key-event"/g),
	].map((m) => m[1]);

	it("flags exactly the entries marked key-event, newest first", () => {
		expect(marked).toHaveLength(9);
		expect(keyIds(blog)).toEqual(marked);
		expect(keyIds(blog)).toEqual([
			"751101",
			"751084",
			"751069",
			"751066",
			"751065",
			"751047",
			"751045",
			"751039",
			"751035",
		]);
	});

	it("the key-events box links to flagged entries only and adds no entries", () => {
		expect(blog.entries).toHaveLength(428);
		for (const id of ["751101", "751084", "751069", "751066", "751065"])
			expect(blog.entries.find((e) => e.id === id)?.keyEvent).toBe(true);
		expect(blog.entries.find((e) => e.id === "751105")?.keyEvent).toBeUndefined();
	});
});

describe("CorkBeo (Reach 2020): 1 key event", () => {
	const blog = extractEntries(
		read("reach-corkbeo-level3-2020.html"),
		"https://www.corkbeo.ie/news/local-news/level-3-live-cork-ireland-19056312",
	);

	it("flags entry 2258956 only", () => {
		expect(blog.entries).toHaveLength(26);
		expect(keyIds(blog)).toEqual(["2258956"]);
	});
});

describe("Guardian frontend model: keyEvents (4), one of them on this page", () => {
	const canonical =
		"https://www.theguardian.com/science/live/2021/feb/19/mars-landing-nasa-perseverance-rover-briefing-latest-live-news-updates";
	const blog = extractEntries(
		read("guardian-perseverance-2021-02-19.frontend.json"),
		`${canonical}.json?dcr=true`,
		{
			contentType: "application/json",
		},
	);

	it("flags the summary block the keyEvents list shows; the other three are on older pages", () => {
		expect(blog.entries).toHaveLength(13);
		expect(keyIds(blog)).toEqual(["60300f5f8f08ad21ea60071e"]);
		for (const id of [
			"603001b98f08c3cb92a5ca08",
			"602ffd998f08c3cb92a5c9ac",
			"602fd0c48f08ad21ea600275",
		])
			expect(blog.entries.some((e) => e.id === id)).toBe(false);
	});
});

describe("pages without key-event markup", () => {
	it("flag nothing (Express, NYT, NZZ)", () => {
		const pages: [string, string][] = [
			["express-harry-meghan-2024-07-18.html", "https://www.express.co.uk/news/royal/1924698/x"],
			["nyt-stock-market-2020-09-25.html", "https://www.nytimes.com/live/2020/09/25/business/x"],
			["nzz-nahost-ticker-2024-07-18.html", "https://www.nzz.ch/international/x-ld.1759794"],
		];
		for (const [file, url] of pages) expect(keyIds(extractEntries(read(file), url))).toEqual([]);
	});
});
