/**
 * Abuse limits through the real grammY bot, the real core and the fake Bot API: command floods do
 * not starve posts, every command is rate-limited per user and per chat with one notice, the
 * operator's allow-lists, and the per-owner blog limit for channels (which carry no sender).
 * The clock of the command limits is injected; ordering comes from the fake's log, not from timing.
 */
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NOT_ALLOWED, SLOW_DOWN } from "../../adapters/telegram/commands.js";
import { escapeHtml } from "../../adapters/telegram/format.js";
import { type TelegramPacing, UNPACED } from "../../adapters/telegram/pacing.js";
import type { Relay } from "../../src/relay/relay.js";
import { DeliveryFailureRepo } from "../../src/store/delivery-failures.js";
import { KEYS } from "../../src/store/keys.js";
import type { Target } from "../../src/types.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";
import {
	channel,
	type FakeChat,
	type FakeTelegram,
	group,
	privateChat,
	user,
} from "../fakes/telegram-bot-api.js";
import { waitFor } from "../helpers.js";
import { startTelegramRelay, startTelegramWorld, type TelegramWorld } from "../telegram-harness.js";

let site: LiveblogServer;
let tg: FakeTelegram;
let tmp: { dir: string; cleanup: () => void };
let relay: Relay | undefined;
let clock: number;

let world: TelegramWorld;

beforeEach(async () => {
	world = await startTelegramWorld("telegram-limits-");
	({ site, tg, tmp } = world);
	site.setBlog(makeFakeBlog("storm", 5, "Storm live"));
	site.setBlog(makeFakeBlog("election", 5, "Election live"));
	site.setBlog(makeFakeBlog("quake", 5, "Quake live"));
	clock = Date.UTC(2025, 0, 1, 12, 0, 0);
	relay = undefined;
});

afterEach(async () => {
	await world.close(relay);
});

async function startRelay(
	env: Record<string, string> = {},
	pacing: Partial<TelegramPacing> = UNPACED,
) {
	const started = await startTelegramRelay(tg, tmp.dir, {
		env,
		adapter: { pacing },
		relay: { now: () => clock },
	});
	relay = started.relay;
	await tg.waitFor(() => tg.requests.some((r) => r.method === "getUpdates"));
	return started;
}

const HELP_MARK = "/subscribe &lt;address&gt;";
const isHelp = (text: string) => text.includes(HELP_MARK);
const isEntry = (text: string) => text.includes("Read entry");
const texts = (chat: FakeChat) => tg.sentTo(chat.id).map((m) => m.text);

/** Sends `text` in `chat` (as `from`, or as a channel post) without waiting for an answer. */
function send(chat: FakeChat, text: string, from = user(chat.id)): void {
	if (chat.type === "channel") tg.postInChannel(chat, text);
	else tg.sendText(chat, from, text);
}

/** The bot was added to `chat` by `by`. */
function added(chat: FakeChat, by: number): void {
	tg.pushUpdate({
		my_chat_member: {
			chat: chat as NonNullable<Update["my_chat_member"]>["chat"],
			from: user(by),
			date: 0,
			old_chat_member: { status: "left", user: tg.me },
			new_chat_member: {
				status: "administrator",
				user: tg.me,
				can_be_edited: false,
				is_anonymous: false,
				can_manage_chat: true,
				can_delete_messages: false,
				can_manage_video_chats: false,
				can_restrict_members: false,
				can_promote_members: false,
				can_change_info: false,
				can_invite_users: false,
				can_post_stories: false,
				can_edit_stories: false,
				can_delete_stories: false,
				can_post_messages: true,
			},
		},
	} as Omit<Update, "update_id">);
}

