/**
 * Managing a Telegram channel from a private chat: /subscribe @channel <url>, /list @channel,
 * /unsubscribe @channel N, allowed when both the user and the bot are channel admins. The real grammY
 * bot against the fake Bot API, the real core and the fake live-blog site; replies checked as text.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay.js";
import type { Target } from "../../src/types.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";
import {
	channel,
	type FakeChat,
	type FakeTelegram,
	group,
	privateChat,
	type SentMessage,
	user,
} from "../fakes/telegram-bot-api.js";
import { startTelegramRelay, startTelegramWorld, type TelegramWorld } from "../telegram-harness.js";

let world: TelegramWorld;
let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;

const alice = user(1001, "Alice");
const aliceChat = privateChat(1001, "Alice");
const newsroom = channel(-1005001, "Newsroom", "newsroom");
const channelTarget: Target = { platform: "telegram", id: String(newsroom.id) };

/** A relay with the Telegram adapter; `env` adds settings (allow-lists). */
async function startRelay(env: Record<string, string> = {}): Promise<Relay> {
	return (await startTelegramRelay(tg, world.tmp.dir, { env })).relay;
}

beforeEach(async () => {
	world = await startTelegramWorld("telegram-channel-");
	({ site, tg } = world);
	site.setBlog(makeFakeBlog("storm", 3, "Storm live"));
	relay = await startRelay();
	tg.addChat(newsroom);
	tg.setMember(newsroom.id, tg.me.id, "administrator");
	tg.setMember(newsroom.id, alice.id, "creator");
});

afterEach(async () => {
	await world.close(relay);
});

/** Sends `text` as `from` in `chat`; resolves with the bot's reply there. */
async function ask(chat: FakeChat, text: string, from = alice): Promise<SentMessage> {
	return world.ask(chat, text, from);
}

async function channelBlogs(): Promise<string[]> {
	const reply = await relay.core.commands.list(channelTarget);
	if (reply.kind !== "list") throw reply.error;
	return reply.blogs.map((b) => b.url);
}

const stormLink = () => `<a href="${site.url("storm")}">Storm live</a>`;

describe("a channel managed from a private chat", () => {
	it("subscribes, lists and unsubscribes the channel, posting nothing but news into it", async () => {
		const subscribed = await ask(aliceChat, `/subscribe @newsroom ${site.url("storm")}`);
		expect(subscribed.text.split("\n")[0]).toBe(
			`✅ @newsroom now follows ${stormLink()}. New entries will be posted there.`,
		);
		expect(subscribed.text).toContain("Latest entry:");
		expect(await channelBlogs()).toEqual([site.url("storm")]);
		expect(
			await relay.core.commands.list({ platform: "telegram", id: String(aliceChat.id) }),
		).toEqual({
			kind: "list",
			blogs: [],
		});

		const listed = await ask(aliceChat, "/list @newsroom");
		expect(listed.text).toBe(
			`<b>@newsroom follows 1 live blog:</b>\n1. ${stormLink()}\n\nTo stop one: /unsubscribe @newsroom &lt;number&gt;`,
		);

		site.addEntry("storm", { id: "n1", headline: "Channel news" });
		await relay.pollAll();
		await relay.idle();
		const inChannel = tg.sentTo(newsroom.id);
		expect(inChannel).toHaveLength(1);
		expect(inChannel[0]?.text).toContain("Channel news");

		const unsubscribed = await ask(aliceChat, "/unsubscribe @newsroom 1");
		expect(unsubscribed.text).toBe(`@newsroom no longer follows ${stormLink()}.`);
		expect(await channelBlogs()).toEqual([]);
		// The channel's followers saw the news only: no command, no confirmation.
		expect(tg.sentTo(newsroom.id)).toHaveLength(1);
	});

	it("refuses a user who is not an administrator of the channel", async () => {
		const bob = user(2002, "Bob");
		tg.setMember(newsroom.id, bob.id, "member");
		const reply = await ask(
			privateChat(2002, "Bob"),
			`/subscribe @newsroom ${site.url("storm")}`,
			bob,
		);
		expect(reply.text).toBe("Only administrators of @newsroom can change what it follows.");
		expect(await channelBlogs()).toEqual([]);
	});

	it("says how to fix it when the bot is not an administrator there", async () => {
		tg.setMember(newsroom.id, tg.me.id, "member");
		const reply = await ask(aliceChat, "/list @newsroom");
		expect(reply.text).toBe(
			"I'm not an administrator of @newsroom who may post messages. Add me as one (channel info → Administrators), then try again.",
		);
	});

	it("names a channel it cannot find, and a name that is no channel", async () => {
		expect((await ask(aliceChat, "/list @nosuchchannel")).text).toBe(
			"I can't find the channel @nosuchchannel. Check the name, and add me to the channel as an administrator first.",
		);
		expect((await ask(aliceChat, `/subscribe @x ${site.url("storm")}`)).text).toBe(
			"@x is not a channel name. Use the channel's public @username, e.g. /subscribe @channel &lt;url&gt;.",
		);
	});

	it("points group members to a private chat instead", async () => {
		const room = group(-4001, "Room");
		tg.setMember(room.id, alice.id, "administrator");
		const reply = await ask(room, `/subscribe @newsroom ${site.url("storm")}`);
		expect(reply.text).toBe(
			"To manage a channel, send /subscribe @channel &lt;url&gt; in a private chat with me; in a group, commands change what the group follows.",
		);
		expect(await channelBlogs()).toEqual([]);
	});

	it("keeps the operator's allow-list: a channel outside it is refused", async () => {
		await relay.stop();
		relay = await startRelay({ ALLOWED_CHATS: String(aliceChat.id) });
		const reply = await ask(aliceChat, `/subscribe @newsroom ${site.url("storm")}`);
		expect(reply.text).toBe(
			"Sorry, this bot only serves the chats its operator has allowed, and @newsroom is not one of them.",
		);
		expect(await channelBlogs()).toEqual([]);
	});

	it("keeps plain /subscribe <url> for the private chat itself", async () => {
		const reply = await ask(aliceChat, `/subscribe ${site.url("storm")}`);
		expect(reply.text).toContain("✅ Subscribed to");
		expect(await channelBlogs()).toEqual([]);
	});
});
