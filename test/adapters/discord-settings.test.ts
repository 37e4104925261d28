/**
 * /settings through the real discord.js client and the real core against the fake Discord API:
 * subcommands with choices, blog autocomplete, Manage Channels for changes, ephemeral replies,
 * filtering at fan-out and a digest embed on an injected clock.
 */
import { type APIEmbed, ChannelType, MessageFlags, PermissionFlagsBits } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay.js";
import type { Target } from "../../src/types.js";
import { type DiscordWorld, startDiscordRelay, startDiscordWorld } from "../discord-harness.js";
import {
	type DiscordFake,
	type InteractionRecord,
	MEMBER_PERMISSIONS,
} from "../fakes/discord-api.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";

const NEWS = "200000000000000001";
const DESK = "200000000000000002";
const at = (id: string): Target => ({ platform: "discord", id });

let world: DiscordWorld;
let discord: DiscordFake;
let site: LiveblogServer;
let relay: Relay;
let clock = Date.parse("2024-07-01T12:00:00Z");

beforeEach(async () => {
	clock = Date.parse("2024-07-01T12:00:00Z");
	world = await startDiscordWorld("discord-settings-", [
		{ id: NEWS, name: "news", type: ChannelType.GuildText },
		{ id: DESK, name: "desk", type: ChannelType.GuildText },
	]);
	({ discord, site } = world);
	site.setBlog(makeFakeBlog("war", 3, "Live: war"));
	site.setBlog(makeFakeBlog("vote", 2, "Live: vote"));
	({ relay } = await startDiscordRelay(discord, world.tmp.dir, { relay: { now: () => clock } }));
});

afterEach(async () => {
	await world.close(relay);
});

function answerOf(i: InteractionRecord) {
	const immediate = i.callbacks.find((c) => c.type === 4)?.data as
		| { content?: string; flags?: number; embeds?: APIEmbed[] }
		| undefined;
	return immediate;
}

async function settings(
	values: Record<string, string | boolean>,
	subcommand: string,
	channelId = NEWS,
	permissions?: bigint,
) {
	const i = discord.command("settings", values, {
		channelId,
		subcommand,
		...(permissions ? { permissions } : {}),
	});
	await discord.waitFor(() => answerOf(i) !== undefined);
	return answerOf(i);
}

async function follow(slug: string, channelId = NEWS) {
	const reply = await relay.core.commands.subscribe(at(channelId), site.url(slug), {
		canManage: true,
	});
	expect(reply.kind).toBe("subscribed");
}

async function settingsOf(channelId: string, n = 1) {
	return (await relay.core.settings?.view(at(channelId)))?.blogs[n - 1]?.settings;
}

