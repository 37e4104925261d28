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
	nzz: "nzz-nahost-ticker-2024-07-18.html",
	telegraph: "telegraph-airasia-qz8501-2014-12-31.html",
	sportsfr: "sportsfr-lorient-lyon-2020-09-27.html",
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

describe('NZZ Live-Ticker (rich text: day headings + h5 "11.04 Uhr: headline", no year, CEST)', () => {
	const url =
		"https://www.nzz.ch/international/israel-und-gaza-news-und-entwicklungen-im-nahostkonflikt-ld.1759794";
	const blog = extractEntries(read(PAGES.nzz), url);

	it("finds the 12 entries under the 3 day headings, newest first, ids from the CMS element ids", () => {
		expect(blog.sources).toEqual(["time-led"]);
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			["id-doc-1i32hb6tk0", "2024-07-18T09:04:00.000Z"],
			["id-doc-1i321468f0", "2024-07-18T04:20:00.000Z"],
			["id-doc-1i30e56190", "2024-07-17T13:32:00.000Z"],
			["id-doc-1i3076l6d0", "2024-07-17T11:28:00.000Z"],
			["id-doc-1i2v368ai0", "2024-07-17T00:59:00.000Z"],
			["id-doc-1i2usu9r00", "2024-07-16T23:10:00.000Z"],
			["id-doc-1i2u9c0p40", "2024-07-16T17:27:00.000Z"],
			["id-doc-1i2u5h9hk0", "2024-07-16T16:20:00.000Z"],
			["id-doc-1i2tprslg0", "2024-07-16T12:56:00.000Z"],
			["id-doc-1i2sj81jc0", "2024-07-16T01:41:00.000Z"],
			["id-doc-1i2sbo27s0", "2024-07-15T23:30:00.000Z"],
			["id-doc-1i2sbfev00", "2024-07-15T23:26:00.000Z"],
		]);
		expectNewestFirst(blog);
		expectUniqueIds(blog);
	});

	it("reads '11.04 Uhr' under 'Donnerstag, 18. 7.' as 11:04 Swiss summer time (UTC+2) in 2024", () => {
		// The year comes from the page's dates (last-modified 2024-07-18T13:08:27+02:00); the zone
		// from its locale de-CH, checked against that +02:00 offset.
		const first = entry(blog, "id-doc-1i32hb6tk0");
		expect(iso(first.publishedAt)).toBe("2024-07-18T09:04:00.000Z");
		// "2.59 Uhr" (no zero padding) on 17.7. is the previous evening in UTC.
		expect(iso(entry(blog, "id-doc-1i2v368ai0").publishedAt)).toBe("2024-07-17T00:59:00.000Z");
	});

	it("splits 'H.MM Uhr: headline' into the headline and takes the following paragraphs as body", () => {
		expect(entry(blog, "id-doc-1i32hb6tk0")).toMatchObject({
			url: `${url}#id-doc-1i32hb6tk0`,
			headline: "Israelische Drohne tötet offenbar libanesischen Extremisten",
		});
		const body = entry(blog, "id-doc-1i32hb6tk0").bodyText;
		expect(body.startsWith("Bei einem mutmasslich israelischen Drohnenangriff")).toBe(true);
		expect(body.split("\n")).toHaveLength(2);
		expect(entry(blog, "id-doc-1i3076l6d0").headline).toBe(
			"Human Rights Watch: Hamas-Massaker richtete sich gezielt gegen Zivilisten",
		);
		expect(
			entry(blog, "id-doc-1i30e56190").bodyText.startsWith(
				"Israels Armee setzt nach eigenen Angaben",
			),
		).toBe(true);
	});

	it("keeps the summary box, day headings, image captions, ads and the footnote out", () => {
		const all = blog.entries.map((e) => `${e.headline}\n${e.bodyText}`).join("\n");
		expect(all).not.toContain("Das Wichtigste in Kürze");
		expect(all).not.toContain("Die USA stellen den Betrieb des provisorischen Hafens an der Küste");
		expect(all).not.toContain("Live-Ticker");
		expect(all).not.toMatch(/Donnerstag|Mittwoch|Dienstag/);
		expect(all).not.toContain("Der Hafen vor der Küste des Gazastreifens war seit Mai im Betrieb");
		expect(all).not.toContain("Mit Agenturmaterial");
		expect(blog.entries.some((e) => /^\d{1,2}\.\d\d Uhr/.test(e.headline ?? ""))).toBe(false);
	});

	it("gives the same entries and ids on a later poll", () => {
		const again = extractEntries(read(PAGES.nzz), url, { now: new Date("2024-07-19T08:00:00Z") });
		expect(again.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual(
			blog.entries.map((e) => [e.id, iso(e.publishedAt)]),
		);
	});
});

