import { describe, expect, it } from "vitest";
import { contentHash, diffEntries } from "../../src/detect/diff-entries.js";
import { makeEntry } from "../helpers.js";

const page = (...ns: number[]) => ns.map((n) => makeEntry(n));

describe("diffEntries", () => {
	it("seeds silently on the first poll", () => {
		const diff = diffEntries(page(3, 2, 1), undefined);
		expect(diff.seeded).toBe(true);
		expect(diff.added).toEqual([]);
		expect(diff.nextSeen.items.map((i) => i[0])).toEqual(["e3", "e2", "e1"]);
	});

	it("reports nothing new when the same page is read again", () => {
		const first = diffEntries(page(3, 2, 1), undefined);
		const again = diffEntries(page(3, 2, 1), first.nextSeen);
		expect(again.added).toEqual([]);
		expect(again.edited).toEqual([]);
		expect(again.removed).toEqual([]);
	});

	it("finds new entries and returns them oldest first", () => {
		const first = diffEntries(page(2, 1), undefined);
		const next = diffEntries(page(5, 4, 3, 2, 1), first.nextSeen);
		expect(next.added.map((e) => e.id)).toEqual(["e3", "e4", "e5"]);
	});

	it("handles oldest-first pages the same way", () => {
		const first = diffEntries(page(1, 2), undefined);
		const next = diffEntries(page(1, 2, 3, 4), first.nextSeen);
		expect(next.added.map((e) => e.id)).toEqual(["e3", "e4"]);
	});

	it("orders untimed new entries by page position, newest-first pages read bottom-up", () => {
		const untimed = (n: number) => makeEntry(n, { publishedAt: undefined });
		const first = diffEntries([untimed(1)], undefined);
		const next = diffEntries([untimed(3), untimed(2), untimed(1)], first.nextSeen);
		expect(next.added.map((e) => e.id)).toEqual(["e2", "e3"]);
	});

	it("detects an edit by content hash, not as a new entry", () => {
		const first = diffEntries(page(2, 1), undefined);
		const edited = [makeEntry(2, { bodyText: "Corrected body." }), makeEntry(1)];
		const next = diffEntries(edited, first.nextSeen);
		expect(next.added).toEqual([]);
		expect(next.edited.map((e) => e.id)).toEqual(["e2"]);
		expect(next.nextSeen.items.find((i) => i[0] === "e2")?.[1]).toBe(
			contentHash(edited[0] ?? makeEntry(0)),
		);
	});

	it("reports removed entries", () => {
		const first = diffEntries(page(3, 2, 1), undefined);
		const next = diffEntries(page(3, 1), first.nextSeen);
		expect(next.removed).toEqual(["e2"]);
		expect(next.added).toEqual([]);
	});

	it("treats a reordered page as unchanged", () => {
		const first = diffEntries(page(3, 2, 1), undefined);
		const next = diffEntries(page(1, 3, 2), first.nextSeen);
		expect(next.added).toEqual([]);
		expect(next.edited).toEqual([]);
	});

	it("does not re-post entries that were temporarily missing", () => {
		const first = diffEntries(page(5, 4, 3, 2, 1), undefined);
		const shortResponse = diffEntries(page(5), first.nextSeen);
		expect(shortResponse.added).toEqual([]);
		const back = diffEntries(page(6, 5, 4, 3, 2, 1), shortResponse.nextSeen);
		expect(back.added.map((e) => e.id)).toEqual(["e6"]);
	});

	it("does not re-post an old entry that becomes pinned, and dedupes the pinned copy", () => {
		const first = diffEntries(page(3, 2, 1), undefined);
		const pinnedCopy = makeEntry(1, { pinned: true });
		const next = diffEntries([pinnedCopy, ...page(4, 3, 2, 1)], first.nextSeen);
		expect(next.added.map((e) => e.id)).toEqual(["e4"]);
		expect(next.nextSeen.items.filter((i) => i[0] === "e1")).toHaveLength(1);
	});

	it("keeps the seen set bounded", () => {
		const big = Array.from({ length: 2500 }, (_, i) => makeEntry(i));
		const first = diffEntries(big.slice(0, 100), undefined);
		const next = diffEntries(big.slice(100, 2500), first.nextSeen);
		expect(next.nextSeen.items.length).toBeLessThanOrEqual(4800);
		const small = diffEntries(page(1), {
			items: Array.from({ length: 3000 }, (_, i) => [`x${i}`, "h", null]),
			present: [],
		});
		expect(small.nextSeen.items).toHaveLength(2000);
	});

	it("guards against a page whose ids all changed at once", () => {
		const first = diffEntries(page(6, 5, 4, 3, 2, 1), undefined);
		const renamed = [7, 6, 5, 4, 3, 2, 1].map((n) => makeEntry(n, { id: `new-${n}` }));
		const next = diffEntries(renamed, first.nextSeen);
		expect(next.floodGuarded).toBe(true);
		expect(next.added.map((e) => e.id)).toEqual(["new-7"]);
	});
});
