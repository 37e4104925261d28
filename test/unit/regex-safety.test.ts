/**
 * Every regex in src/ and adapters/ is linear-shaped (issue 10 §2): no nested or overlapping
 * quantifiers, no unanchored `x+$` tails or leading scans. The checker is test/regex-shapes.ts; the
 * first block shows it catches the shapes that froze the bot, so a pass below means something.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";
import { findRegexes, regexShapeProblems } from "../regex-shapes.js";

function tsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return tsFiles(full);
		return name.endsWith(".ts") ? [full] : [];
	});
}

describe("the regex shape checker", () => {
	it.each([
		["(a+)+", "nested quantifier"],
		["(\\s*x)*", "nested quantifier"],
		["(\\s*\\S+)*", "nested quantifier"],
		["(?:\\w+\\s?)*$", "nested quantifier"],
		["(a|a+){2,}", "nested quantifier"],
		["\\s*\\s*", "overlapping quantifiers"],
		["\\s*(?:foo)?\\s*", "overlapping quantifiers"],
		["^\\w+\\d+!", "overlapping quantifiers"],
		["[\\s.:;,!?…]+$", "unanchored repeat before $"],
		["\\b(?:read|see) more(?::| here)?\\b[^.!?]*$", "unanchored repeat before $"],
		["#.*$", "unanchored repeat before $"],
		["x(?=\\/*$)", "unanchored repeat before $"],
		["\\S*ad-slot\\S*", "unanchored leading repeat followed by a required part"],
		["\\d+x", "unanchored leading repeat followed by a required part"],
	])("flags %s (%s)", (source, problem) => {
		expect(regexShapeProblems(source)).toContain(problem);
	});

	it.each([
		"^\\d{4}-\\d{2}-\\d{2}$",
		"\\s+",
		"^(auto|\\d+(,\\d+)*)$",
		"\\d+(?:\\.\\d+)?",
		"(?:^|\\s)ads?(?=\\s|$)",
		"#[\\s\\S]*$",
		"^(?:read more\\b.*|more:)$",
		"<meta\\b[^>]*?\\bcharset\\s*=\\s*[\"']?([\\w.:-]+)",
	])("passes the linear shape %s", (source) => {
		expect(regexShapeProblems(source)).toEqual([]);
	});

	it("finds regex literals and RegExp calls with literal patterns in source text", () => {
		const code = [
			"const a = /(a+)+/i;",
			"const b = 4 / 2 / 1;",
			'const c = new RegExp("x+$", "g");',
			"const d = RegExp(`\\\\d+`);",
		].join("\n");
		expect(findRegexes(code)).toEqual([
			{ line: 1, source: "(a+)+", flags: "i" },
			{ line: 3, source: "x+$", flags: "g" },
			{ line: 4, source: "\\d+", flags: "" },
		]);
	});
});

describe("regexes in src/ and adapters/", () => {
	const files = [...tsFiles(path.join(ROOT, "src")), ...tsFiles(path.join(ROOT, "adapters"))];
	const found = files.flatMap((file) =>
		findRegexes(readFileSync(file, "utf8"), file).map((r) => ({
			...r,
			where: `${path.relative(ROOT, file)}:${r.line}`,
		})),
	);

	it("are found (the scan sees the code)", () => {
		expect(found.length).toBeGreaterThan(50);
	});

	it("have no nested or overlapping quantifiers and no unanchored scans", () => {
		const unsafe = found.flatMap((r) => {
			const problems = regexShapeProblems(r.source, r.flags);
			return problems.length ? [`${r.where} /${r.source}/${r.flags}: ${problems.join(", ")}`] : [];
		});
		expect(unsafe).toEqual([]);
	});
});
