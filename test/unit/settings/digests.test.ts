import { describe, expect, it } from "vitest";
import { digestDueAt, digestItems, isDue, splitDigest } from "../../../src/settings/digests.js";
import { DEFAULT_SETTINGS } from "../../../src/settings/settings-model.js";

const stored = (id: string, publishedAt: number, keyEvent = false) => ({
	kind: "new" as const,
	blogUrl: "https://news.example/b",
	blogTitle: "Blog",
	entryId: id,
	entryUrl: `https://news.example/b#${id}`,
	headline: `Headline ${id}`,
	summary: "",
	publishedAt,
	keyEvent,
});

describe("digests", () => {
	it("fall due at the next multiple of the interval", () => {
		const hour = 3_600_000;
		expect(digestDueAt(10 * hour + 5 * 60_000, 60)).toBe(11 * hour);
		expect(digestDueAt(10 * hour, 60)).toBe(11 * hour);
		expect(digestDueAt(10 * hour + 16 * 60_000, 15)).toBe(10 * hour + 30 * 60_000);
	});

	it("wait for quiet hours to end, and go out at once when the mode no longer holds", () => {
		const night = Date.parse("2024-07-01T23:30:00Z");
		const quiet = { ...DEFAULT_SETTINGS, quiet: { from: "23:00", to: "07:00" } };
		expect(isDue({ since: night - 60_000 }, quiet, "UTC", night)).toBe(false);
		expect(isDue({ since: night - 60_000 }, quiet, "UTC", night + 8 * 3_600_000)).toBe(true);
		expect(isDue({ since: night - 60_000 }, DEFAULT_SETTINGS, "UTC", night)).toBe(true);
	});

	it("list key events first, then the rest in publication order", () => {
		const items = digestItems([stored("a", 3), stored("b", 1), stored("k", 2, true)]);
		expect(items.map((i) => i.url.split("#")[1])).toEqual(["k", "b", "a"]);
	});

	it("split between entries within the budget, never inside one", () => {
		const items = digestItems(Array.from({ length: 50 }, (_, i) => stored(`e${i}`, i)));
		const parts = splitDigest(items, 1000);
		expect(parts.length).toBeGreaterThan(1);
		expect(parts.flat()).toEqual(items);
		for (const part of parts) {
			const cost = part.reduce((n, i) => n + i.headline.length + i.url.length + 40, 0);
			expect(cost).toBeLessThanOrEqual(1000);
		}
	});

	it("cut very long headlines, and give a single oversized entry its own part", () => {
		const long = { ...stored("x", 1), headline: "word ".repeat(500) };
		const [item] = digestItems([long]);
		expect(item?.headline.length).toBeLessThanOrEqual(200);
		expect(splitDigest(digestItems([long, stored("y", 2)]), 100)).toHaveLength(2);
	});
});
