/**
 * The Telegram adapter end to end: the real grammY bot against the fake Bot API, the real core
 * (createRelay on a temp SQLite store) and the fake live-blog site. Polls and deliveries are driven
 * with relay.pollAll() + relay.idle(), so nothing depends on timing.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay-api.js";
import type { Target } from "../../src/types.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";
import {
	channel,
	type FakeChat,
	type FakeTelegram,
	group,
	privateChat,
	type SentMessage,
	supergroup,
	user,
} from "../fakes/telegram-bot-api.js";
import { makeConfig } from "../helpers.js";
import { startTelegramRelay, startTelegramWorld, type TelegramWorld } from "../telegram-harness.js";

let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;
let storeDir: { dir: string; cleanup: () => void };
let world: TelegramWorld;

/** A relay with the Telegram adapter over the store in `storeDir`. */
async function startRelay(): Promise<Relay> {
	expect(makeConfig({}, storeDir.dir).storeUrl).toBe(
		`sqlite://${path.join(storeDir.dir, "store.sqlite")}`,
	);
	return (await startTelegramRelay(tg, storeDir.dir)).relay;
}

beforeEach(async () => {
	world = await startTelegramWorld("telegram-test-");
	({ site, tg, tmp: storeDir } = world);
	site.setBlog(makeFakeBlog("storm", 12, "Storm <live> & more"));
	site.setBlog(makeFakeBlog("election", 4, "Election live"));
	relay = await startRelay();
});

afterEach(async () => {
	await world.close(relay);
});

const aliceChat = privateChat(1001, "Alice");

/** Sends `text` as `from` in `chat` and resolves with the bot's reply (the next message there). */
const ask: TelegramWorld["ask"] = (...args) => world.ask(...args);

function target(chat: FakeChat, threadId?: number): Target {
	return threadId === undefined
		? { platform: "telegram", id: String(chat.id) }
		: { platform: "telegram", id: String(chat.id), threadId: String(threadId) };
}

async function listedUrls(t: Target): Promise<string[]> {
	const reply = await relay.core.commands.list(t);
	if (reply.kind !== "list") throw reply.error;
	return reply.blogs.map((b) => b.url);
}

/** Messages to a chat that carry an entry (they have the "Read entry" link). */
function entriesTo(chat: FakeChat | number | string, headline?: string): SentMessage[] {
	const id = typeof chat === "object" ? chat.id : chat;
	return tg
		.sentTo(id)
		.filter((m) => m.text.includes("Read entry") && (!headline || m.text.includes(headline)));
}

async function pollAndDeliver(): Promise<void> {
	await relay.pollAll();
	await relay.idle();
}

