import { readdirSync, readFileSync } from "node:fs";
import { DomHandler } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { indexOf, type NodeIndex } from "../../../src/extract/element-index.js";
import { blockHolders, markHolders } from "../../../src/extract/extractors/block-holders.js";
import { startClock } from "../../../src/extract/extractors/page-clock.js";
import { DepthCappedParser } from "../../../src/extract/limit-nesting.js";
import type { DomElement, DomNode } from "../../../src/extract/text.js";

const OPTIONS = { xmlMode: false, decodeEntities: true } as const;
const FIXTURES = new URL("../../fixtures/", import.meta.url);

function parsed(html: string): NodeIndex & { root: DomNode } {
	const handler = new DomHandler(undefined, OPTIONS);
	new DepthCappedParser(handler, OPTIONS).end(html);
	const root = handler.root;
	return { root, ...indexOf(root) };
}

const label = (n: DomNode) =>
	"attribs" in n ? `${n.name}#${(n as DomElement).attribs.id ?? ""}` : n.type;

/** Holders, excluded regions and clock evidence, by the tree walk and by the node index. */
function bothWays(html: string) {
	const handler = parsed(html);
	const root = handler.root;
	const positions = (set: Set<DomNode>) =>
		handler.nodes.flatMap((n, i) => (set.has(n) ? [i] : [])).concat(set.has(root) ? [-1] : []);
	const marked = (marks: Uint8Array, withRoot: boolean) =>
		[...marks].flatMap((m, i) => (m === 1 ? [i] : [])).concat(withRoot ? [-1] : []);
	const walkClock = startClock(["https://www.example.de/live"]);
	const excluded = new Set<DomNode>();
	const holds = blockHolders(root, excluded, walkClock);
	const walked = {
		holds: positions(holds),
		excluded: positions(excluded),
		clock: JSON.stringify(walkClock),
	};
	const indexClock = startClock(["https://www.example.de/live"]);
	const marks = markHolders(handler, indexClock);
	const indexed = marks && {
		holds: marked(marks.held, marks.rootHeld),
		excluded: marked(marks.excluded, false),
		clock: JSON.stringify(indexClock),
	};
	return [walked, indexed];
}

describe("block holders", () => {
	it("marks the ancestors of every block and leaves out excluded regions", () => {
		const handler = parsed(
			'<div id=a><span><p>x</p></span></div><div id=b><b>y</b></div><div class="comments" id=c><p>z</p></div><nav id=d><p>n</p></nav>',
		);
		const excluded = new Set<DomNode>();
		const holds = blockHolders(handler.root, excluded, undefined);
		expect([...holds].map(label).sort()).toEqual(["div#a", "root", "span#"]);
		expect([...excluded].map(label).sort()).toEqual(["div#c", "nav#d"]);
	});

	it("gives what the tree walk gives on every HTML fixture", () => {
		for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith(".html"))) {
			const [walked, indexed] = bothWays(readFileSync(new URL(name, FIXTURES), "utf8"));
			expect(indexed, name).toEqual(walked);
		}
	});

	it("reads the clock from text and scripts in excluded regions too", () => {
		const html =
			'<html lang="de"><head><meta property="article:modified_time" content="2024-07-18T10:00:00+02:00"></head><body><div class="ad"><p>11.04 CEST</p><script>x={timeZone:"Europe/Berlin"}</script></div><p>12.05 Uhr</p></body></html>';
		const [walked, indexed] = bothWays(html);
		expect(indexed).toEqual(walked);
		expect(indexed?.clock).toContain("Europe/Berlin");
		expect(indexed?.clock).toContain("CEST");
	});

	it("keeps an article's own header and drops the page's", () => {
		const handler = parsed(
			"<header id=h><p>x</p></header><article><header id=k><p>y</p></header></article>",
		);
		const excluded = new Set<DomNode>();
		blockHolders(handler.root, excluded, undefined);
		expect([...excluded].map((n) => (n as DomElement).attribs.id)).toEqual(["h"]);
	});
});
