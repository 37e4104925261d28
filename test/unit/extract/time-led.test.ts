import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NotALiveBlogError } from "../../../src/errors.js";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import type { LiveBlog } from "../../../src/types.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const iso = (d: Date | undefined) => d?.toISOString();
const times = (blog: LiveBlog) => blog.entries.map((e) => iso(e.publishedAt));
const texts = (blog: LiveBlog) => blog.entries.map((e) => `${e.headline ?? ""}\n${e.bodyText}`);

describe("time-led: German ticker with day headings and no year (ticker-de-days.html)", () => {
	const url = "https://zeitung.example/panorama/winter-ticker";
	const blog = extractEntries(fixture("ticker-de-days.html"), url);

	it("dates each 'H.MM Uhr' by the day heading above it, the year across New Year from the page", () => {
		expect(blog.sources).toEqual(["time-led"]);
		// Berlin is UTC+1 in winter; 31 December belongs to 2024, 3 January to 2025.
		expect(times(blog)).toEqual([
			"2025-01-03T09:02:00.000Z",
			"2025-01-02T22:50:00.000Z",
			"2025-01-01T23:15:00.000Z",
			"2024-12-31T17:00:00.000Z",
		]);
	});

	it("takes the text after the time and the paragraphs up to the next time or heading", () => {
		expect(blog.entries.map((e) => e.bodyText)).toEqual([
			"Die Bahn meldet Störungen im Fernverkehr.\nBetroffen sind vor allem Verbindungen zwischen Hamburg und Berlin.",
			"Das Sturmtief erreicht die Küste.\nDer Wetterdienst warnt vor Orkanböen bis Sonntag.",
			"Die Feuerwehr zieht eine erste Bilanz der Silvesternacht.",
			"In vielen Städten beginnen die Silvesterfeiern.",
		]);
	});

	it("skips a time with nothing after it, the summary box, ads, captions, footnote and sidebars", () => {
		expect(times(blog)).not.toContain("2025-01-03T06:30:00.000Z");
		const all = texts(blog).join("\n");
		for (const text of ["Bahn:", "Anzeige", "Foto: Agentur", "Mit Material", "Meistgelesen"]) {
			expect(all).not.toContain(text);
		}
		expect(all).not.toMatch(/Freitag|Donnerstag|Dienstag|Navigation/);
	});

	it("makes stable ids from date + time, with no DOM id to use", () => {
		expect(new Set(blog.entries.map((e) => e.id)).size).toBe(4);
		for (const e of blog.entries) {
			expect(e.id).toMatch(/^t-[0-9a-f]{12}$/);
			expect(e.url).toBe(url);
		}
		const later = extractEntries(fixture("ticker-de-days.html"), url, {
			now: Date.UTC(2025, 5, 1),
		});
		expect(later.entries.map((e) => e.id)).toEqual(blog.entries.map((e) => e.id));
	});
});

describe("time-led: French oldest-first ticker across midnight and a DST change (ticker-fr-dst.html)", () => {
	const blog = extractEntries(fixture("ticker-fr-dst.html"), "https://journal.example/direct");

	it("reads '22h30' … '0h10' … '3h05' as one night, with Paris summer time starting at 2:00", () => {
		expect(times(blog)).toEqual([
			"2024-03-31T01:05:00.000Z",
			"2024-03-30T23:10:00.000Z",
			"2024-03-30T22:45:00.000Z",
			"2024-03-30T21:30:00.000Z",
		]);
	});

	it("uses heading stamps as headlines and stops at the next section heading", () => {
		expect(blog.entries.map((e) => e.headline)).toEqual([
			"Fin de notre direct",
			"Le dépouillement continue",
			"La participation est en hausse",
			"Les premiers résultats tombent",
		]);
		expect(blog.entries[0]?.bodyText).toBe("Merci de nous avoir suivis cette nuit.");
		expect(texts(blog).join("\n")).not.toMatch(/À lire aussi|commune par commune|Suivez avec nous/);
	});
});

