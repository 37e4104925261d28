/**
 * The real discord.js client and the real core against loopback fakes of Discord and of a live-blog
 * site. Assertions are on what went over the wire.
 */
import { type APIEmbed, ChannelType, Events, MessageFlags, PermissionFlagsBits } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createSilentLogger } from "../../src/log.js";
import { OUTAGE_NOTICE_AFTER_MS } from "../../src/relay/lifecycle.js";
import type { Relay } from "../../src/relay/relay.js";
import { DeliveryFailureRepo } from "../../src/store/delivery-failures.js";
import { KEYS } from "../../src/store/keys.js";
import type { Target } from "../../src/types.js";
import { type DiscordWorld, startDiscordRelay, startDiscordWorld } from "../discord-harness.js";
import {
	type DiscordFake,
	type InteractionRecord,
	MEMBER_PERMISSIONS,
} from "../fakes/discord-api.js";
import { type LiveblogServer, makeFakeBlog, renderBlog } from "../fakes/liveblog-server.js";
import { ADAPTER_ONLY_CORE } from "../harness.js";
import { waitFor } from "../helpers.js";

const NEWS = "200000000000000001";
const DESK = "200000000000000002";
const WIRE = "200000000000000003";
const THREAD = "200000000000000004";
const OTHER = "200000000000000005";
const FORUM = "200000000000000006";
const admin = { canManage: true };
const at = (id: string): Target => ({ platform: "discord", id });
const EPHEMERAL = MessageFlags.Ephemeral;

/** The final visible answer of an interaction: a follow-up, an immediate reply or the edited original. */
function answerOf(
	i: InteractionRecord,
):
	| (Record<string, unknown> & { content?: string; embeds?: APIEmbed[]; flags?: number })
	| undefined {
	const immediate = i.callbacks.find((c) => c.type === 4)?.data;
	const original = i.original && !i.original.deferred ? i.original : undefined;
	return i.followups.at(-1) ?? immediate ?? original;
}
const isEphemeral = (answer: { flags?: number } | undefined) =>
	((answer?.flags ?? 0) & EPHEMERAL) !== 0;
const titlesIn = (bodies: Record<string, unknown>[]) =>
	bodies.flatMap((b) => (b.embeds as APIEmbed[]).map((e) => e.title));

