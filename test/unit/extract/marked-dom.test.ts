import { DomHandler } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { remember } from "../../../src/extract/attribute-memo.js";
import { CAPTION_TAGS, isCaptionTag } from "../../../src/extract/captions.js";
import { isBlockTag } from "../../../src/extract/extractors/block-tags.js";
import { leadText } from "../../../src/extract/extractors/lead-text.js";
import { collectLeaves } from "../../../src/extract/extractors/ticker-blocks.js";
import { DepthCappedParser } from "../../../src/extract/limit-nesting.js";
import { MarkedElement } from "../../../src/extract/marked-dom.js";
import { type DomNode, isSkipTag, SKIP_TAGS } from "../../../src/extract/text.js";
import { TreeBuilder } from "../../../src/extract/tree-builder.js";

const OPTIONS = { xmlMode: false, decodeEntities: true } as const;

/** The tree extraction builds (TreeBuilder, marked elements) or the stock DomHandler's. */
function parse(html: string, Handler: typeof DomHandler | typeof TreeBuilder): DomNode {
	const handler = Handler === TreeBuilder ? new TreeBuilder() : new DomHandler(undefined, OPTIONS);
	new DepthCappedParser(handler, OPTIONS).end(html);
	return handler.root as unknown as DomNode;
}

/** The tree as plain data: what each node is and holds, not which class built it. */
function shape(node: DomNode): unknown {
	const children = "children" in node ? node.children.map(shape) : undefined;
	if (node.type === "text" || node.type === "comment") return [node.type, node.data];
	if ("attribs" in node) return [node.type, node.name, node.attribs, children];
	return [node.type, children];
}

// A small generator of messy ticker pages: blocks, inline runs, excluded regions, stamps.
function page(seed: number): string {
	let state = seed;
	const next = (n: number) => {
		state = (state * 1103515245 + 12345) & 0x7fffffff;
		return state % n;
	};
	const tags = [
		"div",
		"p",
		"span",
		"b",
		"br",
		"li",
		"h2",
		"article",
		"header",
		"aside",
		"sup",
		"img",
	];
	const classes = ["", "ad", "comments", "post", "byline", "footnote", "caption", "live-post"];
	const texts = ["14:05 Text", " ", "\n  ", "Hello", "9.15am: x", "Thursday 18 July 2024", "95'"];
	const gen = (depth: number): string => {
		let out = "";
		for (let i = next(5); i > 0; i--) {
			const tag = tags[next(tags.length)] as string;
			if (depth > 5 || next(3) === 0) out += texts[next(texts.length)];
			else if (tag === "br" || tag === "img") out += `<${tag}>`;
			else out += `<${tag} class="${classes[next(classes.length)]}">${gen(depth + 1)}</${tag}>`;
		}
		return out;
	};
	return `<body>${gen(0)}${gen(0)}</body>`;
}

function leafSummary(root: DomNode): string {
	return JSON.stringify(
		collectLeaves(root).map((l) => [l.el.name, l.nodes?.length, l.lead, l.stamp, l.day, l.stop]),
	);
}

describe("marked elements (TreeBuilder)", () => {
	it("builds the stock handler's tree, with elements that are still domhandler Elements", () => {
		const html = '<p class="x">a<b>b</b><br>c</p><script>var x;</script><!-- c --><div><i>d</i>';
		const marked = parse(html, TreeBuilder);
		expect(shape(marked)).toEqual(shape(parse(html, DomHandler)));
		const p = (marked as unknown as { children: DomNode[] }).children[0];
		const StockElement = (parse("<p>", DomHandler) as unknown as { children: object[] }).children[0]
			?.constructor as new () => object;
		expect(p).toBeInstanceOf(MarkedElement);
		expect(p).toBeInstanceOf(StockElement);
	});

	it("gives the leaves a stock tree gives, however often the same tree is walked", () => {
		for (let seed = 1; seed <= 300; seed++) {
			const html = page(seed);
			const plain = leafSummary(parse(html, DomHandler));
			const marked = parse(html, TreeBuilder);
			expect(leafSummary(marked)).toBe(plain);
			expect(leafSummary(marked)).toBe(plain);
		}
	});

	it("reads the leads a walk-free leadText reads (elements the walk kept are no cruft)", () => {
		let leaves = 0;
		for (let seed = 301; seed <= 600; seed++) {
			for (const leaf of collectLeaves(parse(page(seed), TreeBuilder))) {
				leaves++;
				const { lead, complete } = leadText(leaf.nodes ?? leaf.el.children);
				expect([leaf.lead, leaf.complete]).toEqual([lead, complete]);
			}
		}
		expect(leaves).toBeGreaterThan(300);
	});
});

describe("tag-name tests by compares", () => {
	it("isBlockTag answers for exactly the block tags", () => {
		const blocks = new Set(
			"address article blockquote dd div dl dt h1 h2 h3 h4 h5 h6 li main ol p pre section table td th tr ul".split(
				" ",
			),
		);
		const letters = "abcdefghijklmnopqrstuvwxyz0123456789-";
		const names = [...blocks, "", "h0", "h7", "em", "br", "hr", "span", "header", "footer"];
		for (const a of letters) for (const b of letters) names.push(a, a + b);
		for (const name of names) expect(isBlockTag(name)).toBe(blocks.has(name));
	});

	it("agree with the sets they stand for", () => {
		const names = [...SKIP_TAGS, ...CAPTION_TAGS, "a", "p", "i", "em", "li", "div", "span", "nav2"];
		for (const name of [...names, ...names.map((n) => n.toUpperCase()), ""]) {
			expect(isSkipTag(name)).toBe(SKIP_TAGS.has(name));
			expect(isCaptionTag(name)).toBe(CAPTION_TAGS.has(name));
		}
	});
});

describe("remember", () => {
	it("keeps short values, equal to what was asked, and never a long one", () => {
		const memo = new Map<string, number>();
		const long = "x".repeat(300);
		expect(remember(memo, "post entry", 2)).toBe(2);
		expect(remember(memo, long, 3)).toBe(3);
		expect([...memo]).toEqual([["post entry", 2]]);
	});

	it("starts over when full instead of growing", () => {
		const memo = new Map<string, number>();
		for (let i = 0; i < 12_000; i++) remember(memo, String(i), i);
		expect(memo.size).toBeLessThanOrEqual(5_000);
		expect(memo.get("11999")).toBe(11_999);
	});
});
