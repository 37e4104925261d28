import { describe, expect, it } from "vitest";
import { clampLatestCount, LATEST_DEFAULT, LATEST_MAX } from "../../src/index.js";

describe("clampLatestCount: /latest's default and maximum, once for every platform", () => {
	it("uses 3 by default and allows at most 10", () => {
		expect([LATEST_DEFAULT, LATEST_MAX]).toEqual([3, 10]);
	});

	it.each<[number | undefined, number, "above" | "below" | undefined]>([
		[undefined, LATEST_DEFAULT, undefined],
		[Number.NaN, LATEST_DEFAULT, undefined],
		[1, 1, undefined],
		[7, 7, undefined],
		[7.9, 7, undefined],
		[10, 10, undefined],
		[11, 10, "above"],
		[1e9, 10, "above"],
		[0, 1, "below"],
		[-5, 1, "below"],
	])("%s → %s (%s)", (asked, count, clamped) => {
		expect(clampLatestCount(asked)).toEqual({ count, clamped });
	});
});
