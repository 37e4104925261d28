/**
 * The /settings inline keyboard through the real grammY bot and the fake Bot API: each tap is
 * answered, edits the same message in place, and changes settings only for those who may.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay-api.js";
import type { Target } from "../../src/types.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";
import {
	type FakeChat,
	type FakeTelegram,
	privateChat,
	supergroup,
	user,
} from "../fakes/telegram-bot-api.js";
import { startTelegramRelay, startTelegramWorld, type TelegramWorld } from "../telegram-harness.js";

let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;
let world: TelegramWorld;

beforeEach(async () => {
	world = await startTelegramWorld("telegram-keyboard-");
	({ site, tg } = world);
	site.setBlog(makeFakeBlog("storm", 3, "Storm live"));
	({ relay } = await startTelegramRelay(tg, world.tmp.dir));
});

afterEach(async () => {
	await world.close(relay);
});

const alice = privateChat(1001, "Alice");
const at = (chat: FakeChat): Target => ({ platform: "telegram", id: String(chat.id) });

/** Sends `text` as `from` in `chat` and resolves with the bot's reply. */
const ask: TelegramWorld["ask"] = (...args) => world.ask(...args);

async function settingsOf(chat: FakeChat, n = 1) {
	const view = await relay.core.settings?.view(at(chat));
	return view?.blogs[n - 1]?.settings;
}

describe("Telegram settings: inline keyboard", () => {
	it("opens a blog, edits the message in place on each tap and answers every callback", async () => {
		await ask(alice, `/subscribe ${site.url("storm")}`);
		const home = await ask(alice, "/settings");
		expect(home.text).toContain("<b>Settings</b>");
		const keyboardOf = (method: string, n = -1) => {
			const calls = tg.requests.filter((r) => r.method === method);
			const payload = calls.at(n)?.payload as {
				reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
			};
			return payload?.reply_markup?.inline_keyboard.flat() ?? [];
		};
		const open = keyboardOf("sendMessage").find((b) => b.text.startsWith("1. Storm live"));
		expect(open).toBeDefined();
		let answered = 0;
		const tap = async (data: string) => {
			const edits = tg.requests.filter((r) => r.method === "editMessageText").length;
			tg.pushUpdate({
				callback_query: {
					id: `q${++answered}`,
					from: user(alice.id),
					chat_instance: "ci",
					data,
					message: {
						message_id: home.message_id,
						date: 0,
						chat: alice,
						from: tg.me,
						text: "x",
					},
				},
			} as never);
			await tg.waitFor(
				() =>
					tg.requests.filter((r) => r.method === "answerCallbackQuery").length >= answered &&
					tg.requests.filter((r) => r.method === "editMessageText").length > edits,
			);
		};
		await tap(open?.callback_data ?? "");
		const digest = keyboardOf("editMessageText").find((b) => b.text === "Digest 60′");
		expect(digest).toBeDefined();
		await tap(digest?.callback_data ?? "");
		expect((await settingsOf(alice))?.mode).toEqual({ kind: "digest", minutes: 60 });
		expect(keyboardOf("editMessageText").some((b) => b.text === "• Digest 60′")).toBe(true);
		const edits = tg.requests.filter((r) => r.method === "editMessageText");
		expect(edits.every((r) => r.payload.message_id === home.message_id)).toBe(true);
		const pin = keyboardOf("editMessageText").find((b) => b.text.startsWith("Pin key events"));
		await tap(pin?.callback_data ?? "");
		expect((await settingsOf(alice))?.pinKeyEvents).toBe(true);
		expect(tg.requests.filter((r) => r.method === "answerCallbackQuery")).toHaveLength(3);
		// Back home, the chat's language is one tap.
		await tap(keyboardOf("editMessageText").find((b) => b.text === "« Back")?.callback_data ?? "");
		await tap(keyboardOf("editMessageText").find((b) => b.text === "uk")?.callback_data ?? "");
		expect(await relay.core.settings?.languageOf(at(alice))).toBe("uk");
		expect(keyboardOf("editMessageText").some((b) => b.text === "• uk")).toBe(true);
	});

	it("refuses a tap that changes settings from a group member who is not an admin", async () => {
		const group = supergroup(-1002002, "Readers");
		const admin = user(601);
		const member = user(602);
		tg.setMember(group.id, admin.id, "administrator");
		tg.setMember(group.id, member.id, "member");
		await ask(group, `/subscribe ${site.url("storm")}`, admin);
		const home = await ask(group, "/settings", member);
		const blogKey = (await relay.core.settings?.view(at(group)))?.blogs[0]?.blogKey;
		tg.pushUpdate({
			callback_query: {
				id: "deny",
				from: member,
				chat_instance: "ci",
				data: `st:m:${blogKey}:key`,
				message: { message_id: home.message_id, date: 0, chat: group, from: tg.me, text: "x" },
			},
		} as never);
		await tg.waitFor(() => tg.requests.some((r) => r.method === "answerCallbackQuery"));
		const answer = tg.requests.find((r) => r.method === "answerCallbackQuery")?.payload;
		expect(answer).toMatchObject({
			show_alert: true,
			text: "Only administrators can change the settings here.",
		});
		expect((await settingsOf(group))?.mode).toEqual({ kind: "all" });
	});
});