describe("time-led: Italian ticker, an element per entry with 'ore 9.15' (ticker-it.html)", () => {
	const now = new Date("2024-07-18T12:00:00Z");
	const blog = extractEntries(fixture("ticker-it.html"), "https://giornale.example/diretta", {
		now,
	});

	it("dates entries by the day headings between the elements; the weekday fixes the year", () => {
		expect(times(blog)).toEqual([
			"2024-07-18T09:40:00.000Z",
			"2024-07-18T07:15:00.000Z",
			"2024-07-17T20:05:00.000Z",
			"2024-07-17T16:30:00.000Z",
		]);
		// 17 July was a Wednesday in 2024, not in 2025 or 2026: a later poll keeps the dates.
		const later = extractEntries(fixture("ticker-it.html"), "https://giornale.example/diretta", {
			now: new Date("2025-03-01T12:00:00Z"),
		});
		expect(times(later)[2]).toBe("2024-07-17T20:05:00.000Z");
	});

	it("reads each element's heading and paragraphs, without the time badge", () => {
		expect(blog.entries[1]).toMatchObject({
			headline: "Chiuse le scuole a Genova",
			bodyText:
				"Il sindaco ha firmato l'ordinanza questa mattina.\nRestano aperti gli uffici pubblici.",
		});
		expect(texts(blog).join("\n")).not.toMatch(/ore \d|giovedì|mercoledì/);
	});
});

describe("time-led: UK '9.15am:' paragraphs on a page without dates (ticker-en-am.html)", () => {
	const now = new Date("2024-11-05T01:30:00Z");
	const blog = extractEntries(fixture("ticker-en-am.html"), "https://paper.example/live", { now });

	it("anchors the newest entry to the poll date and steps back a day at midnight", () => {
		expect(times(blog)).toEqual([
			"2024-11-05T01:05:00.000Z",
			"2024-11-05T00:40:00.000Z",
			"2024-11-04T23:55:00.000Z",
			"2024-11-04T22:30:00.000Z",
		]);
	});

	it("takes a bold time-led line as the headline and drops the empty '1.20am:'", () => {
		expect(blog.entries.map((e) => e.headline)).toEqual([
			undefined,
			"Polls close in Kentucky",
			undefined,
			undefined,
		]);
		expect(blog.entries[1]?.bodyText).toBe("Voters queued for hours in Louisville.");
	});

	it("keeps tweets, the key points and the related links out", () => {
		const all = texts(blog).join("\n");
		expect(all).not.toMatch(/Huge queues|@reporter|Key points|Turnout|electoral college/);
		expect(blog.entries.at(-1)?.bodyText).toBe("Welcome to our coverage of election night.");
	});
});

describe("time-led: match-minute ticker (ticker-minutes.html)", () => {
	const blog = extractEntries(fixture("ticker-minutes.html"), "https://sport.example/live");

	it("makes an entry per commentary item with its minute as the label and no publishedAt", () => {
		expect(blog.entries.map((e) => [e.headline, e.bodyText.slice(0, 20)])).toEqual([
			["90'+3", "Full time! Rovers ho"],
			["67'", "Goal! United pull on"],
			["67'", "Corner to United aft"],
			["45'+2", "Half time. Rovers le"],
			["31'", "Yellow card for the "],
			["12'", "Goal! Rovers open th"],
		]);
		// The page has dates and a 15:00 kick-off, but minute + kick-off is not when a line was
		// written (stoppages, half time): no clock time is invented.
		expect(blog.entries.every((e) => e.publishedAt === undefined)).toBe(true);
		expect(new Set(blog.entries.map((e) => e.id)).size).toBe(6);
	});
});

