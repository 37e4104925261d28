import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractEntries, extractWithDiagnostics } from "../../../src/extract/extract-entries.js";
import type { Entry, LiveBlog } from "../../../src/types.js";

// Widely deployed live-blog platforms, in their own rendered markup (see each fixture's comments).
const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const iso = (d: Date | undefined) => d?.toISOString();
const byId = (blog: LiveBlog) => new Map(blog.entries.map((e) => [e.id, e]));
const allText = (entries: Entry[]) =>
	entries.map((e) => `${e.headline ?? ""}\n${e.bodyText}\n${e.author ?? ""}`).join("\n");

function expectUniqueIds(blog: LiveBlog): void {
	const ids = blog.entries.map((e) => e.id);
	expect(new Set(ids).size).toBe(ids.length);
}

describe("Sourcefabric Live Blog (sourcefabric-liveblog.html)", () => {
	const url = "https://www.beispiel-zeitung.de/politik/landtagswahl-liveticker-100.html";
	const blog = extractEntries(fixture("sourcefabric-liveblog.html"), url);
	const entries = byId(blog);
	const urn = (t: string, uuid: string) => `urn:newsml:localhost:5000:${t}:${uuid}`;
	const FIRST = urn("2024-09-01T16:12:44.902113", "9a0c2f1e-3b7d-4c55-8f01-6e2b7d9c1f02");
	const STICKY = urn("2024-09-01T16:05:12.318265", "4d1e0c7a-91b8-4b0e-a5f4-0d3e51c2aa01");

	it("reads every post once by its URN; ads, placeholders and reader comments are not entries", () => {
		expect(blog.sources).toEqual(["sourcefabric"]);
		expect(blog.entries.map((e) => e.id)).toEqual([
			STICKY,
			FIRST,
			urn("2024-09-01T15:58:21.114052", "2f7b9d3c-5e61-4a2a-b1c3-8d4e6f7a8b03"),
			urn("2024-09-01T15:30:00.771203", "0b9a8c7d-6e5f-4d3c-a2b1-c0d9e8f7a605"),
		]);
		expectUniqueIds(blog);
		const text = allText(blog.entries);
		for (const cruft of [
			"Anzeige",
			"Neue Beiträge",
			"Noch keine",
			"Weitere Beiträge",
			"Leserin",
			"Max",
			"Analyse",
		]) {
			expect(text).not.toContain(cruft);
		}
	});

	it("takes times from .lb-post-date and the 'Updated' stamp, to the second in UTC", () => {
		expect(iso(entries.get(FIRST)?.publishedAt)).toBe("2024-09-01T16:12:44.000Z");
		expect(iso(entries.get(FIRST)?.updatedAt)).toBe("2024-09-01T16:20:03.000Z");
		expect(blog.entries.slice(1).map((e) => iso(e.publishedAt))).toEqual([
			"2024-09-01T16:12:44.000Z",
			"2024-09-01T15:58:21.000Z",
			"2024-09-01T15:30:00.000Z",
		]);
	});

	it("reads headline, body, author and image; the header, share box and caption stay out", () => {
		expect(entries.get(FIRST)).toMatchObject({
			headline: "Erste Prognose: Regierungspartei vorn",
			bodyText: "Laut der ersten Prognose liegt die Regierungspartei bei 31 Prozent.",
			author: "Anna Beispiel",
			imageUrl: "https://cdn.example-lb.net/images/prognose-1800.jpg",
		});
	});

	it("marks the sticky post pinned (it shows no time) and the highlighted post a key event", () => {
		expect(entries.get(STICKY)).toMatchObject({ pinned: true, publishedAt: undefined });
		expect(entries.get(STICKY)?.bodyText).toMatch(/^Das Wichtigste in Kürze: Die Wahllokale/);
		expect(entries.get(FIRST)?.keyEvent).toBe(true);
		expect(blog.entries.filter((e) => e.keyEvent).length).toBe(1);
	});
});

