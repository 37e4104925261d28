/**
 * What people read in Discord, as exact text through the real discord.js client, the real core and
 * the fakes: /follow channel: never follows another channel than the one picked, and the bot speaks
 * the channel's chosen language, else the language of the user's Discord client.
 */
import { type APIEmbed, ChannelType, PermissionFlagsBits } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay.js";
import type { Target } from "../../src/types.js";
import { type DiscordWorld, startDiscordRelay, startDiscordWorld } from "../discord-harness.js";
import type { DiscordFake, InteractionRecord } from "../fakes/discord-api.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";

const NEWS = "210000000000000001";
const DESK = "210000000000000002";
const at = (id: string): Target => ({ platform: "discord", id });

type Answer = Record<string, unknown> & { content?: string; embeds?: APIEmbed[] };

let world: DiscordWorld;
let discord: DiscordFake;
let site: LiveblogServer;
let relay: Relay;
let chosen: Map<string, string>;

beforeEach(async () => {
	world = await startDiscordWorld("discord-wording-", [
		{ id: NEWS, name: "news", type: ChannelType.GuildText },
		{ id: DESK, name: "desk", type: ChannelType.GuildText },
	]);
	({ discord, site } = world);
	site.setBlog(makeFakeBlog("war", 3, "Live: war"));
	chosen = new Map();
	({ relay } = await startDiscordRelay(discord, world.tmp.dir, {
		adapter: { localeOf: async (target) => chosen.get(target.id) },
	}));
});

afterEach(async () => {
	await world.close(relay);
});

/** The final visible answer of an interaction. */
function answerOf(i: InteractionRecord): Answer | undefined {
	const immediate = i.callbacks.find((c) => c.type === 4)?.data;
	const original = i.original && !i.original.deferred ? i.original : undefined;
	return (i.followups.at(-1) ?? immediate ?? original) as Answer | undefined;
}

async function answer(i: InteractionRecord): Promise<Answer | undefined> {
	await discord.waitFor(() => answerOf(i) !== undefined);
	return answerOf(i);
}

describe("/follow channel:", () => {
	it("says so when Discord sent the option without the channel, and follows nothing", async () => {
		const reply = await answer(
			discord.command(
				"follow",
				{ url: site.url("war"), channel: DESK },
				{ channelId: NEWS, omitResolved: true },
			),
		);
		expect(reply?.content).toBe(
			"Discord didn't tell me about the channel you picked, so I followed nothing. Pick the channel again, or run /follow in that channel.",
		);
		expect(await relay.core.blogsOf(at(NEWS))).toEqual([]);
		expect(await relay.core.blogsOf(at(DESK))).toEqual([]);
	});

	it("names the permission it lacks in the picked channel, not in this one", async () => {
		const reply = await answer(
			discord.command(
				"follow",
				{ url: site.url("war"), channel: DESK },
				{
					channelId: NEWS,
					appPermissions: PermissionFlagsBits.ViewChannel,
				},
			),
		);
		expect(reply?.content).toBe(
			`I can't post in <#${DESK}>: I need the Send Messages, Embed Links permissions there.`,
		);
		expect(await relay.core.blogsOf(at(NEWS))).toEqual([]);
		expect(await relay.core.blogsOf(at(DESK))).toEqual([]);
	});

	it("follows in the picked channel when it can", async () => {
		const reply = await answer(
			discord.command("follow", { url: site.url("war"), channel: DESK }, { channelId: NEWS }),
		);
		expect(reply?.content).toBe(
			`<#${DESK}> now follows **Live: war** <${site.url("war")}>. New entries will be posted as they appear.\nNewest entry:`,
		);
		expect(await relay.core.blogsOf(at(DESK))).toHaveLength(1);
		expect(await relay.core.blogsOf(at(NEWS))).toEqual([]);
	});
});

describe("the channel's language", () => {
	it("speaks the language of the user's Discord client when the channel chose none", async () => {
		const reply = await answer(
			discord.command("following", {}, { channelId: NEWS, locale: "es-ES" }),
		);
		expect(reply?.content).toBe(
			"Este canal aún no sigue ningún directo. Usa /follow url: para añadir uno.",
		);
	});

	it("prefers the channel's choice, and leaves entry text as it is", async () => {
		chosen.set(NEWS, "uk");
		await relay.core.commands.subscribe(at(NEWS), site.url("war"), { canManage: true });
		const reply = await answer(
			discord.command("latest", { count: 2 }, { channelId: NEWS, locale: "de" }),
		);
		expect(reply?.content).toBe(`2 найновіші дописи з **Live: war** <${site.url("war")}>`);
		expect(reply?.embeds?.map((e) => e.title)).toEqual(["Entry 3 headline", "Entry 2 headline"]);
		const refused = await answer(
			discord.command(
				"follow",
				{ url: site.url("war") },
				{ channelId: NEWS, permissions: PermissionFlagsBits.ViewChannel },
			),
		);
		expect(refused?.content).toBe(
			"Щоб змінювати, за якими трансляціями стежить цей канал, потрібен дозвіл «Керувати каналами».",
		);
	});

	it("registers each command's description in every language Discord shows", () => {
		const follow = (discord.commands.get("global") ?? []).find((c) => c.name === "follow");
		expect(follow?.description).toBe("Post every new entry of a live blog in this channel");
		expect(follow?.description_localizations).toEqual({
			de: "Jeden neuen Eintrag eines Live-Blogs in diesem Kanal posten",
			fr: "Publier chaque nouvelle entrée d’un direct dans ce salon",
			"es-ES": "Publicar cada entrada nueva de un directo en este canal",
			"es-419": "Publicar cada entrada nueva de un directo en este canal",
			uk: "Публікувати кожен новий допис трансляції в цьому каналі",
		});
		const thread = (follow?.options ?? []).find((o) => o.name === "thread");
		expect(thread?.description).toBe("Post this blog in its own thread (a forum: its own post)");
		expect(thread?.description_localizations?.de).toBe(
			"Diesen Blog in einem eigenen Thread posten (in einem Forum: eigener Beitrag)",
		);
		const names = (discord.commands.get("global") ?? []).map((c) => c.name);
		expect(names).toContain("settings");
	});
});
