import { DomHandler } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { bodyFromCollapsedLines } from "../../../src/extract/extractors/body-lines.js";
import { blockLines } from "../../../src/extract/extractors/ticker-lines.js";
import { readStamp } from "../../../src/extract/extractors/wall-clock.js";
import { DepthCappedParser } from "../../../src/extract/limit-nesting.js";
import {
	cleanBodyText,
	collapseWhitespace,
	type DomElement,
	MAX_BODY_CHARS,
} from "../../../src/extract/text.js";

const OPTIONS = { xmlMode: false, decodeEntities: true } as const;

const same = (lines: string[], headline?: string): void => {
	expect(bodyFromCollapsedLines(lines, headline)).toBe(cleanBodyText(lines.join("\n"), headline));
};

function linesOf(html: string): string[] {
	const handler = new DomHandler(undefined, OPTIONS);
	new DepthCappedParser(handler, OPTIONS).end(`<div>${html}</div>`);
	return blockLines(handler.root.children[0] as unknown as DomElement);
}

describe("ticker lines are collapsed (bodyFromCollapsedLines' precondition)", () => {
	const spaces = [" ", "  ", "\n\t ", "\u00a0", "&nbsp;", "\u2009", "\ufeff", "\u3000", "\r\n", ""];
	it("holds for block lines and the rests of stamps read from them", () => {
		let seed = 7;
		const next = (n: number): number => {
			seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
			return (seed >>> 8) % n;
		};
		const words = [
			"11.04 Uhr:",
			"9:15",
			"95'",
			"<b>14h05</b>",
			"Text",
			"<br>",
			"<p>",
			"</p>",
			"<i>a</i>",
			"x.",
		];
		for (let k = 0; k < 500; k++) {
			const parts: string[] = [];
			for (let i = 0; i < 12; i++)
				parts.push(words[next(words.length)] as string, spaces[next(spaces.length)] as string);
			for (const line of linesOf(parts.join(""))) {
				expect(collapseWhitespace(line)).toBe(line);
				const rest = readStamp(line)?.rest;
				if (rest !== undefined) expect(collapseWhitespace(rest)).toBe(rest);
			}
		}
	});
});

describe("ticker lines", () => {
	it("are each br-separated stretch of text with its whitespace collapsed", () => {
		let seed = 3;
		const next = (n: number): number => {
			seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
			return (seed >>> 8) % n;
		};
		// Words, kinds of space, and characters that look like space but are not (\x01, \u200b).
		const pieces = [
			"a",
			"Wort",
			"9.15",
			"x\x01y",
			"\u200b",
			" ",
			"  ",
			"   ",
			"\t",
			"\n  ",
			" \n",
			"\u00a0",
		];
		const morePieces = [
			"\u2009",
			"\u3000",
			"\ufeff",
			"\u2028",
			"\r\n",
			"\f",
			"\v",
			" a b ",
			"c  d",
		];
		const all = [...pieces, ...morePieces];
		for (let k = 0; k < 1000; k++) {
			const segments: string[][] = [];
			for (let s = 0; s <= next(4); s++) {
				segments.push(Array.from({ length: next(8) }, () => all[next(all.length)] as string));
			}
			// Each piece its own text node or inside an inline element: stretches cross node ends.
			const html = segments
				.map((seg) => seg.map((t, i) => (i % 3 === 1 ? `<i>${t}</i>` : t)).join(""))
				.join("<br>");
			const expected = segments
				.map((seg) => collapseWhitespace(seg.join("")))
				.filter((l) => l !== "");
			expect(linesOf(html)).toEqual(expected);
		}
	});
});

describe("ticker lines of deeply nested blocks", () => {
	it("are the same below and above the depth read by recursion", () => {
		for (const depth of [1, 50, 99, 100, 101, 102, 150, 300]) {
			const open = Array.from({ length: depth }, (_, i) => (i % 2 ? "<span> y" : "<b> y")).join("");
			const close = Array.from({ length: depth }, (_, i) =>
				(depth - 1 - i) % 2 ? "</span>" : "</b>",
			).join("");
			const lines = linesOf(`x${open}<p>z <br> z2</p> v${close} w<div>q</div>`);
			expect(lines).toEqual([`x${" y".repeat(depth)}`, "z", "z2", "v w", "q"]);
		}
	});
});

describe("bodyFromCollapsedLines", () => {
	it("gives cleanBodyText's string for the joined lines", () => {
		same(["Goodnight", "See you tomorrow."], "Goodnight ");
		same(["Goodnights are long."], "Goodnight");
		same(["Welcome to our coverage."], "Welcome");
		same(["Loud bang heard. Police attended."], "Loud bang heard");
		same(["1726023840", "Body text.", "Continue reading the main story"]);
		same(["Read more about it", "Advertisement", "Kept"], "Kept");
		same([]);
		same([""], "x");
		same(["Head", ""], "Head");
	});

	it("drops a repeated headline exactly as cleanBodyText does, whatever the first characters", () => {
		// The first characters decide whether the headline is compared at all: cover case, spaces,
		// punctuation, digits and letters that change length or shape when lower-cased.
		const heads = [
			"95'",
			"Goal",
			"goal!",
			"  GOAL.",
			"\u00a0Goal",
			"İstanbul",
			"ΣΟΦΙΑ",
			"Élan",
			"...",
			" ",
			"",
		];
		const firsts = [
			"Goal",
			"goal: Lyon",
			"GOAL. Lyon",
			"95' Goal",
			"i̇stanbul now",
			"σοφια: x",
			"élan",
			"Élan",
			".",
			"x",
		];
		for (const headline of heads) {
			for (const first of firsts) {
				same([first, "More."], headline);
				same([first], headline);
			}
		}
	});

	it("keeps cleanBodyText's limits on long bodies", () => {
		const line = "word ".repeat(99).concat("end");
		const lines = Array.from({ length: 60 }, () => line);
		expect(lines.join("\n").length).toBeGreaterThan(MAX_BODY_CHARS);
		same(lines, "word");
		same(
			Array.from({ length: 39 }, () => line),
			"word",
		);
	});
});
