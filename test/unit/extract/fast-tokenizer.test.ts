/**
 * FastTokenizer must produce exactly the tokens of htmlparser2's own Tokenizer: every saved real
 * page, our own fixtures, hand-written edge cases at buffer ends, and seeded random tag soup.
 */

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { FastTokenizer } from "../../../src/extract/fast-tokenizer.js";
import { hashName } from "../../../src/extract/name-cache.js";
import { htmlPagePaths, soup, TOKENIZER_PIECES } from "./tag-soup.js";

/** Every parser event with its arguments and source positions, as one list. */
function events(html: string, fast: boolean, chunks = 1): string[] {
	const out: string[] = [];
	const parser: Parser = new Parser(
		{
			onopentag: (name, attribs) =>
				out.push(`open ${name} ${JSON.stringify(attribs)} ${parser.startIndex}-${parser.endIndex}`),
			onclosetag: (name, implied) => out.push(`close ${name} ${implied} ${parser.endIndex}`),
			ontext: (text) => out.push(`text ${JSON.stringify(text)}`),
			oncomment: (text) => out.push(`comment ${JSON.stringify(text)}`),
			oncdatastart: () => out.push("cdata"),
			onprocessinginstruction: (name, data) => out.push(`pi ${name} ${data}`),
		},
		fast ? { Tokenizer: FastTokenizer } : {},
	);
	// Written in pieces too: the fast-forward must respect the tokenizer's buffer offset.
	const size = Math.ceil(html.length / chunks);
	for (let i = 0; i < html.length; i += size) parser.write(html.slice(i, i + size));
	parser.end();
	return out;
}

function expectSame(html: string, chunks = 1): void {
	expect(events(html, true, chunks)).toEqual(events(html, false, chunks));
}

describe("FastTokenizer", () => {
	it("tokenizes every saved real page and our fixtures exactly as htmlparser2 does", () => {
		const pages = htmlPagePaths();
		expect(pages.length).toBeGreaterThan(10);
		for (const page of pages) {
			const html = readFileSync(page, "utf8");
			expect(events(html, true).length).toBeGreaterThan(0);
			expectSame(html);
			expectSame(html, 7);
		}
	});

	it("agrees on scripts, comments and closing tags cut off or odd at the end", () => {
		for (const html of [
			"<script>var a = '<b>';</script><p>x</p>",
			"<script>a<</script>b",
			"<script>never closed",
			"<script>x</scr",
			"<script>x</SCRIPT >after",
			"<style>a{}<</style><p>t",
			"<!-- comment --><p>t</p>",
			"<!-- never closed",
			"<!-- a -- b --->c",
			"<p>a</p   ><p>b</p",
			"</",
			"<script></script>",
			"<title>a &amp; <b></title>",
			// Script and style bodies run whole (tag-lexer.ts lexSpecialBody): near-misses, case,
			// the control characters the stock `c | 0x20` comparison lets match, attributes.
			"<script>\x1c/script>x",
			"<script>a</script\x1c/script>b",
			"<script>a<\x0fscript>b</script>",
			"<script>a</scriptx</script\n>b",
			"<script>a</scrip</script>b",
			"<script>a<</script>b<</script>",
			"<script>a</sCrIpT\f>b",
			'<script type="text/javascript" async>a</script>b',
			"<script src=a&amp;b>c</script>",
			"<script a='&lt;'>c</script>",
			"<SCRIPT/>x</script>",
			"<style media=print>a</style>b",
			"<style>a</script></style>b",
			"<script>a</style></script>b",
			"<script>x</script",
			"<script>x</script>",
		]) {
			expectSame(html);
			expectSame(html, 3);
		}
	});

	it("searches each stretch of the page a bounded number of times, however many references it holds", () => {
		// A 40 KB attribute value of references once searched for its closing quote per reference.
		const value = "{&quot;a&quot;:1,".repeat(2500);
		const html = `<p>${"x&amp;".repeat(2000)}<div data-json="${value}" title='${"&lt;".repeat(2000)}'>t</div>`;
		let scanned = 0;
		const indexOf = String.prototype.indexOf;
		String.prototype.indexOf = function (this: string, search: string, from?: number): number {
			const found = indexOf.call(this, search, from);
			if (this.length === html.length) scanned += (found < 0 ? this.length : found) - (from ?? 0);
			return found;
		};
		try {
			events(html, true);
		} finally {
			String.prototype.indexOf = indexOf;
		}
		expect(scanned).toBeLessThan(4 * html.length);
		expectSame(html);
	});

	it("hands the parser each name's hashName when it passes one, on pages and tag soup", () => {
		// A wrong hash would only cost the name cache its hits, which no event shows: checked here.
		let checked = 0;
		const check = (html: string): void => {
			const noop = () => undefined;
			const cbs = new Proxy({} as Record<string, unknown>, {
				get: (_, key) =>
					key === "onopentagname" || key === "onattribname"
						? (start: number, end: number, hash?: number) => {
								if (hash === undefined) return;
								checked++;
								expect(hash).toBe(hashName(html, start, end));
							}
						: noop,
			});
			const tokenizer = new FastTokenizer({ xmlMode: false, decodeEntities: true }, cbs as never);
			tokenizer.write(html);
			tokenizer.end();
		};
		for (const page of htmlPagePaths().slice(0, 5)) check(readFileSync(page, "utf8"));
		fc.assert(
			fc.property(soup(TOKENIZER_PIECES), (parts) => check(parts.join(""))),
			{ seed: 20261201, numRuns: 500 },
		);
		expect(checked).toBeGreaterThan(1000);
	});

	it("agrees on seeded random tag soup, whole and in chunks", () => {
		fc.assert(
			fc.property(soup(TOKENIZER_PIECES), fc.integer({ min: 1, max: 5 }), (parts, n) => {
				const html = parts.join("");
				expect(events(html, true, n)).toEqual(events(html, false, n));
			}),
			{ seed: 20261201, numRuns: 2000 },
		);
	});
});
