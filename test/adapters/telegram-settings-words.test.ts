/**
 * The settings speak the chat's language, and the keyboard asks for what cannot be tapped: through
 * the real grammY bot, the fake Bot API and the real core, on an injected clock. A French chat gets
 * its settings replies, keyboard, refusals and digest heading in French; "Keywords…" and "Quiet
 * hours…" ask with ForceReply and take the answer; the time-zone screen sets a common zone.
 */
import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay-api.js";
import type { Target } from "../../src/types.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";
import {
	type FakeChat,
	type FakeTelegram,
	privateChat,
	type SentMessage,
	supergroup,
	user,
} from "../fakes/telegram-bot-api.js";
import { startTelegramRelay, startTelegramWorld, type TelegramWorld } from "../telegram-harness.js";

let world: TelegramWorld;
let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;
let clock = Date.parse("2024-07-01T12:00:00Z");

beforeEach(async () => {
	clock = Date.parse("2024-07-01T12:00:00Z");
	world = await startTelegramWorld("telegram-settings-words-");
	({ site, tg } = world);
	site.setBlog(makeFakeBlog("storm", 3, "Storm live"));
	({ relay } = await startTelegramRelay(tg, world.tmp.dir, {
		adapter: { now: () => new Date(clock) },
		relay: { now: () => clock },
	}));
});

afterEach(async () => {
	await world.close(relay);
});

const alice = privateChat(1001, "Alice");
const at = (chat: FakeChat): Target => ({ platform: "telegram", id: String(chat.id) });

/** Sends `text` as `from` in `chat` and resolves with the bot's reply; `extra` may be a partial reply. */
const ask = (chat: FakeChat, text: string, from?: User, extra: object = {}) =>
	world.ask(chat, text, from, extra as never);

type Button = { text: string; callback_data: string };
/** The buttons of the newest keyboard sent or edited in. */
function buttons(): Button[] {
	const calls = tg.requests.filter(
		(r) =>
			(r.method === "sendMessage" || r.method === "editMessageText") &&
			(r.payload as { reply_markup?: { inline_keyboard?: unknown } }).reply_markup?.inline_keyboard,
	);
	const payload = calls.at(-1)?.payload as { reply_markup: { inline_keyboard: Button[][] } };
	return payload?.reply_markup.inline_keyboard.flat() ?? [];
}
function button(label: string | RegExp): Button {
	const found = buttons().find((b) =>
		typeof label === "string" ? b.text === label : label.test(b.text),
	);
	if (!found) throw new Error(`no button ${label}: ${buttons().map((b) => b.text)}`);
	return found;
}

let taps = 0;
/** Taps a button of `message` as `from`; waits until the tap is answered. */
async function tap(chat: FakeChat, message: SentMessage, data: string, from = user(1001)) {
	const answered = tg.requests.filter((r) => r.method === "answerCallbackQuery").length;
	tg.pushUpdate({
		callback_query: {
			id: `tap${++taps}`,
			from,
			chat_instance: "ci",
			data,
			message: { message_id: message.message_id, date: 0, chat, from: tg.me, text: "x" },
		},
	} as never);
	await tg.waitFor(
		() => tg.requests.filter((r) => r.method === "answerCallbackQuery").length > answered,
	);
	return tg.requests.filter((r) => r.method === "answerCallbackQuery").at(-1)?.payload as {
		text?: string;
		show_alert?: boolean;
	};
}

async function settingsOf(chat: FakeChat) {
	return (await relay.core.settings?.view(at(chat)))?.blogs[0]?.settings;
}

