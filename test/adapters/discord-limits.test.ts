/**
 * Abuse limits through the real discord.js client, the real core and the fake Discord: the server
 * (guild) is the owner its channels' follows count against, commands are rate-limited per user and
 * per channel with one private notice, and the operator's allow-lists refuse everyone else.
 */
import { ChannelType, MessageFlags } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NOT_ALLOWED, SLOW_DOWN } from "../../adapters/discord/commands.js";
import type { Relay } from "../../src/relay/relay.js";
import { type DiscordWorld, startDiscordRelay, startDiscordWorld } from "../discord-harness.js";
import type { DiscordFake, InteractionRecord } from "../fakes/discord-api.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";

const NEWS = "300000000000000001";
const DESK = "300000000000000002";
const SPORT = "300000000000000003";

let world: DiscordWorld;
let discord: DiscordFake;
let site: LiveblogServer;
let relay: Relay | undefined;
let clock: number;

beforeEach(async () => {
	world = await startDiscordWorld("discord-limits-", [
		{ id: NEWS, name: "news", type: ChannelType.GuildText },
		{ id: DESK, name: "desk", type: ChannelType.GuildText },
		{ id: SPORT, name: "sport", type: ChannelType.GuildText },
	]);
	({ discord, site } = world);
	for (const slug of ["war", "vote", "match"]) site.setBlog(makeFakeBlog(slug, 2, `Live: ${slug}`));
	clock = Date.UTC(2025, 0, 1, 12, 0, 0);
	relay = undefined;
});

afterEach(async () => {
	await world.close(relay);
});

/** A relay on the test's clock; `env` adds settings (allow-lists, limits). */
async function startRelay(env: Record<string, string> = {}): Promise<Relay> {
	({ relay } = await startDiscordRelay(discord, world.tmp.dir, {
		env,
		relay: { now: () => clock },
	}));
	return relay;
}

/** The final visible answer of an interaction (follow-up, immediate reply or edited original). */
function answerOf(i: InteractionRecord): Record<string, unknown> | undefined {
	const immediate = i.callbacks.find((c) => c.type === 4)?.data;
	const original = i.original && !i.original.deferred ? i.original : undefined;
	return i.followups.at(-1) ?? immediate ?? original;
}

async function answer(
	i: InteractionRecord,
): Promise<Record<string, unknown> & { content?: string }> {
	await discord.waitFor(() => answerOf(i) !== undefined);
	return answerOf(i) as Record<string, unknown> & { content?: string };
}

const isEphemeral = (a: Record<string, unknown>) =>
	((Number(a.flags) || 0) & MessageFlags.Ephemeral) !== 0;

describe("Discord: per-server limits", () => {
	it("counts every channel of a server against the server's allowance", async () => {
		await startRelay({ MAX_BLOGS_PER_OWNER: "2" });
		const follow = (url: string, channelId: string) =>
			answer(discord.command("follow", { url }, { channelId }));
		expect((await follow(site.url("war"), NEWS)).content).toMatch(/now follows/);
		expect((await follow(site.url("vote"), DESK)).content).toMatch(/now follows/);
		const refused = await follow(site.url("match"), SPORT);
		expect(refused.content).toContain(
			"This server's channels already follow the most live blogs allowed (2). Unfollow one first.",
		);
		expect(isEphemeral(refused)).toBe(true);
		// A blog the server already follows in another channel costs nothing more.
		expect((await follow(site.url("war"), SPORT)).content).toMatch(/now follows/);
		expect(
			(await relay?.core.blogsOf({ platform: "discord", id: SPORT }))?.map((b) => b.url),
		).toEqual([site.url("war")]);
	});
});

describe("Discord: command limits", () => {
	it("answers a user's first commands, says 'slow down' once, privately, then does not answer", async () => {
		await startRelay({ COMMANDS_PER_USER_PER_MINUTE: "2" });
		const ask = () =>
			discord.command("following", {}, { channelId: NEWS, userId: "700000000000000009" });
		const answered = [await answer(ask()), await answer(ask())];
		for (const a of answered) expect(a.content).toMatch(/doesn't follow any live blog yet/);
		const notice = await answer(ask());
		expect(notice.content).toBe(SLOW_DOWN);
		expect(isEphemeral(notice)).toBe(true);
		const ignored = ask();
		// Another user's command in the same channel is admitted in order after the ignored one.
		await answer(
			discord.command("following", {}, { channelId: NEWS, userId: "700000000000000010" }),
		);
		expect(ignored.callbacks).toEqual([]);
		clock += 61_000;
		expect((await answer(ask())).content).toMatch(/doesn't follow any live blog yet/);
	});

	it("refuses servers and channels outside ALLOWED_CHATS, and lets ALLOWED_USERS in anywhere", async () => {
		await startRelay({ ALLOWED_CHATS: NEWS, ALLOWED_USERS: "700000000000000042" });
		const inNews = await answer(discord.command("following", {}, { channelId: NEWS }));
		expect(inNews.content).toMatch(/doesn't follow any live blog yet/);
		const inDesk = await answer(
			discord.command("follow", { url: site.url("war") }, { channelId: DESK }),
		);
		expect(inDesk.content).toBe(NOT_ALLOWED);
		expect(isEphemeral(inDesk)).toBe(true);
		expect(site.requests).toHaveLength(0);
		const trusted = await answer(
			discord.command(
				"follow",
				{ url: site.url("war") },
				{ channelId: DESK, userId: "700000000000000042" },
			),
		);
		expect(trusted.content).toMatch(/now follows/);
	});

	it("treats the server id in ALLOWED_CHATS as allowing all its channels", async () => {
		await startRelay({ ALLOWED_CHATS: discord.guildId });
		const reply = await answer(discord.command("following", {}, { channelId: SPORT }));
		expect(reply.content).toMatch(/doesn't follow any live blog yet/);
	});
});
