/**
 * Cost of the settings at fan-out: judging one entry (a ~1,500-character body) against a
 * subscription with 20 include and 20 exclude keywords (phrases among them), and with none. An
 * entry's words are folded once and shared by every subscription: "first" is the first subscription
 * to judge an entry (folding included), "further" each other one.
 * Median of 5 rounds; prints µs per judgement. Run: npx tsx bench/settings-filter.bench.ts
 */
import { judgeEntry, prepareFilter } from "../src/settings/entry-filter.js";
import { DEFAULT_SETTINGS, type SettingsPatch } from "../src/settings/settings-model.js";
import { makeEntry } from "../test/helpers.js";

const ROUNDS = 5;
const ITERATIONS = 20_000;
const words = Array.from({ length: 20 }, (_, i) =>
	i % 4 === 0 ? `peace talks ${i}` : `keyword${i}`,
);
const body =
	"Ukrainian officials said the talks in Istanbul would resume on Thursday, with Café owners in Kyïv reporting power cuts. ".repeat(
		12,
	);
const now = Date.parse("2024-07-01T12:00:00Z");

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

const cases: [string, SettingsPatch][] = [
	["no keywords", {}],
	["20 + 20 keywords", { include: words, exclude: words.map((w) => `x${w}`) }],
	[
		"20 + 20 keywords, quiet hours",
		{ include: words, exclude: words.map((w) => `x${w}`), quiet: { from: "23:00", to: "07:00" } },
	],
];
for (const [name, patch] of cases) {
	const filter = prepareFilter({ ...DEFAULT_SETTINGS, ...patch }, "Europe/Kyiv");
	const first: number[] = [];
	const further: number[] = [];
	for (let r = 0; r < ROUNDS; r++) {
		// Fresh entries each round: the first judgement folds them.
		const fresh = Array.from({ length: 200 }, (_, i) => makeEntry(i, { bodyText: `${body} ${i}` }));
		let start = performance.now();
		for (const entry of fresh) judgeEntry(entry, filter, now);
		first.push(((performance.now() - start) * 1000) / fresh.length);
		start = performance.now();
		for (let i = 0; i < ITERATIONS; i++)
			judgeEntry(fresh[i % fresh.length] ?? makeEntry(0), filter, now);
		further.push(((performance.now() - start) * 1000) / ITERATIONS);
	}
	console.log(
		`${name}: first ${median(first).toFixed(2)} µs, further ${median(further).toFixed(2)} µs per entry`,
	);
}
