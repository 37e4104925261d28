/**
 * What people read in Telegram, as exact text through the real grammY bot, the real core and the
 * fakes: refusals in plain language (the developer detail only in the log), and the chat's language
 * from the settings port (or, in a private chat, the user's Telegram language).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import type { Relay } from "../../src/relay/relay-api.js";
import type { Target } from "../../src/types.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";
import {
	type FakeChat,
	type FakeTelegram,
	group,
	privateChat,
	user,
} from "../fakes/telegram-bot-api.js";
import { MemoryStream } from "../helpers.js";
import { startTelegramRelay, startTelegramWorld, type TelegramWorld } from "../telegram-harness.js";

let world: TelegramWorld;
let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;
let logs: MemoryStream;
/** The languages chats chose (what the settings store's /language will hold). */
let chosen: Map<string, string>;
/** The time zones chats chose (what the settings store's /timezone will hold). */
let zones: Map<string, string>;

beforeEach(async () => {
	world = await startTelegramWorld("telegram-wording-");
	({ site, tg } = world);
	site.setBlog(makeFakeBlog("storm", 5, "Storm live"));
	site.setBlog({ slug: "article", title: "Just news", entries: [], notLive: true });
	logs = new MemoryStream();
	chosen = new Map();
	zones = new Map();
	const log = createLogger("info", { stream: logs });
	({ relay } = await startTelegramRelay(tg, world.tmp.dir, {
		adapter: {
			log,
			localeOf: async (target: Target) => chosen.get(target.id),
			timeZoneOf: async (target: Target) => zones.get(target.id),
		},
		relay: { log },
	}));
});

afterEach(async () => {
	await world.close(relay);
});

const alice = privateChat(2001, "Alice");

async function ask(chat: FakeChat, text: string, from = user(chat.id > 0 ? chat.id : 2001)) {
	return world.ask(chat, text, from);
}

describe("refusals in plain language", () => {
	it.each([
		[
			"a page that is not a live blog",
			() => site.url("article"),
			"⚠️ I couldn't find live updates on that page. Is it a live blog? Send the address of the live page itself.",
			/No live-blog entries found/,
		],
		[
			"a site that does not answer",
			() => "http://127.0.0.1:1/live",
			"⚠️ I couldn't reach that site. Check the address.",
			/ECONNREFUSED/,
		],
		[
			"a host name without a dot",
			() => "https://newsroom/live",
			"⚠️ That doesn't look like a web address I can watch. Send the full address, starting with https://.",
			/host name/,
		],
		[
			"a page the site does not have",
			() => `${site.origin}/nothing-here`,
			"⚠️ That page doesn't exist on the site. Check the address.",
			/status 404/,
		],
	])("answers %s with a sentence, and logs the detail", async (_name, url, reply, detail) => {
		const answer = await ask(alice, `/subscribe ${url()}`);
		expect(answer.text).toBe(reply);
		expect(logs.text).toMatch(detail);
	});
});

describe("the chat's language", () => {
	it("answers in the language the chat chose, the entry's own text untranslated", async () => {
		chosen.set(String(alice.id), "de");
		const help = await ask(alice, "/help");
		expect(help.text.split("\n").slice(0, 2)).toEqual([
			"<b>Live-Blog-Relay</b>",
			"Ich beobachte Live-Blogs von Nachrichtenseiten und poste jeden neuen Eintrag sofort hier.",
		]);
		const subscribed = await ask(alice, `/subscribe ${site.url("storm")}`);
		expect(subscribed.text).toMatch(/^✅ Abonniert: <a href="[^"]+">Storm live<\/a>\./);
		expect(subscribed.text).toContain("Entry 5 headline");
		expect(subscribed.text).toContain(">Zum Eintrag</a>");
		const refused = await ask(alice, `/subscribe ${site.url("article")}`);
		expect(refused.text).toBe(
			"⚠️ Auf dieser Seite finde ich keine Live-Updates. Ist es ein Live-Blog? Schick mir die Adresse der Live-Seite selbst.",
		);
	});

	it("in a private chat without a choice, speaks the user's Telegram language", async () => {
		const olena = privateChat(2002, "Olena");
		const reply = await ask(olena, "/list", { ...user(2002, "Olena"), language_code: "uk" });
		expect(reply.text).toBe(
			"Цей чат ще не стежить за жодною трансляцією. Надішли /subscribe &lt;адреса&gt;, щоб почати.",
		);
	});

	it("in a group without a choice, speaks English whoever writes", async () => {
		const room = group(-4001, "Redaktion");
		const reply = await ask(room, "/list", { ...user(2003, "Jonas"), language_code: "de" });
		expect(reply.text).toBe(
			"This chat doesn't follow any live blog yet. Send /subscribe &lt;address&gt; to start.",
		);
	});

	it("registers the command menu in every language", async () => {
		await tg.waitFor(() => tg.requests.filter((r) => r.method === "setMyCommands").length >= 5);
		const menus = tg.requests.filter((r) => r.method === "setMyCommands");
		expect(menus.map((r) => r.payload.language_code ?? "default")).toEqual([
			"default",
			"de",
			"fr",
			"es",
			"uk",
		]);
		// The settings commands are in every menu, described in its language.
		const german = menus[1]?.payload.commands as { command: string; description: string }[];
		expect(german.map((c) => c.command)).toEqual(
			expect.arrayContaining(["settings", "keywords", "quiet", "timezone", "language"]),
		);
		expect(german.find((c) => c.command === "quiet")?.description).toBe(
			"Ruhezeiten: /quiet 23:00 07:00",
		);
	});
});

describe("posts", () => {
	it("are laid out for the chat: its language, its time zone, paragraphs, one footer", async () => {
		chosen.set(String(alice.id), "fr");
		zones.set(String(alice.id), "Asia/Tokyo");
		await ask(alice, `/subscribe ${site.url("storm")}`);
		const publishedAt = new Date();
		site.addEntry("storm", {
			id: "p1",
			headline: "Bridge reopens",
			body: "Traffic is moving again.\nThe mayor thanked the crews.",
			publishedAt,
		});
		await relay.pollAll();
		await relay.idle();
		const posted = tg.sentTo(alice.id).find((m) => m.text.includes("Bridge reopens"));
		const tokyo = new Intl.DateTimeFormat("en-GB", {
			timeZone: "Asia/Tokyo",
			hour: "2-digit",
			minute: "2-digit",
			hourCycle: "h23",
		}).format(publishedAt);
		const [headline, first, second, footer, ...rest] = posted?.text.split("\n\n") ?? [];
		expect([headline, first, second, rest]).toEqual([
			"<b>Bridge reopens</b>",
			"Traffic is moving again.",
			"The mayor thanked the crews.",
			[],
		]);
		// Tokyo time; the date appears only if midnight passed there between publishing and posting.
		expect(footer).toMatch(
			new RegExp(
				`^(\\d+ \\S+ )?${tokyo} UTC\\+9 · <a href="${site.url("storm")}#p1">Lire l’entrée</a> · <i>Storm live</i>$`,
			),
		);
	});
});
