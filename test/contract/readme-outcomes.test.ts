/**
 * Pins the README's outcome table to the contract: its rows are exactly the DeliveryResult outcomes,
 * each row's bold action word is OUTCOME_ACTIONS' word (which telegram-outcomes.test.ts checks against
 * the dispatcher), and each adapter's "—" cells are exactly the outcomes it declares it cannot produce.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";
import { ADAPTER_DECLARATIONS } from "./adapter-declarations.js";
import { DELIVERY_OUTCOMES, OUTCOME_ACTIONS } from "./delivery-outcomes.js";

/** The README's outcome table: header cells and one row of cells per outcome. */
interface OutcomeTable {
	header: string[];
	rows: { outcome: string; action: string | undefined; cells: string[] }[];
}

/** A markdown table row's cells, trimmed; [] for a line that is not a table row. */
function cellsOf(line: string): string[] {
	const row = line.trim();
	if (!row.startsWith("|") || !row.endsWith("|") || row.length < 2) return [];
	return row
		.slice(1, -1)
		.split("|")
		.map((cell) => cell.trim());
}

/** Finds the table whose first header cell is "Outcome" and reads its rows. */
function readOutcomeTable(markdown: string): OutcomeTable {
	const lines = markdown.split("\n");
	const start = lines.findIndex((line) => cellsOf(line)[0] === "Outcome");
	if (start < 0) throw new Error("no table with an Outcome column");
	const header = cellsOf(lines[start] ?? "");
	const rows: OutcomeTable["rows"] = [];
	// Skip the |---| line; the table ends at the first line that is not a row.
	for (const line of lines.slice(start + 2)) {
		const cells = cellsOf(line);
		if (cells.length === 0) break;
		const name = /^`([a-z-]{1,40})`$/.exec(cells[0] ?? "")?.[1] ?? cells[0] ?? "";
		const action = /\*\*([a-z]{1,20})\*\*/.exec(cells.at(-1) ?? "")?.[1];
		rows.push({ outcome: name, action, cells });
	}
	return { header, rows };
}

const README = readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("README outcome table", () => {
	const table = readOutcomeTable(README);

	it("lists exactly the DeliveryResult outcomes, once each", () => {
		expect(table.rows.map((r) => r.outcome)).toEqual(DELIVERY_OUTCOMES);
	});

	it("names for each outcome the action word the relay's behaviour is tested against", () => {
		expect(Object.fromEntries(table.rows.map((r) => [r.outcome, r.action]))).toEqual(
			OUTCOME_ACTIONS,
		);
	});

	it.each(Object.entries(ADAPTER_DECLARATIONS))(
		"marks with — exactly the outcomes %s declares it cannot produce",
		(_platform, declaration) => {
			const column = table.header.indexOf(declaration.readmeColumn);
			expect(column).toBeGreaterThan(0);
			const dashes = table.rows.filter((r) => r.cells[column] === "—").map((r) => r.outcome);
			expect(dashes.sort()).toEqual(Object.keys(declaration.cannotProduce).sort());
			// Every other cell says how the platform says it.
			for (const row of table.rows) expect(row.cells[column]).not.toBe("");
		},
	);

	it("reads a table it is given, so a drifted row would be caught", () => {
		const drifted = [
			"| Outcome | Telegram | What the relay does |",
			"|---|---|---|",
			"| `forbidden` | 403 | **remove** the chat |",
			"| `moved` | — | **move** it |",
			"",
			"| `failed` | after the table | **retry** |",
		].join("\n");
		const parsed = readOutcomeTable(drifted);
		expect(parsed.header).toEqual(["Outcome", "Telegram", "What the relay does"]);
		expect(parsed.rows.map((r) => [r.outcome, r.action, r.cells[1]])).toEqual([
			["forbidden", "remove", "403"],
			["moved", "move", "—"],
		]);
		expect(parsed.rows.find((r) => r.outcome === "forbidden")?.action).not.toBe(
			OUTCOME_ACTIONS.forbidden,
		);
		expect(() => readOutcomeTable("no table here")).toThrow(/no table/);
	});
});
