/**
 * `/follow url thread:true` through the real discord.js client and the fake Discord API: a blog
 * gets its own thread (a forum: its own post), named after it; an archived thread is unarchived
 * before the next entry is posted.
 */
import { type APIEmbed, ChannelType, PermissionFlagsBits as P } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay.js";
import { parseSettingsArgs } from "../../src/settings/settings-args.js";
import { type DiscordWorld, startDiscordRelay, startDiscordWorld } from "../discord-harness.js";
import type { DiscordFake, InteractionRecord } from "../fakes/discord-api.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";

const NEWS = "200000000000000011";
const FORUM = "200000000000000016";
/** What the bot needs for threads: post, embed, make public threads and post in them. */
const THREAD_RIGHTS =
	P.ViewChannel | P.SendMessages | P.EmbedLinks | P.CreatePublicThreads | P.SendMessagesInThreads;

let world: DiscordWorld;
let discord: DiscordFake;
let site: LiveblogServer;
let relay: Relay;

beforeEach(async () => {
	world = await startDiscordWorld("discord-placement-", [
		{ id: NEWS, name: "news", type: ChannelType.GuildText },
		{ id: FORUM, name: "forum", type: ChannelType.GuildForum },
	]);
	({ discord, site } = world);
	site.setBlog(makeFakeBlog("war", 3, "Live: war"));
	site.setBlog({ slug: "article", title: "An article", entries: [], notLive: true });
	({ relay } = await startDiscordRelay(discord, world.tmp.dir));
});

afterEach(async () => {
	await world.close(relay);
});

async function finalAnswer(i: InteractionRecord) {
	await discord.waitFor(
		() => i.followups.length > 0 || (i.original !== undefined && !i.original.deferred),
	);
	return (i.followups.at(-1) ?? i.original) as { content?: string; flags?: number } | undefined;
}

describe("Discord placement: a thread per blog", () => {
	it("makes a thread named after the blog, posts there, and unarchives it when Discord archived it", async () => {
		const reply = await finalAnswer(
			discord.command(
				"follow",
				{ url: site.url("war"), thread: true },
				{ channelId: NEWS, appPermissions: THREAD_RIGHTS },
			),
		);
		const [thread] = [...discord.threads.values()];
		expect(thread?.parentId).toBe(NEWS);
		expect(thread?.name).toBe("Live: war");
		expect(reply?.content).toBe(
			`<#${thread?.id}> now follows **Live: war** <${site.url("war")}>. New entries will be posted there.`,
		);
		const blogs = await relay.core.blogsOf({ platform: "discord", id: thread?.id ?? "" });
		expect(blogs.map((b) => b.url)).toEqual([site.url("war")]);
		expect(await relay.core.blogsOf({ platform: "discord", id: NEWS })).toEqual([]);

		discord.archiveThread(thread?.id ?? "");
		site.addEntry("war", { id: "w1", headline: "Thread entry" });
		await relay.pollAll();
		await relay.idle();
		const bodies = discord.messagesIn(thread?.id ?? "") as { embeds: APIEmbed[] }[];
		expect(bodies.map((b) => b.embeds[0]?.title)).toEqual(["Thread entry"]);
		expect(thread?.archived).toBe(false);
		expect(discord.messagesIn(NEWS)).toHaveLength(0);
	});

	it("makes a deleted blog thread again once, moving the follow and its settings; deleted twice, the follow ends", async () => {
		await finalAnswer(
			discord.command(
				"follow",
				{ url: site.url("war"), thread: true },
				{ channelId: NEWS, appPermissions: THREAD_RIGHTS },
			),
		);
		const first = [...discord.threads.values()][0];
		const old = { platform: "discord" as const, id: first?.id ?? "" };
		const own = parseSettingsArgs("1 edits off");
		if (!own.ok) throw new Error("bad test command");
		await relay.core.settings?.run(old, { canManage: true }, own.request);
		discord.dispatchChannelDelete(old.id);
		site.addEntry("war", { id: "w3", headline: "After the deletion" });
		await relay.pollAll();
		await relay.idle();
		const remade = [...discord.threads.values()].find((t) => t.id !== old.id);
		expect(remade?.parentId).toBe(NEWS);
		expect(remade?.name).toBe("Live: war");
		const inRemade = discord.messagesIn(remade?.id ?? "") as {
			content?: string;
			embeds?: APIEmbed[];
		}[];
		expect(inRemade[0]?.content).toBe(
			"The thread of this live blog was deleted, so I made this new one; new entries are posted here.",
		);
		expect(inRemade.at(-1)?.embeds?.[0]?.title).toBe("After the deletion");
		const now = { platform: "discord" as const, id: remade?.id ?? "" };
		expect((await relay.core.blogsOf(now)).map((b) => b.url)).toEqual([site.url("war")]);
		expect(await relay.core.blogsOf(old)).toEqual([]);
		expect((await relay.core.settings?.view(now))?.blogs[0]?.settings.edits).toBe(false);
		// Deleted again: deliberate. The follow ends and no third thread is made.
		discord.dispatchChannelDelete(now.id);
		site.addEntry("war", { id: "w4", headline: "Nobody wants this" });
		await relay.pollAll();
		await relay.idle();
		expect(await relay.core.blogsOf(now)).toEqual([]);
		expect(discord.threads.size).toBe(2);
		expect(discord.messagesIn(NEWS)).toHaveLength(0);
	});

	it("makes a forum post per blog in a forum channel", async () => {
		const reply = await finalAnswer(
			discord.command(
				"follow",
				{ url: site.url("war"), channel: FORUM, thread: true },
				{ channelId: NEWS },
			),
		);
		const [post] = [...discord.threads.values()];
		expect(post?.parentId).toBe(FORUM);
		expect(post?.starter).toMatchObject({
			content: "New entries of this live blog are posted here.",
		});
		expect(reply?.content).toContain(`<#${post?.id}> now follows`);
		site.addEntry("war", { id: "w2", headline: "Forum entry" });
		await relay.pollAll();
		await relay.idle();
		expect(discord.messagesIn(post?.id ?? "")).toHaveLength(1);
	});

	it("refuses privately, making no thread, without the right to create threads", async () => {
		const reply = await finalAnswer(
			discord.command("follow", { url: site.url("war"), thread: true }, { channelId: NEWS }),
		);
		expect(reply?.content).toBe(
			`I can't make a thread in <#${NEWS}>: I need the Create Public Threads permission there.`,
		);
		expect(discord.threads.size).toBe(0);
	});

	it("deletes the new thread again when the page is not a live blog", async () => {
		const reply = await finalAnswer(
			discord.command(
				"follow",
				{ url: site.url("article"), thread: true },
				{ channelId: NEWS, appPermissions: THREAD_RIGHTS },
			),
		);
		expect(reply?.content).not.toContain("now follows");
		expect(discord.requests.some((r) => r.method === "POST" && r.path.endsWith("/threads"))).toBe(
			true,
		);
		expect(discord.threads.size).toBe(0);
	});
});
