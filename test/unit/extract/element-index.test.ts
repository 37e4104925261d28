import { readFileSync } from "node:fs";
import { DomHandler } from "htmlparser2";
import { describe, expect, it } from "vitest";
import {
	IndexingHandler,
	indexOf,
	type NodeIndex,
	parentsOf,
} from "../../../src/extract/element-index.js";
import { DepthCappedParser } from "../../../src/extract/limit-nesting.js";
import type { DomNode } from "../../../src/extract/text.js";

const OPTIONS = { xmlMode: false, decodeEntities: true } as const;

function parsed(html: string, maxDepth?: number): { root: DomNode; index: NodeIndex } {
	const handler = new IndexingHandler(undefined, OPTIONS);
	new DepthCappedParser(handler, OPTIONS, maxDepth).end(html);
	return { root: handler.root as unknown as DomNode, index: handler };
}

/** Each node with its parent and subtree end, as positions: what both ways of indexing agree on. */
function shape(index: NodeIndex): string[] {
	const parents = parentsOf(index);
	return index.nodes.map((n, i) => {
		const parent = parents[i] as number;
		const label = "name" in n ? n.name : n.type === "text" ? `"${n.data}"` : n.type;
		return `${label}<${parent}>${index.ends[i]}`;
	});
}

const PAGES = [
	"<!doctype html><html><head><title>T</title><script>var a=1</script></head><body><p>a<b>b</b>c</p><br><!-- c --><ul><li>1<li>2</ul></body></html>",
	"<div><p>unclosed<div><span>x</div></p><table><tr><td>1</table>text &amp; more",
	"<p>one</p>\n<p>two<br>three</p><style>p{}</style><img src=x><svg><title>s</title></svg>",
];

describe("element index", () => {
	it("lists every node in document order with its parent's position and its subtree's end", () => {
		const { index } = parsed("<div><p>a<b>b</b></p>c</div><p>d</p>");
		expect(shape(index)).toEqual([
			"div<-1>6",
			"p<0>5",
			'"a"<1>3',
			"b<1>5",
			'"b"<3>5',
			'"c"<0>6',
			"p<-1>8",
			'"d"<6>8',
		]);
	});

	it("agrees with a walk of the tree the handler built", () => {
		for (const html of PAGES) {
			const { root, index } = parsed(html);
			expect(shape(index)).toEqual(shape(indexOf(root)));
			expect(index.nodes.length).toBe(index.ends.length);
		}
	});

	it("keeps text merged into one node once (the node is recorded when first added)", () => {
		const { index } = parsed("<p>a &amp; b</p>");
		expect(shape(index)).toEqual(["p<-1>2", '"a & b"<0>2']);
	});

	it("records the tree the depth cap leaves (dropped tags are not in it)", () => {
		const { root, index } = parsed("<div><div><div><div>deep</div></div></div></div><p>x</p>", 2);
		expect(shape(index)).toEqual(shape(indexOf(root)));
		expect(index.nodes.filter((n) => "name" in n && n.name === "div")).toHaveLength(2);
	});

	it("indexes a saved page like a walk does", () => {
		const html = readFileSync(
			new URL("../../fixtures/ticker-de-days.html", import.meta.url),
			"utf8",
		);
		const { root, index } = parsed(html);
		expect(shape(index)).toEqual(shape(indexOf(root)));
		// A plain DomHandler builds the same tree.
		const plain = new DomHandler(undefined, OPTIONS);
		new DepthCappedParser(plain, OPTIONS).end(html);
		expect(shape(indexOf(plain.root as unknown as DomNode))).toEqual(shape(index));
	});
});
