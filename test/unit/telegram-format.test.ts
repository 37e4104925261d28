import { describe, expect, it } from "vitest";
import {
	escapeAttribute,
	escapeHtml,
	formatLatestReply,
	formatListReply,
	formatStatus,
	formatSubscribeReply,
	formatUpdate,
	formatUtcDateTime,
	formatUtcTime,
	packBlocks,
	TELEGRAM_MESSAGE_LIMIT,
	truncateForHtml,
} from "../../adapters/telegram/format.js";
import { CommandError, type EntryUpdate, InvalidUrlError } from "../../src/index.js";

/** 12:00 UTC on the day of makeUpdate's entry. */
const NOW = new Date(Date.UTC(2024, 8, 11, 12, 0));

function makeUpdate(overrides: Partial<EntryUpdate> = {}): EntryUpdate {
	return {
		kind: "new",
		blogUrl: "https://news.example/live",
		blogTitle: "Storm live",
		entryId: "e1",
		entryUrl: "https://news.example/live#e1",
		headline: "Bridge closed",
		summary: "The bridge closed at noon. Traffic is diverted.",
		publishedAt: new Date(Date.UTC(2024, 8, 11, 9, 23)),
		...overrides,
	};
}

/** Visible length once Telegram has parsed the HTML (tags dropped, entities decoded). */
function visibleLength(html: string): number {
	return html.replace(/<[^>]+>/g, "").replace(/&(?:lt|gt|amp|quot);/g, "x").length;
}

