/**
 * extractEntries against the saved real pages in ../shared/fixtures/liveblogs (see its SOURCES.md).
 * Expected values were read off each page by hand; the pages are read in place, never copied.
 */

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractEntries } from "../../src/extract/extract-entries.js";
import type { Entry, LiveBlog } from "../../src/types.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REAL_PAGES = path.resolve(HERE, "../../../shared/fixtures/liveblogs");
const SEED = path.resolve(HERE, "../../../shared/seed/independent-ukraine-liveblog-2024-09-11.txt");
const FIXTURES = path.resolve(HERE, "../fixtures");

const read = (file: string) => readFileSync(path.join(REAL_PAGES, file), "utf8");
const iso = (d: Date | undefined) => d?.toISOString();

function entry(blog: LiveBlog, id: string): Entry {
	const found = blog.entries.find((e) => e.id === id);
	if (found === undefined) throw new Error(`no entry ${id}`);
	return found;
}

function expectNewestFirst(blog: LiveBlog): void {
	const times = blog.entries.map((e) => e.publishedAt?.getTime() ?? Number.NaN);
	expect(times.every((t) => !Number.isNaN(t))).toBe(true);
	for (let i = 1; i < times.length; i++)
		expect(times[i - 1]).toBeGreaterThanOrEqual(times[i] as number);
}

function expectUniqueIds(blog: LiveBlog): void {
	expect(new Set(blog.entries.map((e) => e.id)).size).toBe(blog.entries.length);
}

const PAGES = {
	nyt: "nyt-stock-market-2020-09-25.html",
	mirror: "reach-mirror-uk-riots-2024-08-05.html",
	corkbeo: "reach-corkbeo-level3-2020.html",
	express: "express-harry-meghan-2024-07-18.html",
	guardian: "guardian-perseverance-2021-02-19.frontend.json",
} as const;

describe("the saved pages", () => {
	it("all have expectations here", () => {
		const files = readdirSync(REAL_PAGES).filter((f) => f !== "SOURCES.md");
		expect(files.sort()).toEqual(Object.values(PAGES).sort());
	});
});

describe("New York Times (JSON-LD + [data-test-id=live-blog-post])", () => {
	const url = "https://www.nytimes.com/live/2020/09/25/business/stock-market-today-coronavirus";
	const blog = extractEntries(read(PAGES.nyt), url);

	it("finds the 9 posts, newest first, joined to JSON-LD by slug", () => {
		expect(blog.entries.map((e) => e.id)).toEqual([
			"apple-continues-to-suspend-fees-for-some-apps-including-facebook",
			"faa-chief-will-fly-the-boeing-737-max-next-week-in-seattle",
			"china-restarts-construction-sending-the-price-of-metals-higher",
			"a-boeing-parts-suppler-files-for-bankruptcy-as-the-pandemic-weighs-on-aviation",
			"seeking-student-aid-for-college-file-early-experts-say",
			"theres-a-covid-19-case-in-the-office-who-should-the-company-tell",
			"the-latest-american-airlines-plans-to-borrow-5-5-billion-from-treasury",
			"wall-street-rallies-but-still-logs-a-decline-for-the-week",
			"catch-up-on-the-week-volatile-markets-economic-uncertainty-tiktok-confusion",
		]);
		expect(blog.sources).toEqual(["json-ld", "nyt"]);
		expectNewestFirst(blog);
	});

	it("reads the pinned-at-top post with its JSON-LD times and its full HTML body", () => {
		const post = entry(blog, "wall-street-rallies-but-still-logs-a-decline-for-the-week");
		expect(post).toMatchObject({
			url: `${url}#wall-street-rallies-but-still-logs-a-decline-for-the-week`,
			headline: "Wall Street rallies, but still logs a decline for the week.",
			author: "Kevin Granville, Mohammed Hadi",
		});
		expect(iso(post.publishedAt)).toBe("2020-09-25T10:28:53.000Z");
		expect(iso(post.updatedAt)).toBe("2020-09-25T20:06:15.757Z");
		expect(
			post.bodyText.startsWith("Wall Street rose on Friday, shaking off an unsteady start"),
		).toBe(true);
		// The JSON-LD articleBody is cut off ("… by t…"); the HTML body goes on.
		expect(post.bodyText).toContain("fourth consecutive weekly drop");
		expect(post.bodyText).not.toContain("Continue reading the main story");
	});

	it("takes page facts from JSON-LD and the canonical link", () => {
		expect(blog.title).toBe("Tech Stocks Lead Wall Street Higher: Live Business Briefing");
		expect(blog.url).toBe(url);
		expect(iso(blog.coverageEndTime)).toBe("2020-09-26T01:13:16.198Z");
		expect(blog.isLive).toBe(false);
		expect(
			extractEntries(read(PAGES.nyt), url, { now: new Date("2020-09-25T12:00:00Z") }).isLive,
		).toBe(true);
	});
});

