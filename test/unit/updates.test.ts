import { describe, expect, it } from "vitest";
import { loadUpdate, storeUpdate, toEntryUpdate } from "../../src/relay/updates.js";
import { makeEntry } from "../helpers.js";

const blog = { url: "https://news.example/live", title: "Live" };

describe("toEntryUpdate", () => {
	it("keeps the headline and summarises the body", () => {
		const update = toEntryUpdate(blog, makeEntry(1, { bodyText: "One. Two. Three. Four." }), 100);
		expect(update).toMatchObject({
			headline: "Headline 1",
			summary: "One. Two. Three.",
			entryId: "e1",
			blogTitle: "Live",
		});
	});

	it("uses the first sentence as the headline and continues the summary after it", () => {
		const update = toEntryUpdate(
			blog,
			makeEntry(2, {
				headline: undefined,
				bodyText: "Troops crossed the river. Officials confirmed it.",
			}),
			100,
		);
		expect(update.headline).toBe("Troops crossed the river.");
		expect(update.summary).toBe("Officials confirmed it.");
	});

	it("leaves the summary empty when the body only repeats the headline", () => {
		expect(
			toEntryUpdate(blog, makeEntry(3, { headline: "#TBT", bodyText: "#TBT" }), 100).summary,
		).toBe("");
		expect(
			toEntryUpdate(
				blog,
				makeEntry(4, { headline: undefined, bodyText: "Just one sentence." }),
				100,
			),
		).toMatchObject({
			headline: "Just one sentence.",
			summary: "",
		});
	});

	it("round-trips through its stored form", () => {
		const update = toEntryUpdate(
			blog,
			makeEntry(5, { updatedAt: new Date(Date.UTC(2024, 0, 1)) }),
			100,
		);
		expect(loadUpdate(storeUpdate(update))).toEqual(update);
	});
});