describe("WordPress Liveblog plugin, card template + JSON-LD (wp-liveblog-card.html)", () => {
	const url = "https://chronicle.example.co.uk/politics/budget-2025-live/";
	const run = extractWithDiagnostics(fixture("wp-liveblog-card.html"), url);
	const blog = run.blog as LiveBlog;
	const entries = byId(blog);

	it("joins the JSON-LD updates and the entry cards under the plugin's numeric entry ids", () => {
		expect(blog.entries.map((e) => e.id)).toEqual(["41702", "41695", "41688", "41650"]);
		expect(blog.sources).toEqual(["json-ld", "wp-liveblog"]);
		expect(run.diagnostics.merged.map((m) => [m.id, m.why])).toEqual([
			["41702", "same id"],
			["41688", "same id"],
		]);
		expect(entries.get("41702")?.url).toBe(`${url}#liveblog-entry-41702`);
	});

	it("reads epoch data-timestamp times and the JSON-LD edit time", () => {
		expect(blog.entries.map((e) => iso(e.publishedAt))).toEqual([
			"2025-03-26T12:48:10.000Z",
			"2025-03-26T12:35:00.000Z",
			"2025-03-26T12:31:02.000Z",
			"2025-03-26T09:00:00.000Z",
		]);
		expect(iso(entries.get("41702")?.updatedAt)).toBe("2025-03-26T13:05:40.000Z");
	});

	it("keeps the card header (author, '17 mins ago', 'Breakout') and share bar out of bodies", () => {
		expect(entries.get("41702")).toMatchObject({
			headline: "Fuel duty frozen for another year",
			bodyText: "The Chancellor said the freeze would save drivers about £50 a year.",
			author: "Priya Patel",
			keyEvent: true,
		});
		expect(entries.get("41695")).toMatchObject({
			bodyText: "Analysis: what the OBR forecast means for your pay packet.",
			imageUrl: "https://chronicle.example.co.uk/wp-content/uploads/2025/03/red-box.jpg",
		});
		expect(entries.get("41695")?.author).toBeUndefined();
		const text = allText(blog.entries);
		for (const cruft of [
			"mins ago",
			"Breakout",
			"Read more",
			"Share this",
			"Load more",
			"Reader One",
			"surprise",
		]) {
			expect(text).not.toContain(cruft);
		}
		expect(blog.entries.filter((e) => e.keyEvent).map((e) => e.id)).toEqual(["41702"]);
	});
});

describe("WordPress Liveblog plugin, AMP template (wp-liveblog-amp.html)", () => {
	const url = "https://gazette.example.com/2024/11/05/election-night-live/amp/";
	const html = fixture("wp-liveblog-amp.html");
	const blog = extractEntries(html, url);
	const entries = byId(blog);

	it("keys entries by their entry time (data-sort-time), not the DOM id that holds the edit time", () => {
		expect(blog.sources).toEqual(["wp-liveblog-amp"]);
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			["1730860870", "2024-11-06T02:41:10.000Z"],
			["1730858400", "2024-11-06T02:00:00.000Z"],
			["1730851200", "2024-11-06T00:00:00.000Z"],
		]);
		expect(entries.get("1730858400")?.url).toBe(
			"https://gazette.example.com/2024/11/05/election-night-live/#post1730859012",
		);
	});

	it("an edit renames the DOM id but not the entry", () => {
		const edited = html
			.replace('id="post1730859012"', 'id="post1730861999"')
			.replace("71 percent", "72 percent");
		const again = extractEntries(edited, url);
		expect(again.entries.map((e) => e.id)).toEqual(blog.entries.map((e) => e.id));
		expect(byId(again).get("1730858400")?.bodyText).toMatch(
			/^Turnout in the county reached 72 percent/,
		);
	});

	it("reads author and body; avatars, share buttons, 'mins ago' and pagination stay out", () => {
		expect(entries.get("1730860870")).toMatchObject({
			author: "Rita Reporter",
			bodyText: "Ohio called. The state goes to the incumbent, our decision desk projects.",
		});
		expect(entries.get("1730860870")?.imageUrl).toBeUndefined();
		expect(entries.get("1730858400")?.imageUrl).toBe(
			"https://gazette.example.com/wp-content/uploads/2024/11/turnout.jpg",
		);
		const text = allText(blog.entries);
		for (const cruft of [
			"ago",
			"November",
			"Page 1",
			"Next",
			"You have updates",
			"Leave a Comment",
		]) {
			expect(text).not.toContain(cruft);
		}
	});
});

