import { readdirSync, readFileSync } from "node:fs";
import { DomHandler } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { indexOf } from "../../../src/extract/element-index.js";
import { startClock } from "../../../src/extract/extractors/page-clock.js";
import {
	collectLeaves,
	type Leaf,
	MAX_LEAVES,
} from "../../../src/extract/extractors/ticker-blocks.js";
import { DepthCappedParser } from "../../../src/extract/limit-nesting.js";
import type { DomNode } from "../../../src/extract/text.js";

const OPTIONS = { xmlMode: false, decodeEntities: true } as const;
const FIXTURES = new URL("../../fixtures/", import.meta.url);

/** Leaves read by the tree walk and by the node index, as comparable values (nodes by position). */
function bothWays(html: string) {
	const parser = new DomHandler(undefined, OPTIONS);
	new DepthCappedParser(parser, OPTIONS).end(html);
	const root = parser.root as unknown as DomNode;
	const handler = indexOf(root);
	const at = new Map(handler.nodes.map((n, i) => [n, i] as const));
	const view = (l: Leaf) => ({ ...l, el: at.get(l.el), nodes: l.nodes?.map((n) => at.get(n)) });
	const walkClock = startClock(["https://www.example.fr/direct"]);
	const walked = collectLeaves(root, walkClock).map(view);
	const indexClock = startClock(["https://www.example.fr/direct"]);
	const indexed = collectLeaves(root, indexClock, handler).map(view);
	return { walked, indexed, clocks: [JSON.stringify(walkClock), JSON.stringify(indexClock)] };
}

describe("ticker leaves from the node index", () => {
	it("are the tree walk's leaves on every HTML fixture", () => {
		for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith(".html"))) {
			const { walked, indexed, clocks } = bothWays(readFileSync(new URL(name, FIXTURES), "utf8"));
			expect(indexed, name).toEqual(walked);
			expect(clocks[1], name).toBe(clocks[0]);
		}
	});

	it("keep loose inline runs beside blocks, and skip excluded regions inside runs", () => {
		const html =
			'<article><span>14:05</span> Text <div class="ad">x</div><br><h2>Head</h2>tail <b>bold</b></article><div>11.04 Uhr: a<br>11.10 Uhr: b</div>';
		const { walked, indexed } = bothWays(html);
		expect(indexed).toEqual(walked);
		expect(indexed.map((l) => l.lead)).toEqual([
			"14:05 Text",
			"Head",
			"tail bold",
			"11.04 Uhr: a",
			"11.10 Uhr: b",
		]);
	});

	it("stop at the same leaf when a page has too many", () => {
		const { walked, indexed } = bothWays(
			`<div>${"<p>1</p><span>x</span>".repeat(MAX_LEAVES / 2 + 10)}</div>`,
		);
		expect(indexed).toEqual(walked);
		expect(indexed.length).toBe(MAX_LEAVES);
	});
});
