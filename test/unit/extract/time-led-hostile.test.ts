import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NotALiveBlogError } from "../../../src/errors.js";
import { extractEntries } from "../../../src/extract/extract-entries.js";

// Fragments of rich-text tickers, shuffled into arbitrary (often broken) pages.
const PIECES = [
	"<p><strong>17.00 </strong>Text after a time.</p>",
	"<p>9.15am: Morning news.</p>",
	"<h5>11.04 Uhr: Schlagzeile</h5>",
	"<h2>Donnerstag, 18.&nbsp;7.</h2>",
	"<h2>31 December</h2>",
	"<p>Heute</p>",
	"<li><span>95'</span> Commentary.</li>",
	"<div><span class='time'>14h05</span><h3>Titre</h3><p>Texte.</p></div>",
	"<p>ore 9.15 – Testo<br><b>ore 8.00</b> Altro<br>0h10 minuit</p>",
	"<p>18.07.2024, 23:59 Uhr – Datum und Zeit</p>",
	"<p>24:00 not a time</p>",
	"<p>12 min: early chance</p>",
	"<p></p>",
	"<br>",
	"<div>",
	"</div>",
	"<ul>",
	"</ul>",
	"<time datetime='2024-07-18T09:04:00+02:00'>09:04</time>",
	"<meta property='article:modified_time' content='2024-03-31T03:10:00+02:00'>",
	"<meta property='og:locale' content='xx_ZZ'>",
	"<script>var c={timezone:'Nowhere/Land'}</script>",
	"<blockquote class='twitter-tweet'><p>10:00 tweet</p></blockquote>",
];

function outcome(body: string, now: number): string {
	try {
		const blog = extractEntries(body, "https://example.com/ticker", { now });
		for (const e of blog.entries) {
			if (e.id === "" || (e.bodyText === "" && e.headline === undefined)) return "bad-entry";
			if (e.publishedAt !== undefined && Number.isNaN(e.publishedAt.getTime())) return "bad-time";
		}
		if (new Set(blog.entries.map((e) => e.id)).size !== blog.entries.length) return "dup-id";
		return "blog";
	} catch (error) {
		return error instanceof NotALiveBlogError ? "not-a-live-blog" : `threw ${String(error)}`;
	}
}

describe("time-led on hostile input", () => {
	it("returns valid entries or NotALiveBlogError for any mix of ticker fragments", () => {
		let blogs = 0;
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }),
				fc.integer({ min: 0, max: 4_102_444_800_000 }),
				(parts, now) => {
					const result = outcome(`<html lang="de"><body>${parts.join("")}</body></html>`, now);
					expect(result).toMatch(/^(?:blog|not-a-live-blog)$/);
					if (result === "blog") blogs++;
				},
			),
			{ numRuns: 300 },
		);
		// The mixes must reach the extractor's entry paths, not only its early exits.
		expect(blogs).toBeGreaterThan(30);
	});
});
