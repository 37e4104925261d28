/**
 * Settings through the real grammY bot, the fake Bot API and the real core: text commands, the
 * inline keyboard, filtering at fan-out, digests and quiet hours on an injected clock. Polls and
 * deliveries are driven with pollAll() + idle(); the clock only moves when a test moves it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay-api.js";
import type { Target } from "../../src/types.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";
import {
	channel,
	type FakeChat,
	type FakeTelegram,
	privateChat,
	type SentMessage,
	supergroup,
	user,
} from "../fakes/telegram-bot-api.js";
import { startTelegramRelay, startTelegramWorld, type TelegramWorld } from "../telegram-harness.js";

let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;
let world: TelegramWorld;
/** The relay's clock: 2024-07-01 12:00 UTC until a test moves it. */
let clock = Date.parse("2024-07-01T12:00:00Z");

beforeEach(async () => {
	clock = Date.parse("2024-07-01T12:00:00Z");
	world = await startTelegramWorld("telegram-settings-");
	({ site, tg } = world);
	site.setBlog(makeFakeBlog("storm", 3, "Storm live"));
	site.setBlog(makeFakeBlog("vote", 2, "Vote live"));
	({ relay } = await startTelegramRelay(tg, world.tmp.dir, {
		relay: { now: () => clock },
	}));
});

afterEach(async () => {
	await world.close(relay);
});

const alice = privateChat(1001, "Alice");

/** Sends `text` as `from` in `chat` and resolves with the bot's reply. */
const ask: TelegramWorld["ask"] = (...args) => world.ask(...args);

const at = (chat: FakeChat): Target => ({ platform: "telegram", id: String(chat.id) });

/** Posted entries (not command replies, which may show an entry too). */
function entriesTo(chat: FakeChat): SentMessage[] {
	return tg
		.sentTo(chat.id)
		.filter((m) => m.text.includes("Read entry") && !m.text.includes("Subscribed to"));
}

async function pollAndDeliver(): Promise<void> {
	await relay.pollAll();
	await relay.idle();
}

async function settingsOf(chat: FakeChat, n = 1) {
	const view = await relay.core.settings?.view(at(chat));
	return view?.blogs[n - 1]?.settings;
}

describe("Telegram settings: text commands", () => {
	it("filters by keywords at fan-out and never back-fills entries skipped earlier", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		const reply = await ask(alice, '/keywords 1 +ceasefire -football +"peace talks"');
		expect(reply.text).toContain("✅ Saved for “Storm live”:");
		expect(reply.text).toContain('keywords +ceasefire +"peace talks" −football');
		site.addEntry("storm", {
			id: "c1",
			headline: "Ceasefire agreed in the north",
			body: "Details.",
		});
		site.addEntry("storm", { id: "c2", headline: "Football: ceasefire match off", body: "Sport." });
		site.addEntry("storm", { id: "c3", headline: "Markets", body: "The PEACE talks resume." });
		site.addEntry("storm", { id: "c4", headline: "Weather", body: "Rain later." });
		await pollAndDeliver();
		expect(entriesTo(alice).map((m) => m.text.split("\n")[0])).toEqual([
			"<b>Ceasefire agreed in the north</b>",
			"<b>Markets</b>",
		]);
		// Clearing the filter later does not bring the skipped ones back.
		await ask(alice, "/keywords 1 clear");
		site.addEntry("storm", { id: "c5", headline: "Weather again", body: "Sun." });
		await pollAndDeliver();
		expect(entriesTo(alice).map((m) => m.text.split("\n")[0])).toEqual([
			"<b>Ceasefire agreed in the north</b>",
			"<b>Markets</b>",
			"<b>Weather again</b>",
		]);
	});

	it("sets mode, changes, time zone and language by text, and /list shows the settings in one line", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		await ask(alice, `/subscribe ${site.url("vote")}`);
		expect((await ask(alice, "/settings 2 mode digest 60")).text).toContain(
			"mode: digest every 60 min",
		);
		await ask(alice, "/settings 1 retractions delete");
		await ask(alice, "/settings 1 pin on");
		await ask(alice, "/settings default edits off");
		expect((await ask(alice, "/timezone europe/kyiv")).text).toContain("Europe/Kyiv");
		// Answered in the new language already.
		expect((await ask(alice, "/language uk")).text).toContain(
			"Бот тепер розмовляє тут мовою: Українська.",
		);
		expect(await settingsOf(alice, 1)).toMatchObject({
			retractions: "delete",
			pinKeyEvents: true,
			edits: false,
		});
		expect(await settingsOf(alice, 2)).toMatchObject({
			mode: { kind: "digest", minutes: 60 },
			edits: false,
		});
		expect(await relay.core.settings?.languageOf(at(alice))).toBe("uk");
		expect(await relay.core.settings?.timeZoneOf(at(alice))).toBe("Europe/Kyiv");
		// The chat now speaks Ukrainian: its settings lines too.
		const list = await ask(alice, "/list");
		expect(list.text).toContain(
			"<i>кожен допис · редагування: вимк., відкликані: видалити, закріплення: увімк.</i>",
		);
		expect(list.text).toContain(
			"<i>дайджест кожні 60 хв · редагування: вимк., відкликані: закреслити, закріплення: вимк.</i>",
		);
		const view = await ask(alice, "/settings 2");
		expect(view.text).toBe(
			"<b>2. Vote live</b>\nдайджест кожні 60 хв · редагування: вимк., відкликані: закреслити, закріплення: вимк.",
		);
	});

	it("answers every invalid command with a reason and changes nothing", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		const before = await relay.core.settings?.view(at(alice));
		for (const text of [
			"/settings 1 mode digest 45",
			"/settings 7 mode key",
			"/settings 1 volume 11",
			"/quiet 25:00 07:00",
			"/timezone Mars/Olympus",
			"/language tlh",
			'/keywords 1 +"open',
		]) {
			const reply = await ask(alice, text);
			expect(reply.text, text).toMatch(/^⚠️ /);
		}
		expect(await relay.core.settings?.view(at(alice))).toEqual(before);
	});

	it("lets anyone in a group view and only admins change", async () => {
		const group = supergroup(-1002001, "Newsroom");
		const admin = user(501, "Admin");
		const member = user(502, "Member");
		tg.setMember(group.id, admin.id, "administrator");
		tg.setMember(group.id, member.id, "member");
		await ask(group, `/subscribe ${site.url("storm")}`, admin);
		const refused = await ask(group, "/settings 1 mode key", member);
		expect(refused.text).toBe(
			"⚠️ Only administrators can change the settings here; anyone can view them.",
		);
		expect((await settingsOf(group))?.mode).toEqual({ kind: "all" });
		expect((await ask(group, "/settings 1", member)).text).toContain("Storm live");
		await ask(group, "/settings 1 mode key", admin);
		expect((await settingsOf(group))?.mode).toEqual({ kind: "key" });
	});

	it("takes settings posted in a channel (only its admins can post there)", async () => {
		const news = channel(-1003001, "News");
		await ask(news, `/subscribe ${site.url("storm")}`);
		expect((await ask(news, "/settings 1 mode digest 30")).text).toContain("digest every 30 min");
		expect((await settingsOf(news))?.mode).toEqual({ kind: "digest", minutes: 30 });
	});
});