describe("escapeHtml", () => {
	it.each([
		["a & b", "a &amp; b"],
		["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
		['say "hi"', 'say "hi"'],
		["&amp;", "&amp;amp;"],
	])("escapes %j as %j", (input, expected) => {
		expect(escapeHtml(input)).toBe(expected);
	});

	it("escapes the double quote in attributes", () => {
		expect(escapeAttribute('https://x.example/?a=1&b="2"')).toBe(
			"https://x.example/?a=1&amp;b=&quot;2&quot;",
		);
	});
});

describe("truncateForHtml", () => {
	it("leaves text that fits alone", () => {
		expect(truncateForHtml("a < b", 8)).toBe("a < b");
	});

	it("counts the escaped length, so the escaped result fits", () => {
		const cut = truncateForHtml("&&&&&&&&&&", 21);
		expect(escapeHtml(cut).length).toBeLessThanOrEqual(21);
		expect(cut).toBe("&&&&…");
	});

	it("never splits a surrogate pair", () => {
		const cut = truncateForHtml("😀😀😀😀", 6);
		expect(cut).toBe("😀😀…");
	});
});

describe("formatUpdate", () => {
	it("renders bold headline, summary, and one footer line: time, link, blog title", () => {
		const { text, link_preview_options } = formatUpdate(makeUpdate(), undefined, { now: NOW });
		expect(text).toBe(
			[
				"<b>Bridge closed</b>",
				"The bridge closed at noon. Traffic is diverted.",
				'09:23 UTC · <a href="https://news.example/live#e1">Read entry</a> · <i>Storm live</i>',
			].join("\n\n"),
		);
		expect(link_preview_options).toEqual({ is_disabled: true });
	});

	it("keeps the summary's paragraphs apart and shows the author, as Discord does", () => {
		const { text } = formatUpdate(
			makeUpdate({
				summary: "The bridge closed at noon.\nTraffic is diverted.",
				author: "Jane Smith",
			}),
			undefined,
			{ now: NOW },
		);
		expect(text).toBe(
			[
				"<b>Bridge closed</b>",
				"The bridge closed at noon.",
				"Traffic is diverted.",
				'09:23 UTC · Jane Smith · <a href="https://news.example/live#e1">Read entry</a> · <i>Storm live</i>',
			].join("\n\n"),
		);
	});

	it("drops whole paragraphs that do not fit, cutting only the last one kept", () => {
		const paragraphs = Array.from(
			{ length: 40 },
			(_, i) => `Paragraph ${i} ${"word ".repeat(40)}.`,
		);
		const { text } = formatUpdate(makeUpdate({ summary: paragraphs.join("\n") }), 1500, {
			now: NOW,
		});
		expect(text.length).toBeLessThanOrEqual(1500);
		const kept = text.split("\n\n").slice(1, -1);
		expect(kept.length).toBeGreaterThan(1);
		expect(kept.slice(0, -1).every((p, i) => p === paragraphs[i])).toBe(true);
	});

	it("shows the date only when the entry is not from today, in the chat's time zone", () => {
		const update = makeUpdate({ publishedAt: new Date(Date.UTC(2024, 8, 11, 22, 30)) });
		const sameDayUtc = formatUpdate(update, undefined, { now: NOW }).text;
		expect(sameDayUtc).toContain("22:30 UTC ·");
		// In Kyiv (UTC+3) that is 01:30 on the 12th, which is not "today" there at NOW (15:00 Kyiv).
		const kyiv = formatUpdate(update, undefined, { now: NOW, timeZone: "Europe/Kyiv" }).text;
		expect(kyiv).toMatch(/12 Sept?, 01:30 (EEST|GMT\+3) ·/);
		const lastYear = formatUpdate(update, undefined, { now: new Date(Date.UTC(2025, 0, 2)) }).text;
		expect(lastYear).toMatch(/11 Sept? 2024, 22:30 UTC ·/);
		// An unknown zone falls back to UTC instead of failing the post.
		expect(formatUpdate(update, undefined, { now: NOW, timeZone: "Mars/Olympus" }).text).toContain(
			"22:30 UTC ·",
		);
	});

	it("speaks the chat's language in its own words, never in the entry's", () => {
		const { text } = formatUpdate(makeUpdate({ kind: "edited" }), undefined, {
			now: NOW,
			locale: "de",
		});
		expect(text).toMatch(/^✏️ Aktualisiert: <b>Bridge closed<\/b>/);
		expect(text).toContain("The bridge closed at noon.");
		expect(text).toContain(">Zum Eintrag</a>");
	});

	it("escapes hostile headline, summary and title", () => {
		const { text } = formatUpdate(
			makeUpdate({
				headline: "<b>Breaking</b> & <script>x</script>",
				summary: "1 < 2 & 3 > 2",
				blogTitle: "<i>Live</i>",
				entryUrl: 'https://news.example/live?a=1&b=2#"x"',
			}),
		);
		expect(text).toContain(
			"<b>&lt;b&gt;Breaking&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;</b>",
		);
		expect(text).toContain("1 &lt; 2 &amp; 3 &gt; 2");
		expect(text).toContain("<i>&lt;i&gt;Live&lt;/i&gt;</i>");
		expect(text).toContain('href="https://news.example/live?a=1&amp;b=2#&quot;x&quot;"');
	});

	it("shows just the summary when there is no headline", () => {
		const { text } = formatUpdate(makeUpdate({ headline: undefined, publishedAt: undefined }));
		expect(text.split("\n\n")[0]).toBe("The bridge closed at noon. Traffic is diverted.");
		expect(text).not.toContain("<b>");
		expect(text).not.toContain("UTC");
	});

	it("marks edited entries", () => {
		expect(formatUpdate(makeUpdate({ kind: "edited" })).text).toMatch(/^✏️ Updated: <b>/);
	});

	it("shows the entry image as the link preview", () => {
		const { link_preview_options } = formatUpdate(
			makeUpdate({ imageUrl: "https://img.example/a.jpg" }),
		);
		expect(link_preview_options).toEqual({
			is_disabled: false,
			url: "https://img.example/a.jpg",
			prefer_small_media: true,
		});
	});

	it("keeps previews off for a non-http image URL", () => {
		const { link_preview_options } = formatUpdate(makeUpdate({ imageUrl: "javascript:alert(1)" }));
		expect(link_preview_options).toEqual({ is_disabled: true });
	});

	it("drops the link for a javascript: entry URL but keeps the label", () => {
		const { text } = formatUpdate(makeUpdate({ entryUrl: "javascript:alert(1)" }));
		expect(text).not.toContain("href");
		expect(text).toContain("Read entry");
	});

	it.each([
		["plain", "word ".repeat(2000)],
		["ampersands", "&".repeat(5000)],
		["angle brackets", "<>".repeat(3000)],
		["emoji", "😀".repeat(3000)],
	])("fits 4096 characters with an enormous %s summary and headline", (_name, body) => {
		const { text } = formatUpdate(makeUpdate({ summary: body, headline: body, blogTitle: body }));
		expect(text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
		expect(visibleLength(text)).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
		expect(text).toMatch(/…/);
		// No entity was cut in half: every & starts a complete entity.
		expect(text.replace(/&(?:lt|gt|amp|quot);/g, "")).not.toContain("&");
		expect(text).toContain("Read entry</a>");
	});
});

describe("formatUtcDateTime and formatUtcTime (kept for earlier callers)", () => {
	it("format in English and UTC, with the date and year or the time alone", () => {
		const date = new Date(Date.UTC(2024, 0, 5, 23, 7));
		expect(formatUtcDateTime(date)).toBe("5 Jan 2024, 23:07 UTC");
		expect(formatUtcTime(date)).toBe("23:07 UTC");
	});
});

describe("formatStatus", () => {
	const now = new Date(Date.UTC(2024, 8, 11, 12, 0));
	const blog = { url: "https://x.example", title: "X" };
	it.each([
		[{ ...blog, status: "ok" as const }, ""],
		[{ ...blog, status: "ended" as const }, "ended"],
		[
			{
				...blog,
				status: "unreachable" as const,
				unreachableSince: new Date(Date.UTC(2024, 8, 11, 10, 42)),
			},
			"unreachable since 10:42 UTC",
		],
		[
			{
				...blog,
				status: "unreachable" as const,
				unreachableSince: new Date(Date.UTC(2024, 8, 9, 10, 42)),
			},
			"unreachable since 9 Sept, 10:42 UTC",
		],
	])("describes %o as %j", (info, expected) => {
		expect(formatStatus(info, now)).toBe(expected);
	});
});

describe("command replies", () => {
	it("numbers the list and escapes titles", () => {
		const [text] = formatListReply(
			{
				kind: "list",
				blogs: [
					{ url: "https://a.example/live", title: "A <live>", status: "ok" },
					{ url: "https://b.example/live", title: "B", status: "ended" },
				],
			},
			new Date(),
		);
		expect(text).toBe(
			[
				"<b>This chat follows 2 live blogs:</b>",
				'1. <a href="https://a.example/live">A &lt;live&gt;</a>',
				'2. <a href="https://b.example/live">B</a> — ended',
				"",
				"To stop one: /unsubscribe &lt;number&gt;",
			].join("\n"),
		);
	});

	it("splits a very long list into several messages, each within the limit", () => {
		const blogs = Array.from({ length: 50 }, (_, i) => ({
			url: `https://news.example/${"x".repeat(900)}/${i}`,
			title: `Blog ${i} ${"&".repeat(150)}`,
			status: "ok" as const,
		}));
		const messages = formatListReply({ kind: "list", blogs }, new Date());
		expect(messages.length).toBeGreaterThan(1);
		for (const m of messages) expect(m.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
		expect(messages.join("\n")).toContain("50. <a");
	});

	it("renders a core error with the shared wording, escaped", () => {
		const [text] = formatSubscribeReply({
			kind: "error",
			error: new InvalidUrlError("<b>nope</b>", "not a URL"),
		});
		expect(text).toBe(
			"⚠️ That doesn't look like a web address I can watch. Send the full address, starting with https://.",
		);
	});

	it("lists the choices of an ambiguous /latest", () => {
		const [text] = formatLatestReply(
			{
				kind: "error",
				error: new CommandError("ambiguous-blog", "You follow several live blogs; say which one.", [
					{ url: "https://a.example/live", title: "A" },
					{ url: "https://b.example/live", title: "B" },
				]),
			},
			{ count: 3 },
		);
		expect(text).toContain("1. A — https://a.example/live\n2. B — https://b.example/live");
		expect(text).toContain("/latest &lt;address&gt; [n]");
	});

	it("packs ten long entries into messages within the limit", () => {
		const updates = Array.from({ length: 10 }, (_, i) =>
			makeUpdate({ entryId: `e${i}`, summary: "Long sentence here. ".repeat(40) }),
		);
		const messages = formatLatestReply(
			{
				kind: "updates",
				blog: { url: "https://news.example/live", title: "Storm live", status: "ok" },
				updates,
			},
			{ count: 10 },
		);
		for (const m of messages) expect(m.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
		expect(messages.join("").match(/Read entry/g)).toHaveLength(10);
	});

	it("packBlocks never splits a block", () => {
		expect(packBlocks("H", ["a".repeat(10), "b".repeat(10)], 20)).toEqual([
			`H\n\n${"a".repeat(10)}`,
			"b".repeat(10),
		]);
	});
});