describe("amp-live-list with Google-style LiveBlogPosting JSON-LD (amp-live-blog-jsonld.html)", () => {
	const url = "https://runnersdaily.example.com/live/city-marathon-2024";
	const run = extractWithDiagnostics(fixture("amp-live-blog-jsonld.html"), url);
	const blog = run.blog as LiveBlog;
	const entries = byId(blog);

	it("joins id-less JSON-LD updates to the list items by time and headline: each entry once", () => {
		expect(blog.entries.map((e) => e.id)).toEqual(["post5", "post3", "post1", "post0"]);
		expectUniqueIds(blog);
		expect(run.diagnostics.merged.map((m) => m.id)).toEqual(["post5", "post3", "post1"]);
	});

	it("keeps the item the JSON-LD no longer lists, and drops the ad slot and the tombstone", () => {
		expect(entries.get("post0")).toMatchObject({
			headline: "Good morning",
			publishedAt: new Date("2024-04-21T07:00:00Z"),
		});
		expect(entries.has("post4")).toBe(false);
		expect(entries.has("post2")).toBe(false);
		expect(run.diagnostics.dropped.map((d) => d.ref)).toEqual(["post4"]);
	});

	it("reads ms sort/update times to the second; the shown '11:04' is not body text", () => {
		expect(blog.entries.map((e) => iso(e.publishedAt))).toEqual([
			"2024-04-21T10:04:31.000Z",
			"2024-04-21T09:02:10.000Z",
			"2024-04-21T08:00:05.000Z",
			"2024-04-21T07:00:00.000Z",
		]);
		expect(iso(entries.get("post5")?.updatedAt)).toBe("2024-04-21T10:10:00.000Z");
		expect(entries.get("post5")).toMatchObject({
			headline: "Course record falls!",
			bodyText: "Amina Keter crosses the line in 2:04:12, a new course record by 41 seconds.",
			imageUrl: "https://runnersdaily.example.com/img/finish-1104.jpg",
		});
		const text = allText(blog.entries);
		for (const cruft of [
			"11:04",
			"09:00",
			"You have updates",
			"Older posts",
			"removed",
			"training plan",
		]) {
			expect(text).not.toContain(cruft);
		}
	});
});

describe("amp-live-list with zone-less date-time sort times (amp-items-list.html)", () => {
	const url = "https://www.exampletimes.in/business/budget-2024-live-updates-123456.html?amp=1";
	const run = extractWithDiagnostics(fixture("amp-items-list.html"), url);
	const blog = run.blog as LiveBlog;

	it("reads 'YYYY-MM-DD HH:MM:SS' sort times in the page's zone (en-IN, +05:30 dates)", () => {
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			["2024-07-23 12:41:09", "2024-07-23T07:11:09.000Z"],
			["2024-07-23 12:15:30", "2024-07-23T06:45:30.000Z"],
			["2024-07-23 11:02:00", "2024-07-23T05:32:00.000Z"],
		]);
		expect(run.diagnostics.timeZone.join(" ")).toContain("Asia/Kolkata");
	});

	it("keeps the printed stamp out of bodies", () => {
		expect(blog.entries.map((e) => e.bodyText)).toEqual([
			"Income tax: Standard deduction raised to Rs 75,000 under the new regime.",
			"Capital gains: long-term rate raised to 12.5 per cent.",
			"The Finance Minister begins her Budget speech in Parliament.",
		]);
		expect(blog.entries[1]?.imageUrl).toBe("https://img.exampletimes.in/budget/cg.jpg");
	});
});

describe("WordPress liveblog entries in a custom theme (wp-liveblog-custom-theme.html)", () => {
	const url = "https://www.examplepost.com/liveblog-november-16-2023/";
	const blog = extractEntries(fixture("wp-liveblog-custom-theme.html"), url);

	it("reads the epoch on the entry's time link, the h4 headline and a body without byline or share bar", () => {
		expect(blog.sources).toEqual(["wp-liveblog"]);
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt), e.headline])).toEqual([
			[
				"2885512",
				"2023-11-16T09:50:45.000Z",
				"Minister visits border town, pledges funds for shelters",
			],
			["2885470", "2023-11-16T09:12:12.000Z", "Sirens sound in southern communities"],
			["2885401", "2023-11-16T08:00:00.000Z", "Markets open higher"],
		]);
		expect(blog.entries[0]?.bodyText).toBe(
			"The minister tours the town and promises NIS 50 million for new public shelters.",
		);
		const text = allText(blog.entries);
		for (const cruft of ["11:50", "am", "Dana Levi", "Share", "Tweet", "yesterday"]) {
			expect(text).not.toMatch(new RegExp(`\\b${cruft}\\b`));
		}
	});
});

describe("--explain's key-event notes", () => {
	it("says a highlighted Sourcefabric post was flagged by its own markup", () => {
		const run = extractWithDiagnostics(
			fixture("sourcefabric-liveblog.html"),
			"https://www.beispiel-zeitung.de/politik/landtagswahl-liveticker-100.html",
		);
		expect(run.diagnostics.keyEvents).toEqual([
			{
				id: "urn:newsml:localhost:5000:2024-09-01T16:12:44.902113:9a0c2f1e-3b7d-4c55-8f01-6e2b7d9c1f02",
				at: "2024-09-01T16:12:44.000Z",
				label: "Erste Prognose: Regierungspartei vorn",
				why: "flagged in the entry's own markup or data",
			},
		]);
	});
});