describe("Telegram settings: forum topics", () => {
	it("keeps each topic's settings apart and shares the chat's time zone", async () => {
		const forum = supergroup(-1006002, "Forum", true);
		const admin = user(78);
		tg.setMember(forum.id, admin.id, "administrator");
		const inTopic = (id: number) => ({ is_topic_message: true, message_thread_id: id }) as const;
		const askIn = async (thread: number, text: string) => {
			const before = tg.sentTo(forum.id, thread).length;
			tg.sendText(forum, admin, text, inTopic(thread));
			await tg.waitFor(() => tg.sentTo(forum.id, thread).length > before);
			return tg.sentTo(forum.id, thread)[before] as SentMessage;
		};
		await askIn(42, `/subscribe ${site.url("storm")}`);
		await askIn(43, `/subscribe ${site.url("storm")}`);
		const reply = await askIn(42, "/settings 1 mode key");
		expect(reply.message_thread_id).toBe(42);
		await askIn(43, "/timezone Europe/Paris");
		const topic = (thread: number): Target => ({ ...at(forum), threadId: String(thread) });
		expect((await relay.core.settings?.view(topic(42)))?.blogs[0]?.settings.mode).toEqual({
			kind: "key",
		});
		expect((await relay.core.settings?.view(topic(43)))?.blogs[0]?.settings.mode).toEqual({
			kind: "all",
		});
		expect(await relay.core.settings?.timeZoneOf(topic(42))).toBe("Europe/Paris");
		site.addEntry("storm", { id: "f1", headline: "Not a key event" });
		await pollAndDeliver();
		expect(tg.sentTo(forum.id, 42).filter((m) => m.text.includes("Not a key event"))).toHaveLength(
			0,
		);
		expect(tg.sentTo(forum.id, 43).filter((m) => m.text.includes("Not a key event"))).toHaveLength(
			1,
		);
	});
});