describe("Telegram: a command flood cannot crowd out news", () => {
	it("keeps delivering an entry to every subscribed chat while thousands of /help replies wait", async () => {
		const globalPerSecond = 60;
		const floodUsers = 300;
		const subscribers = Array.from({ length: 20 }, (_, i) => privateChat(50_000 + i));
		const { relay, adapter } = await startRelay(
			{},
			{ globalPerSecond, perChatIntervalMs: 0, perGroupPerMinute: Number.POSITIVE_INFINITY },
		);
		for (const chat of subscribers) {
			const reply = await relay.core.commands.subscribe(target(chat), site.url("storm"), {
				canManage: true,
			});
			expect(reply.kind).toBe("subscribed");
		}
		// Stall Telegram's answers so replies and posts pile up behind the pacer together.
		tg.hold("sendMessage", () => true);
		for (let i = 0; i < floodUsers; i++) send(privateChat(60_000 + i), "/help");
		const inFlight = () => tg.requests.filter((r) => r.method === "sendMessage").length;
		await waitFor(() => inFlight() === globalPerSecond, "a window of replies in flight");
		await waitFor(
			() => adapter.waitingSends === floodUsers - globalPerSecond,
			"the other replies queued",
			30_000,
		);
		site.addEntry("storm", { id: "breaking", headline: "Dam holds" });
		await relay.pollAll();
		await waitFor(
			() => adapter.waitingSends === floodUsers - globalPerSecond + subscribers.length,
			"the entry's posts queued behind the replies",
			30_000,
		);
		tg.releaseAll();
		await relay.idle();

		const order = tg.sent.map((m) => (isEntry(m.text) ? "post" : isHelp(m.text) ? "reply" : "?"));
		expect(order.filter((k) => k === "post")).toHaveLength(subscribers.length);
		const lastPost = order.lastIndexOf("post");
		const repliesBefore = order.slice(0, lastPost).filter((k) => k === "reply").length;
		// The window already in flight, then at most a third of the rate for replies while posts
		// wait: without the share, all 300 replies would go first.
		const replyBudget = globalPerSecond / 3;
		expect(repliesBefore).toBeLessThanOrEqual(globalPerSecond + replyBudget + subscribers.length);
		expect(repliesBefore).toBeGreaterThanOrEqual(globalPerSecond);
		// Replies are delayed, never dropped.
		await waitFor(
			() => tg.sent.filter((m) => isHelp(m.text)).length === floodUsers,
			"every /help answered",
			60_000,
		);
		for (const chat of subscribers) {
			expect(tg.sentTo(chat.id).filter((m) => m.text.includes("Dam holds"))).toHaveLength(1);
		}
	});
});

describe("Telegram: per-user and per-chat command limits", () => {
	it("answers a user's first 20 commands in a minute, says 'slow down' once, then stays silent", async () => {
		await startRelay();
		const room = group(-1001, "Room");
		const alice = user(1001, "Alice");
		for (let i = 0; i < 25; i++) send(room, "/help", alice);
		await tg.waitFor(() => texts(room).length === 21);
		// Updates of one chat are handled in order: Bob's answer proves Alice's last four commands
		// were dropped without a word (and that her limit is hers, not the chat's).
		send(room, "/help", user(1002, "Bob"));
		await tg.waitFor(() => texts(room).length === 22);
		// A minute later Alice is served again.
		clock += 61_000;
		send(room, "/list", alice);
		await tg.waitFor(() => texts(room).length === 23);
		const got = texts(room);
		expect(got.slice(0, 20).every(isHelp)).toBe(true);
		expect(got[20]).toBe(escapeHtml(SLOW_DOWN));
		expect(isHelp(got[21] ?? "")).toBe(true);
		expect(got[22]).toContain("doesn't follow any live blog yet");
	});

	it("limits a group as a whole, whoever sends the commands", async () => {
		const { relay } = await startRelay();
		const team = group(-3001, "Team");
		for (let i = 0; i < 34; i++) send(team, "/help", user(4000 + i));
		await waitFor(
			() => texts(team).length === 31 && tg.pendingUpdates === 0,
			"31 answers, and every update fetched",
		);
		// stop() waits for the handlers of every update received, so nothing more can come after.
		await relay.stop();
		const got = texts(team);
		expect(got).toHaveLength(31);
		expect(got.filter(isHelp)).toHaveLength(30);
		expect(got[30]).toBe(escapeHtml(SLOW_DOWN));
	});

	it("honours configured limits and keeps subscribe's own stricter limit", async () => {
		await startRelay({ COMMANDS_PER_USER_PER_MINUTE: "3", SUBSCRIBES_PER_USER_PER_MINUTE: "1" });
		const bob = privateChat(1002, "Bob");
		send(bob, `/subscribe ${site.url("storm")}`);
		send(bob, `/subscribe ${site.url("election")}`);
		send(bob, "/help");
		send(bob, "/help");
		await tg.waitFor(() => texts(bob).length === 4);
		const got = texts(bob);
		expect(got[0]).toContain("Subscribed to");
		expect(got[1]).toBe(
			"⚠️ That's a lot of subscribe requests. Please wait a minute and try again.",
		);
		expect(isHelp(got[2] ?? "")).toBe(true);
		expect(got[3]).toBe(escapeHtml(SLOW_DOWN));
	});
});