describe("Mirror (Reach: JSON-LD 428 ⊃ HTML 30)", () => {
	const url = "https://www.mirror.co.uk/news/uk-news/uk-riots-live-hotel-rotherham-33386398";
	const page = read(PAGES.mirror);
	const blog = extractEntries(page, `${url}?utm_source=twitter#751105`);
	const htmlIds = [...page.matchAll(/class="live-event-entry" id="(\d+)"/g)].map((m) => m[1]);

	it("returns all 428 JSON-LD updates, the 30 HTML entries among them, and no key-event duplicates", () => {
		expect(htmlIds).toHaveLength(30);
		expect(blog.entries).toHaveLength(428);
		expectUniqueIds(blog);
		expect(blog.entries.slice(0, 30).map((e) => e.id)).toEqual(htmlIds);
		expect(blog.sources).toEqual(["json-ld", "reach"]);
	});

	it("is ordered newest first, from 751105 down to 749874", () => {
		expectNewestFirst(blog);
		expect(blog.entries[0]?.id).toBe("751105");
		expect(blog.entries[427]?.id).toBe("749874");
		expect(iso(blog.entries[0]?.publishedAt)).toBe("2024-08-05T20:00:18.921Z");
	});

	it("sees the edit of entry 751101 (modified 7 minutes after posting)", () => {
		const edited = entry(blog, "751101");
		expect(iso(edited.publishedAt)).toBe("2024-08-05T19:42:30.565Z");
		expect(iso(edited.updatedAt)).toBe("2024-08-05T19:49:50.000Z");
		expect((edited.updatedAt?.getTime() ?? 0) > (edited.publishedAt?.getTime() ?? 0)).toBe(true);
		expect(entry(blog, "751105").updatedAt).toBeUndefined();
	});

	it("uses the HTML body, image and author where the entry is rendered", () => {
		const edited = entry(blog, "751101");
		expect(edited.headline).toBe(
			"Plymouth protests erupt in violence as multiple people injured by rioters 'throwing stones'",
		);
		expect(edited.bodyText.split("\n")[0]).toBe(
			"Multiple people are injured after several missiles, including a hospital crutch, a can of cider and a flare, were thrown tonight as a group of far right thugs were confronted by a counter protest in the centre of Plymouth.",
		);
		expect(edited.bodyText).not.toContain("Read more");
		expect(edited.imageUrl).toBe(
			"https://i2-prod.mirror.co.uk/incoming/article33400927.ece/ALTERNATES/s510b/0_Anti-racism-activists-face-off-far-right-protest-in-Plymouth.jpg",
		);
		expect(edited.author).toBeUndefined(); // the author slot says "KEY EVENT"
		expect(entry(blog, "751105")).toMatchObject({
			author: "Antony Clements-Thrower",
			bodyText:
				'Local reporters have said a "loud bang" was heard at the scene of the two protest groups in Plymouth.\nIt remains unclear if it is related to the ongoing incident.',
		});
	});

	it("fills older entries from JSON-LD, decoding entities", () => {
		const oldest = entry(blog, "749874");
		expect(oldest.headline).toBe("UK police braced for 'at least 15' protests over the weekend");
		expect(
			oldest.bodyText.startsWith(
				"Police across the UK are expecting a wave of protests over the weekend",
			),
		).toBe(true);
		expect(oldest.url).toBe(`${url}#749874`);
		expect(blog.entries.some((e) => /&(?:quot|amp|#x?[0-9a-f]+);/i.test(e.bodyText))).toBe(false);
	});

	it("canonicalises the blog URL", () => {
		expect(blog.url).toBe(url);
		expect(blog.isLive).toBe(true);
		expect(blog.title).toBe(
			"UK riots LIVE: Plymouth stand-off sees far-right protesters 'throw stones' as 3 cops injured",
		);
	});
});

describe("CorkBeo (Reach 2020: JSON-LD 26 = HTML 26)", () => {
	const url = "https://www.corkbeo.ie/news/local-news/level-3-live-cork-ireland-19056312";
	const blog = extractEntries(read(PAGES.corkbeo), url);

	it("finds 26 entries, newest first, and the key-events link adds none", () => {
		expect(blog.entries).toHaveLength(26);
		expectUniqueIds(blog);
		expectNewestFirst(blog);
		expect(blog.entries[0]?.id).toBe("2259242");
		expect(blog.entries[25]?.id).toBe("2258190");
		expect(blog.entries.filter((e) => e.id === "2258956")).toHaveLength(1);
	});

	it("reads ms epochs, the entry author and the body", () => {
		expect(entry(blog, "2259242")).toMatchObject({
			headline: "Goodnight",
			author: "Frances Watkins",
			bodyText:
				"We are logging off for the night but we will be back from 7am with all your latest news.\nThanks for following our live blog throughout the day.\nGoodnight and stay safe.",
		});
		expect(iso(entry(blog, "2259242").publishedAt)).toBe("2020-10-06T20:22:53.212Z");
		expect(iso(entry(blog, "2258327").updatedAt)).toBe("2020-10-06T10:08:46.202Z");
		expect(entry(blog, "2258190").headline).toBe("'Circuit breaker' plan - NPHET vs Government");
	});

	it("has no coverage end, so it counts as live", () => {
		expect(blog.isLive).toBe(true);
		expect(blog.coverageEndTime).toBeUndefined();
	});
});

describe("Daily Express (epoch seconds, relative-time trap)", () => {
	const url =
		"https://www.express.co.uk/news/royal/1924698/prince-harry-meghan-markle-live-grifters";
	const blog = extractEntries(read(PAGES.express), url);

	it("finds the 9 entries newest first", () => {
		expect(blog.entries).toHaveLength(9);
		expectNewestFirst(blog);
		expect(blog.entries.map((e) => e.id).slice(0, 2)).toEqual([
			"live-1924698-qq0im",
			"live-1924698-8eoz5",
		]);
		expect(blog.sources).toEqual(["json-ld", "express"]);
	});

	it("takes 11:48 BST as 10:48Z, not the zone-less <time> or the '21 mins ago' text", () => {
		const first = entry(blog, "live-1924698-qq0im");
		expect(iso(first.publishedAt)).toBe("2024-07-18T10:48:00.000Z");
		expect(iso(first.updatedAt)).toBe("2024-07-18T10:50:09.000Z");
		expect(blog.entries.some((e) => /\bago\b/.test(e.bodyText))).toBe(false);
	});

	it("reads headline, author, body and the entry's own image", () => {
		expect(entry(blog, "live-1924698-qq0im")).toMatchObject({
			headline:
				"The only person Prince Harry and Meghan Markle trust to look after Archie and Lilibet",
			author: "Jon King",
			imageUrl:
				"https://cdn.images.express.co.uk/img/dynamic/106/590x/secondary/5505003.jpg?1721299777418",
		});
		expect(
			entry(blog, "live-1924698-qq0im").bodyText.startsWith(
				"Meghan Markle's mum, Doria Ragland is said to be the only person",
			),
		).toBe(true);
	});

	it("has ended by its coverageEndTime", () => {
		expect(iso(blog.coverageEndTime)).toBe("2024-07-19T10:48:00.000Z");
		expect(blog.isLive).toBe(false);
		expect(
			extractEntries(read(PAGES.express), url, { now: new Date("2024-07-18T12:00:00Z") }).isLive,
		).toBe(true);
	});
});

describe("Guardian frontend JSON model", () => {
	const canonical =
		"https://www.theguardian.com/science/live/2021/feb/19/mars-landing-nasa-perseverance-rover-briefing-latest-live-news-updates";
	const blog = extractEntries(read(PAGES.guardian), `${canonical}.json?dcr=true`, {
		contentType: "application/json",
	});

	it("finds 13 blocks; the newest is mostRecentBlockId", () => {
		expect(blog.entries).toHaveLength(13);
		expectUniqueIds(blog);
		expectNewestFirst(blog);
		expect(`block-${blog.entries[0]?.id}`).toBe("block-60300f5f8f08ad21ea60071e");
		expect(blog.entries[12]?.id).toBe("6030066b8f08bdbed283be4b");
		expect(blog.sources).toEqual(["json-ld", "guardian-json"]);
	});

	it("uses blockFirstPublished, not the page date copied into every JSON-LD item", () => {
		expect(iso(entry(blog, "60300f5f8f08ad21ea60071e").publishedAt)).toBe(
			"2021-02-19T19:30:03.000Z",
		);
		expect(iso(entry(blog, "60300f5f8f08ad21ea60071e").updatedAt)).toBe("2021-02-19T19:38:39.000Z");
		expect(
			blog.entries.filter((e) => iso(e.publishedAt) === "2021-02-19T19:41:53.000Z"),
		).toHaveLength(0);
	});

	it("reads titles, bodies, contributors and images per block", () => {
		expect(entry(blog, "60300f5f8f08ad21ea60071e")).toMatchObject({
			headline: "Summary",
			url: `${canonical}?page=with:block-60300f5f8f08ad21ea60071e#block-60300f5f8f08ad21ea60071e`,
		});
		expect(
			entry(blog, "60300f5f8f08ad21ea60071e").bodyText.startsWith(
				"That’s it for our live coverage of Nasa’s celebratory news conference",
			),
		).toBe(true);
		expect(entry(blog, "60300c878f08c3cb92a5cab0").headline).toBeUndefined();
		expect(entry(blog, "60300aa38f08ad21ea6006e5").author).toBe("Natalie Grover");
		expect(entry(blog, "603007c48f08c3cb92a5ca74").imageUrl).toMatch(
			/^https:\/\/i\.guim\.co\.uk\/img\/media\/ead346f8f00d38b314958e3164e010295124d621\//,
		);
		expect(entry(blog, "60300d5a8f08bdbed283be98").bodyText).toBe("#FF");
	});

	it("is an ended blog with the model's canonical URL and headline", () => {
		expect(blog.url).toBe(canonical);
		expect(blog.title).toBe(
			"Nasa scientists release new images of Perseverance rover on Mars at news briefing – as it happened",
		);
		expect(blog.isLive).toBe(false);
	});
});

describe("The Independent (seed capture + hand-made independent-style.html)", () => {
	const seed = readFileSync(SEED, "utf8");
	const url =
		"https://www.independent.co.uk/news/world/europe/ukraine-russia-war-live-b2611053.html";
	const blog = extractEntries(
		readFileSync(path.join(FIXTURES, "independent-style.html"), "utf8"),
		url,
	);

	it("extracts the fixture's entries with the epoch from the id as publishedAt", () => {
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			["post-1726023840", "2024-09-11T03:04:00.000Z"],
			["post-1726023292", "2024-09-11T02:54:52.000Z"],
			["post-1726020060", "2024-09-11T02:01:00.000Z"],
		]);
	});

	it("matches the real capture: each timestamp is followed by that entry's headline", () => {
		for (const e of blog.entries) {
			const epoch = e.id.replace("post-", "");
			const at = seed.indexOf(`\n${epoch}\n`);
			expect(at).toBeGreaterThan(0);
			expect(seed.slice(at, at + 300)).toContain(e.headline ?? "(none)");
		}
	});

	it("matches the capture's displayed London times (BST = UTC+1)", () => {
		expect(seed).toContain("Alex Croft11 September 2024 04:04");
		expect(iso(entry(blog, "post-1726023840").publishedAt)).toBe("2024-09-11T03:04:00.000Z");
	});
});
