/**
 * The issue-11 mechanisms on the saved real pages: what --explain reports for them. The pages whose
 * sources agree must merge only by id, drop nothing and need no time-zone rule.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractWithDiagnostics } from "../../src/extract/extract-entries.js";
import { SHARED } from "../helpers.js";

const read = (file: string) =>
	readFileSync(path.join(SHARED, "fixtures", "liveblogs", file), "utf8");

describe.each([
	["reach-mirror-uk-riots-2024-08-05.html", "json-ld 428, reach 30", 428, 30],
	["reach-corkbeo-level3-2020.html", "json-ld 26, reach 26", 26, 26],
	["express-harry-meghan-2024-07-18.html", "json-ld 9, express 9", 9, 9],
	["nyt-stock-market-2020-09-25.html", "json-ld 9, nyt 9", 9, 9],
	["guardian-perseverance-2021-02-19.frontend.json", "json-ld 13, guardian-json 13", 13, 13],
])("%s", (file, sources, entries, merged) => {
	const { blog, diagnostics } = extractWithDiagnostics(
		read(file),
		`https://example.com/live/${file}`,
	);

	it("reports its sources and merges copies only by their shared ids", () => {
		const found = diagnostics.sources
			.filter((s) => s.entries > 0)
			.map((s) => `${s.name} ${s.entries}`)
			.join(", ");
		expect(found).toBe(sources);
		expect(diagnostics.entries).toBe(entries);
		expect(blog?.entries).toHaveLength(entries);
		expect(diagnostics.merged.filter((m) => m.why === "same id")).toHaveLength(merged);
		expect(diagnostics.merged.filter((m) => m.why !== "same id")).toEqual([]);
	});

	it("drops nothing, finds no positional ids and needs no time-zone rule", () => {
		expect(diagnostics.dropped).toEqual([]);
		expect(diagnostics.positional).toEqual([]);
		expect(diagnostics.timeZone).toEqual([]);
		expect(diagnostics.warnings).toEqual([]);
	});
});