describe("Telegram: operator allow-lists", () => {
	it("serves only allowed users and chats: one short refusal in private, silence in groups", async () => {
		const { relay } = await startRelay({ ALLOWED_USERS: "7001", ALLOWED_CHATS: "-8002" });
		const room = group(-8001, "Room");
		send(room, "/help", user(7002));
		send(room, "/help", user(7001));
		await tg.waitFor(() => texts(room).length === 1);
		expect(isHelp(texts(room)[0] ?? "")).toBe(true);

		const allowedRoom = group(-8002, "Allowed room");
		send(allowedRoom, "/help", user(7002));
		await tg.waitFor(() => texts(allowedRoom).length === 1);
		expect(isHelp(texts(allowedRoom)[0] ?? "")).toBe(true);

		const friend = privateChat(7001);
		send(friend, `/subscribe ${site.url("storm")}`);
		await tg.waitFor(() => texts(friend).length === 1);
		expect(texts(friend)[0]).toContain("Subscribed to");

		const stranger = privateChat(7002);
		const fetchesBefore = site.requests.length;
		send(stranger, "/help");
		send(stranger, `/subscribe ${site.url("election")}`);
		send(stranger, "hello");
		await waitFor(
			() => texts(stranger).length === 1 && tg.pendingUpdates === 0,
			"the refusal, and every update fetched",
		);
		// Read the stranger's list while the store is still open; stop() closes it.
		const list = await relay.core.commands.list(target(stranger));
		// stop() waits for the handlers of every update received, so nothing more can come after.
		await relay.stop();
		expect(texts(stranger)).toEqual([escapeHtml(NOT_ALLOWED)]);
		expect(texts(room)).toHaveLength(1);
		// Nothing happened for the stranger: no fetch on their behalf, no subscription.
		expect(site.requests.length).toBe(fetchesBefore);
		expect(list).toEqual({ kind: "list", blogs: [] });
	});
});

describe("Telegram: per-owner limits", () => {
	it("counts channels against the user who added the bot, not each channel", async () => {
		await startRelay({ MAX_BLOGS_PER_OWNER: "2" });
		const [one, two, three] = [channel(-1007001), channel(-1007002), channel(-1007003)];
		const other = channel(-1007004);
		for (const c of [one, two, three]) added(c as FakeChat, 77);
		added(other, 88);
		const subscribeIn = async (c: FakeChat, slug: string) => {
			const before = texts(c).length;
			send(c, `/subscribe ${site.url(slug)}`);
			await tg.waitFor(() => texts(c).length > before);
			return texts(c)[before] ?? "";
		};
		expect(await subscribeIn(one as FakeChat, "storm")).toContain("Subscribed to");
		expect(await subscribeIn(two as FakeChat, "election")).toContain("Subscribed to");
		const refused = await subscribeIn(three as FakeChat, "quake");
		expect(refused).toContain(
			"⚠️ The chats you added me to already follow the most live blogs allowed (2). Unsubscribe from one first.",
		);
		// A blog the owner already follows elsewhere costs nothing more.
		expect(await subscribeIn(three as FakeChat, "storm")).toContain("Subscribed to");
		// Someone else's channel has its own allowance.
		expect(await subscribeIn(other, "quake")).toContain("Subscribed to");
		// Leaving one blog makes room again.
		const left = await relay?.core.commands.unsubscribe(target(two as FakeChat), "1", {
			canManage: true,
		});
		expect(left?.kind).toBe("unsubscribed");
		expect(await subscribeIn(three as FakeChat, "quake")).toContain("Subscribed to");
	});
});