describe("Telegram settings: digests and quiet hours on an injected clock", () => {
	it("holds entries in digest mode and sends one digest when the hour comes round", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		await ask(alice, "/settings 1 mode digest 60");
		site.addEntry("storm", {
			id: "d1",
			headline: "First <b>held</b>",
			body: "x",
			publishedAt: new Date(clock),
		});
		site.addEntry("storm", {
			id: "d2",
			headline: "Second held",
			body: "y",
			publishedAt: new Date(clock + 60_000),
		});
		clock += 5 * 60_000;
		await pollAndDeliver();
		expect(entriesTo(alice)).toHaveLength(0);
		expect(tg.sentTo(alice.id).some((m) => m.text.includes("Digest"))).toBe(false);
		clock = Date.parse("2024-07-01T13:00:00Z");
		await pollAndDeliver();
		const digests = tg.sentTo(alice.id).filter((m) => m.text.includes("Digest"));
		expect(digests).toHaveLength(1);
		expect(digests[0]?.text).toBe(
			[
				`🗞 <b>Digest</b>: <a href="${site.url("storm")}">Storm live</a>`,
				`• 12:00 <a href="${site.url("storm")}#d1">First &lt;b&gt;held&lt;/b&gt;</a>`,
				`• 12:01 <a href="${site.url("storm")}#d2">Second held</a>`,
			].join("\n"),
		);
		// Sent once: the next tick sends nothing more.
		clock += 60 * 60_000;
		await pollAndDeliver();
		expect(tg.sentTo(alice.id).filter((m) => m.text.includes("Digest"))).toHaveLength(1);
	});

	it("holds entries during quiet hours in the chat's zone and sends them when they end", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		await ask(alice, "/timezone Europe/Kyiv");
		expect((await ask(alice, "/quiet 23:00 07:00")).text).toContain("quiet hours 23:00–07:00");
		clock = Date.parse("2024-07-01T21:00:00Z"); // 00:00 in Kyiv
		site.addEntry("storm", {
			id: "n1",
			headline: "Night news",
			body: "x",
			publishedAt: new Date(clock),
		});
		await pollAndDeliver();
		clock = Date.parse("2024-07-02T03:30:00Z"); // 06:30 in Kyiv: still quiet
		await pollAndDeliver();
		expect(tg.sentTo(alice.id).filter((m) => m.text.includes("Night news"))).toHaveLength(0);
		clock = Date.parse("2024-07-02T04:01:00Z"); // 07:01 in Kyiv
		await pollAndDeliver();
		const sent = tg.sentTo(alice.id).filter((m) => m.text.includes("Night news"));
		expect(sent).toHaveLength(1);
		expect(sent[0]?.text).toContain("🌙 <b>While it was quiet</b>");
		expect(sent[0]?.text).toContain("• 00:00 "); // the entry's time in Kyiv
	});

	it("splits a long digest between entries, each message within Telegram's limit", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		await ask(alice, "/settings 1 mode digest 15");
		for (let i = 0; i < 45; i++) {
			site.addEntry("storm", {
				id: `long${i}`,
				headline: `Entry ${i} ${"with a long headline ".repeat(8)}`,
				body: "b",
				publishedAt: new Date(clock + i * 1000),
			});
		}
		await pollAndDeliver();
		clock += 15 * 60_000;
		await pollAndDeliver();
		const digests = tg.sentTo(alice.id).filter((m) => m.text.includes("Digest"));
		expect(digests.length).toBeGreaterThan(1);
		const visible = (html: string) =>
			html.replace(/<[^>]*>/g, "").replace(/&(?:amp|lt|gt|quot);/g, "&").length;
		for (const d of digests) expect(visible(d.text)).toBeLessThanOrEqual(4096);
		const links = digests.flatMap((d) => [...d.text.matchAll(/#(long\d+)"/g)].map((m) => m[1]));
		expect(links).toHaveLength(45);
		expect(new Set(links).size).toBe(45);
		expect(digests[0]?.text).toContain(`(1/${digests.length})`);
	});
});

describe("Telegram settings: the chat's language and time zone", () => {
	it("speak the chat's chosen language and show times in its zone, in replies and in posts", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		await ask(alice, "/language de");
		await ask(alice, "/timezone Europe/Berlin");
		const help = await ask(alice, "/help");
		expect(help.text).toContain("/settings — was und wann jeder Blog hier postet");
		expect((await ask(alice, "/list")).text).toContain("Dieser Chat folgt 1 Live-Blog:");
		const before = tg.sentTo(alice.id).length;
		site.addEntry("storm", {
			id: "berlin",
			headline: "Evening update",
			body: "Calm.",
			publishedAt: new Date("2024-07-01T09:30:00Z"),
		});
		await pollAndDeliver();
		const post = tg
			.sentTo(alice.id)
			.slice(before)
			.find((m) => m.text.includes("Evening update"));
		// Berlin is UTC+2 in July; the entry's own text stays as written.
		expect(post?.text).toContain("11:30");
		expect(post?.text).not.toContain("09:30");
		expect(post?.text).toContain("Zum Eintrag");
	});

	it("keeps English and UTC for a chat that chose neither", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		expect((await ask(alice, "/help")).text).toContain("/settings — what and when each blog posts");
		site.addEntry("storm", {
			id: "utc",
			headline: "Morning update",
			body: "Calm.",
			publishedAt: new Date("2024-07-01T09:30:00Z"),
		});
		await pollAndDeliver();
		const post = entriesTo(alice).find((m) => m.text.includes("Morning update"));
		expect(post?.text).toContain("09:30 UTC");
	});
});
