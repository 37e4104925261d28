/**
 * Extraction speed against its floor: a bare htmlparser2 tokenize of the same string (JSON.parse
 * for the JSON model). Target: extractEntries within 1.5× the floor. Reports; always exits 0.
 * Run: npx tsx bench/extract.bench.ts [runs]
 */

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "cheerio";
import { Parser } from "htmlparser2";
import { extractEntries } from "../src/extract/extract-entries.js";

const TARGET_RATIO = 1.5;
const WARMUP = 15;
const RUNS = Math.max(20, Number(process.argv[2] ?? 31) || 31);
const FIXTURES = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	"../../shared/fixtures/liveblogs",
);

/**
 * Median wall time of each function. The variants are interleaved within every run so that load
 * from other processes hits floor and extraction alike and the ratio stays meaningful.
 */
function medians(fns: (() => unknown)[]): number[] {
	for (let i = 0; i < WARMUP; i++) for (const fn of fns) fn();
	const times: number[][] = fns.map(() => []);
	for (let i = 0; i < RUNS; i++) {
		fns.forEach((fn, k) => {
			const start = performance.now();
			fn();
			times[k]?.push(performance.now() - start);
		});
	}
	return times.map((t) => {
		t.sort((a, b) => a - b);
		return t[Math.floor(t.length / 2)] as number;
	});
}

function floorParse(html: string): void {
	const parser = new Parser({ onopentag() {}, ontext() {}, onclosetag() {} });
	parser.end(html);
}

interface Row {
	file: string;
	mb: number;
	floor: number;
	cheerio: number | undefined;
	extract: number;
	entries: number;
}

const rows: Row[] = [];
const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".html") || f.endsWith(".json"));
for (const file of files.sort()) {
	const body = readFileSync(path.join(FIXTURES, file), "utf8");
	const isJson = file.endsWith(".json");
	const url = `https://example.com/live/${file}`;
	const entries = extractEntries(body, url).entries.length;
	const floor = isJson ? () => JSON.parse(body) : () => floorParse(body);
	const loadOnly = () => load(body, { xml: { xmlMode: false, decodeEntities: true } });
	const extract = () => extractEntries(body, url);
	const [floorMs, cheerioMs, extractMs] = medians(isJson ? [floor, extract] : [floor, loadOnly, extract]);
	rows.push({
		file,
		mb: Buffer.byteLength(body) / (1024 * 1024),
		floor: floorMs as number,
		cheerio: isJson ? undefined : cheerioMs,
		extract: (isJson ? cheerioMs : extractMs) as number,
		entries,
	});
}

const header = ["file", "MB", "floor ms", "cheerio ms", "extract ms", "ms/MB", "ratio", "entries", "1.5x"];
const table = rows.map((r) => {
	const ratio = r.extract / r.floor;
	return [
		r.file,
		r.mb.toFixed(2),
		r.floor.toFixed(2),
		r.cheerio === undefined ? "-" : r.cheerio.toFixed(2),
		r.extract.toFixed(2),
		(r.extract / r.mb).toFixed(1),
		ratio.toFixed(2),
		String(r.entries),
		ratio <= TARGET_RATIO ? "PASS" : "FAIL",
	];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? "").length)));
const line = (cells: string[]) =>
	cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
console.log(`median of ${RUNS} runs after ${WARMUP} warm-up runs; floor = bare htmlparser2 tokenize (JSON.parse for .json)`);
console.log(line(header));
for (const row of table) console.log(line(row));
