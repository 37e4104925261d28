/**
 * `/subscribe <url> topic` through the real grammY bot and the fake Bot API: a forum gets one topic
 * per blog, named after it; without the right, or outside a forum, entries go where the command was sent.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay-api.js";
import { parseSettingsArgs } from "../../src/settings/settings-args.js";
import type { Target } from "../../src/types.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";
import {
	type FakeChat,
	type FakeTelegram,
	type SentMessage,
	supergroup,
	user,
} from "../fakes/telegram-bot-api.js";
import { startTelegramRelay, startTelegramWorld, type TelegramWorld } from "../telegram-harness.js";

let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;
let world: TelegramWorld;
const admin = user(88);

beforeEach(async () => {
	world = await startTelegramWorld("telegram-placement-");
	({ site, tg } = world);
	site.setBlog(makeFakeBlog("storm", 3, "Storm live"));
	site.setBlog({ slug: "article", title: "Just an article", entries: [], notLive: true });
	({ relay } = await startTelegramRelay(tg, world.tmp.dir));
});

afterEach(async () => {
	await world.close(relay);
});

async function ask(chat: FakeChat, text: string): Promise<SentMessage> {
	tg.setMember(chat.id, admin.id, "administrator");
	return world.ask(chat, text, admin);
}

async function urlsOf(target: Target): Promise<string[]> {
	const reply = await relay.core.commands.list(target);
	return reply.kind === "list" ? reply.blogs.map((b) => b.url) : [];
}

describe("Telegram placement: a topic per blog", () => {
	it("creates a topic named after the blog and posts the blog's entries there", async () => {
		const forum = supergroup(-1007001, "Desk", true);
		const reply = await ask(forum, `/subscribe ${site.url("storm")} topic`);
		expect(tg.topics).toHaveLength(1);
		const topic = tg.topics[0];
		expect(topic?.name).toBe("Storm live");
		expect(reply.text).toContain("Entries will be posted in the topic “Storm live”.");
		const inTopic: Target = {
			platform: "telegram",
			id: String(forum.id),
			threadId: String(topic?.message_thread_id),
		};
		expect(await urlsOf(inTopic)).toEqual([site.url("storm")]);
		expect(await urlsOf({ platform: "telegram", id: String(forum.id) })).toEqual([]);
		site.addEntry("storm", { id: "t1", headline: "Topic entry" });
		await relay.pollAll();
		await relay.idle();
		const posted = tg.sentTo(forum.id).filter((m) => m.text.includes("Topic entry"));
		expect(posted).toHaveLength(1);
		expect(posted[0]?.message_thread_id).toBe(topic?.message_thread_id);
	});

	it("subscribes where the command was sent when the bot may not create topics", async () => {
		const forum = supergroup(-1007002, "No rights", true);
		tg.failNext("createForumTopic", {
			error_code: 400,
			description: "Bad Request: not enough rights to create a topic",
		});
		const reply = await ask(forum, `/subscribe ${site.url("storm")} topic`);
		expect(reply.text).toContain("I need the Manage Topics right");
		expect(tg.topics).toHaveLength(0);
		expect(await urlsOf({ platform: "telegram", id: String(forum.id) })).toEqual([
			site.url("storm"),
		]);
	});

	it("explains that a group without topics gets the entries in the chat itself", async () => {
		const plain = supergroup(-1007003, "Plain");
		const reply = await ask(plain, `/subscribe ${site.url("storm")} topic`);
		expect(reply.text).toContain("This chat has no topics");
		expect(await urlsOf({ platform: "telegram", id: String(plain.id) })).toEqual([
			site.url("storm"),
		]);
	});

	it("deletes the new topic again when the page is not a live blog", async () => {
		const forum = supergroup(-1007004, "Desk", true);
		const reply = await ask(forum, `/subscribe ${site.url("article")} topic`);
		expect(reply.text).not.toContain("Subscribed");
		expect(tg.requests.some((r) => r.method === "createForumTopic")).toBe(true);
		expect(tg.requests.some((r) => r.method === "deleteForumTopic")).toBe(true);
		expect(tg.topics).toHaveLength(0);
	});

	it("pauses a blog whose topic was deleted, tells General once (stored), and moves it to a new topic", async () => {
		const forum = supergroup(-1007005, "Desk", true);
		await ask(forum, `/subscribe ${site.url("storm")} topic`);
		const threadId = tg.topics[0]?.message_thread_id;
		const inTopic: Target = {
			platform: "telegram",
			id: String(forum.id),
			threadId: String(threadId),
		};
		const own = parseSettingsArgs("1 edits off");
		if (!own.ok) throw new Error("bad test command");
		await relay.core.settings?.run(inTopic, { canManage: true }, own.request);
		tg.failNext(
			"sendMessage",
			{ error_code: 400, description: "Bad Request: message thread not found" },
			1,
			(p) => p.message_thread_id === threadId,
		);
		site.addEntry("storm", { id: "gone1", headline: "Into the void" });
		await relay.pollAll();
		await tg.waitFor(() => tg.sentTo(forum.id).some((m) => m.text.includes("was deleted")));
		await relay.idle();
		const general = () => tg.sentTo(forum.id).filter((m) => m.text.includes("was deleted"));
		expect(general()).toHaveLength(1);
		expect(general()[0]?.message_thread_id).toBeUndefined();
		expect(general()[0]?.text).toContain(`<a href="${site.url("storm")}">Storm live</a>`);
		expect(general()[0]?.text).toContain(`/subscribe ${site.url("storm")} topic`);
		// Paused, not ended: still followed there, but nothing more is posted into the void.
		expect(await urlsOf(inTopic)).toEqual([site.url("storm")]);
		const postsToTopic = () =>
			tg.requests.filter(
				(r) => r.method === "sendMessage" && r.payload.message_thread_id === threadId,
			).length;
		const tried = postsToTopic();
		site.addEntry("storm", { id: "gone2", headline: "Still nobody there" });
		await relay.pollAll();
		await relay.idle();
		expect(postsToTopic()).toBe(tried);
		expect(general()).toHaveLength(1);
		// "Told" is in the store: a restarted relay knows it already.
		await relay.stop();
		({ relay } = await startTelegramRelay(tg, world.tmp.dir));
		expect(await relay.core.settings?.topicTrouble(inTopic, "deleted")).toBe(false);
		// Moving it: a new topic, with the settings it had; the paused one ends.
		const moved = await ask(forum, `/subscribe ${site.url("storm")} topic`);
		expect(moved.text).toContain("Subscribed");
		const newThread = tg.topics.at(-1)?.message_thread_id;
		expect(newThread).not.toBe(threadId);
		const newTopic: Target = { ...inTopic, threadId: String(newThread) };
		expect(await urlsOf(newTopic)).toEqual([site.url("storm")]);
		expect(await urlsOf(inTopic)).toEqual([]);
		expect((await relay.core.settings?.view(newTopic))?.blogs[0]?.settings.edits).toBe(false);
		expect(
			await relay.core.settings?.pausedTopics({ platform: "telegram", id: String(forum.id) }),
		).toEqual([]);
	});
});
