import { describe, expect, it } from "vitest";
import {
	CONTENT_HASH_VERSION,
	contentHash,
	diffEntries,
	recheckUnchanged,
} from "../../src/detect/diff-entries.js";
import type { SeenSet } from "../../src/types.js";
import { makeEntry } from "../helpers.js";

const page = (...ns: number[]) => ns.map((n) => makeEntry(n));

/** Polls `pages` in turn from a seeded first page; returns each poll's retracted ids. */
function pollSeries(first: number[], ...pages: number[][]): string[][] {
	let seen: SeenSet = diffEntries(page(...first), undefined).nextSeen;
	return pages.map((p) => {
		const diff = diffEntries(page(...p), seen);
		seen = diff.nextSeen;
		return diff.retracted;
	});
}

describe("deletion detection", () => {
	it("retracts an entry missing from two polls running between entries still there", () => {
		expect(pollSeries([5, 4, 3, 2, 1], [5, 4, 2, 1], [5, 4, 2, 1])).toEqual([[], ["e3"]]);
	});

	it("retracts once, not again on later polls", () => {
		expect(pollSeries([5, 4, 3, 2, 1], [5, 4, 2, 1], [5, 4, 2, 1], [5, 4, 2, 1])).toEqual([
			[],
			["e3"],
			[],
		]);
	});

	it("does not retract entries that paged off the bottom", () => {
		expect(pollSeries([5, 4, 3, 2, 1], [6, 5, 4, 3], [7, 6, 5, 4, 3])).toEqual([[], []]);
	});

	it("does not retract on a short page (only the newest few), however often", () => {
		expect(pollSeries([5, 4, 3, 2, 1], [5, 4], [5, 4], [5, 4])).toEqual([[], [], []]);
	});

	it("does not retract an entry missing once (an A/B variant), then back", () => {
		expect(pollSeries([5, 4, 3, 2, 1], [5, 4, 2, 1], [5, 4, 3, 2, 1], [5, 4, 2, 1])).toEqual([
			[],
			[],
			[],
		]);
	});

	it("counts a short page in between as no verdict: the next full page still confirms", () => {
		expect(pollSeries([5, 4, 3, 2, 1], [5, 4, 2, 1], [5], [5, 4, 2, 1])).toEqual([[], [], ["e3"]]);
	});

	it("treats many entries vanishing at once as a broken page, not retractions", () => {
		const all = Array.from({ length: 20 }, (_, i) => 20 - i);
		const holed = all.filter((n) => n === 20 || n === 1);
		expect(pollSeries(all, holed, holed)).toEqual([[], []]);
	});

	it("does not retract when every id changed at once (the flood guard's case)", () => {
		let seen = diffEntries(page(5, 4, 3, 2, 1), undefined).nextSeen;
		const renamed = (n: number) => makeEntry(n, { id: `x${n}`, bodyText: `Other ${n}.` });
		for (let i = 0; i < 2; i++) {
			const diff = diffEntries([9, 8, 7, 6, 5, 4, 3, 2, 1].map(renamed), seen);
			expect(diff.retracted).toEqual([]);
			seen = diff.nextSeen;
		}
	});

	it("confirms a deletion when the next poll finds the page unchanged (304)", () => {
		const seen = diffEntries(page(5, 4, 3, 2, 1), undefined).nextSeen;
		const once = diffEntries(page(5, 4, 2, 1), seen);
		expect(once.nextSeen.missing).toEqual(["e3"]);
		const checked = recheckUnchanged(once.nextSeen);
		expect(checked?.retracted).toEqual(["e3"]);
		expect(checked?.nextSeen.missing).toBeUndefined();
		expect(recheckUnchanged(checked?.nextSeen)).toBeUndefined();
	});
});

describe("content hash", () => {
	it("counts a changed image or a new key-event flag as an edit", () => {
		const seen = diffEntries(page(2, 1), undefined).nextSeen;
		const withImage = diffEntries(
			[makeEntry(2, { imageUrl: "https://img.example/a.jpg" }), makeEntry(1)],
			seen,
		);
		expect(withImage.edited.map((e) => e.id)).toEqual(["e2"]);
		const flagged = diffEntries([makeEntry(2), makeEntry(1, { keyEvent: true })], seen);
		expect(flagged.edited.map((e) => e.id)).toEqual(["e1"]);
	});

	it("hashes text-only entries as before, and re-baselines older seen sets silently", () => {
		expect(contentHash(makeEntry(1))).toBe(contentHash({ ...makeEntry(1), keyEvent: false }));
		const first = diffEntries(page(2, 1), undefined).nextSeen;
		const old: SeenSet = { ...first, hashes: undefined };
		const next = diffEntries(
			[makeEntry(2, { imageUrl: "https://img.example/b.jpg" }), makeEntry(1)],
			old,
		);
		expect(next.edited).toEqual([]);
		expect(next.nextSeen.hashes).toBe(CONTENT_HASH_VERSION);
	});
});