describe("Telegram settings in the chat's language", () => {
	it("answers, shows the keyboard, refuses and heads digests in French", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		expect((await ask(alice, "/language fr")).text).toContain(
			"Le bot parle désormais Français ici.",
		);
		const saved = await ask(alice, "/settings 1 mode digest 60");
		expect(saved.text).toBe("✅ Enregistré pour « Storm live » :\nmode : résumé toutes les 60 min");
		expect((await ask(alice, "/settings 1 mode sometimes")).text).toBe(
			"⚠️ Le mode est l'un de : all, key, digest 15, digest 30, digest 60, digest 120.",
		);
		expect((await ask(alice, "/timezone Mars/Olympus")).text).toContain(
			"Je ne connais pas le fuseau horaire « Mars/Olympus ».",
		);
		const home = await ask(alice, "/settings");
		expect(home.text).toContain("<b>Réglages</b> — choisissez un live");
		expect(buttons().map((b) => b.text)).toContain("Par défaut pour ce chat");
		await tap(alice, home, button(/^1\. Storm live/).callback_data);
		expect(buttons().map((b) => b.text)).toEqual(
			expect.arrayContaining(["Chaque entrée", "• Résumé 60′", "Mots-clés…", "« Retour"]),
		);
		site.addEntry("storm", { id: "d1", headline: "Held", body: "x", publishedAt: new Date(clock) });
		await relay.pollAll();
		await relay.idle();
		clock = Date.parse("2024-07-01T13:00:00Z");
		await relay.pollAll();
		await relay.idle();
		const digest = tg.sentTo(alice.id).find((m) => m.text.startsWith("🗞"));
		expect(digest?.text.split("\n")[0]).toBe(
			`🗞 <b>Résumé</b>: <a href="${site.url("storm")}">Storm live</a>`,
		);
	});
});

describe("Telegram settings keyboard: typed values and the time zone", () => {
	it("asks for keywords with ForceReply and takes the reply; an invalid one changes nothing", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		const home = await ask(alice, "/settings");
		await tap(alice, home, button(/^1\. Storm live/).callback_data);
		const sentBefore = tg.sentTo(alice.id).length;
		await tap(alice, home, button("Keywords…").callback_data);
		await tg.waitFor(() => tg.sentTo(alice.id).length > sentBefore);
		const question = tg.sentTo(alice.id)[sentBefore] as SentMessage;
		expect(question.text).toContain("Reply to this message with the keywords for 1. Storm live");
		const asked = tg.requests.filter((r) => r.method === "sendMessage").at(-1)?.payload as {
			reply_markup?: { force_reply?: boolean };
		};
		expect(asked.reply_markup?.force_reply).toBe(true);
		// Invalid: a plain reason, nothing changed, and the question is over.
		const bad = await ask(alice, "+!!!", user(1001), {
			reply_to_message: { message_id: question.message_id, date: 0, chat: alice, text: "?" },
		});
		expect(bad.text).toBe('⚠️ "+!!!" has no letters or digits to match.');
		expect((await settingsOf(alice))?.include).toEqual([]);
		// Asked again, the next plain message in a private chat is the answer.
		await tap(alice, home, button("Keywords…").callback_data);
		const done = await ask(alice, '+ceasefire -football "peace talks"');
		expect(done.text).toContain("✅ Saved for “Storm live”:");
		expect(await settingsOf(alice)).toMatchObject({
			include: ["ceasefire", "peace talks"],
			exclude: ["football"],
		});
		// Answered: ordinary messages are ordinary again (the private-chat hint, not a setting).
		const after = await ask(alice, "+more");
		expect(after.text).not.toContain("Saved");
		expect((await settingsOf(alice))?.include).toEqual(["ceasefire", "peace talks"]);
	});

	it("takes quiet hours only as a reply in a group, from the admin asked, within the time limit", async () => {
		const group = supergroup(-1002003, "Night owls");
		const admin = user(701);
		tg.setMember(group.id, admin.id, "administrator");
		await ask(group, `/subscribe ${site.url("storm")}`, admin);
		const home = await ask(group, "/settings", admin);
		await tap(group, home, button(/^1\. Storm live/).callback_data, admin);
		const before = tg.sentTo(group.id).length;
		await tap(group, home, button("Quiet hours…").callback_data, admin);
		await tg.waitFor(() => tg.sentTo(group.id).length > before);
		const question = tg.sentTo(group.id)[before] as SentMessage;
		const replyTo = {
			reply_to_message: { message_id: question.message_id, date: 0, chat: group, text: "?" },
		};
		// Not a reply: group chat goes on untouched.
		tg.sendText(group, admin, "23:00 07:00");
		const saved = await ask(group, "25:00 07:00", admin, replyTo);
		expect(saved.text).toContain("⚠️ Usage: /quiet");
		expect((await settingsOf(group))?.quiet).toBeNull();
		await tap(group, home, button("Quiet hours…").callback_data, admin);
		const question2 = tg.sentTo(group.id).at(-1) as SentMessage;
		// Past the time limit the answer is ordinary chat again.
		clock += 6 * 60_000;
		const late = {
			reply_to_message: { message_id: question2.message_id, date: 0, chat: group, text: "?" },
		};
		tg.sendText(group, admin, "22:00 06:00", late as never);
		await tap(group, home, button("Quiet hours…").callback_data, admin);
		// Updates of a chat are handled in order: the late answer was seen before this tap.
		expect((await settingsOf(group))?.quiet).toBeNull();
		const question3 = tg.sentTo(group.id).at(-1) as SentMessage;
		const ok = await ask(group, "22:00 06:00", admin, {
			reply_to_message: { message_id: question3.message_id, date: 0, chat: group, text: "?" },
		});
		expect(ok.text).toContain("quiet hours 22:00–06:00");
		expect((await settingsOf(group))?.quiet).toEqual({ from: "22:00", to: "06:00" });
	});

	it("sets a common time zone from its screen", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		const home = await ask(alice, "/settings");
		await tap(alice, home, button("Time zone: UTC").callback_data);
		const edit = tg.requests.filter((r) => r.method === "editMessageText").at(-1)?.payload as {
			text: string;
		};
		expect(edit.text).toContain("/timezone Europe/Paris");
		const answer = await tap(alice, home, button("Europe/Kyiv").callback_data);
		expect(answer.text).toContain("Times here are now shown in Europe/Kyiv.");
		expect(await relay.core.settings?.timeZoneOf(at(alice))).toBe("Europe/Kyiv");
		expect(buttons().map((b) => b.text)).toContain("• Europe/Kyiv");
	});
});

