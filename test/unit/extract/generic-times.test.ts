import fc from "fast-check";
import { DomHandler } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { extractGeneric } from "../../../src/extract/extractors/generic.js";
import { bareEpoch, mayHoldEntryTimes } from "../../../src/extract/extractors/generic-times.js";
import { DepthCappedParser } from "../../../src/extract/limit-nesting.js";
import type { ExtractContext } from "../../../src/extract/raw-entry.js";
import type { DomNode } from "../../../src/extract/text.js";

const OPTIONS = { xmlMode: false, decodeEntities: true } as const;

function mayHold(html: string): boolean {
	const handler = new DomHandler(undefined, OPTIONS);
	new DepthCappedParser(handler, OPTIONS).end(html);
	return mayHoldEntryTimes(handler.root as unknown as DomNode);
}

describe("generic finder's time places", () => {
	it("rules out a page whose only times are printed in the text", () => {
		expect(
			mayHold(
				"<div id=p1><p>11.04 Uhr: Text</p><p id=tweetframe550196187970560000136970521914>x</p></div>",
			),
		).toBe(false);
	});

	it("keeps a page with a time element, a data-*time* attribute, an epoch id or bare epoch text", () => {
		expect(mayHold("<p><time>14:05</time></p>")).toBe(true);
		expect(mayHold('<div data-published="2024-07-18">x</div>')).toBe(true);
		expect(mayHold('<div data-sort-time="1">x</div>')).toBe(true);
		expect(mayHold('<div id="post-1726023840">x</div>')).toBe(true);
		expect(mayHold('<div data-post-id="e1726023840123">x</div>')).toBe(true);
		expect(mayHold("<div><span> 1726023840 </span></div>")).toBe(true);
	});

	it("does not count data attributes that only look like times", () => {
		expect(mayHold('<div data-timeline="x" data-time-zone="y" time="z">x</div>')).toBe(false);
	});

	it("reads bare epochs only", () => {
		expect(bareEpoch(" 1726023840\n")?.[1]).toBe("1726023840");
		expect(bareEpoch("1726023840123")?.[1]).toBe("1726023840123");
		expect(bareEpoch("17260238401")).toBeNull();
		expect(bareEpoch("at 1726023840")).toBeNull();
	});

	it("reads what the plain regex reads, whatever leads or trails the digits", () => {
		// bareEpoch steps over leading spaces and controls itself before it asks the regex.
		const plain = /^\s*(\d{13}|\d{10})\s*$/;
		const chars = [
			"1",
			"0",
			"9",
			" ",
			"\n",
			"\t",
			"\u0001",
			"\u001f",
			"\u00a0",
			"\u2003",
			"\ufeff",
			"a",
			"-",
			"\u1234",
		];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 20 }), (parts) => {
				const text = parts.join("");
				expect(bareEpoch(text)?.[1]).toBe(plain.exec(text)?.[1]);
				const padded = `  \n${"1".repeat(parts.length % 4 === 0 ? 13 : 10)}${text.replace(/\S/g, "")}`;
				expect(bareEpoch(padded)?.[1]).toBe(plain.exec(padded)?.[1]);
			}),
			{ seed: 20261201, numRuns: 5000 },
		);
	});
});

describe("generic finder with the page-wide time check", () => {
	const ctx = {
		pageUrl: "https://example.com/live",
		baseUrl: "https://example.com/live",
		localTime: () => undefined,
	} as unknown as ExtractContext;
	const generic = (html: string): string => {
		const handler = new DomHandler(undefined, OPTIONS);
		new DepthCappedParser(handler, OPTIONS).end(html);
		return JSON.stringify(extractGeneric(handler.root as unknown as DomNode, ctx));
	};
	const entries = (time: boolean): string =>
		[1, 2, 3]
			.map(
				(n) =>
					`<article id="p${n}">${time ? `<time datetime="2024-07-18T10:0${n}:00Z">10:0${n}</time>` : ""}<h2>Head ${n}</h2><p>Body text long enough here</p></article>`,
			)
			.join("");

	it("still finds timed entries, and finds none on a page it rules out", () => {
		expect(generic(`<body>${entries(true)}</body>`)).toContain('"generic"');
		expect(generic(`<body>${entries(true)}</body>`)).toContain("2024-07-18T10:03:00.000Z");
		expect(mayHold(`<body>${entries(false)}</body>`)).toBe(false);
		expect(generic(`<body>${entries(false)}</body>`)).toBe(JSON.stringify(undefined));
	});
});
