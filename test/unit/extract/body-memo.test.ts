import { describe, expect, it } from "vitest";
import { rememberedBody, rememberedBodySize } from "../../../src/extract/body-memo.js";
import { extractEntries } from "../../../src/extract/extract-entries.js";

function page(body: string): string {
	const ld = {
		"@context": "https://schema.org",
		"@type": "LiveBlogPosting",
		headline: "Memo test blog",
		liveBlogUpdate: [
			{
				"@type": "BlogPosting",
				url: "https://example.com/live#post-1001",
				datePublished: "2026-11-30T10:00:00Z",
				headline: "First",
				articleBody: body,
			},
		],
	};
	return `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body></body></html>`;
}

describe("rememberedBody", () => {
	it("decodes a raw body once, and again when the text or the headline changes", () => {
		let calls = 0;
		const decode = () => {
			calls++;
			return "decoded";
		};
		const raw = `<p>memo ${Math.random()}</p>`;
		expect(rememberedBody("t", raw, "H", decode)).toBe("decoded");
		expect(rememberedBody("t", raw, "H", decode)).toBe("decoded");
		expect(calls).toBe(1);
		rememberedBody("t", raw, "Other headline", decode);
		expect(calls).toBe(2);
		rememberedBody("t", `${raw} `, "Other headline", decode);
		expect(calls).toBe(3);
		// Another source's decoder reads the same raw text its own way: never handed this one's text.
		expect(rememberedBody("other", `${raw} `, "Other headline", () => "other text")).toBe(
			"other text",
		);
		expect(calls).toBe(3);
	});

	it("stays within its character budget however many bodies pass", () => {
		for (let i = 0; i < 1_500; i++)
			rememberedBody("t", `${i}:${"x".repeat(3_000)}`, undefined, () => "y");
		expect(rememberedBodySize().chars).toBeLessThanOrEqual(2_000_000);
		expect(rememberedBodySize().entries).toBeGreaterThan(100);
	});

	it("an edited JSON-LD body is read afresh on the next poll", () => {
		const first = extractEntries(
			page("<p>Troops &amp; tanks moved.</p>"),
			"https://example.com/live",
		);
		const again = extractEntries(
			page("<p>Troops &amp; tanks moved.</p>"),
			"https://example.com/live",
		);
		const edited = extractEntries(
			page("<p>Troops &amp; tanks withdrew.</p>"),
			"https://example.com/live",
		);
		expect(first.entries[0]?.bodyText).toBe("Troops & tanks moved.");
		expect(again.entries[0]?.bodyText).toBe("Troops & tanks moved.");
		expect(edited.entries[0]?.bodyText).toBe("Troops & tanks withdrew.");
	});
});
