/**
 * Cost per value of checking stored values on read (issue 12 §6): a queued delivery (~1 KB) and a
 * blog's recent entries (10 entries), "before" = JSON.parse alone (what a keyv read did, then a cast),
 * "after" = JSON.parse + the versioned zod check. Median of 5 rounds; prints µs per value.
 * Run: npx tsx bench/stored-value.bench.ts
 */
import { pendingDeliveryValue } from "../src/store/delivery-values.js";
import { KEYS } from "../src/store/keys.js";
import type { PendingDelivery } from "../src/store/outbox.js";
import { asTargetKey } from "../src/store/target-key.js";
import { recentValue, toStoredEntry } from "../src/store/watch-state.js";
import { makeEntry } from "../test/helpers.js";

const ROUNDS = 5;
const ITERATIONS = 50_000;

const delivery: PendingDelivery = {
	blogKey: "0123456789abcdef0123",
	entryId: "entry-1",
	enqueuedAt: Date.now(),
	attempts: 0,
	seq: 12,
	update: {
		kind: "new",
		blogUrl: "https://news.example/world/live/2026/nov/30/some-long-live-blog-slug",
		blogTitle: "World news live: the latest updates from around the globe",
		entryId: "entry-1",
		entryUrl: "https://news.example/world/live/2026/nov/30/some-long-live-blog-slug#entry-1",
		headline: "Headline of a busy live blog with a longish title",
		summary: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(9),
		publishedAt: Date.now(),
	},
};
const recent = Array.from({ length: 10 }, (_, i) =>
	toStoredEntry(makeEntry(i, { bodyText: "Body text of an entry. ".repeat(40) })),
);

function perValueUs(fn: () => unknown): number {
	const rounds: number[] = [];
	for (let r = 0; r < ROUNDS + 1; r++) {
		const start = process.hrtime.bigint();
		for (let i = 0; i < ITERATIONS; i++) fn();
		const us = Number(process.hrtime.bigint() - start) / 1_000 / ITERATIONS;
		if (r > 0) rounds.push(us); // the first round warms up the JIT
	}
	rounds.sort((a, b) => a - b);
	return rounds[Math.floor(rounds.length / 2)] ?? Number.NaN;
}

const slotKey = KEYS.outboxSlot(asTargetKey("telegram:-1"), 12);
const recentKey = KEYS.recent("b1");
const recentJson = JSON.stringify(recentValue.wrap({ entries: recent }));

const slotJson = JSON.stringify(pendingDeliveryValue.wrap(delivery));
const rows: [string, number, number][] = [
	[
		`queued delivery (${slotJson.length} B)`,
		perValueUs(() => JSON.parse(slotJson)),
		perValueUs(() => pendingDeliveryValue.parse(slotKey, JSON.parse(slotJson))),
	],
];
rows.push([
	`recent entries x10 (${recentJson.length} B)`,
	perValueUs(() => JSON.parse(recentJson)),
	perValueUs(() => recentValue.parse(recentKey, JSON.parse(recentJson))),
]);
console.log("value                                   before µs   after µs   added µs");
for (const [name, before, after] of rows) {
	console.log(
		`${name.padEnd(40)}${before.toFixed(2).padStart(9)}${after.toFixed(2).padStart(11)}${(after - before).toFixed(2).padStart(11)}`,
	);
}