describe("posts whose time is only printed: '2:45 a.m. ET, October 27, 2023' (cnn-style.html)", () => {
	const url = "https://edition.example-cable.com/us/live-news/maine-shooting-10-27-23/index.html";
	const html = fixture("cnn-style.html");
	const blog = extractEntries(html, url, { now: Date.parse("2023-10-27T07:00:00Z") });

	it("reads the printed time and the date after it in the named zone (ET in October = UTC-4)", () => {
		expect(blog.sources).toEqual(["time-led"]);
		expect(blog.entries.map((e) => [iso(e.publishedAt), e.headline])).toEqual([
			["2023-10-27T06:45:00.000Z", "Gunman still at large, police say"],
			["2023-10-27T06:10:00.000Z", "Schools closed Friday"],
			["2023-10-27T05:30:00.000Z", "What we know so far"],
		]);
	});

	it("bodies are the posts' paragraphs: no stamp, share link, ad or related links", () => {
		expect(blog.entries[0]?.bodyText).toBe(
			"Police say the search for the suspect continues overnight.\nResidents are asked to stay inside.",
		);
		const text = allText(blog.entries);
		for (const cruft of ["a.m.", "October 27", "Share", "Related", "suspect is still at large"]) {
			expect(text).not.toContain(cruft);
		}
	});

	it("--explain names the zone the printed times were read in", () => {
		const run = extractWithDiagnostics(html, url, { now: Date.parse("2023-10-27T07:00:00Z") });
		expect(run.diagnostics.timeZone).toEqual([
			"printed times were read in America/New_York, from abbreviation ET",
			"printed times naming a zone (ET) were read in that zone",
		]);
	});

	it("ids are unique and survive a new post on top", () => {
		expectUniqueIds(blog);
		const newer = html.replace(
			'<div class="live-story__items-container">',
			'<div class="live-story__items-container"><article class="live-story-post liveStoryPost"><div class="live-story-post__wrapper"><header class="live-story-post__header"><div class="live-story-post__timestamp-container"><time class="live-story-post__timestamp">3:05 a.m. ET, October 27, 2023</time></div><h2 class="live-story-post__headline">Road closures</h2></header><section class="live-story-post__body"><div class="live-story-post__content"><p>Route 4 is closed in both directions.</p></div></section></div></article>',
		);
		const again = extractEntries(newer, url, { now: Date.parse("2023-10-27T07:10:00Z") });
		expect(again.entries.slice(1).map((e) => e.id)).toEqual(blog.entries.map((e) => e.id));
	});
});

describe("amp-live-list sort times written YYYYMMDDhhmmss", () => {
	const item = (id: string, sort: string, title: string) =>
		`<div id="${id}" data-sort-time="${sort}"><h2>${title}</h2><p>Text of ${title.toLowerCase()} here.</p></div>`;
	const html = `<html lang="de-DE"><head><meta property="article:published_time" content="2018-04-24T08:00:00+02:00"></head><body><amp-live-list id="l" data-max-items-per-page="20"><div items>${item("e3", "20180424142720", "Drei")}${item("e2", "20180424120005", "Zwei")}${item("e1", "20180424093000", "Eins")}</div></amp-live-list></body></html>`;

	it("reads them as the page's local time (German page, +02:00 dates: Europe/Berlin summer time)", () => {
		const blog = extractEntries(html, "https://zeitung.example.de/live");
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt)])).toEqual([
			["e3", "2018-04-24T12:27:20.000Z"],
			["e2", "2018-04-24T10:00:05.000Z"],
			["e1", "2018-04-24T07:30:00.000Z"],
		]);
	});
});

describe("Sourcefabric Live Blog AMP theme: lb-post items of an amp-live-list", () => {
	const post = (id: string, sort: number, date: string, text: string) =>
		`<article id="${id}" data-sort-time="${sort}" class="lb-post list-group-item lb-not-pinned"><div class="lb-post-date">${date}</div><div class="lb-author"><div class="lb-author__name">Admin</div></div><div class="lb-item">${text}</div></article>`;
	const html = `<html><body><amp-live-list id="lb" data-max-items-per-page="50"><div items>${post("p5", 1526474580, "16 . May 2018 12:43", "Post five has the latest news.")}${post("p4", 1526474520, "16 . May 2018 12:42", "Post four has older news.")}</div></amp-live-list></body></html>`;

	it("reads them by the platform's rules: epoch sort time, author out of the body", () => {
		const blog = extractEntries(html, "https://lb.example.com/amp/blog");
		expect(blog.sources).toEqual(["sourcefabric"]);
		expect(blog.entries.map((e) => [e.id, iso(e.publishedAt), e.author, e.bodyText])).toEqual([
			["p5", "2018-05-16T12:43:00.000Z", "Admin", "Post five has the latest news."],
			["p4", "2018-05-16T12:42:00.000Z", "Admin", "Post four has older news."],
		]);
	});
});
