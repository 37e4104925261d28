/**
 * Extraction speed against its floor: a bare htmlparser2 tokenize of the same string with no-op
 * callbacks (JSON.parse for the JSON model). Target: extractEntries within 1.5× the floor.
 * Reports only; always exits 0.
 *
 * Run: npx tsx bench/extract.bench.ts [runs] [--cpu] [file-filter]
 *   runs   timed runs per variant (default 61, at least 20), after the warm-up (WARMUP_MS)
 *   filter only fixtures whose name contains this text
 *   --cpu  process CPU time instead of wall time (steadier when other processes share the CPU,
 *          but it also counts GC and compiler helper threads)
 *   --first-poll  forget decoded entry bodies (src/extract/body-memo.ts) and ticker ids (time-led.ts)
 *          before every extraction: the cost of a page's first poll, when none of its entries has been
 *          read before (verdicts on class strings stay remembered: they belong to a site, not a page)
 */

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "cheerio";
import { Parser } from "htmlparser2";
import { forgetRememberedBodies } from "../src/extract/body-memo.js";
import { extractEntries } from "../src/extract/extract-entries.js";
import { forgetRememberedIds } from "../src/extract/extractors/time-led.js";

const TARGET_RATIO = 1.5;
const WARMUP = 20;
/**
 * Warm-up also lasts at least this long per variant: 20 runs of a 0.2 MB page take 10 ms, before
 * V8 has optimised the extraction code, and measured the compiler rather than the extractor (the
 * Guardian model: 1.75x after 20 warm-up runs, 1.45x after 200). The relay's extraction workers
 * read every watched page each poll, so the steady state is what they see.
 */
const WARMUP_MS = 500;
const BLOCK = 4;
const args = process.argv.slice(2);
const CPU_TIME = args.includes("--cpu");
const FIRST_POLL = args.includes("--first-poll");
const RUNS = Math.max(20, Number(args.find((a) => /^\d+$/.test(a)) ?? 61));
const ONLY = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a));
const FIXTURES = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	"../../shared/fixtures/liveblogs",
);

function elapsed(fn: () => unknown): number {
	if (CPU_TIME) {
		const start = process.cpuUsage();
		fn();
		const used = process.cpuUsage(start);
		return (used.user + used.system) / 1000;
	}
	const start = performance.now();
	fn();
	return performance.now() - start;
}

/**
 * Median time of each function. Variants alternate in short blocks: machine load from other
 * processes hits all of them alike, while each still pays for its own garbage.
 */
function medians(fns: (() => unknown)[]): number[] {
	for (const fn of fns) {
		const start = performance.now();
		for (let i = 0; i < WARMUP || performance.now() - start < WARMUP_MS; i++) fn();
	}
	const times: number[][] = fns.map(() => []);
	for (let done = 0; done < RUNS; done += BLOCK) {
		fns.forEach((fn, k) => {
			for (let i = 0; i < BLOCK && done + i < RUNS; i++) times[k]?.push(elapsed(fn));
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
const files = readdirSync(FIXTURES).filter(
	(f) => (f.endsWith(".html") || f.endsWith(".json")) && (ONLY === undefined || f.includes(ONLY)),
);
for (const file of files.sort()) {
	const body = readFileSync(path.join(FIXTURES, file), "utf8");
	const url = `https://example.com/live/${file}`;
	const entries = extractEntries(body, url).entries.length;
	const extract = FIRST_POLL
		? () => {
				forgetRememberedBodies();
				forgetRememberedIds();
				return extractEntries(body, url);
			}
		: () => extractEntries(body, url);
	const mb = Buffer.byteLength(body) / (1024 * 1024);
	if (file.endsWith(".json")) {
		const [floor = 0, extractMs = 0] = medians([() => JSON.parse(body), extract]);
		rows.push({ file, mb, floor, cheerio: undefined, extract: extractMs, entries });
	} else {
		const loadOnly = () => load(body, { xml: { xmlMode: false, decodeEntities: true } });
		const [floor = 0, extractMs = 0] = medians([() => floorParse(body), extract]);
		// Timed apart: interleaved, the DOM each `load` leaves behind was collected during the
		// extraction runs after it, which then looked up to 1.8× slower than they are (Mirror page:
		// 16.4 ms beside `load`, 9.3 ms beside the bare parse alone).
		const [cheerio] = medians([loadOnly]);
		rows.push({ file, mb, floor, cheerio, extract: extractMs, entries });
	}
}

const header = [
	"file",
	"MB",
	"floor ms",
	"cheerio ms",
	"extract ms",
	"ms/MB",
	"ratio",
	"entries",
	"1.5x",
];
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
const widths = header.map((h, i) =>
	Math.max(h.length, ...table.map((row) => (row[i] ?? "").length)),
);
const line = (cells: string[]) =>
	cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
console.log(
	`${FIRST_POLL ? "first poll (no remembered bodies); " : ""}median ${CPU_TIME ? "CPU" : "wall"} time of ${RUNS} runs (alternating blocks of ${BLOCK}) after warm-up (${WARMUP} runs and ${WARMUP_MS} ms each); floor = bare htmlparser2 tokenize (JSON.parse for .json)`,
);
console.log(line(header));
for (const row of table) console.log(line(row));
