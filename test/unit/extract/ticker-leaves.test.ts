import { DomHandler } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { collectLeaves, MAX_LEAVES } from "../../../src/extract/extractors/ticker-blocks.js";
import { DepthCappedParser } from "../../../src/extract/limit-nesting.js";
import type { DomNode } from "../../../src/extract/text.js";

const OPTIONS = { xmlMode: false, decodeEntities: true } as const;

function leavesOf(html: string) {
	const handler = new DomHandler(undefined, OPTIONS);
	new DepthCappedParser(handler, OPTIONS).end(html);
	return collectLeaves(handler.root as unknown as DomNode);
}

describe("ticker leaves", () => {
	it("keep loose inline runs beside blocks, and skip excluded regions inside runs", () => {
		const html =
			'<article><span>14:05</span> Text <div class="ad">x</div><br><h2>Head</h2>tail <b>bold</b></article><div>11.04 Uhr: a<br>11.10 Uhr: b</div>';
		expect(leavesOf(html).map((l) => l.lead)).toEqual([
			"14:05 Text",
			"Head",
			"tail bold",
			"11.04 Uhr: a",
			"11.10 Uhr: b",
		]);
	});

	it("stop at MAX_LEAVES on a page that has more", () => {
		const leaves = leavesOf(`<div>${"<p>1</p><span>x</span>".repeat(MAX_LEAVES / 2 + 10)}</div>`);
		expect(leaves.length).toBe(MAX_LEAVES);
	});
});
