import { describe, expect, it } from "vitest";
import { bodyFromLines, isCollapsedLine } from "../../../src/extract/extractors/body-lines.js";
import { cleanBodyText, collapseWhitespace, MAX_BODY_CHARS } from "../../../src/extract/text.js";

const same = (lines: string[], headline?: string): void => {
	expect(bodyFromLines(lines, headline)).toBe(cleanBodyText(lines.join("\n"), headline));
};

describe("isCollapsedLine", () => {
	it("is true exactly when collapseWhitespace leaves the line as it is", () => {
		const samples = [
			"",
			"a",
			"a b",
			" a",
			"a ",
			"a  b",
			"a\u00a0b",
			"a\nb",
			"a\tb",
			"\ufeffa",
			"a\u3000",
			"x y z",
		];
		for (const s of samples) expect(isCollapsedLine(s)).toBe(collapseWhitespace(s) === s);
	});
});

describe("bodyFromLines", () => {
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

	it("falls back to cleanBodyText for lines it would change", () => {
		same(["  padded  ", "two\nlines", "a\u00a0b", "tab\there"], "padded");
		same([" Advertisement", "x  y"]);
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
