/**
 * Seeded fuzzing of extraction and summaries with hostile strings of 100–300 KB (issue 10 §2): long
 * runs of one character or token, alternations of punctuation and spaces, entity runs, deep nesting.
 * Each input is placed where a page would carry it (JSON-LD headline or body, DOM entry text, class
 * attributes, raw page, JSON post) and must finish within a generous time budget — the event-loop
 * rule is "linear on any input", and a quadratic step takes minutes at these sizes, not seconds.
 */
import fc from "fast-check";
import { DomHandler, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { NotALiveBlogError } from "../../src/errors.js";
import { extractEntries } from "../../src/extract/extract-entries.js";
import { htmlStringToText } from "../../src/extract/html-text.js";
import { DepthCappedParser } from "../../src/extract/limit-nesting.js";
import type { DomNode } from "../../src/extract/text.js";
import { cleanBodyText, decodeEntities, normalizeForCompare } from "../../src/extract/text.js";
import { toEntryUpdate } from "../../src/relay/updates.js";
import { cleanText, splitFirstSentence, summarize } from "../../src/summary/summarize.js";
import { hostilePages, ordinaryProse } from "../fakes/hostile-pages.js";

const SEED = 20_261_130;
/** Per input, on a loaded 2-core machine; linear steps take milliseconds at these sizes. */
const BUDGET_MS = 2_000;

const UNITS = [
	".",
	" ",
	"&",
	"&amp;",
	"&#",
	"&#x1F600;",
	"&nbsp",
	";",
	"<",
	"<div>",
	"</span>",
	"<p>",
	"<b><i>",
	"<!--",
	"</x>",
	"<div><b>",
	"-",
	"/",
	"#",
	"a",
	"\u00a0",
	"…",
	"\n",
	"Mr. ",
	"Mr. X ",
	"U.S. ",
	"read more ",
	"ad-slot",
	"\\",
	'"',
	"[",
	"{",
];
const PUNCTUATION = [".", ",", ";", ":", "!", "?", "…", "-", "–", "/", "#", "&", "*"];
const SPACES = [" ", "\n", "\t", "\u00a0", "  "];

const size = fc.integer({ min: 100_000, max: 300_000 });
const repeatTo = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** A generated input, printed by its recipe (a 300 KB counterexample would flood the report). */
interface Hostile {
	text: string;
	[fc.toStringMethod](): string;
}
function hostile(text: string, recipe: string): Hostile {
	return { text, [fc.toStringMethod]: () => `${recipe} (${text.length} chars)` };
}

/** Hostile text: a run, an alternation, a run with a different tail, or a few runs in a row. */
const hostileText: fc.Arbitrary<Hostile> = fc.oneof(
	fc
		.tuple(fc.constantFrom(...UNITS), size)
		.map(([unit, n]) => hostile(repeatTo(unit, n), `${JSON.stringify(unit)} repeated`)),
	fc
		.tuple(fc.constantFrom(...PUNCTUATION), fc.constantFrom(...SPACES), size)
		.map(([p, s, n]) => hostile(repeatTo(p + s, n), `${JSON.stringify(p + s)} repeated`)),
	fc
		.tuple(fc.constantFrom(...UNITS), size, fc.constantFrom("x", ".", ";", "\n", "A"))
		.map(([unit, n, tail]) =>
			hostile(
				repeatTo(unit, n) + tail,
				`${JSON.stringify(unit)} repeated + ${JSON.stringify(tail)}`,
			),
		),
	fc
		.tuple(fc.array(fc.constantFrom(...UNITS), { minLength: 2, maxLength: 4 }), size)
		.map(([units, n]) =>
			hostile(
				units.map((u) => repeatTo(u, Math.floor(n / units.length))).join(""),
				`runs of ${JSON.stringify(units)}`,
			),
		),
	fc
		.tuple(fc.string({ minLength: 1, maxLength: 6 }), size)
		.map(([unit, n]) => hostile(repeatTo(unit, n), `${JSON.stringify(unit)} repeated`)),
);

const ldPage = (headline: string, body: string) =>
	`<html><head><script type="application/ld+json">${JSON.stringify({
		"@type": "LiveBlogPosting",
		headline: "Live",
		liveBlogUpdate: [
			{
				"@type": "BlogPosting",
				"@id": "#a",
				headline,
				articleBody: body,
				datePublished: "2024-09-11T08:00:00Z",
			},
			{
				"@type": "BlogPosting",
				"@id": "#b",
				headline: "B",
				articleBody: "B.",
				datePublished: "2024-09-11T07:00:00Z",
			},
		],
	}).replace(/</g, "\\u003c")}</script></head><body></body></html>`;
const domPage = (inner: string, cls = "entry") =>
	`<html><body>${[1, 2, 3]
		.map(
			(n) =>
				`<article class="${cls}" id="post-${n}" data-timestamp="${1726041600 + n * 60}"><h2>Entry ${n}</h2><div>${inner}</div></article>`,
		)
		.join("")}</body></html>`;

/** Where a page carries the hostile text. */
const SLOTS: Record<string, (text: string) => { body: string; contentType?: string }> = {
	"json-ld headline": (t) => ({ body: ldPage(t, "Body.") }),
	"json-ld articleBody": (t) => ({ body: ldPage("Headline", t) }),
	"dom entry text": (t) => ({ body: domPage(t) }),
	"class attribute": (t) => ({ body: domPage("Text.", `entry ${t.replace(/"/g, "")}`) }),
	"raw page": (t) => ({ body: t }),
	"json post list": (t) => ({
		body: JSON.stringify({
			posts: [1, 2, 3].map((n) => ({
				id: `p${n}`,
				title: t,
				body: t,
				publishedAt: 1726041600 + n,
			})),
		}),
		contentType: "application/json",
	}),
};

function timed<T>(fn: () => T): { ms: number; value: T | undefined; error: unknown } {
	const started = performance.now();
	try {
		const value = fn();
		return { ms: performance.now() - started, value, error: undefined };
	} catch (error) {
		return { ms: performance.now() - started, value: undefined, error };
	}
}

describe("hostile strings (seeded fast-check, per-input time budget)", () => {
	it("extraction of a page carrying one finishes within budget and throws only NotALiveBlogError", () => {
		fc.assert(
			fc.property(hostileText, fc.constantFrom(...Object.keys(SLOTS)), ({ text }, slot) => {
				const page = (SLOTS[slot] as (t: string) => { body: string; contentType?: string })(text);
				const run = timed(() => {
					const blog = extractEntries(page.body, "https://news.example/live", {
						contentType: page.contentType,
					});
					// What the watcher does next with every new entry.
					for (const entry of blog.entries) toEntryUpdate(blog, entry, 500);
					return blog;
				});
				if (run.error !== undefined) expect(run.error).toBeInstanceOf(NotALiveBlogError);
				expect({ slot, ms: Math.round(run.ms) }).toEqual({
					slot,
					ms: expect.toSatisfy((ms: number) => ms <= BUDGET_MS),
				});
			}),
			// The issue's pages first: each froze the bot for 11–154 s before the fix.
			{
				seed: SEED,
				numRuns: 60,
				examples: hostilePages().map((p) => [hostile(p.body, p.name), "raw page"]),
			},
		);
	});

	it("summaries of one finish within budget and stay within their limit", () => {
		fc.assert(
			fc.property(hostileText, fc.constantFrom(200, 500, 1024, 4096), ({ text }, limit) => {
				const run = timed(() => [
					summarize(text, limit),
					splitFirstSentence(text, 200, limit).first,
					cleanText(text).length > 0 ? "x" : "",
				]);
				expect(run.error).toBeUndefined();
				expect((run.value?.[0] ?? "").length).toBeLessThanOrEqual(limit);
				expect((run.value?.[1] ?? "").length).toBeLessThanOrEqual(200);
				expect(Math.round(run.ms)).toBeLessThanOrEqual(BUDGET_MS);
			}),
			{
				seed: SEED,
				numRuns: 80,
				examples: [
					[hostile(`${"read more ".repeat(50_000)}.`, "read more × 50,000 + ."), 500],
					[hostile("Mr. X ".repeat(35_000), "Mr. X × 35,000"), 500],
					[hostile(ordinaryProse(250_000), "250 KB of prose"), 4096],
				],
			},
		);
	});

	it("each text step on one finishes within budget", () => {
		fc.assert(
			fc.property(hostileText, ({ text }) => {
				const run = timed(() => {
					decodeEntities(text);
					normalizeForCompare(text);
					cleanBodyText(text, text.slice(0, 300));
					htmlStringToText(text);
				});
				expect(run.error).toBeUndefined();
				expect(Math.round(run.ms)).toBeLessThanOrEqual(BUDGET_MS);
			}),
			{
				seed: SEED,
				numRuns: 60,
				examples: [
					[hostile(`${".".repeat(100_000)}x`, "100 KB of dots + x")],
					[hostile(`${"&".repeat(1_000_000)};`, "1 MB of & + ;")],
					[hostile("<div>".repeat(200_000), "<div> × 200,000")],
				],
			},
		);
	});

	it("the parser caps nesting: 200,000 unclosed <div>s build 512 levels; text and other pages stay", () => {
		const dump = (n: DomNode): string =>
			n.type === "text"
				? n.data
				: n.type === "tag"
					? `<${n.name}>${n.children.map((c) => dump(c as DomNode)).join("")}</${n.name}>`
					: "";
		const parse = (html: string): string => {
			const handler = new DomHandler();
			new DepthCappedParser(handler).end(html);
			return handler.root.children.map((c) => dump(c as DomNode)).join("");
		};
		const deep = parse(`<p>start</p>${'<div class="x">'.repeat(200_000)}<p>end</p><br>`);
		expect(deep.split("<div>").length - 1).toBe(512);
		// At the cap a <p> is dropped too; its text and the void <br> after it stay.
		expect(deep).toContain("end");
		expect(deep).toContain("<br></br>");
		const ordinary = [
			`<div><p>a<b>b</b><p>c</div></span><svg><g/><g/></svg><img src=x>`,
			// Tags inside a script are text: 2,000 "<div>"s in a string open nothing.
			`<div><script>var s = "${"<div>".repeat(2_000)}";</script><span>x</span></div>`,
		];
		for (const page of ordinary) {
			const reference = parseDocument(page)
				.children.map((c) => dump(c as DomNode))
				.join("");
			expect(parse(page)).toBe(reference);
		}
	});
});
