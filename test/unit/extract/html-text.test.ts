/**
 * htmlStringToText reads simple rich text with a regex scan and everything else with htmlparser2:
 * both must give the same lines. Checked on every HTML string in the saved real pages' JSON-LD and
 * the Guardian model, and on seeded random markup built from the pieces real bodies use.
 */

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
	htmlStringToText,
	htmlStringToTextByParser,
	simpleHtmlText,
} from "../../../src/extract/html-text.js";
import { collapseWhitespace } from "../../../src/extract/text.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REAL_PAGES = path.resolve(HERE, "../../../../shared/fixtures/liveblogs");

/** The lines a body is made of: what cleanBodyText keeps of either path's output. */
function lines(text: string): string[] {
	return text
		.split("\n")
		.map(collapseWhitespace)
		.filter((l) => l !== "");
}

/** Every string value holding markup in a parsed JSON value. */
function markupStrings(value: unknown, out: string[]): void {
	if (typeof value === "string") {
		if (value.includes("<")) out.push(value);
	} else if (Array.isArray(value)) {
		for (const v of value) markupStrings(v, out);
	} else if (typeof value === "object" && value !== null) {
		for (const v of Object.values(value)) markupStrings(v, out);
	}
}

function realBodies(): string[] {
	const out: string[] = [];
	for (const file of readdirSync(REAL_PAGES)) {
		const text = readFileSync(path.join(REAL_PAGES, file), "utf8");
		if (file.endsWith(".json")) markupStrings(JSON.parse(text), out);
		if (!file.endsWith(".html")) continue;
		const scripts = /<script[^>]*application\/ld\+json[^>]*>([\s\S]*?)<\/script>/gi;
		for (const m of text.matchAll(scripts)) {
			try {
				markupStrings(JSON.parse(m[1] as string), out);
			} catch {
				// A broken script on a saved page has no bodies to compare.
			}
		}
	}
	return out;
}

describe("htmlStringToText", () => {
	it("gives the parser's lines for every HTML body in the saved real pages, most by the scan", () => {
		const bodies = realBodies();
		expect(bodies.length).toBeGreaterThan(120);
		let scanned = 0;
		for (const html of bodies) {
			const byParser = lines(htmlStringToTextByParser(html));
			expect(lines(htmlStringToText(html))).toEqual(byParser);
			const scan = simpleHtmlText(html);
			if (scan !== undefined) {
				scanned++;
				expect(lines(scan)).toEqual(byParser);
			}
		}
		// The scan must carry the common case, or it is dead weight.
		expect(scanned / bodies.length).toBeGreaterThan(0.6);
	});

	it("leaves to the parser what it would repair or skip", () => {
		for (const html of [
			"<p>a<div>b</p>c</div>d",
			"<p>one<p>two",
			"<ul><li>a<li>b</ul>",
			'<p>text</p><div class="ad-slot">buy</div>',
			"<p>a</p><!-- note --><p>b</p>",
			"<p>a < b</p>",
			'<p><img src="x.jpg"><em>Photo: AP</em></p>',
			"<p>a</br>b</p>",
			'<p title="a&amp;b">x</p>',
			"<p>a</p/>b",
			"<h2\u00a0>Title</h2>Body",
			"<p>Breaking</p\u00a0>Second paragraph",
			`${"<span>".repeat(512)}<div>A</div><div>B</div>${"</span>".repeat(512)}`,
		]) {
			expect(simpleHtmlText(html)).toBeUndefined();
			expect(htmlStringToText(html)).toBe(htmlStringToTextByParser(html));
		}
	});

	it("reads a body normally after one that ended inside <script>, <style> or <title>", () => {
		for (const cut of ["<p>x</p><script async src=w.js", "<p>x<style>", "<p>x<ti", "<title>"]) {
			htmlStringToText(cut);
			expect(lines(htmlStringToText('<p>Two <img src="a.jpg"> pic</p><!-- c -->'))).toEqual([
				"Two pic",
			]);
		}
	});

	it("gives the parser's lines on seeded random markup", () => {
		const piece = fc.constantFrom(
			"<p>",
			"</p>",
			"<div>",
			"</div>",
			"<ul>",
			"</ul>",
			"<li>",
			"</li>",
			"<h2>",
			"</h2>",
			'<a href="https://example.com/x?a=1&b=2">',
			"</a>",
			"<strong>",
			"</strong>",
			"<em>",
			"</em>",
			"<br>",
			"<br/>",
			"<hr>",
			"<span class='share-bar'>",
			'<span class="x">',
			"</span>",
			"<img src=x>",
			"<figure>",
			"</figure>",
			'<blockquote class="twitter-tweet">',
			"</blockquote>",
			"<table><tr><td>",
			"</td><td>",
			"</td></tr></table>",
			"Text ",
			"more words",
			" &amp; ",
			"&nbsp;",
			"&eacute;",
			"&#8217;",
			"&notanentity;",
			"&amp",
			" < ",
			">",
			"\n",
			"<!-- c -->",
			"</p/>",
			"<p id=one id=ad-slot>",
			"<span  title = 'a'  >",
		);
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
				// Markup starts the string: text without any tag takes the plain decode path.
				const html = `<p>${parts.join("")}`;
				const byParser = lines(htmlStringToTextByParser(html));
				expect(lines(htmlStringToText(html))).toEqual(byParser);
			}),
			{ seed: 20261201, numRuns: 3000 },
		);
	});
});