describe("Telegram adapter: commands in a private chat", () => {
	it("registers the command menu and answers /start and /help", async () => {
		await tg.waitFor(() => tg.requests.some((r) => r.method === "setMyCommands"));
		const menu = tg.requests.find((r) => r.method === "setMyCommands")?.payload.commands as {
			command: string;
		}[];
		expect(menu.map((c) => c.command)).toEqual([
			"start",
			"help",
			"subscribe",
			"unsubscribe",
			"list",
			"latest",
			"settings",
			"keywords",
			"quiet",
			"timezone",
			"language",
		]);
		for (const command of ["/start", "/help"]) {
			const reply = await ask(aliceChat, command);
			expect(reply.parse_mode).toBe("HTML");
			expect(reply.text).toContain("/subscribe &lt;address&gt; — follow a live blog");
			// The example is a whole address Telegram makes tappable, never one cut with "…".
			expect(reply.text).toContain(
				"Example:\n/subscribe https://www.theguardian.com/world/live/2024/sep/11/ukraine-russia-war-live",
			);
			expect(reply.text).not.toContain("…");
		}
	});

	it("subscribes, shows the newest entry, and posts nothing old afterwards", async () => {
		const reply = await ask(aliceChat, `/subscribe ${site.url("storm")}`);
		expect(reply.text).toContain(
			`✅ Subscribed to <a href="${site.url("storm")}">Storm &lt;live&gt; &amp; more</a>.`,
		);
		expect(reply.text).toContain("Latest entry:");
		expect(reply.text).toContain("<b>Entry 12 headline</b>");
		expect(reply.link_preview_options).toEqual({ is_disabled: true });
		expect(tg.requests.some((r) => r.method === "sendChatAction")).toBe(true);
		await pollAndDeliver();
		await pollAndDeliver();
		expect(tg.sentTo(aliceChat.id)).toHaveLength(1);
		expect(await listedUrls(target(aliceChat))).toEqual([site.url("storm")]);
	});

	it("says so when the chat is already subscribed", async () => {
		await ask(aliceChat, `/subscribe ${site.url("storm")}`);
		const again = await ask(aliceChat, `/subscribe ${site.url("storm")}?utm_source=x`);
		expect(again.text).toContain("This chat already follows");
		expect(await listedUrls(target(aliceChat))).toHaveLength(1);
	});

	it.each([
		["/subscribe", "Send the live blog's address after the command"],
		["/subscribe javascript:alert(1)", "That doesn't look like a web address I can watch."],
		["/subscribe not a url", "That doesn't look like a web address I can watch."],
	])("refuses %j with a clear reply", async (command, expected) => {
		const reply = await ask(aliceChat, command);
		expect(reply.text).toContain(expected);
		expect(await listedUrls(target(aliceChat))).toEqual([]);
	});

	it("refuses a page that is not a live blog", async () => {
		site.setBlog({ slug: "article", title: "Just news", entries: [], notLive: true });
		const reply = await ask(aliceChat, `/subscribe ${site.url("article")}`);
		expect(reply.text).toMatch(/^⚠️ I couldn't find live updates on that page/);
		expect(await listedUrls(target(aliceChat))).toEqual([]);
	});

	it("/list numbers the blogs; /unsubscribe by number and by a URL variant", async () => {
		expect((await ask(aliceChat, "/list")).text).toContain("doesn't follow any live blog yet");
		await ask(aliceChat, `/subscribe ${site.url("storm")}`);
		await ask(aliceChat, `/subscribe ${site.url("election")}`);
		const list = await ask(aliceChat, "/list");
		expect(list.text).toContain("<b>This chat follows 2 live blogs:</b>");
		expect(list.text).toMatch(
			/1\. <a href="[^"]+">Storm &lt;live&gt; &amp; more<\/a>\n2\. <a href="[^"]+">Election live<\/a>/,
		);

		const bare = await ask(aliceChat, "/unsubscribe");
		expect(bare.text).toContain("Which live blog should I stop posting here?");
		expect(bare.text).toContain("/unsubscribe &lt;number&gt;");

		const byNumber = await ask(aliceChat, "/unsubscribe 2");
		expect(byNumber.text).toContain("Unsubscribed from <a");
		expect(byNumber.text).toContain("Election live");
		const byUrl = await ask(aliceChat, `/unsubscribe ${site.url("storm")}?utm_source=x#frag`);
		expect(byUrl.text).toContain("Unsubscribed from");
		expect(await listedUrls(target(aliceChat))).toEqual([]);

		const missing = await ask(aliceChat, "/unsubscribe 3");
		expect(missing.text).toMatch(/^⚠️ There is no live blog number 3 in the list here\./);
	});

	it("/latest shows 3 by default, n on request, and clamps a too-big n", async () => {
		await ask(aliceChat, `/subscribe ${site.url("storm")}`);
		const byDefault = await ask(aliceChat, "/latest");
		expect(byDefault.text).toMatch(/^<b>The newest 3 entries from <a href="[^"]+">Storm/);
		expect(byDefault.text.match(/Read entry/g)).toHaveLength(3);
		expect(byDefault.text.indexOf("Entry 12 headline")).toBeLessThan(
			byDefault.text.indexOf("Entry 11 headline"),
		);

		const five = await ask(aliceChat, `/latest 5 ${site.url("storm")}`);
		expect(five.text.match(/Read entry/g)).toHaveLength(5);

		const tooMany = await ask(aliceChat, "/latest 50");
		// Said once, and what is said is what follows: ten.
		expect(tooMany.text).toMatch(
			/^<b>The newest 10 entries from <a [^>]+>Storm &lt;live&gt; &amp; more<\/a><\/b> \(I show at most 10 at a time\.\)\n\n/,
		);
		expect(tooMany.text.match(/Read entry/g)).toHaveLength(10);
		expect(tooMany.text.match(/at most/g)).toHaveLength(1);

		const unknown = await ask(aliceChat, `/latest ${site.url("election")}`);
		expect(unknown.text).toMatch(/^⚠️ That live blog isn't followed here\./);

		// Fewer there than asked: "all 4", not "the newest 10" followed by four.
		await ask(aliceChat, `/subscribe ${site.url("election")}`);
		const all = await ask(aliceChat, `/latest 99 ${site.url("election")}`);
		expect(all.text).toMatch(/^<b>All 4 entries so far from <a [^>]+>Election live<\/a><\/b>\n\n/);
		expect(all.text.match(/Read entry/g)).toHaveLength(4);
	});

	it("/latest asks which blog when the chat follows several", async () => {
		await ask(aliceChat, `/subscribe ${site.url("storm")}`);
		await ask(aliceChat, `/subscribe ${site.url("election")}`);
		const reply = await ask(aliceChat, "/latest");
		expect(reply.text).toContain("⚠️ Several live blogs are followed here; say which one.");
		expect(reply.text).toContain(`— ${site.url("election")}`);
	});
});

describe("Telegram adapter: groups, channels and topics", () => {
	const room = group(-3001, "Newsroom");

	it("lets a group admin subscribe and refuses a plain member politely", async () => {
		const admin = user(77, "Admin");
		const member = user(78, "Member");
		tg.setMember(room.id, admin.id, "administrator");
		const refused = await ask(room, `/subscribe ${site.url("storm")}`, member);
		expect(refused.text).toBe("⚠️ Only administrators can change the live blogs followed here.");
		expect(await listedUrls(target(room))).toEqual([]);

		const ok = await ask(room, `/subscribe@${tg.me.username} ${site.url("storm")}`, admin);
		expect(ok.text).toContain("✅ Subscribed to");
		expect(await listedUrls(target(room))).toEqual([site.url("storm")]);

		const memberUnsub = await ask(room, "/unsubscribe 1", member);
		expect(memberUnsub.text).toContain("Only administrators");
		expect((await ask(room, "/list", member)).text).toContain("1. <a");
		expect((await ask(room, "/latest 1", member)).text).toMatch(/^<b>The newest entry from <a/);
		// A member cannot fill the group with ten entries: three, and why.
		const limited = await ask(room, "/latest 10", member);
		expect(limited.text).toMatch(
			/^<b>The newest 3 entries from <a [^>]+>[^<]+<\/a><\/b> \(In this group, only admins can ask for more than 3\.\)\n\n/,
		);
		expect(limited.text.match(/Read entry/g)).toHaveLength(3);
		const byAdmin = await ask(room, "/latest 10", admin);
		expect(byAdmin.text.match(/Read entry/g)).toHaveLength(10);
		expect((await ask(room, "/help", member)).text).toContain("only admins can subscribe");
		expect(tg.requests.filter((r) => r.method === "getChatMember").length).toBeGreaterThanOrEqual(
			2,
		);
	});

	it("treats an anonymous admin (posting as the group) as an admin", async () => {
		const anonymous = user(1087968824, "Group");
		const reply = await ask(room, `/subscribe ${site.url("storm")}`, anonymous, {
			sender_chat: { id: room.id, type: "group", title: room.title },
		});
		expect(reply.text).toContain("✅ Subscribed to");
	});

	it("ignores commands addressed to another bot", async () => {
		tg.setMember(room.id, 77, "creator");
		tg.sendText(room, user(77), `/subscribe@SomeOtherBot ${site.url("storm")}`);
		const reply = await ask(room, "/list", user(77));
		expect(reply.text).toContain("doesn't follow any live blog yet");
	});

	it("handles commands posted in a channel and posts entries there", async () => {
		const news = channel(-1005001, "News channel");
		const reply = await ask(news, `/subscribe ${site.url("storm")}`);
		expect(reply.text).toContain("✅ Subscribed to");
		expect((await ask(news, "/list")).text).toContain("1. <a");
		site.addEntry("storm", { id: "c1", headline: "Channel news" });
		await pollAndDeliver();
		expect(entriesTo(news, "Channel news")).toHaveLength(1);
	});

	it("subscribes a forum topic on its own and posts into that topic", async () => {
		const forum = supergroup(-1006001, "Forum", true);
		tg.setMember(forum.id, 77, "administrator");
		const topic = { is_topic_message: true, message_thread_id: 42 } as const;
		const reply = await ask(forum, `/subscribe ${site.url("storm")}`, user(77), topic);
		expect(reply.message_thread_id).toBe(42);
		expect(await listedUrls(target(forum, 42))).toEqual([site.url("storm")]);
		expect(await listedUrls(target(forum))).toEqual([]);

		site.addEntry("storm", { id: "t1", headline: "Topic news" });
		await pollAndDeliver();
		const posted = entriesTo(forum, "Topic news");
		expect(posted).toHaveLength(1);
		expect(posted[0]?.message_thread_id).toBe(42);
	});

	it("drops a chat's subscriptions when the bot is removed from it", async () => {
		tg.setMember(room.id, 77, "administrator");
		await ask(room, `/subscribe ${site.url("storm")}`, user(77));
		tg.pushUpdate({
			my_chat_member: {
				chat: { id: room.id, type: "group", title: room.title },
				from: user(77),
				date: 0,
				old_chat_member: { status: "member", user: tg.me },
				new_chat_member: { status: "left", user: tg.me },
			},
		});
		// Updates of one chat are handled in order, so this reply comes after the removal was processed.
		const after = await ask(room, "/list", user(77));
		expect(after.text).toContain("doesn't follow any live blog yet");
		expect(await listedUrls(target(room))).toEqual([]);
	});
});

describe("Telegram adapter: delivery", () => {
	const chats = [privateChat(2001), privateChat(2002), group(-2003, "Team")];
	const other = privateChat(2004);

	/** Subscribes `chat` to `slug` through the core (as an admin would). */
	async function subscribe(chat: FakeChat, slug: string, threadId?: number): Promise<void> {
		const reply = await relay.core.commands.subscribe(target(chat, threadId), site.url(slug), {
			canManage: true,
		});
		expect(reply.kind).toBe("subscribed");
	}

	it("posts a new entry once to every chat subscribed to its blog, and not elsewhere", async () => {
		for (const chat of chats) await subscribe(chat, "storm");
		await subscribe(other, "election");
		site.addEntry("storm", { id: "n1", headline: "Bridge reopens" });
		await pollAndDeliver();
		for (const chat of chats) {
			const posted = entriesTo(chat, "Bridge reopens");
			expect(posted).toHaveLength(1);
			expect(posted[0]?.parse_mode).toBe("HTML");
		}
		expect(tg.sentTo(other.id)).toEqual([]);
		await pollAndDeliver();
		for (const chat of chats) expect(entriesTo(chat)).toHaveLength(1);
	});

	it("escapes hostile entry text: exactly this went over the wire", async () => {
		await subscribe(chats[0] as FakeChat, "storm");
		site.addEntry("storm", {
			id: "h1",
			headline: "<b>Bold</b> & <script>alert(1)</script>",
			body: "A < B & C. Second sentence.",
			publishedAt: new Date(Date.UTC(2024, 8, 11, 9, 23)),
		});
		await pollAndDeliver();
		const [posted] = entriesTo(chats[0] as FakeChat);
		expect(posted?.text).toBe(
			[
				"<b>&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;</b>",
				"A &lt; B &amp; C. Second sentence.",
				`11 Sept 2024, 09:23 UTC · <a href="${site.url("storm")}#h1">Read entry</a> · <i>Storm &lt;live&gt; &amp; more</i>`,
			].join("\n\n"),
		);
		expect(posted?.link_preview_options).toEqual({ is_disabled: true });
	});

	it("waits out a 429 and delivers once", async () => {
		const [first, second] = chats as [FakeChat, FakeChat];
		await subscribe(first, "storm");
		await subscribe(second, "storm");
		tg.failNext(
			"sendMessage",
			{
				error_code: 429,
				description: "Too Many Requests: retry after 1",
				parameters: { retry_after: 1 },
			},
			1,
			(p) => String(p.chat_id) === String(first.id),
		);
		site.addEntry("storm", { id: "r1", headline: "Rate limited news" });
		await pollAndDeliver();
		expect(entriesTo(first, "Rate limited news")).toHaveLength(1);
		expect(entriesTo(second, "Rate limited news")).toHaveLength(1);
		const attempts = tg.requests.filter(
			(r) => r.method === "sendMessage" && String(r.payload.chat_id) === String(first.id),
		);
		expect(attempts.map((r) => r.errorCode)).toEqual([429, undefined]);
	});

	it("drops a chat that blocked the bot and keeps delivering to the others", async () => {
		const [blocked, ...rest] = chats as [FakeChat, FakeChat, FakeChat];
		for (const chat of chats) await subscribe(chat, "storm");
		tg.failNext(
			"sendMessage",
			{ error_code: 403, description: "Forbidden: bot was blocked by the user" },
			1,
			(p) => String(p.chat_id) === String(blocked.id),
		);
		site.addEntry("storm", { id: "b1", headline: "First after block" });
		await pollAndDeliver();
		expect(await listedUrls(target(blocked))).toEqual([]);
		for (const chat of rest) expect(entriesTo(chat, "First after block")).toHaveLength(1);

		site.addEntry("storm", { id: "b2", headline: "Second after block" });
		await pollAndDeliver();
		for (const chat of rest) expect(entriesTo(chat, "Second after block")).toHaveLength(1);
		const toBlocked = tg.requests.filter(
			(r) => r.method === "sendMessage" && String(r.payload.chat_id) === String(blocked.id),
		);
		expect(toBlocked).toHaveLength(1);
	});

	it("follows a group's migration to a supergroup: resends there and moves the subscription", async () => {
		const old = group(-2101, "Old group");
		const upgraded = -1002101;
		await subscribe(old, "storm");
		tg.failNext(
			"sendMessage",
			{
				error_code: 400,
				description: "Bad Request: group chat was upgraded to a supergroup chat",
				parameters: { migrate_to_chat_id: upgraded },
			},
			1,
			(p) => String(p.chat_id) === String(old.id),
		);
		site.addEntry("storm", { id: "m1", headline: "Migrated news" });
		await pollAndDeliver();
		expect(entriesTo(upgraded, "Migrated news")).toHaveLength(1);
		expect(entriesTo(old)).toEqual([]);
		expect(await listedUrls({ platform: "telegram", id: String(upgraded) })).toEqual([
			site.url("storm"),
		]);
		expect(await listedUrls(target(old))).toEqual([]);
	});

	it("survives a restart in the middle of a fan-out: every chat gets the entry once, bar one in-flight repeat", async () => {
		const fanOut = Array.from({ length: 8 }, (_, i) => privateChat(2201 + i));
		for (const chat of fanOut) await subscribe(chat, "storm");
		const [accepted, failedA, failedB] = fanOut.slice(5).map((c) => String(c.id)) as [
			string,
			string,
			string,
		];
		const releaseAccepted = tg.hold("sendMessage", (p) => String(p.chat_id) === accepted);
		const releaseFailed = tg.hold("sendMessage", (p) =>
			[failedA, failedB].includes(String(p.chat_id)),
		);
		site.addEntry("storm", { id: "s1", headline: "Restart news" });
		await relay.pollAll();
		// Five chats served, three requests hanging at "Telegram".
		const isStuck = (id: unknown) => [accepted, failedA, failedB].includes(String(id));
		await tg.waitFor(
			() =>
				fanOut.slice(0, 5).every((c) => entriesTo(c).length === 1) &&
				tg.requests.filter((r) => r.method === "sendMessage" && isStuck(r.payload.chat_id))
					.length === 3,
		);
		const stopping = relay.stop();
		// Telegram took one message but the answer never came back; the other two failed unsent.
		releaseAccepted({ dropAfterAccept: true });
		releaseFailed({ error: { error_code: 502, description: "Bad Gateway" } });
		await stopping;
		expect(entriesTo(Number(accepted))).toHaveLength(1);
		expect(entriesTo(Number(failedA))).toHaveLength(0);

		relay = await startRelay();
		await relay.idle();
		for (const chat of fanOut.slice(0, 5)) expect(entriesTo(chat, "Restart news")).toHaveLength(1);
		expect(entriesTo(Number(failedA), "Restart news")).toHaveLength(1);
		expect(entriesTo(Number(failedB), "Restart news")).toHaveLength(1);
		// The one message in flight at the "crash" may repeat, and only that one.
		expect(entriesTo(Number(accepted), "Restart news").length).toBeGreaterThanOrEqual(1);
		expect(entriesTo(Number(accepted), "Restart news").length).toBeLessThanOrEqual(2);
	});
});