describe("Telegraph 2014 (bold '17.00 ' paragraphs, no ids, crossing midnight, GMT)", () => {
	const url =
		"http://www.telegraph.co.uk/news/worldnews/asia/indonesia/11315001/AirAsia-plane-reported-missing-with-162-passengers-onboard-latest.html";
	const blog = extractEntries(read(PAGES.telegraph), url);
	const times = blog.entries.map((e) => iso(e.publishedAt));

	it("finds 37 entries from 17.00 on 31 Dec back to 23.45 on 30 Dec, newest first", () => {
		// 38 paragraphs start with a bold time; "07.13" holds only an embedded tweet, so it has no
		// text of its own and is not an entry.
		expect(blog.entries).toHaveLength(37);
		expect(blog.sources).toEqual(["time-led"]);
		expectNewestFirst(blog);
		expect(times[0]).toBe("2014-12-31T17:00:00.000Z");
		expect(times.slice(-3)).toEqual([
			"2014-12-31T00:04:00.000Z",
			"2014-12-30T23:46:00.000Z",
			"2014-12-30T23:45:00.000Z",
		]);
		expect(times).not.toContain("2014-12-31T07:13:00.000Z");
	});

	it("makes stable hash ids from date + time, distinct for the two 02.10 entries", () => {
		expectUniqueIds(blog);
		for (const e of blog.entries) expect(e.id).toMatch(/^t-[0-9a-f]{12}$/);
		const at0210 = blog.entries.filter((e) => iso(e.publishedAt) === "2014-12-31T02:10:00.000Z");
		expect(at0210.map((e) => e.bodyText.slice(0, 40))).toEqual([
			"AIrAsia boss is on his way to the island",
			"Stormy weather has forced Indonesian res",
		]);
		const again = extractEntries(read(PAGES.telegraph), url, {
			now: new Date("2015-01-03T11:42Z"),
		});
		expect(again.entries.map((e) => e.id)).toEqual(blog.entries.map((e) => e.id));
		// Entries have no anchor on the page: they link to the page itself.
		expect(blog.entries[0]?.url).toBe(url);
	});

	it("takes the body from the time-led paragraph and the ones after it, without the time", () => {
		const first = blog.entries[0] as Entry;
		expect(first.headline).toBeUndefined();
		expect(first.bodyText.split("\n")).toEqual([
			"We are going to leave our live coverage here for today, but will be back at first light in Indonesia (around midnight GMT) with further updates as the search continues.",
			"Meanwhile, Jonathan Pearlman in Pangkalan Bun, and Tom Phillips in Surabaya have this wrap of the day's events:",
			"AirAsia Flight QZ8501: evidence suggests plane stalled before passengers felt violent descent",
		]);
		const last = blog.entries[36] as Entry;
		expect(last.bodyText.startsWith("It is now approaching 7am in Jakarta.")).toBe(true);
		expect(blog.entries.some((e) => /^\d\d\.\d\d\b/.test(e.bodyText))).toBe(false);
	});

	it("keeps the bullet summary above 'Latest' and the embedded tweets out", () => {
		const all = blog.entries.map((e) => e.bodyText).join("\n");
		expect(all).not.toContain("Seven bodies from 162 on board found so far");
		expect(all).not.toContain("Latest");
		expect(all).not.toContain("pic.twitter.com");
		expect(all).not.toContain("@tomphillipsin");
		expect(all).not.toContain("So many ambulances lined up outside military airport");
		expect(
			blog.entries.some((e) => e.bodyText.startsWith("I hope to fly to evacuation site")),
		).toBe(false);
	});

	it("keeps the five <sup> photo captions under the images out of the bodies", () => {
		const all = blog.entries.map((e) => e.bodyText).join("\n");
		expect(all).not.toContain("pray at Juanda Airport");
		expect(all).not.toContain("collect AirAsia passenger records");
		expect(all).not.toContain("carry a body on a stretcher");
		expect(all).not.toContain("inspect their gear upon arrival");
		expect(all).not.toContain("console each other");
	});
});

describe("sports.fr match ticker (match minutes only: no clock time may be invented)", () => {
	const url = "https://www.sports.fr/direct-foot/50918/177512/lorient-olympique-lyonnais.html";
	const page = read(PAGES.sportsfr);
	const blog = extractEntries(page, url);

	it("makes one entry per commentary block, in page order (newest first), none with a time", () => {
		// SOURCES.md counts 73 blocks by their exact class; two more carry an extra "green" class
		// (the goals at 73' and 65').
		const blocks = [...page.matchAll(/class="live-match-comment slider-ele [a-z ]+" data-time/g)];
		expect(blocks).toHaveLength(75);
		expect(blog.entries).toHaveLength(75);
		expect(blog.sources).toEqual(["time-led"]);
		expectUniqueIds(blog);
		// A match minute is not a time of day: publishedAt stays undefined (the relay counts the
		// entry from when it first sees it), never a clock time computed from the kick-off.
		expect(blog.entries.every((e) => e.publishedAt === undefined)).toBe(true);
		expect(blog.entries.every((e) => e.updatedAt === undefined)).toBe(true);
		expect(blog.entries.map((e) => e.headline).slice(0, 6)).toEqual([
			"95'",
			"95'",
			"93'",
			"91'",
			"91'",
			"90'",
		]);
		expect(blog.entries.at(-1)?.headline).toBe("3'");
	});

	it("keeps the minute as the label and the commentary as the body, wherever the minute sits", () => {
		expect(blog.entries[0]?.bodyText).toBe(
			"C'est terminé au Moustoir ! Lorient a tenu tête à l'OL dans ce match qui se termine sur un score nl (1-1). Dubois a répondu à Wissa.",
		);
		// Right-hand blocks print the minute after the text.
		expect(blog.entries[3]).toMatchObject({
			headline: "91'",
			bodyText:
				"Bruno cherche à porter le danger sur le but de Nardi mais sa frappe est trop écrasée pour surprendre le portier breton.",
		});
		expect(blog.entries.some((e) => /\d'/.test(e.bodyText.slice(0, 4)))).toBe(false);
	});

	it("does not turn phase markers or the timeline into entries", () => {
		const bodies = blog.entries.map((e) => e.bodyText);
		expect(bodies).not.toContain("Fin du match");
		expect(bodies.some((b) => b === "" || /^[\d' ]+$/.test(b))).toBe(false);
		// The timeline repeats the key events by minute only; they are not extra entries.
		expect(blog.entries.filter((e) => e.headline === "74'")).toHaveLength(6);
	});

	it("gives the same ids on a later poll", () => {
		const again = extractEntries(page, url, { now: new Date("2020-09-27T17:30:00Z") });
		expect(again.entries.map((e) => e.id)).toEqual(blog.entries.map((e) => e.id));
	});
});
