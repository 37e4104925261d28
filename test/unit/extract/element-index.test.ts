import { DomHandler } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { indexOf, type NodeIndex, parentsOf } from "../../../src/extract/element-index.js";
import { DepthCappedParser } from "../../../src/extract/limit-nesting.js";
import type { DomNode } from "../../../src/extract/text.js";

const OPTIONS = { xmlMode: false, decodeEntities: true } as const;

function parsed(html: string): DomNode {
	const handler = new DomHandler(undefined, OPTIONS);
	new DepthCappedParser(handler, OPTIONS).end(html);
	return handler.root as unknown as DomNode;
}

/** Each node with its parent and subtree end, as positions. */
function shape(index: NodeIndex): string[] {
	const parents = parentsOf(index);
	return index.nodes.map((n, i) => {
		const label = "name" in n ? n.name : n.type === "text" ? `"${n.data}"` : n.type;
		return `${label}<${parents[i]}>${index.ends[i]}`;
	});
}

/** The same, read from the tree: each node's parent and the position after its last descendant. */
function treeShape(root: DomNode): string[] {
	const out: string[] = [];
	const visit = (node: DomNode, parent: number): number => {
		const at = out.length;
		out.push("");
		let end = at + 1;
		for (const child of (node as { children?: DomNode[] }).children ?? []) end = visit(child, at);
		const label = "name" in node ? node.name : node.type === "text" ? `"${node.data}"` : node.type;
		out[at] = `${label}<${parent}>${end}`;
		return end;
	};
	for (const child of (root as { children: DomNode[] }).children) visit(child, -1);
	return out;
}

const PAGES = [
	"<!doctype html><html><head><title>T</title><script>var a=1</script></head><body><p>a<b>b</b>c</p><br><!-- c --><ul><li>1<li>2</ul></body></html>",
	"<div><p>unclosed<div><span>x</div></p><table><tr><td>1</table>text &amp; more",
	"<p>one</p>\n<p>two<br>three</p><style>p{}</style><img src=x><svg><title>s</title></svg>",
	"",
	"just text",
];

describe("node index", () => {
	it("lists every node in document order with its parent's position and its subtree's end", () => {
		const index = indexOf(parsed("<div><p>a<b>b</b></p>c</div><p>d</p>"));
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

	it("agrees with a recursive reading of the tree", () => {
		for (const html of PAGES) {
			const root = parsed(html);
			const index = indexOf(root);
			expect(shape(index), html).toEqual(treeShape(root));
			expect(index.nodes.length).toBe(index.ends.length);
		}
	});

	it("indexes a subtree without its root", () => {
		const root = parsed("<section><p>a</p><p>b</p></section><p>c</p>");
		const section = (root as { children: DomNode[] }).children[0] as DomNode;
		expect(shape(indexOf(section))).toEqual(["p<-1>2", '"a"<0>2', "p<-1>4", '"b"<2>4']);
	});

	it("walks nesting deeper than the call stack allows", () => {
		const depth = 20_000;
		const handler = new DomHandler(undefined, OPTIONS);
		// A plain parser: no depth cap, so the tree really is this deep.
		const root = (() => {
			const html = `${"<div>".repeat(depth)}x${"</div>".repeat(depth)}`;
			new DepthCappedParser(handler, OPTIONS, depth + 1).end(html);
			return handler.root as unknown as DomNode;
		})();
		const index = indexOf(root);
		expect(index.nodes).toHaveLength(depth + 1);
		expect(index.ends[0]).toBe(depth + 1);
		expect(parentsOf(index)[depth]).toBe(depth - 1);
	});
});
