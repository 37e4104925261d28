import { describe, expect, it } from "vitest";
import { formatEntryText } from "../../adapters/console/format.js";
import type { EntryUpdate } from "../../src/index.js";

describe("formatEntryText", () => {
	it("wraps each paragraph of the summary on its own, every line indented", () => {
		const update: EntryUpdate = {
			kind: "new",
			blogUrl: "https://news.example/live",
			blogTitle: "Storm live",
			entryId: "e1",
			entryUrl: "https://news.example/live#e1",
			headline: "Bridge reopens",
			summary: "Traffic is moving again on both lanes.\nThe mayor thanked the crews.",
			publishedAt: new Date(Date.UTC(2024, 8, 11, 9, 23)),
		};
		expect(formatEntryText(update, { color: false, width: 20 })).toBe(
			[
				"2024-09-11 09:23 UTC",
				"Bridge reopens",
				"  Traffic is moving",
				"  again on both",
				"  lanes.",
				"",
				"  The mayor thanked",
				"  the crews.",
				"  https://news.example/live#e1",
				"",
			].join("\n"),
		);
	});
});