describe("time-led: general behaviour", () => {
	const page = (entries: string[]) =>
		`<html lang="es-ES"><body><div class="cuerpo"><h2>jueves, 18 de julio de 2024</h2>${entries.join("")}</div></body></html>`;
	const item = (time: string, text: string) =>
		`<p><strong>${time} h</strong> – ${text}</p><p>Más detalles de ${text}</p>`;
	const first = [item("10:30", "Llega el presidente"), item("09:15", "Abren los colegios")];
	const first3 = [...first, item("08:00", "Comienza la jornada")];

	it("keeps the ids of older entries when a new one is added on top", () => {
		const before = extractEntries(
			page([...first, item("08:00", "Comienza la jornada")]),
			"https://e.es/",
		);
		const after = extractEntries(
			page([item("11:45", "Primeros datos"), ...first, item("08:00", "Comienza la jornada")]),
			"https://e.es/",
		);
		expect(after.entries).toHaveLength(4);
		expect(after.entries.slice(1).map((e) => e.id)).toEqual(before.entries.map((e) => e.id));
		// Madrid, summer: UTC+2.
		expect(times(after)[0]).toBe("2024-07-18T09:45:00.000Z");
	});

	it("does not read two timed paragraphs in an article as a ticker", () => {
		const article = `<html><body><article><h1>Report</h1><p>09:00 – The meeting opened.</p><p>Long debate followed.</p><p>17:00 – The meeting closed.</p></article></body></html>`;
		expect(() => extractEntries(article, "https://e.example/a")).toThrow(NotALiveBlogError);
	});

	it("accepts a new ticker of two entries when a day heading shows it is one", () => {
		const two = page([item("10:30", "Llega el presidente"), item("09:15", "Abren los colegios")]);
		expect(extractEntries(two, "https://e.es/").entries).toHaveLength(2);
		const undated = two.replace("<h2>jueves, 18 de julio de 2024</h2>", "<h2>Directo</h2>");
		expect(() => extractEntries(undated, "https://e.es/")).toThrow(NotALiveBlogError);
	});

	it("never dates an entry after the poll, and tolerates a page date that lags its entries", () => {
		const run = (meta: string) =>
			`<html lang="en-GB"><head>${meta}</head><body><div class="live">${[
				"<p>11:15 – Newest.</p>",
				"<p>10:40 – Middle.</p>",
				"<p>02:00 – Oldest.</p>",
			].join("")}</div></body></html>`;
		// last-modified 10:00 but the newest entry says 11:15: the metadata lags, same day.
		const stale = extractEntries(
			run(`<meta property="article:modified_time" content="2024-01-10T10:00:00Z">`),
			"https://e.uk/a",
			{ now: Date.UTC(2024, 0, 10, 12) },
		);
		expect(times(stale)[0]).toBe("2024-01-10T11:15:00.000Z");
		// No dates at all, polled at 00:30: a newest entry at 02:10 cannot be today yet.
		const night = `<html lang="en-GB"><body><div class="live"><p>02:10 – Newest.</p><p>01:50 – Middle.</p><p>00:20 – Oldest.</p></div></body></html>`;
		const early = extractEntries(night, "https://e.uk/a", { now: Date.UTC(2024, 0, 10, 0, 30) });
		expect(times(early)).toEqual([
			"2024-01-09T02:10:00.000Z",
			"2024-01-09T01:50:00.000Z",
			"2024-01-09T00:20:00.000Z",
		]);
	});

	it("fills bodyHtml of a run with its blocks when asked", () => {
		const blog = extractEntries(page([...first, item("08:00", "Comienza")]), "https://e.es/", {
			withHtml: true,
		});
		const html = blog.entries[0]?.bodyHtml ?? "";
		// Both blocks of the run, the time-led paragraph first (the serialiser escapes "–" and "á").
		expect(html.match(/<p>/g)).toHaveLength(2);
		expect(html.startsWith("<p><strong>10:30 h</strong>")).toBe(true);
		expect(html).toContain("detalles de Llega el presidente</p>");
		expect(html).not.toContain("Abren");
	});

	it("uses an instant the page prints next to a stamp (time[datetime]) over its own reckoning", () => {
		const li = (hm: string, iso: string, text: string) =>
			`<li><time datetime="${iso}">${hm}</time> ${text}</li>`;
		const html = `<html lang="de"><body><ul class="ticker">${[
			li("09:04", "2024-07-18T09:04:00+02:00", "Erste Meldung des Tages"),
			// The printed time is rounded; the attribute has the seconds.
			li("08:50", "2024-07-18T08:50:30+02:00", "Schlusspfiff im Testspiel"),
			li("08:10", "2024-07-18T08:10:00+02:00", "Frühe Meldung des Tages"),
		].join("")}</ul></body></html>`;
		const blog = extractEntries(html, "https://e.example/ticker", { now: Date.UTC(2030, 0, 1) });
		expect(times(blog)).toEqual([
			"2024-07-18T07:04:00.000Z",
			"2024-07-18T06:50:30.000Z",
			"2024-07-18T06:10:00.000Z",
		]);
	});

	it("splits one paragraph whose <br>-separated lines start with times (old CMS tickers)", () => {
		const html = `<html lang="en-GB"><head><meta name="last-modified" content="2012-06-01"></head><body><div class="story"><p id="p1"><b>17.00</b> The last update of the day.<br><br><b>16.30</b> Another update here.<br>More on that.<br><br><b>15.05</b> The first update of the day.</p></div></body></html>`;
		const blog = extractEntries(html, "https://paper.example/2012/live");
		// London in June is UTC+1.
		expect(blog.entries.map((e) => [iso(e.publishedAt), e.bodyText])).toEqual([
			["2012-06-01T16:00:00.000Z", "The last update of the day."],
			["2012-06-01T15:30:00.000Z", "Another update here.\nMore on that."],
			["2012-06-01T14:05:00.000Z", "The first update of the day."],
		]);
		// The paragraph's id belongs to all three lines, so it names none of them.
		expect(blog.entries.every((e) => e.id.startsWith("t-"))).toBe(true);
	});

	it("dates entries by the date written in each stamp ('18.07.2024, 11:04 Uhr')", () => {
		const p = (stamp: string, text: string) => `<p>${stamp} – ${text}</p>`;
		const html = `<html lang="de-AT"><body><div class="ticker">${[
			p("Do., 18.07.2024, 09:30 Uhr", "Neue Meldung am Donnerstag"),
			p("Mi., 17.07.2024, 22:15 Uhr", "Meldung am Mittwochabend"),
			p("16.07.2024, 23:59 Uhr", "Meldung am Dienstag"),
		].join("")}</div></body></html>`;
		const blog = extractEntries(html, "https://e.at/ticker", { now: Date.UTC(2030, 0, 1) });
		// Vienna, summer: UTC+2.
		expect(times(blog)).toEqual([
			"2024-07-18T07:30:00.000Z",
			"2024-07-17T20:15:00.000Z",
			"2024-07-16T21:59:00.000Z",
		]);
		expect(blog.entries[0]?.bodyText).toBe("Neue Meldung am Donnerstag");
	});

	it("returns a kick-off-first minute ticker newest first", () => {
		const li = (min: string, text: string) => `<li><b>${min}</b> ${text}</li>`;
		const html = `<html><body><ul class="live">${[
			li("1'", "Anstoss in Bern."),
			li("23'", "Erste Chance für die Gäste."),
			li("45'+1", "Pause."),
			li("78'", "Tor für die Gastgeber."),
		].join("")}</ul></body></html>`;
		const blog = extractEntries(html, "https://e.ch/live");
		expect(blog.entries.map((e) => e.headline)).toEqual(["78'", "45'+1", "23'", "1'"]);
		expect(blog.entries.every((e) => e.publishedAt === undefined)).toBe(true);
	});

	it("keeps the minute in front of a heading's words", () => {
		const h = (min: string, title: string) => `<h3>${min} ${title}</h3><p>Report on ${title}</p>`;
		const html = `<html><body><main>${h("88'", "Red card!")}${h("67'", "Goal!")}${h("12'", "Penalty saved")}</main></body></html>`;
		const blog = extractEntries(html, "https://e.uk/live");
		expect(blog.entries.map((e) => [e.headline, e.bodyText])).toEqual([
			["88' Red card!", "Report on Red card!"],
			["67' Goal!", "Report on Goal!"],
			["12' Penalty saved", "Report on Penalty saved"],
		]);
	});

	it("ends the last entry at the end of its container, not at the end of the page", () => {
		// The CMS wrapped the newest entry apart from the others, so the run spans <main>.
		const top = `<div class="top"><p>10:00 – Third update.</p></div>`;
		const rest = `<p>09:00 – Second update.</p><p>08:00 – First update.</p><p>More on the first.</p>`;
		const box = `<div class="box"><p>Sign up for the morning briefing by email.</p></div>`;
		const html = `<html lang="en-GB"><body><main>${top}<div class="ticker">${rest}</div>${box}</main></body></html>`;
		const blog = extractEntries(html, "https://e.uk/live", { now: Date.UTC(2024, 0, 5, 12) });
		expect(blog.entries.at(-1)?.bodyText).toBe("First update.\nMore on the first.");
	});

	it("does not take a list of timed links to other articles for a ticker", () => {
		const teaser = (hm: string, title: string) =>
			`<li><span class="time">${hm}</span> <a href="/news/${hm}">${title}</a></li>`;
		const html = `<html lang="de"><body><article><h1>Ein Artikel</h1><p>Nur ein Text.</p></article><div class="latest-news"><ul>${[
			teaser("14:05", "Bahn streicht Verbindungen nach Hamburg"),
			teaser("13:40", "Sturm sorgt für Schäden an der Küste"),
			teaser("12:15", "Neue Zahlen vom Arbeitsmarkt veröffentlicht"),
			teaser("11:02", "Regierung plant Reform der Rente"),
		].join("")}</ul></div></body></html>`;
		expect(() => extractEntries(html, "https://e.de/artikel")).toThrow(NotALiveBlogError);
	});

	it("takes a heading right after a bare time as the headline ('<h4>14:05</h4><h3>…</h3>')", () => {
		const post = (hm: string, title: string) =>
			`<h4>${hm}</h4><h3>${title}</h3><p>Body of ${title}.</p>`;
		const html = `<html lang="en-IE"><body><div class="live">${[
			post("14:05", "Budget passes"),
			post("12:30", "Debate resumes"),
			post("09:00", "Day begins"),
		].join("")}</div></body></html>`;
		const blog = extractEntries(html, "https://e.ie/live", { now: Date.UTC(2024, 9, 1, 15) });
		expect(blog.entries.map((e) => [iso(e.publishedAt), e.headline, e.bodyText])).toEqual([
			["2024-10-01T13:05:00.000Z", "Budget passes", "Body of Budget passes."],
			["2024-10-01T11:30:00.000Z", "Debate resumes", "Body of Debate resumes."],
			["2024-10-01T08:00:00.000Z", "Day begins", "Body of Day begins."],
		]);
	});

	it("counts entries of the same minute from the oldest, so new ones on top shift nothing", () => {
		const same = Array.from({ length: 400 }, (_, i) => item("10:00", `Sin novedad ${i}`));
		const before = extractEntries(page(same), "https://e.es/");
		const ids = before.entries.map((e) => e.id);
		expect(new Set(ids).size).toBe(400);
		for (const id of ids) expect(id).toMatch(/^t-[0-9a-f]{12}$/);
		const after = extractEntries(page([item("10:00", "Otra más"), ...same]), "https://e.es/");
		expect(after.entries.slice(1).map((e) => e.id)).toEqual(ids);
	});

	it("keeps an entry's id when the editor rewrites its text", () => {
		const first = extractEntries(page([...first3]), "https://e.es/");
		const edited = extractEntries(
			page([item("10:30", "Llega el presidente del Gobierno"), ...first3.slice(1)]),
			"https://e.es/",
		);
		expect(edited.entries.map((e) => e.id)).toEqual(first.entries.map((e) => e.id));
		expect(edited.entries[0]?.bodyText).toContain("del Gobierno");
	});

	it("handles a long ticker and deep garbage nesting without failing", () => {
		const many = Array.from({ length: 3000 }, (_, i) =>
			item(
				`${String(23 - (Math.floor(i / 60) % 24)).padStart(2, "0")}:${String(59 - (i % 60)).padStart(2, "0")}`,
				`Noticia ${i}`,
			),
		);
		const blog = extractEntries(page(many), "https://e.es/");
		expect(blog.entries).toHaveLength(3000);
		expect(new Set(blog.entries.map((e) => e.id)).size).toBe(3000);
		const deep = `<html><body>${"<div>".repeat(20_000)}${first.join("")}${item("08:00", "x")}</body></html>`;
		expect(() => extractEntries(deep, "https://e.es/")).not.toThrow(TypeError);
	});
});

describe("time-led: the page clock reads regions the ticker reader skips", () => {
	it("dates the ticker from a time in the page footer (the clock is read on the leaf walk)", () => {
		const para = (time: string, text: string) => `<p><b>${time}</b> ${text}</p>`;
		const html = `<html lang="de"><head><title>Ticker</title></head><body><div class="ticker">${para("11.04 Uhr:", "Erste Meldung des Tages mit etwas Text.")}${para("10.30 Uhr:", "Zweite Meldung mit mehr Text dazu.")}${para("09.15 Uhr:", "Dritte Meldung am Morgen.")}</div><footer>Stand: <time datetime="2024-07-18T11:30:00+02:00">18.07.2024</time></footer></body></html>`;
		const blog = extractEntries(html, "https://zeitung.example/ticker", {
			now: Date.UTC(2024, 8, 1),
		});
		expect(blog.sources).toEqual(["time-led"]);
		// The footer is no ticker text, but its date anchors the stamps (not the poll date).
		expect(times(blog)).toEqual([
			"2024-07-18T09:04:00.000Z",
			"2024-07-18T08:30:00.000Z",
			"2024-07-18T07:15:00.000Z",
		]);
	});
});
