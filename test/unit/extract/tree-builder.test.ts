/**
 * TreeBuilder must build exactly DomHandler's tree (HTML mode, no indices) from the same parser
 * events: node classes, own fields in the same order, values, and parent/prev/next links, on
 * every saved real page, edge cases and seeded random tag soup.
 */

import { readFileSync } from "node:fs";
import { DomHandler, Element } from "domhandler";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DepthCappedParser, MAX_NESTING_DEPTH } from "../../../src/extract/limit-nesting.js";
import { MarkedElement } from "../../../src/extract/marked-dom.js";
import { TreeBuilder } from "../../../src/extract/tree-builder.js";
import { htmlPagePaths, PARSER_PIECES, soup } from "./tag-soup.js";

/** What extraction passes (extract-entries.ts PARSE_OPTIONS). */
const OPTIONS = { xmlMode: false, decodeEntities: true } as const;

interface Linked {
	parent: Linked | null;
	prev: Linked | null;
	next: Linked | null;
	children?: Linked[];
}

/** The tree as plain data: class, own keys in order, every field but the links, which are checked here. */
function plain(node: Linked): unknown {
	const children = node.children ?? [];
	children.forEach((child, i) => {
		expect(child.parent).toBe(node);
		expect(child.prev).toBe(children[i - 1] ?? null);
		expect(child.next).toBe(children[i + 1] ?? null);
	});
	// Extraction's elements are MarkedElements: DomHandler's Element plus a walk mark, set last, 0.
	const marked = node instanceof MarkedElement;
	if (marked) expect(Object.entries(node).at(-1)).toEqual(["walkMark", 0]);
	const own = Object.entries(node).filter(([key]) => !marked || key !== "walkMark");
	const fields = own.map(([key, value]) =>
		key === "parent" || key === "prev" || key === "next"
			? [key, value === null]
			: key === "children"
				? [key, children.map(plain)]
				: key === "attribs"
					? [key, Object.entries(value as object)]
					: [key, value],
	);
	return [marked ? Element.name : node.constructor.name, fields];
}

function trees(html: string, chunks = 1): [unknown, unknown] {
	const build = (handler: DomHandler | TreeBuilder): unknown => {
		const parser = new DepthCappedParser(handler, OPTIONS);
		const size = Math.max(1, Math.ceil(html.length / chunks));
		for (let i = 0; i < html.length; i += size) parser.write(html.slice(i, i + size));
		parser.end();
		const root = handler.root as unknown as Linked;
		expect(root.parent).toBe(null);
		return plain(root);
	};
	return [build(new TreeBuilder()), build(new DomHandler(undefined, OPTIONS))];
}

function expectSame(html: string, chunks = 1): void {
	const [built, reference] = trees(html, chunks);
	expect(built).toEqual(reference);
}

describe("TreeBuilder", () => {
	it("builds DomHandler's tree for every saved real page and our fixtures", () => {
		const pages = htmlPagePaths();
		expect(pages.length).toBeGreaterThan(10);
		for (const page of pages) expectSame(readFileSync(page, "utf8"));
	});

	it("builds DomHandler's tree for edge cases: CDATA, comments, directives, cut-off tags, depth", () => {
		for (const html of [
			"",
			"text only",
			"<!DOCTYPE html><?xml v?><![CDATA[x]]><!-- a --><!---->b<!-- c -->d",
			"<p>a<!-- x -->b</p>c<br>d</br>e</p>f",
			"<p>a<div class=",
			"<p>a<div class=x",
			"<ul><li>a<li>b</ul><table><tr><td>x<td>y</table>",
			"<svg><path/><foreignObject><p/></foreignObject></svg><div/>z",
			"a&amp;b<b title='&lt;'>c&nbsp;d</b>",
			"<script>if (a < b) {}</script><style>p{}</style><title>t &amp; u</title>",
			`${"<div>".repeat(MAX_NESTING_DEPTH + 20)}deep${"</div>".repeat(MAX_NESTING_DEPTH + 20)}tail`,
		]) {
			expectSame(html);
			expectSame(html, 3);
		}
	});

	it("throws as DomHandler does on a write after the end", () => {
		const parser = new DepthCappedParser(new TreeBuilder(), OPTIONS);
		parser.end("<p>x");
		expect(() => parser.write("y")).toThrow();
	});

	it("builds DomHandler's tree for seeded random tag soup, whole and in chunks", () => {
		fc.assert(
			fc.property(soup(PARSER_PIECES, 60), fc.integer({ min: 1, max: 5 }), (parts, chunks) => {
				expectSame(parts.join(""), chunks);
			}),
			{ seed: 20261201, numRuns: 3000 },
		);
	});
});