describe("Telegram digests and the publisher's deletions", () => {
	it("leaves an entry the publisher deleted out of the digest it was held for", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		await ask(alice, "/settings 1 mode digest 60");
		["a", "b", "c"].forEach((id, i) => {
			site.addEntry("storm", {
				id,
				headline: `Held ${id}`,
				publishedAt: new Date(clock + i * 60_000),
			});
		});
		await relay.pollAll();
		await relay.idle();
		const blog = site.blog("storm");
		blog.entries = blog.entries.filter((e) => e.id !== "b");
		// Missing from two polls in a row between entries still there: deleted by the publisher.
		await relay.pollAll();
		await relay.pollAll();
		await relay.idle();
		clock = Date.parse("2024-07-01T13:00:00Z");
		await relay.pollAll();
		await relay.idle();
		const digest = tg.sentTo(alice.id).find((m) => m.text.startsWith("🗞"));
		expect(digest?.text).toContain("Held a");
		expect(digest?.text).toContain("Held c");
		expect(digest?.text).not.toContain("Held b");
	});

	it("gives a digest due at the same tick as an edit the edited text (digests run after the tick's polls)", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		await ask(alice, "/settings 1 mode digest 60");
		site.addEntry("storm", { id: "a", headline: "Held a", publishedAt: new Date(clock) });
		await relay.pollAll();
		await relay.idle();
		// The publisher corrects it just as the digest falls due (e.g. while the bot was down).
		const held = site.blog("storm").entries.find((e) => e.id === "a");
		if (!held) throw new Error("entry a is not on the fake page");
		held.headline = "Held a, corrected";
		clock = Date.parse("2024-07-01T13:00:00Z");
		await relay.pollAll();
		await relay.idle();
		const digest = tg.sentTo(alice.id).find((m) => m.text.startsWith("🗞"));
		expect(digest?.text).toContain("Held a, corrected");
	});
});
