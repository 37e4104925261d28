import { describe, expect, it } from "vitest";
import {
	cleanText,
	cutAtWord,
	firstSentence,
	splitFirstSentence,
	summarize,
} from "../../src/summary/summarize.js";

describe("summarize", () => {
	const text = "First sentence here. Second one follows! Third asks a question? Fourth is extra.";

	it("keeps at most three whole sentences", () => {
		expect(summarize(text, 1000)).toBe(
			"First sentence here. Second one follows! Third asks a question?",
		);
	});

	it("cuts at a sentence boundary under the limit", () => {
		expect(summarize(text, 45)).toBe("First sentence here. Second one follows!");
	});

	it("cuts one over-long sentence at a word with an ellipsis", () => {
		const out = summarize(
			"An extremely long sentence without any full stop that goes on and on",
			30,
		);
		expect(out.length).toBeLessThanOrEqual(30);
		expect(out).toBe("An extremely long sentence…");
	});

	it("collapses whitespace and drops trailing read-more cruft", () => {
		expect(cleanText("  Troops  moved\n\n north.   Read more: the full story  ")).toBe(
			"Troops moved north.",
		);
	});

	it("keeps the body's paragraphs: one per line, sentences of one paragraph joined", () => {
		const body = "Troops moved north. Shelling was heard.\n\nThe mayor spoke at noon.\nMore later.";
		expect(summarize(body, 1000)).toBe(
			"Troops moved north. Shelling was heard.\nThe mayor spoke at noon.",
		);
		// The newline between paragraphs counts towards the limit like any character.
		expect(summarize(body, 64)).toBe(
			"Troops moved north. Shelling was heard.\nThe mayor spoke at noon.",
		);
		expect(summarize(body, 63)).toBe("Troops moved north. Shelling was heard.");
	});

	it("keeps the paragraphs after a first sentence taken as the headline", () => {
		const { first, rest } = splitFirstSentence(
			"Troops moved north. Shelling followed.\nA second paragraph.",
		);
		expect(first).toBe("Troops moved north.");
		expect(rest).toBe("Shelling followed.\nA second paragraph.");
	});

	it("returns an empty summary for empty text", () => {
		expect(summarize("   ", 100)).toBe("");
	});

	it("gives the first sentence as a headline fallback", () => {
		expect(firstSentence("Mr. Biden spoke today. Then he left.")).toMatch(
			/^Mr\. Biden spoke today\.$/,
		);
	});

	it("never cuts in the middle of a word when a space is near", () => {
		expect(cutAtWord("alpha beta gamma delta", 12)).toBe("alpha beta…");
	});
});

describe("sentence splitting", () => {
	it("does not end sentences after abbreviations and initials", () => {
		expect(summarize("The U.S. said no. Dr. Smith agreed. Gen. Syrskyi spoke. Extra.", 1000)).toBe(
			"The U.S. said no. Dr. Smith agreed. Gen. Syrskyi spoke.",
		);
	});
});
