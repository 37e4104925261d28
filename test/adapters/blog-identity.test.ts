/**
 * Issue 10 §1: a page may only speak for its own site. A Telegram group and a Discord channel follow
 * a real blog (http://real-news.test); a stranger in a private Telegram chat subscribes hostile pages
 * that name that blog as their canonical URL. The real grammY bot and discord.js client run against
 * the loopback fakes; the two sites are loopback fakes too, told apart by host name (a test resolver
 * maps the names to 127.0.0.1), so they are different registrable domains.
 */

import { type APIEmbed, ChannelType } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createSilentLogger } from "../../src/log.js";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import { blogKeyOf } from "../../src/store/keys.js";
import { type BlogRecord, WatchStateRepo } from "../../src/store/watch-state.js";
import {
	type DiscordFake,
	type InteractionRecord,
	startDiscordFake,
} from "../fakes/discord-api.js";
import {
	type FakeEntry,
	type LiveblogServer,
	makeFakeBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import {
	type FakeChat,
	type FakeTelegram,
	group,
	privateChat,
	type SentMessage,
	startFakeTelegram,
	user,
} from "../fakes/telegram-bot-api.js";
import { loopbackResolver, makeConfig, makeTempDir } from "../helpers.js";
import { telegramAdapterOn } from "../telegram-harness.js";

const REAL_HOST = "real-news.test";
const EVIL_HOST = "attacker.test";
const SUBDOMAIN_HOST = `community.${REAL_HOST}`;
const NEWS = "200000000000000001";
const FAR_FUTURE = "Fri, 01 Jan 2100 00:00:00 GMT";
const newsroom = group(-4001, "Newsroom");
const editor = user(41, "Editor");
const strangerChat = privateChat(6666, "Stranger");
const stranger = user(6666, "Stranger");

let real: LiveblogServer;
let evil: LiveblogServer;
let tg: FakeTelegram;
let discord: DiscordFake;
let relay: Relay;
let tmp: { dir: string; cleanup: () => void };

/** Entries a hostile page carries: headlines that must never reach the group or the channel. */
function phishingEntries(site: LiveblogServer, at: Date): FakeEntry[] {
	return [1, 2].map((n) => ({
		id: `phish-${n}`,
		headline: `Urgent ${n}: verify your account`,
		body: `Log in at once to keep reading. Offer ${n} ends today.`,
		publishedAt: new Date(at.getTime() + n * 60_000),
		url: `${site.origin}/phish?n=${n}`,
	}));
}

beforeEach(async () => {
	tmp = makeTempDir("identity-test-");
	real = await startLiveblogServer({ host: REAL_HOST });
	evil = await startLiveblogServer({ host: EVIL_HOST });
	// The real blog sends both validators, as most servers do, and honours If-Modified-Since.
	real.setBlog({ ...makeFakeBlog("live", 3, "Real news live"), lastModified: true });
	tg = await startFakeTelegram();
	discord = await startDiscordFake({
		heartbeatIntervalMs: 250,
		channels: [{ id: NEWS, name: "news", type: ChannelType.GuildText }],
	});
	const config = makeConfig(
		{
			TELEGRAM_BOT_TOKEN: tg.token,
			TELEGRAM_API_ROOT: tg.apiRoot,
			DISCORD_BOT_TOKEN: discord.token,
			DISCORD_API_ROOT: discord.apiRoot,
		},
		tmp.dir,
	);
	const log = createSilentLogger();
	relay = await createRelay({
		config,
		adapters: [
			telegramAdapterOn(tg, { log }),
			createDiscordAdapter({ token: discord.token, apiRoot: discord.apiRoot, log }),
		],
		schedule: false,
		resolve: loopbackResolver(REAL_HOST, EVIL_HOST, SUBDOMAIN_HOST),
	});
	await relay.start();

	// The newsroom group (by its admin) and the #news channel (by a manager) follow the real blog.
	tg.setMember(newsroom.id, editor.id, "administrator");
	expect((await ask(newsroom, `/subscribe ${real.url("live")}`, editor)).text).toContain(
		`✅ Subscribed to <a href="${real.url("live")}">Real news live</a>.`,
	);
	const follow = discord.command("follow", { url: real.url("live") }, { channelId: NEWS });
	await discord.waitFor(() => answerOf(follow) !== undefined);
	expect(answerOf(follow)?.content).toContain("now follows **Real news live**");
});

afterEach(async () => {
	tg.releaseAll();
	await relay.stop();
	await tg.close();
	await discord.close();
	await real.close();
	await evil.close();
	tmp.cleanup();
});

/** The final visible answer of a Discord interaction: a follow-up, an immediate reply or the edited original. */
function answerOf(i: InteractionRecord): { content?: string } | undefined {
	const immediate = i.callbacks.find((c) => c.type === 4)?.data;
	const original = i.original && !i.original.deferred ? i.original : undefined;
	return (i.followups.at(-1) ?? immediate ?? original) as { content?: string } | undefined;
}

/** Sends `text` as `from` in `chat` and resolves with the bot's reply. */
async function ask(chat: FakeChat, text: string, from = stranger): Promise<SentMessage> {
	const before = tg.sentTo(chat.id).length;
	tg.sendText(chat, from, text);
	await tg.waitFor(() => tg.sentTo(chat.id).length > before);
	return tg.sentTo(chat.id)[before] as SentMessage;
}

async function pollAndDeliver(): Promise<void> {
	await relay.pollAll();
	await relay.idle();
}

const state = () => new WatchStateRepo(relay.store);

async function recordOf(url: string): Promise<BlogRecord | undefined> {
	return state().getBlog(blogKeyOf(url));
}

/** What identifies the real blog's state: record fields a hostile page must not change, and its seen ids. */
async function realBlogState() {
	const record = await recordOf(real.url("live"));
	const seen = await state().getSeen(blogKeyOf(real.url("live")));
	return {
		title: record?.title,
		url: record?.url,
		etag: record?.etag,
		lastModified: record?.lastModified,
		bodyHash: record?.bodyHash,
		aliases: record?.aliases,
		seen: seen?.items.map(([id]) => id),
	};
}

/** Entry messages in the group (they carry "Read entry"; the subscribe reply is not one), and embed titles in #news. */
function groupEntries(): string[] {
	return tg
		.sentTo(newsroom.id)
		.filter((m) => m.text.includes("Read entry") && !m.text.startsWith("✅"))
		.map((m) => m.text);
}
function channelTitles(): string[] {
	return discord
		.messagesIn(NEWS)
		.flatMap((b) => ((b as { embeds?: APIEmbed[] }).embeds ?? []).map((e) => e.title ?? ""));
}

/** Nothing of a hostile page in the group or the channel, in any form. */
function expectNothingHostileDelivered(): void {
	const everything = [
		...tg.sentTo(newsroom.id).map((m) => m.text),
		...discord.messagesIn(NEWS).map((b) => JSON.stringify(b)),
	].join("\n");
	expect(everything).not.toContain("verify your account");
	expect(everything).not.toContain("/phish");
	expect(everything).not.toContain(EVIL_HOST);
	expect(groupEntries()).toEqual([]);
	expect(channelTitles()).toEqual([]);
}

/** The real blog's next entry still reaches the group and the channel, once each. */
async function expectRealBlogStillDelivers(headline: string): Promise<void> {
	real.addEntry("live", { id: `r-${headline.replace(/\W+/g, "-")}`, headline });
	await pollAndDeliver();
	expect(groupEntries().filter((t) => t.includes(headline))).toHaveLength(1);
	expect(channelTitles()).toEqual([headline]);
}

describe("a page on another site names the real blog as its canonical URL", () => {
	it("posts the page's phishing entries nowhere but the stranger's own chat, and keeps the real blog's title", async () => {
		evil.setBlog({
			slug: "scoop",
			title: "BREAKING: Real news live",
			canonicalUrl: real.url("live"),
			entries: phishingEntries(evil, new Date(Date.UTC(2024, 8, 11, 9, 0))).reverse(),
		});
		const before = await realBlogState();

		const reply = await ask(strangerChat, `/subscribe ${evil.url("scoop")}`);
		// The page is only ever its own blog, at the URL it was fetched from.
		expect(reply.text).toContain(`✅ Subscribed to <a href="${evil.url("scoop")}">`);
		expect(await recordOf(evil.url("scoop"))).toMatchObject({ url: evil.url("scoop") });
		await pollAndDeliver();

		expectNothingHostileDelivered();
		expect(await realBlogState()).toEqual(before);
		expect(before.title).toBe("Real news live");
		await expectRealBlogStillDelivers("Real bridge reopens");
	});

	it("cannot silence the real blog with a Last-Modified in 2100 (no 304s, no retirement)", async () => {
		evil.setBlog({
			slug: "archive",
			title: "Archive",
			canonicalUrl: real.url("live"),
			etag: false,
			lastModified: FAR_FUTURE,
			entries: phishingEntries(evil, new Date(Date.UTC(2001, 0, 1))).reverse(),
		});
		const before = await realBlogState();

		const reply = await ask(strangerChat, `/subscribe ${evil.url("archive")}`);
		expect(reply.text).toContain("✅ Subscribed to");
		// Not even the hostile page's own record keeps a date in the future.
		expect((await recordOf(evil.url("archive")))?.lastModified).toBeUndefined();
		await pollAndDeliver();

		expectNothingHostileDelivered();
		expect(await realBlogState()).toEqual(before);
		await expectRealBlogStillDelivers("Real storm passes");
		const sentToReal = real.requests.filter((r) => r.path === "/live");
		expect(sentToReal.length).toBeGreaterThanOrEqual(3);
		expect(sentToReal.map((r) => r.headers["if-modified-since"])).not.toContain(FAR_FUTURE);
	});

	it("judges the site after redirects: a redirect off the real site to such a page is the other site", async () => {
		evil.setBlog({
			slug: "landing",
			title: "Landing",
			canonicalUrl: real.url("live"),
			entries: phishingEntries(evil, new Date(Date.UTC(2024, 8, 11, 9, 0))).reverse(),
		});
		real.setHandler("/go", (_req, res) => {
			res.writeHead(302, { location: evil.url("landing") });
			res.end();
		});
		const before = await realBlogState();

		const reply = await ask(strangerChat, `/subscribe ${real.url("go")}`);
		expect(reply.text).toContain(`✅ Subscribed to <a href="${evil.url("landing")}">`);
		await pollAndDeliver();

		expectNothingHostileDelivered();
		expect(await realBlogState()).toEqual(before);
		await expectRealBlogStillDelivers("Real ferry sails");
	});
});

describe("a page on the real blog's own site names the real blog", () => {
	it.each([
		["another path of the same host", () => real.url("users/mallory")],
		[
			"a subdomain of the same registrable domain",
			() => real.url("users/mallory").replace(`//${REAL_HOST}:`, `//${SUBDOMAIN_HOST}:`),
		],
	])("from %s only attaches the stranger's chat; the page writes nothing", async (_, pageUrl) => {
		real.setBlog({
			slug: "users/mallory",
			title: "Mallory's scoop",
			canonicalUrl: real.url("live"),
			etag: false,
			lastModified: FAR_FUTURE,
			entries: phishingEntries(real, new Date(Date.UTC(2024, 8, 11, 9, 0))).reverse(),
		});
		const before = await realBlogState();

		const reply = await ask(strangerChat, `/subscribe ${pageUrl()}`);
		// The chat follows the real blog, shown from the real blog's own record and entries.
		expect(reply.text).toContain(
			`✅ Subscribed to <a href="${real.url("live")}">Real news live</a>.`,
		);
		expect(reply.text).not.toContain("verify your account");
		await pollAndDeliver();

		expectNothingHostileDelivered();
		expect(await realBlogState()).toEqual(before);
		expect(
			tg
				.sentTo(strangerChat.id)
				.map((m) => m.text)
				.join("\n"),
		).not.toContain("verify your account");
		await expectRealBlogStillDelivers("Real bridge reopens");
		// The stranger now follows the real blog, like anyone may.
		expect(
			tg.sentTo(strangerChat.id).filter((m) => m.text.includes("Real bridge reopens")),
		).toHaveLength(1);
	});

	it.each([
		["a URL that does not exist", "gone"],
		["a URL whose page names yet another URL", "relay"],
	])("naming %s, is recorded as the page's own URL", async (_, slug) => {
		real.setBlog({
			...makeFakeBlog("relay", 2, "Relay page"),
			canonicalUrl: real.url("elsewhere"),
		});
		real.setBlog({
			slug: "users/mallory",
			title: "Mallory's scoop",
			canonicalUrl: real.url(slug),
			entries: phishingEntries(real, new Date(Date.UTC(2024, 8, 11, 9, 0))).reverse(),
		});

		const reply = await ask(strangerChat, `/subscribe ${real.url("users/mallory")}`);
		expect(reply.text).toContain(`✅ Subscribed to <a href="${real.url("users/mallory")}">`);
		expect(await recordOf(real.url(slug))).toBeUndefined();
		await pollAndDeliver();
		expectNothingHostileDelivered();
	});

	it("naming a blog nobody follows yet, records that blog from its own URL's response", async () => {
		real.setBlog({ ...makeFakeBlog("other", 2, "Other live"), lastModified: true });
		real.setBlog({
			slug: "users/mallory",
			title: "Mallory's scoop",
			canonicalUrl: real.url("other"),
			etag: false,
			lastModified: FAR_FUTURE,
			entries: phishingEntries(real, new Date(Date.UTC(2024, 8, 11, 9, 0))).reverse(),
		});

		const reply = await ask(strangerChat, `/subscribe ${real.url("users/mallory")}`);
		expect(reply.text).toContain(`✅ Subscribed to <a href="${real.url("other")}">Other live</a>.`);
		const record = await recordOf(real.url("other"));
		expect(record?.title).toBe("Other live");
		expect(record?.lastModified).not.toBe(FAR_FUTURE);
		expect(record?.lastModified).toBeDefined();
		const seen = await state().getSeen(blogKeyOf(real.url("other")));
		expect(seen?.items.map(([id]) => id).sort()).toEqual(["e1", "e2"]);

		real.addEntry("other", { id: "o3", headline: "Other news breaks" });
		await pollAndDeliver();
		const toStranger = tg.sentTo(strangerChat.id).map((m) => m.text);
		expect(toStranger.filter((t) => t.includes("Other news breaks"))).toHaveLength(1);
		expect(toStranger.join("\n")).not.toContain("verify your account");
		expectNothingHostileDelivered();
	});
});
