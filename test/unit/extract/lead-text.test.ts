import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { LEAD_CHARS, leadText } from "../../../src/extract/extractors/lead-text.js";
import { blockLines } from "../../../src/extract/extractors/ticker-lines.js";
import type { DomElement, DomNode } from "../../../src/extract/text.js";

const body = (html: string) => parseDocument(`<div>${html}</div>`).children[0] as DomElement;

describe("leadText: the start of a block, read for a stamp", () => {
	it("collapses every kind of space (control characters too) across nodes and <br>", () => {
		const el = body(
			"\n\t 11.04\u00a0Uhr:\u0001 <b>Erste</b>\u2003Meldung<br>\r\n  zweite   Zeile ",
		);
		expect(leadText(el.children)).toEqual({
			lead: "11.04 Uhr: Erste Meldung zweite Zeile",
			complete: true,
		});
	});

	it("stops at LEAD_CHARS characters and says the text goes on", () => {
		const words = Array.from({ length: 60 }, (_, i) => `w${i}`).join("  ");
		const { lead, complete } = leadText(body(words).children);
		expect(complete).toBe(false);
		expect(lead.length).toBeGreaterThanOrEqual(LEAD_CHARS);
		expect(lead.length).toBeLessThanOrEqual(LEAD_CHARS + 1);
		expect(words.replace(/ +/g, " ").startsWith(lead)).toBe(true);
	});

	it("skips ads and captions inside the block", () => {
		const el = body(`14:05 <span class="ad-slot">Anzeige</span>Tor für Lyon`);
		expect(leadText(el.children).lead).toBe("14:05 Tor für Lyon");
	});
});

describe("blockLines: the lines of a ticker block", () => {
	it("collapses whitespace as String#trim and \\s see it, one line per block or <br>", () => {
		const el = body(
			"  Erste\u3000Zeile\u2028mit\ufeffUmbruch <br>\u0001zweite\t\tZeile <p> Absatz\u00a0 drei </p>",
		);
		expect(blockLines(el)).toEqual([
			"Erste Zeile mit Umbruch",
			"\u0001zweite Zeile",
			"Absatz drei",
		]);
	});

	it("leaves out nodes it is told to skip", () => {
		const el = body("<b>14:05</b> Meldung <i>Foto: Agentur</i>");
		const skip = new Set<DomNode>([el.children[2] as DomNode]);
		expect(blockLines(el, skip)).toEqual(["14:05 Meldung"]);
	});
});