describe("Telegram: the bot removed from a chat", () => {
	it("forgets the chat through the core: its follows, its owner's allowance, and why", async () => {
		const { relay } = await startRelay({ MAX_BLOGS_PER_OWNER: "1" });
		const [one, two] = [channel(-1008001), channel(-1008002)];
		added(one, 77);
		added(two, 77);
		const subscribeIn = async (c: FakeChat, slug: string) => {
			const before = texts(c).length;
			send(c, `/subscribe ${site.url(slug)}`);
			await tg.waitFor(() => texts(c).length > before);
			return texts(c)[before] ?? "";
		};
		expect(await subscribeIn(one, "storm")).toContain("Subscribed to");
		expect(await subscribeIn(two, "election")).toContain(
			"already follow the most live blogs allowed (1)",
		);
		tg.pushUpdate({
			my_chat_member: {
				chat: one as NonNullable<Update["my_chat_member"]>["chat"],
				from: user(77),
				date: 0,
				old_chat_member: { status: "administrator", user: tg.me } as never,
				new_chat_member: { status: "kicked", user: tg.me, until_date: 0 },
			},
		} as Omit<Update, "update_id">);
		await waitFor(
			async () => (await relay.core.blogsOf(target(one))).length === 0,
			"the chat forgotten",
			30_000,
		);
		// The blog nobody follows any more is not watched, and the owner may follow another.
		expect((await relay.store.get<string[]>(KEYS.blogIndex())) ?? []).toEqual([]);
		expect(await subscribeIn(two, "election")).toContain("Subscribed to");
		expect(await new DeliveryFailureRepo(relay.store).list(`telegram:${one.id}`)).toMatchObject([
			{ status: "gone", reason: "bot kicked (my_chat_member)" },
		]);
	});
});

describe("Telegram: a post the Bot API rejects", () => {
	it("is dropped, recorded as data, and the next entry still goes out", async () => {
		const { relay } = await startRelay({}, UNPACED);
		const reader = privateChat(2101);
		const reply = await relay.core.commands.subscribe(target(reader), site.url("storm"), {
			canManage: true,
		});
		expect(reply.kind).toBe("subscribed");
		tg.failNext("sendMessage", {
			error_code: 400,
			description: "Bad Request: can't parse entities: unexpected end tag",
		});
		site.addEntry("storm", { id: "bad", headline: "Bad one" });
		await relay.pollAll();
		await relay.idle();
		site.addEntry("storm", { id: "good", headline: "Good one" });
		await relay.pollAll();
		await relay.idle();
		const posted = texts(reader).filter(isEntry);
		expect(posted).toHaveLength(1);
		expect(posted[0]).toContain("Good one");
		expect(await relay.core.blogsOf(target(reader))).toHaveLength(1);
		expect(await new DeliveryFailureRepo(relay.store).list(`telegram:${reader.id}`)).toMatchObject([
			{
				status: "rejected",
				entryId: "bad",
				reason: expect.stringContaining("can't parse entities"),
			},
		]);
	});
});

function target(chat: FakeChat): Target {
	return { platform: "telegram", id: String(chat.id) };
}