describe("Discord adapter: real discord.js and the real core against fakes", () => {
	let world: DiscordWorld;
	let discord: DiscordFake;
	let site: LiveblogServer;
	let relays: Relay[];

	beforeEach(async () => {
		world = await startDiscordWorld("discord-test-", [
			{ id: NEWS, name: "news", type: ChannelType.GuildText },
			{ id: DESK, name: "desk", type: ChannelType.GuildText },
			{ id: WIRE, name: "wire", type: ChannelType.GuildAnnouncement },
			{ id: THREAD, name: "election-thread", type: ChannelType.PublicThread, parentId: NEWS },
			{ id: OTHER, name: "other", type: ChannelType.GuildText },
			{ id: FORUM, name: "forum", type: ChannelType.GuildForum },
		]);
		({ discord, site } = world);
		site.setBlog(makeFakeBlog("war", 3, "Live: war"));
		site.setBlog(makeFakeBlog("vote", 2, "Live: vote"));
		relays = [];
	});
	afterEach(async () => {
		await world.close(...relays);
	});

	/** A relay over the test's store (a second one restarts on it); `env` adds settings. */
	async function startRelay(env: Record<string, string> = {}, now?: () => number) {
		const started = await startDiscordRelay(discord, world.tmp.dir, {
			env,
			relay: now ? { now } : {},
		});
		relays.push(started.relay);
		return started;
	}

	/** Sends an interaction and resolves with its final visible answer. */
	async function answer(i: InteractionRecord) {
		await discord.waitFor(() => answerOf(i) !== undefined || i.callbacks.some((c) => c.type === 8));
		return answerOf(i);
	}

	async function follow(relay: Relay, slug: string, ...channels: string[]) {
		for (const id of channels) {
			const reply = await relay.core.commands.subscribe(at(id), site.url(slug), admin);
			expect(reply.kind).toBe("subscribed");
		}
	}

	async function pollAndDeliver(relay: Relay) {
		await relay.pollAll();
		await relay.idle();
	}

	describe("connection", () => {
		it("identifies with the Guilds intent, registers the five commands globally and keeps a heartbeat", async () => {
			const { adapter } = await startRelay();
			const commands = discord.commands.get("global") ?? [];
			expect(commands.map((c) => c.name)).toEqual([
				"follow",
				"unfollow",
				"following",
				"latest",
				"settings",
			]);
			const followCommand = commands.find((c) => c.name === "follow");
			expect(followCommand?.default_member_permissions).toBe(
				String(PermissionFlagsBits.ManageChannels),
			);
			expect(followCommand?.contexts).toEqual([0]);
			expect(commands.find((c) => c.name === "following")?.default_member_permissions).toBeNull();
			expect(discord.gateway.identifies).toBe(1);
			await discord.waitFor(() => discord.gateway.heartbeats >= 2);
			expect(adapter.client.isReady()).toBe(true);
			expect(adapter.client.guilds.cache.get(discord.guildId)?.channels.cache.has(NEWS)).toBe(true);
		});

		it("registers the commands in one guild when DISCORD_GUILD_ID is set", async () => {
			await startRelay({ DISCORD_GUILD_ID: discord.guildId });
			expect(discord.commands.has("global")).toBe(false);
			expect(discord.commands.get(discord.guildId)?.map((c) => c.name)).toHaveLength(5);
		});

		it("fails to start with a clear error when the token is wrong", async () => {
			const adapter = createDiscordAdapter({
				token: "wrong",
				apiRoot: discord.apiRoot,
				log: createSilentLogger(),
			});
			await expect(adapter.start(ADAPTER_ONLY_CORE)).rejects.toThrow(/invalid token/i);
			await adapter.stop();
			await adapter.stop();
		});
	});

	describe("/follow", () => {
		it("makes the channel follow the blog and answers publicly with the title and newest entry", async () => {
			const { relay } = await startRelay();
			const i = discord.command("follow", { url: site.url("war") }, { channelId: NEWS });
			const reply = await answer(i);
			expect(i.callbacks[0]).toEqual({ type: 5, data: { flags: 0 } });
			expect(isEphemeral(reply)).toBe(false);
			expect(reply?.content).toBe(
				`This channel now follows **Live: war** <${site.url("war")}>. New entries will be posted as they appear.\nNewest entry:`,
			);
			expect(reply?.embeds?.[0]?.title).toBe("Entry 3 headline");
			expect(reply?.allowed_mentions).toEqual({ parse: [] });
			expect((await relay.core.blogsOf(at(NEWS))).map((b) => b.url)).toEqual([site.url("war")]);

			const again = await answer(
				discord.command("follow", { url: site.url("war") }, { channelId: NEWS }),
			);
			expect(again?.content).toMatch(/^This channel already follows \*\*Live: war\*\*/);
		});

		it("can make another channel, such as a thread, follow", async () => {
			const { relay } = await startRelay();
			const reply = await answer(
				discord.command("follow", { url: site.url("war"), channel: THREAD }, { channelId: NEWS }),
			);
			expect(reply?.content).toMatch(new RegExp(`^<#${THREAD}> now follows`));
			expect(await relay.core.blogsOf(at(THREAD))).toHaveLength(1);
			expect(await relay.core.blogsOf(at(NEWS))).toHaveLength(0);
		});

		it("refuses members without Manage Channels, privately and through the core", async () => {
			const { relay } = await startRelay();
			const i = discord.command(
				"follow",
				{ url: site.url("war") },
				{ channelId: NEWS, permissions: MEMBER_PERMISSIONS },
			);
			const reply = await answer(i);
			expect(i.callbacks[0]).toEqual({ type: 5, data: { flags: EPHEMERAL } });
			expect(reply?.content).toBe(
				"You need the Manage Channels permission to change the live blogs this channel follows.",
			);
			expect(await relay.core.blogsOf(at(NEWS))).toEqual([]);
		});

		it("refuses in direct messages", async () => {
			await startRelay();
			const i = discord.command(
				"follow",
				{ url: site.url("war") },
				{ channelId: "300000000000000001", dm: true },
			);
			const reply = await answer(i);
			expect(i.callbacks[0]?.type).toBe(4);
			expect(isEphemeral(reply)).toBe(true);
			expect(reply?.content).toBe(
				"These commands work in server channels, not in direct messages.",
			);
		});

		it.each([
			["a bad URL", () => "not a url", "That doesn't look like a web address I can watch."],
			[
				"a page that is not a live blog",
				() => site.url("article"),
				"I couldn't find live updates on that page",
			],
			[
				"a page the site does not have",
				() => site.url("missing"),
				"That page doesn't exist on the site. Check the address.",
			],
		])("refuses %s privately, replacing the public placeholder", async (_name, url, text) => {
			site.setBlog({ slug: "article", title: "Just news", entries: [], notLive: true });
			const { relay } = await startRelay();
			const i = discord.command("follow", { url: url() }, { channelId: NEWS });
			const reply = await answer(i);
			expect(i.deleted).toBe(true);
			expect(isEphemeral(reply)).toBe(true);
			expect(reply?.content).toContain(text);
			expect(await relay.core.blogsOf(at(NEWS))).toEqual([]);
		});

		it("refuses channels the bot could not post updates in", async () => {
			await startRelay();
			const noEmbeds = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
			const reply = await answer(
				discord.command(
					"follow",
					{ url: site.url("war") },
					{ channelId: NEWS, appPermissions: noEmbeds },
				),
			);
			expect(reply?.content).toBe(
				`I can't post in <#${NEWS}>: I need the Embed Links permission there.`,
			);
			expect(isEphemeral(reply)).toBe(true);
			const forum = await answer(
				discord.command("follow", { url: site.url("war") }, { channelId: FORUM }),
			);
			expect(forum?.content).toBe(
				"I can only post in text channels, announcement channels and threads.",
			);
		});
	});

	describe("/unfollow, /following, /latest", () => {
		it("autocompletes the channel's blogs and unfollows the chosen one publicly", async () => {
			const { relay } = await startRelay();
			await follow(relay, "war", NEWS);
			await follow(relay, "vote", NEWS);
			const ac = discord.autocomplete("unfollow", { url: "VOT" }, "url", { channelId: NEWS });
			await answer(ac);
			const host = new URL(site.origin).host;
			expect(ac.callbacks[0]).toEqual({
				type: 8,
				data: { choices: [{ name: `Live: vote — ${host}/vote`, value: site.url("vote") }] },
			});

			const reply = await answer(
				discord.command("unfollow", { url: site.url("vote") }, { channelId: NEWS }),
			);
			expect(reply?.content).toBe(
				`This channel no longer follows **Live: vote** <${site.url("vote")}>.`,
			);
			expect(isEphemeral(reply)).toBe(false);
			expect((await relay.core.blogsOf(at(NEWS))).map((b) => b.title)).toEqual(["Live: war"]);

			const refused = await answer(
				discord.command("unfollow", { url: site.url("vote") }, { channelId: NEWS }),
			);
			expect(refused?.content).toMatch(
				/^That live blog isn't followed here\.\n• \*\*Live: war\*\*/,
			);
			expect(isEphemeral(refused)).toBe(true);
		});

		it("lists the channel's blogs privately, with unreachable and ended ones marked", async () => {
			const ended = renderBlog(makeFakeBlog("ended", 2, "Live: ended"), site.origin).replace(
				'"@type":"LiveBlogPosting",',
				'"@type":"LiveBlogPosting","coverageEndTime":"2020-01-01T00:00:00.000Z",',
			);
			site.setRaw("/ended", ended);
			const { relay } = await startRelay();
			await follow(relay, "war", NEWS);
			await follow(relay, "vote", NEWS);
			await follow(relay, "ended", NEWS);
			site.blog("vote").failNext = { status: 503, count: 100 };
			for (let n = 0; n < 3; n++) await relay.pollAll();

			const i = discord.command("following", {}, { channelId: NEWS });
			const reply = await answer(i);
			expect(isEphemeral(reply)).toBe(true);
			const lines = reply?.embeds?.[0]?.description?.split("\n") ?? [];
			expect(reply?.embeds?.[0]?.title).toBe("Live blogs this channel follows (3)");
			expect(lines[0]).toBe(`1. **Live: war** <${site.url("war")}>`);
			expect(lines[1]).toMatch(
				new RegExp(
					`^2\\. \\*\\*Live: vote\\*\\* <${site.url("vote")}> — unreachable since <t:\\d+:f> \\(<t:\\d+:R>\\)$`,
				),
			);
			expect(lines[2]).toBe(`3. **Live: ended** <${site.url("ended")}> — ended`);

			const empty = await answer(discord.command("following", {}, { channelId: OTHER }));
			expect(empty?.content).toMatch(/^This channel doesn't follow any live blog yet/);
		});

		it("shows the newest entries as embeds, of the only blog when no URL is given", async () => {
			const { relay } = await startRelay();
			await follow(relay, "war", NEWS);
			const three = await answer(discord.command("latest", {}, { channelId: NEWS }));
			expect(isEphemeral(three)).toBe(true);
			expect(three?.content).toBe(`The newest 3 entries from **Live: war** <${site.url("war")}>`);
			expect(three?.embeds?.map((e) => e.title)).toEqual([
				"Entry 3 headline",
				"Entry 2 headline",
				"Entry 1 headline",
			]);
			expect(three?.embeds?.[0]?.footer?.text).toBe("Live: war · 127.0.0.1");

			const one = await answer(
				discord.command("latest", { url: site.url("war"), count: 1 }, { channelId: NEWS }),
			);
			expect(one?.embeds?.map((e) => e.title)).toEqual(["Entry 3 headline"]);

			await follow(relay, "vote", NEWS);
			const which = await answer(discord.command("latest", {}, { channelId: NEWS }));
			expect(which?.content).toBe(
				[
					"Several live blogs are followed here; say which one.",
					`• **Live: war** <${site.url("war")}>`,
					`• **Live: vote** <${site.url("vote")}>`,
				].join("\n"),
			);
			const byNumber = await answer(
				discord.command("latest", { url: "2", count: 10 }, { channelId: NEWS }),
			);
			// Ten asked, two there: said once, as what it is.
			expect(byNumber?.content).toBe(
				`All 2 entries so far from **Live: vote** <${site.url("vote")}>`,
			);
			expect(byNumber?.embeds?.map((e) => e.title)).toEqual([
				"Entry 2 headline",
				"Entry 1 headline",
			]);
		});
	});

	describe("delivery", () => {
		it("posts a new entry once to each following channel and not to one following another blog", async () => {
			const { relay } = await startRelay();
			await follow(relay, "war", NEWS, WIRE, THREAD);
			await follow(relay, "vote", OTHER);
			site.addEntry("war", {
				id: "e4",
				headline: "**Ceasefire** @everyone <@123>",
				body: "Talks [resume](https://evil.example) today. More soon.",
			});
			await pollAndDeliver(relay);

			for (const id of [NEWS, WIRE, THREAD]) {
				const bodies = discord.messagesIn(id);
				expect(bodies).toHaveLength(1);
				const body = bodies[0] as { embeds: APIEmbed[]; allowed_mentions: unknown };
				expect(body.allowed_mentions).toEqual({ parse: [] });
				expect(body.embeds).toHaveLength(1);
				expect(body.embeds[0]).toMatchObject({
					title: "\\*\\*Ceasefire\\*\\* @everyone \\<@123>",
					url: `${site.url("war")}#e4`,
					description: "Talks \\[resume](https://evil.example) today. More soon.",
					footer: { text: "Live: war · 127.0.0.1" },
					timestamp: expect.stringMatching(/^2024-09-11T08:\d\d:00\.000Z$/),
				});
			}
			expect(discord.messagesIn(OTHER)).toEqual([]);
			await pollAndDeliver(relay);
			expect(discord.messages).toHaveLength(3);
		});

		it("posts outage and recovery notices as plain text with the blog's link", async () => {
			let clock = Date.now();
			const { relay } = await startRelay({}, () => clock);
			await follow(relay, "war", NEWS, WIRE);
			site.blog("war").failNext = { status: 503, count: 1000 };
			await relay.pollAll();
			clock += OUTAGE_NOTICE_AFTER_MS + 60_000;
			await pollAndDeliver(relay);
			site.blog("war").failNext = undefined;
			clock += 60_000;
			await pollAndDeliver(relay);
			for (const id of [NEWS, WIRE]) {
				const bodies = discord.messagesIn(id);
				expect(bodies.map((b) => b.content)).toEqual([
					expect.stringMatching(
						new RegExp(
							`^I can't reach the live blog “Live: war” since <t:\\d+:f>\\. I'll keep trying and post any entries I missed once it is back\\.\n<${site.url("war")}>$`,
						),
					),
					`The live blog “Live: war” is reachable again.\n<${site.url("war")}>`,
				]);
				expect(bodies.every((b) => JSON.stringify(b.allowed_mentions) === '{"parse":[]}')).toBe(
					true,
				);
			}
		});

		it("waits out a 429 and delivers the message once", async () => {
			const { relay } = await startRelay();
			await follow(relay, "war", NEWS, WIRE);
			discord.failNext(`POST /channels/${NEWS}/messages`, { status: 429, retryAfter: 0.05 });
			discord.failNext(`POST /channels/${WIRE}/messages`, {
				status: 429,
				retryAfter: 0.05,
				global: true,
			});
			site.addEntry("war", { id: "e4" });
			await pollAndDeliver(relay);
			for (const id of [NEWS, WIRE]) {
				const attempts = discord.requests.filter((r) => r.path === `/channels/${id}/messages`);
				expect(attempts.map((r) => r.status)).toEqual([429, 200]);
				expect(titlesIn(discord.messagesIn(id))).toEqual(["Headline e4"]);
			}
		});

		it("pauses a channel answering Missing Access, keeps its follows, and delivers once access is back", async () => {
			let clock = Date.now();
			const first = await startRelay({}, () => clock);
			await follow(first.relay, "war", NEWS, DESK, WIRE);
			discord.failNext(`POST /channels/${DESK}/messages`, {
				status: 403,
				code: 50001,
				message: "Missing Access",
			});
			site.addEntry("war", { id: "e4" });
			await first.relay.pollAll();
			// The paused channel is retried a minute later, so idle() would wait for it: watch the wire.
			await discord.waitFor(
				() =>
					discord.requests.some(
						(r) => r.path === `/channels/${DESK}/messages` && r.status === 403,
					) &&
					discord.messagesIn(NEWS).length === 1 &&
					discord.messagesIn(WIRE).length === 1,
			);
			await first.relay.stop();
			expect(discord.messagesIn(DESK)).toEqual([]);

			clock += 10 * 60_000; // Past the pause; a restart picks the delivery up from the store.
			const second = await startRelay({}, () => clock);
			await second.relay.idle();
			expect((await second.relay.core.blogsOf(at(DESK))).map((b) => b.title)).toEqual([
				"Live: war",
			]);
			expect(titlesIn(discord.messagesIn(DESK))).toEqual(["Headline e4"]);
			expect(titlesIn(discord.messagesIn(NEWS))).toEqual(["Headline e4"]);
			expect(titlesIn(discord.messagesIn(WIRE))).toEqual(["Headline e4"]);
		});

		it("drops the follows of a channel still answering Missing Access a day later", async () => {
			let clock = Date.now();
			const first = await startRelay({}, () => clock);
			await follow(first.relay, "war", NEWS, DESK);
			discord.failNext(`POST /channels/${DESK}/messages`, {
				status: 403,
				code: 50013,
				message: "Missing Permissions",
				times: 2,
			});
			site.addEntry("war", { id: "e4" });
			await first.relay.pollAll();
			await discord.waitFor(
				() =>
					discord.requests.some(
						(r) => r.path === `/channels/${DESK}/messages` && r.status === 403,
					) && discord.messagesIn(NEWS).length === 1,
			);
			await first.relay.stop();

			clock += 25 * 60 * 60_000;
			const second = await startRelay({}, () => clock);
			await second.relay.idle();
			expect(await second.relay.core.blogsOf(at(DESK))).toEqual([]);
			expect(discord.messagesIn(DESK)).toEqual([]);
			expect(discord.requests.filter((r) => r.path === `/channels/${DESK}/messages`)).toHaveLength(
				2,
			);

			site.addEntry("war", { id: "e5" });
			await pollAndDeliver(second.relay);
			expect(titlesIn(discord.messagesIn(NEWS))).toEqual(["Headline e4", "Headline e5"]);
			expect(discord.requests.filter((r) => r.path === `/channels/${DESK}/messages`)).toHaveLength(
				2,
			);
		});

		it("drops the follows of a deleted channel (Unknown Channel)", async () => {
			const { relay } = await startRelay();
			await follow(relay, "war", NEWS, DESK);
			discord.deleteChannel(DESK);
			site.addEntry("war", { id: "e4" });
			await pollAndDeliver(relay);
			expect(await relay.core.blogsOf(at(DESK))).toEqual([]);
			expect(titlesIn(discord.messagesIn(NEWS))).toEqual(["Headline e4"]);
			// Why, as data: the status page reads it.
			expect(await new DeliveryFailureRepo(relay.store).list(`discord:${DESK}`)).toMatchObject([
				{ status: "gone", entryId: "e4", reason: expect.stringContaining("Unknown Channel") },
			]);
		});

		it("completes deliveries once across a gateway reconnect, which resumes the session", async () => {
			const { relay } = await startRelay();
			await follow(relay, "war", NEWS, WIRE, THREAD);
			const held = discord.hold(`POST /channels/${NEWS}/messages`);
			site.addEntry("war", { id: "e4" });
			await relay.pollAll();
			const release = await held;
			discord.dropGateway(4000);
			await discord.waitFor(
				() => discord.gateway.resumes === 1 && discord.gateway.socket !== undefined,
			);
			release();
			await relay.idle();
			site.addEntry("war", { id: "e5" });
			await pollAndDeliver(relay);

			for (const id of [NEWS, WIRE, THREAD]) {
				expect(titlesIn(discord.messagesIn(id))).toEqual(["Headline e4", "Headline e5"]);
			}
			expect(discord.gateway.identifies).toBe(1);
			const reply = await answer(discord.command("following", {}, { channelId: NEWS }));
			expect(reply?.embeds?.[0]?.title).toBe("Live blogs this channel follows (1)");
		});

		it("after a restart in the middle of a fan-out, each channel has the entry once (one repeat where Discord's answer was lost)", async () => {
			const first = await startRelay();
			await follow(first.relay, "war", NEWS, DESK, WIRE, THREAD, OTHER);
			const held = discord.hold(`POST /channels/${WIRE}/messages`);
			// DESK fails (5xx, after discord.js's own 3 retries), so its delivery is still pending at stop.
			discord.failNext(`POST /channels/${DESK}/messages`, { status: 503, times: 8 });
			// THREAD: Discord stores the message but answers 500; discord.js retries: the one allowed repeat.
			discord.failNext(`POST /channels/${THREAD}/messages`, { status: 500, accept: true });
			site.addEntry("war", { id: "e4" });
			await first.relay.pollAll();
			const release = await held;
			await discord.waitFor(
				() =>
					discord.requests.filter(
						(r) => r.path === `/channels/${DESK}/messages` && r.status === 503,
					).length >= 4 &&
					discord.messagesIn(NEWS).length === 1 &&
					discord.messagesIn(OTHER).length === 1 &&
					discord.messagesIn(THREAD).length === 2,
			);
			const stopping = first.relay.stop();
			release();
			await stopping;
			expect(discord.messagesIn(DESK)).toEqual([]);

			discord.clearFailures();
			const second = await startRelay();
			await second.relay.idle();
			const counts = Object.fromEntries(
				[NEWS, DESK, WIRE, THREAD, OTHER].map((id) => [id, titlesIn(discord.messagesIn(id))]),
			);
			expect(counts).toEqual({
				[NEWS]: ["Headline e4"],
				[DESK]: ["Headline e4"],
				[WIRE]: ["Headline e4"],
				[THREAD]: ["Headline e4", "Headline e4"],
				[OTHER]: ["Headline e4"],
			});
			await pollAndDeliver(second.relay);
			expect(discord.messages).toHaveLength(6);
		});
	});

	describe("channels, threads and servers going away", () => {
		const failuresOf = (relay: Relay, id: string) =>
			new DeliveryFailureRepo(relay.store).list(`discord:${id}`);
		const titlesFollowed = async (relay: Relay, id: string) =>
			(await relay.core.blogsOf(at(id))).map((b) => b.title);

		it("forgets a deleted channel and its threads at once, not at the next post", async () => {
			const { relay } = await startRelay();
			await follow(relay, "war", NEWS, THREAD, DESK);
			await follow(relay, "vote", NEWS);
			discord.dispatchChannelDelete(NEWS);
			await waitFor(
				async () =>
					(await titlesFollowed(relay, NEWS)).length === 0 &&
					(await titlesFollowed(relay, THREAD)).length === 0,
				"the deleted channel and its thread forgotten",
				30_000,
			);
			expect(await titlesFollowed(relay, DESK)).toEqual(["Live: war"]);
			// "vote" was followed only there: it is no longer watched.
			expect(await relay.store.get<string[]>(KEYS.blogIndex())).toHaveLength(1);
			expect(await failuresOf(relay, NEWS)).toMatchObject([
				{ status: "gone", reason: "channel deleted" },
			]);

			site.addEntry("war", { id: "e4" });
			await pollAndDeliver(relay);
			expect(titlesIn(discord.messagesIn(DESK))).toEqual(["Headline e4"]);
			// Nothing was even tried there: the channel was forgotten before the entry came.
			expect(discord.requests.filter((r) => r.path === `/channels/${NEWS}/messages`)).toEqual([]);
		});

		it("forgets a deleted thread and keeps its parent channel", async () => {
			const { relay } = await startRelay();
			await follow(relay, "war", NEWS, THREAD);
			discord.dispatchChannelDelete(THREAD);
			await waitFor(
				async () => (await titlesFollowed(relay, THREAD)).length === 0,
				"the deleted thread forgotten",
				30_000,
			);
			expect(await titlesFollowed(relay, NEWS)).toEqual(["Live: war"]);
			expect(await failuresOf(relay, THREAD)).toMatchObject([
				{ status: "gone", reason: "thread deleted" },
			]);
		});

		it("forgets every channel of a server the bot was removed from, and the blogs only they followed", async () => {
			const { relay } = await startRelay();
			await follow(relay, "war", NEWS, DESK, THREAD);
			await follow(relay, "vote", WIRE);
			discord.dispatchGuildDelete();
			await waitFor(
				async () => ((await relay.store.get<string[]>(KEYS.blogIndex())) ?? []).length === 0,
				"both blogs no longer watched",
				30_000,
			);
			for (const id of [NEWS, DESK, THREAD, WIRE])
				expect(await titlesFollowed(relay, id)).toEqual([]);
			expect(await failuresOf(relay, WIRE)).toMatchObject([
				{ status: "gone", reason: "removed from the server" },
			]);
			// Channels that followed nothing leave no record.
			expect(await failuresOf(relay, OTHER)).toEqual([]);
		});

		it("keeps every follow when a server only becomes unavailable (an outage)", async () => {
			const { relay, adapter } = await startRelay();
			await follow(relay, "war", NEWS, DESK);
			const unavailable = new Promise((resolve) =>
				adapter.client.once(Events.GuildUnavailable, resolve),
			);
			discord.dispatchGuildDelete({ unavailable: true });
			await unavailable;
			// A later deletion in the same server is processed: the outage event was seen and ignored.
			discord.dispatchChannelDelete(DESK);
			await waitFor(
				async () => (await titlesFollowed(relay, DESK)).length === 0,
				"the deleted channel forgotten",
				30_000,
			);
			expect(await titlesFollowed(relay, NEWS)).toEqual(["Live: war"]);
			expect(await failuresOf(relay, NEWS)).toEqual([]);
		});
	});

	describe("post() on its own", () => {
		const update = {
			kind: "new" as const,
			blogUrl: "https://news.example/live",
			blogTitle: "Live",
			entryId: "e1",
			entryUrl: "https://news.example/live#e1",
			headline: "Hello",
			summary: "World.",
			publishedAt: new Date("2024-09-11T08:00:00Z"),
		};
		const adapterFor = () =>
			createDiscordAdapter({
				token: discord.token,
				apiRoot: discord.apiRoot,
				log: createSilentLogger(),
			});

		it("delivers over REST without a gateway connection and returns the message id", async () => {
			const adapter = adapterFor();
			const result = await adapter.post(at(NEWS), update);
			expect(result).toEqual({ status: "delivered", messageId: discord.messages[0]?.id });
			expect(discord.gateway.connections).toBe(0);
			expect(discord.requests[0]?.authorization).toBe(`Bot ${discord.token}`);
			await adapter.stop();
		});

		it("hands a long rate limit back as rate-limited instead of waiting", async () => {
			const adapter = adapterFor();
			discord.failNext(`POST /channels/${NEWS}/messages`, { status: 429, retryAfter: 60 });
			const result = await adapter.post(at(NEWS), update);
			expect(result.status).toBe("rate-limited");
			expect(result.status === "rate-limited" && result.retryAfterMs).toBeGreaterThanOrEqual(
				60_000,
			);
			expect(discord.messages).toEqual([]);
			expect(await adapter.post(at(NEWS), update)).toMatchObject({ status: "delivered" });
		});

		it("reports a 5xx that outlasts discord.js's retries as failed", async () => {
			const adapter = adapterFor();
			discord.failNext(`POST /channels/${NEWS}/messages`, { status: 502, times: 4 });
			expect(await adapter.post(at(NEWS), update)).toMatchObject({ status: "failed" });
			expect(discord.requests.map((r) => r.status)).toEqual([502, 502, 502, 502]);
		});

		it("on stop, answers sends still waiting for their turn as failed, so they stay queued", async () => {
			const adapter = createDiscordAdapter({
				token: discord.token,
				apiRoot: discord.apiRoot,
				log: createSilentLogger(),
				postsPerSecond: 0.001,
			});
			expect(await adapter.post(at(NEWS), update)).toMatchObject({ status: "delivered" });
			const waiting = adapter.post(at(DESK), update);
			await adapter.stop();
			expect(await waiting).toEqual({
				status: "failed",
				reason: "The Discord adapter stopped before this message was sent",
			});
			expect(discord.messages.map((m) => m.channel_id)).toEqual([NEWS]);
		});

		it("reports an unreachable API as failed", async () => {
			const adapter = createDiscordAdapter({
				token: "t",
				apiRoot: "http://127.0.0.1:9/api",
				log: createSilentLogger(),
			});
			expect(await adapter.post(at(NEWS), update)).toMatchObject({ status: "failed" });
		});
	});
});
