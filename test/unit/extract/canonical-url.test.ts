import { describe, expect, it } from "vitest";
import { InvalidUrlError } from "../../../src/errors.js";
import { canonicalizeUrl } from "../../../src/extract/canonical-url.js";

describe("canonicalizeUrl", () => {
	it.each([
		[
			"https://www.mirror.co.uk/news/uk-news/uk-riots-live-33386398#751105",
			"https://www.mirror.co.uk/news/uk-news/uk-riots-live-33386398",
		],
		[
			"https://www.example.com/live?utm_source=twitter&utm_medium=social&id=7",
			"https://www.example.com/live?id=7",
		],
		["https://www.example.com/live?fbclid=abc&gclid=def", "https://www.example.com/live"],
		["https://www.example.com/live?ref=home&cmpid=x&CMP=share", "https://www.example.com/live"],
		[
			"https://www.example.com/live?at_medium=rss&at_campaign=feed&ito=1",
			"https://www.example.com/live",
		],
		[
			"https://www.theguardian.com/science/live/2021/feb/19/mars?page=with:block-602fd0c48f08ad21ea600275#block-602fd0c48f08ad21ea600275",
			"https://www.theguardian.com/science/live/2021/feb/19/mars",
		],
		[
			"https://www.theguardian.com/world/live/2024/jan/01/news?page=2",
			"https://www.theguardian.com/world/live/2024/jan/01/news",
		],
		["https://lemonde.example/live?page=2", "https://lemonde.example/live?page=2"],
		["HTTPS://WWW.Example.COM:443/Live", "https://www.example.com/Live"],
		["https://example.com/a?b=with%20space&utm_term=x", "https://example.com/a?b=with%20space"],
		["  https://example.com/live  ", "https://example.com/live"],
	])("canonicalizes %s", (input, expected) => {
		expect(canonicalizeUrl(input)).toBe(expected);
	});

	it("is idempotent", () => {
		const once = canonicalizeUrl("https://www.example.com/live?utm_source=x&q=1#frag");
		expect(canonicalizeUrl(once)).toBe(once);
	});

	it.each([["not a url"], ["ftp://example.com/file"], ["/relative/path"]])(
		"throws InvalidUrlError for %j",
		(input) => {
			expect(() => canonicalizeUrl(input)).toThrow(InvalidUrlError);
		},
	);
});
