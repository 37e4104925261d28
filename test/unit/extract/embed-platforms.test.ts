/**
 * A page whose live blog is a third-party embed (entries loaded by script after the page opens)
 * yields no entries; the error then names the platform, and chats are told why in plain words.
 */
import { describe, expect, it } from "vitest";
import { NotALiveBlogError } from "../../../src/errors.js";
import { embeddedPlatform } from "../../../src/extract/embed-platforms.js";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import { LOCALES } from "../../../src/i18n/catalogue.js";
import { describeError } from "../../../src/relay/messages.js";

const SNIPPETS: [string, string][] = [
	[
		"Tickaroo",
		'<tickaroo-liveblog liveblogId="5f1e" clientId="abc"></tickaroo-liveblog><script async src="https://cdn.tickaroo.com/webng/embedjs/tik4.js"></script>',
	],
	[
		"ScribbleLive",
		'<div class="scrbbl-embed" data-src="/event/3012345/"></div><script>(function(d, s, id) {var js; js.src = "//embed.scribblelive.com/widgets/embed.js";})</script>',
	],
	[
		"24liveblog",
		'<div id="LB24_LIVE_CONTENT" data-eid="3151474"></div><script src="https://v.24liveblog.com/24.js"></script>',
	],
	[
		"Arena",
		'<div class="arena-liveblog" data-publisher="news" data-event="x"></div><script src="https://go.arena.im/public/js/arenalib.js"></script>',
	],
	["Live Center", '<iframe src="https://livecenter.norkon.net/frame/news/12345/default"></iframe>'],
	["Live Blog Pro", '<iframe src="https://news.liveblog.pro/lb-5a1b2c/index.html"></iframe>'],
	[
		"CoverItLive",
		'<iframe src="https://www.coveritlive.com/index2.php/option=com_altcaster/task=viewaltcast"></iframe>',
	],
];

function page(inner: string): string {
	return `<html><head><title>Storm latest: live</title></head><body><h1>Storm latest</h1><p>Follow our live coverage below.</p>${inner}</body></html>`;
}

describe("embedded live-blog platforms", () => {
	it.each(SNIPPETS)("names %s from its embed snippet", (name, snippet) => {
		expect(embeddedPlatform(page(snippet))).toBe(name);
	});

	it("names none on a page without an embed", () => {
		expect(
			embeddedPlatform(page('<p>See <a href="https://example.com/tickets">tickets</a>.</p>')),
		).toBe(undefined);
	});

	it("names none on a page that only links to a platform's site", () => {
		const links = [
			'<p>Made with <a href="https://www.coveritlive.com/">CoverItLive</a>.</p>',
			"<p><a href='//tickaroo.com/about' class=x>Tickaroo</a> and <a href = https://arena.im/pricing>Arena</a></p>",
			'<a class="credit" href="https://www.scribblelive.com/contact/?ref=news">ScribbleLive</a>',
		];
		for (const html of links) expect(embeddedPlatform(page(html))).toBe(undefined);
	});

	it("names a platform embedded after links to it", () => {
		const linked = '<p>Powered by <a href="https://www.tickaroo.com/">Tickaroo</a></p>';
		expect(embeddedPlatform(page(`${linked}${SNIPPETS[0]?.[1]}`))).toBe("Tickaroo");
	});

	it("says which platform a page with no entries embeds, in the error and in every chat language", () => {
		const error = (() => {
			try {
				extractEntries(page(SNIPPETS[0]?.[1] ?? ""), "https://news.example/live/storm");
			} catch (e) {
				return e;
			}
			return undefined;
		})();
		expect(error).toBeInstanceOf(NotALiveBlogError);
		expect((error as NotALiveBlogError).embed).toBe("Tickaroo");
		expect((error as Error).message).toContain("embeds its live blog from Tickaroo");
		for (const locale of LOCALES) {
			const said = describeError(error as NotALiveBlogError, locale);
			expect(said).toContain("Tickaroo");
			expect(said).not.toContain("{");
		}
		// Without an embed the plain wording stays.
		const plain = new NotALiveBlogError("https://news.example/a", ["json-ld"]);
		expect(describeError(plain, "en")).toContain("Is it a live blog?");
	});

	it("reads the entries of a page that has both its own entries and an embed", () => {
		const own = `<script type="application/ld+json">${JSON.stringify({
			"@type": "LiveBlogPosting",
			headline: "Storm latest",
			liveBlogUpdate: [
				{
					"@type": "BlogPosting",
					headline: "Winds ease",
					datePublished: "2026-11-30T10:00:00Z",
					url: "https://news.example/live/storm#p-1001",
				},
			],
		})}</script>`;
		const blog = extractEntries(
			page(own + (SNIPPETS[0]?.[1] ?? "")),
			"https://news.example/live/storm",
		);
		expect(blog.entries.map((e) => e.headline)).toEqual(["Winds ease"]);
	});
});