describe("Discord /settings", () => {
	it("registers /settings with its subcommands, visible to everyone", async () => {
		await discord.waitFor(() => discord.commands.size > 0);
		const all = [...discord.commands.values()].flat();
		const def = all.find((c) => c.name === "settings") as unknown as {
			options: { name: string }[];
			default_member_permissions: string | null;
		};
		expect(def.options.map((o) => o.name)).toEqual([
			"view",
			"mode",
			"keywords",
			"quiet",
			"keyevents",
			"changes",
			"reset",
			"timezone",
			"language",
		]);
		expect(def.default_member_permissions).toBeNull();
	});

	it("registers every /settings description and choice in each of our languages", async () => {
		await discord.waitFor(() => discord.commands.size > 0);
		type Localized = {
			name: string;
			description?: string;
			description_localizations?: Record<string, string>;
			name_localizations?: Record<string, string>;
			options?: Localized[];
			choices?: Localized[];
		};
		const def = [...discord.commands.values()]
			.flat()
			.find((c) => c.name === "settings") as unknown as Localized;
		const locales = ["de", "fr", "es-ES", "es-419", "uk"];
		const missing: string[] = [];
		const walk = (node: Localized, path: string) => {
			const where = `${path}/${node.name}`;
			const local = node.description
				? node.description_localizations
				: // A choice has no description; its name is what the user reads.
					node.name_localizations;
			const english = node.description ?? node.name;
			// The five languages' own names ("Deutsch", "Українська") read the same everywhere.
			const ownName = path.endsWith("/language/language") && !node.description;
			for (const locale of locales) {
				const text = local?.[locale];
				if (ownName && node.name !== "default") continue;
				if (!text || text === english || text.length > 100) missing.push(`${where} ${locale}`);
			}
			for (const child of [...(node.options ?? []), ...(node.choices ?? [])]) walk(child, where);
		};
		walk(def, "");
		expect(missing).toEqual([]);
		const mode = def.options
			?.find((o) => o.name === "mode")
			?.options?.find((o) => o.name === "mode");
		expect(mode?.choices?.[0]?.name_localizations?.de).toBe("jeder Eintrag");
		expect(def.description_localizations?.uk).toBe(
			"Що і коли кожен відстежуваний блог публікує в цьому каналі",
		);
	});

	it("changes a blog picked by URL, privately, and shows it in /following", async () => {
		await follow("war");
		await follow("vote");
		const ac = discord.autocomplete("settings", { url: "vot" }, "url", {
			channelId: NEWS,
			subcommand: "mode",
		});
		await discord.waitFor(() => ac.callbacks.length > 0);
		const choices = (ac.callbacks[0]?.data as { choices?: { value: string }[] } | undefined)
			?.choices;
		expect(choices?.map((c) => c.value)).toEqual([site.url("vote")]);
		const reply = await settings({ url: site.url("vote"), mode: "digest 60" }, "mode");
		expect(reply?.content).toBe("✅ Saved for “Live: vote”:\nmode: digest every 60 min");
		expect(((reply?.flags ?? 0) & MessageFlags.Ephemeral) !== 0).toBe(true);
		expect((await settingsOf(NEWS, 2))?.mode).toEqual({ kind: "digest", minutes: 60 });
		expect((await settingsOf(NEWS, 1))?.mode).toEqual({ kind: "all" });
		await settings({ url: "1", edits: "off", retractions: "delete", pin: "on" }, "changes");
		expect(await settingsOf(NEWS, 1)).toMatchObject({
			edits: false,
			retractions: "delete",
			pinKeyEvents: true,
		});
		const following = discord.command("following", {}, { channelId: NEWS });
		await discord.waitFor(() => following.followups.length > 0 || following.original !== undefined);
		await discord.waitFor(() =>
			Boolean((following.original as { embeds?: unknown[] } | undefined)?.embeds),
		);
		const description = (following.original as { embeds: APIEmbed[] }).embeds[0]?.description ?? "";
		expect(description).toContain("*every entry · edits off, retractions delete, pin on*");
		expect(description).toContain("*digest every 60 min · edits on, retractions strike, pin off*");
	});

	it("lets members without Manage Channels view but not change", async () => {
		await follow("war");
		const member = MEMBER_PERMISSIONS & ~PermissionFlagsBits.ManageChannels;
		const refused = await settings({ mode: "key" }, "mode", NEWS, member);
		expect(refused?.content).toBe(
			"Only administrators can change the settings here; anyone can view them.",
		);
		expect((await settingsOf(NEWS))?.mode).toEqual({ kind: "all" });
		const view = await settings({}, "view", NEWS, member);
		expect(view?.content).toContain("1. Live: war");
	});

	it("refuses invalid values with a reason and changes nothing", async () => {
		await follow("war");
		const before = await relay.core.settings?.view(at(NEWS));
		for (const [values, sub] of [
			[{ from: "25:00", to: "07:00" }, "quiet"],
			[{ zone: "Mars/Olympus" }, "timezone"],
			[{ include: '"unclosed' }, "keywords"],
			[{ url: "https://elsewhere.example/x", mode: "key" }, "mode"],
			[{}, "changes"],
		] as const) {
			const reply = await settings(values, sub);
			expect(reply?.content, sub).not.toMatch(/^✅/);
			expect(reply?.content?.length ?? 0).toBeGreaterThan(10);
		}
		expect(await relay.core.settings?.view(at(NEWS))).toEqual(before);
	});

	it("filters by keywords and posts a digest as one embed within Discord's limits", async () => {
		await follow("war");
		await settings({ include: 'ceasefire "peace talks"', exclude: "football" }, "keywords");
		await settings({ mode: "digest 30" }, "mode");
		await settings({ language: "de" }, "language");
		await settings({ zone: "America/New_York" }, "timezone");
		expect(await relay.core.settings?.languageOf(at(NEWS))).toBe("de");
		site.addEntry("war", {
			id: "k1",
			headline: "Ceasefire holds",
			body: "x",
			publishedAt: new Date(clock),
		});
		site.addEntry("war", {
			id: "k2",
			headline: "Football ceasefire",
			body: "y",
			publishedAt: new Date(clock),
		});
		site.addEntry("war", {
			id: "k3",
			headline: "Other",
			body: "Peace talks [begin]",
			publishedAt: new Date(clock),
		});
		await relay.pollAll();
		await relay.idle();
		expect(discord.messagesIn(NEWS)).toHaveLength(0);
		clock = Date.parse("2024-07-01T12:30:00Z");
		await relay.pollAll();
		await relay.idle();
		const bodies = discord.messagesIn(NEWS) as { embeds: APIEmbed[]; allowed_mentions: unknown }[];
		expect(bodies).toHaveLength(1);
		const embed = bodies[0]?.embeds[0];
		// The channel chose German: the heading is German, the headlines stay as written.
		expect(embed?.title).toBe("Zusammenfassung: Live: war");
		const lines = embed?.description?.split("\n") ?? [];
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(
			new RegExp(`^• <t:\\d+:t> \\[Ceasefire holds\\]\\(${site.url("war")}#k1\\)$`),
		);
		expect(lines[1]).toContain(`(${site.url("war")}#k3)`);
		expect(bodies[0]?.allowed_mentions).toEqual({ parse: [] });
		const total = (embed?.title?.length ?? 0) + (embed?.description?.length ?? 0);
		expect(total).toBeLessThanOrEqual(6000);
	});

	it("answers in the language the channel chose, whatever the user's client speaks", async () => {
		await follow("war");
		await settings({ language: "de" }, "language");
		const i = discord.command("following", {}, { channelId: NEWS, locale: "fr" });
		const embedsOf = () => (i.original?.embeds ?? []) as APIEmbed[];
		await discord.waitFor(() => embedsOf().length > 0);
		expect(embedsOf()[0]?.title).toBe("Live-Blogs, denen dieser Kanal folgt (1)");
	});
});
