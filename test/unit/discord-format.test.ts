import { describe, expect, it } from "vitest";
import { blogChoices } from "../../adapters/discord/commands.js";
import {
	buildEmbed,
	EMBED_LIMITS,
	embedLength,
	escapeText,
	formatBlogList,
	formatError,
	formatNotice,
	formatUpdate,
	packEmbeds,
	truncate,
} from "../../adapters/discord/format.js";
import { type BlogInfo, CommandError, type EntryUpdate, InvalidUrlError } from "../../src/index.js";

function makeUpdate(overrides: Partial<EntryUpdate> = {}): EntryUpdate {
	return {
		kind: "new",
		blogUrl: "https://www.example.com/world/live/election",
		blogTitle: "Election live",
		entryId: "e1",
		entryUrl: "https://www.example.com/world/live/election#e1",
		headline: "Polls close",
		summary: "Polls have closed across the country. Counting begins.",
		publishedAt: new Date("2024-09-11T08:00:00Z"),
		...overrides,
	};
}

describe("formatUpdate", () => {
	it("renders headline, link, summary, time and blog as one embed with mentions disabled", () => {
		expect(formatUpdate(makeUpdate())).toEqual({
			embeds: [
				{
					color: 0x2b6cb0,
					title: "Polls close",
					url: "https://www.example.com/world/live/election#e1",
					description: "Polls have closed across the country. Counting begins.",
					timestamp: "2024-09-11T08:00:00.000Z",
					footer: { text: "Election live · example.com" },
				},
			],
			allowed_mentions: { parse: [] },
		});
	});

	it("leaves the title out when there is no headline", () => {
		const embed = buildEmbed(makeUpdate({ headline: undefined }));
		expect(embed.title).toBeUndefined();
		expect(embed.description).toBe("Polls have closed across the country. Counting begins.");
	});

	it("adds the image, the author and an (updated) marker for edits", () => {
		const embed = buildEmbed(
			makeUpdate({ kind: "edited", imageUrl: "https://img.example.com/a.jpg", author: "Jane Doe" }),
		);
		expect(embed.title).toBe("(updated) Polls close");
		expect(embed.image).toEqual({ url: "https://img.example.com/a.jpg" });
		expect(embed.author).toEqual({ name: "Jane Doe" });
	});

	it("drops links that are not http(s) instead of letting Discord reject the message", () => {
		const embed = buildEmbed(
			makeUpdate({ entryUrl: "javascript:alert(1)", imageUrl: "data:image/png;base64,AA" }),
		);
		expect(embed.url).toBeUndefined();
		expect(embed.image).toBeUndefined();
	});

	it("drops an invalid date instead of throwing", () => {
		expect(buildEmbed(makeUpdate({ publishedAt: new Date(Number.NaN) })).timestamp).toBeUndefined();
	});

	it("neutralises mentions, masked links and markdown in hostile text", () => {
		const embed = buildEmbed(
			makeUpdate({
				headline: "**Breaking** @everyone <@123>",
				summary:
					"Click [here](https://evil.example) <@&42> <#7> # Heading\n- item __x__ ||spoiler||",
			}),
		);
		expect(embed.title).toBe("\\*\\*Breaking\\*\\* @everyone \\<@123>");
		expect(embed.description).toBe(
			"Click \\[here](https://evil.example) \\<@&42> \\<#7> # Heading\n\n\\- item \\_\\_x\\_\\_ \\|\\|spoiler\\|\\|",
		);
		expect(formatUpdate(makeUpdate()).allowed_mentions).toEqual({ parse: [] });
	});

	it("keeps every part within Discord's embed limits", () => {
		const long = "word ".repeat(3000);
		const embed = buildEmbed(
			makeUpdate({ headline: long, summary: long, blogTitle: long, author: long }),
		);
		expect(embed.title?.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
		expect(embed.description?.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
		expect(embed.author?.name.length).toBeLessThanOrEqual(EMBED_LIMITS.author);
		expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
		expect(embed.title?.endsWith("…")).toBe(true);
	});
});

describe("formatNotice", () => {
	it("says what happened to the blog, links it without a preview and pings nobody", () => {
		expect(
			formatNotice({
				kind: "blog-ended",
				blogUrl: "https://www.example.com/live",
				blogTitle: "Election *live* @everyone",
			}),
		).toEqual({
			content:
				"The live blog “Election \\*live\\* @everyone” has ended, so I've stopped following it here.\n<https://www.example.com/live>",
			allowed_mentions: { parse: [] },
		});
	});

	it("sums up the entries a flood left unposted, with the blog's link", () => {
		expect(
			formatNotice({
				kind: "entries-skipped",
				blogUrl: "https://www.example.com/live",
				blogTitle: "Election live",
				count: 250,
			}).content,
		).toBe(
			"250 more entries — see the live blog “Election live” (too many came at once to post them all here).\n<https://www.example.com/live>",
		);
	});
});

describe("escapeText", () => {
	it("never ends a cut on a dangling backslash", () => {
		const escaped = escapeText(`${"a".repeat(9)}*${"b".repeat(20)}`, 11);
		expect(escaped).toBe("aaaaaaaaa…");
	});

	it("does not split an emoji when cutting", () => {
		expect(truncate(`${"x".repeat(8)}😀😀`, 10)).toBe("xxxxxxxx…");
	});
});

describe("packEmbeds", () => {
	it("splits embeds so no message holds more than 10 or 6,000 characters", () => {
		const big = buildEmbed(makeUpdate({ summary: "s".repeat(2500) }));
		const small = buildEmbed(makeUpdate());
		const groups = packEmbeds([big, big, big, ...Array.from({ length: 12 }, () => small)]);
		for (const group of groups) {
			expect(group.length).toBeLessThanOrEqual(10);
			expect(group.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
		}
		expect(groups.flat()).toHaveLength(15);
		expect(groups.map((g) => g.length)).toEqual([2, 10, 3]);
	});
});

describe("replies", () => {
	const blogs: BlogInfo[] = [
		{ url: "https://a.example/live", title: "Alpha *live*", status: "ok" },
		{ url: "https://b.example/live", title: "Beta", status: "ended" },
		{
			url: "https://c.example/live",
			title: "Gamma",
			status: "unreachable",
			unreachableSince: new Date("2024-09-11T10:42:00Z"),
		},
	];

	it("numbers the channel's blogs with their status", () => {
		expect(formatBlogList(blogs).split("\n")).toEqual([
			"1. **Alpha \\*live\\*** <https://a.example/live>",
			"2. **Beta** <https://b.example/live> — ended",
			"3. **Gamma** <https://c.example/live> — unreachable since <t:1726051320:f> (<t:1726051320:R>)",
		]);
	});

	it("cuts a long list to fit one embed and says how many are left", () => {
		const many = Array.from({ length: 60 }, (_, i) => ({
			url: `https://example.com/${"x".repeat(80)}/${i}`,
			title: `Blog ${i} ${"t".repeat(60)}`,
			status: "ok" as const,
		}));
		const text = formatBlogList(many);
		expect(text.length).toBeLessThanOrEqual(4096);
		expect(text).toMatch(/\n… and \d+ more$/);
	});

	it("renders a core refusal with its choices", () => {
		const error = new CommandError(
			"ambiguous-blog",
			"This channel follows 2 blogs; which one?",
			blogs.slice(0, 2),
		);
		expect(formatError(error)).toBe(
			[
				"Several live blogs are followed here; say which one.",
				"• **Alpha \\*live\\*** <https://a.example/live>",
				"• **Beta** <https://b.example/live>",
			].join("\n"),
		);
		expect(formatError(new InvalidUrlError("not a url", "no scheme"))).toBe(
			"That doesn't look like a web address I can watch. Send the full address, starting with https://.",
		);
		// Discord's own wording names the permission it asks for, not "administrators".
		expect(formatError(new CommandError("permission-denied", "Only administrators…"))).toBe(
			"You need the Manage Channels permission to change the live blogs this channel follows.",
		);
	});

	it("offers autocomplete choices that match the typed text, URLs over 100 characters by position", () => {
		const long = {
			url: `https://d.example/${"p".repeat(120)}`,
			title: "Delta",
			status: "ok" as const,
		};
		expect(blogChoices([...blogs, long], "")).toHaveLength(4);
		expect(blogChoices([...blogs, long], "BETA")).toEqual([
			{ name: "Beta — b.example/live", value: "https://b.example/live" },
		]);
		expect(blogChoices([...blogs, long], "delta")).toEqual([
			{ name: expect.stringMatching(/^Delta — d\.example\/p+…$/), value: "4" },
		]);
		expect(blogChoices([...blogs, long], "delta")[0]?.name.length).toBeLessThanOrEqual(100);
	});
});
