import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { matches } from "../../../src/extract/query.js";
import type { DomElement, DomNode } from "../../../src/extract/text.js";

const doc = parseDocument(
	'<article id="block-1" class="block"><div class="entry-content"><h3 id="h">Head</h3><p itemProp="author"><span itemProp="name" id="n">Name</span></p><a id="pin" href="#pinned-post">pin</a><time id="t" datetime="x">t</time></div></article>',
);

function byId(id: string): DomElement {
	const stack: DomNode[] = [...doc.children];
	while (stack.length > 0) {
		const node = stack.pop() as DomNode;
		if (node.type === "tag") {
			if (node.attribs.id === id) return node;
			stack.push(...(node.children as DomNode[]));
		}
	}
	throw new Error(`no #${id}`);
}

describe("matches (compiled selectors with a tag/class/attribute shortcut)", () => {
	it.each([
		["h", ".entry-content h2, .entry-content h3", true],
		["h", "h2, h4", false],
		["block-1", 'article[id^="block-"]', true],
		["block-1", "section.block", false],
		["n", '[itemprop="author"] [itemprop="name"]', true],
		["n", '[itemprop="author"]', false],
		["pin", 'a[href$="#pinned-post"]', true],
		["pin", "#pin", true],
		["t", "time[datetime]", true],
		["t", "time:not([datetime])", false],
		["h", ":is(h3, h4)", true],
		["h", '[title="a, b"], h3', true],
	])("#%s %s → %s", (id, selector, expected) => {
		expect(matches(byId(id), selector)).toBe(expected);
	});
});
