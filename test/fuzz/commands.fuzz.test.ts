/**
 * Seeded fuzzing of command arguments: thousands of hostile inputs through the core's commands, and a
 * sample through the real Telegram bot. Each gets a clear refusal and nothing changes. No input here
 * names a public host, so nothing leaves the machine.
 */

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLatestArgs, splitArgs } from "../../adapters/telegram/commands.js";
import { RelayError } from "../../src/errors.js";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import type { Target } from "../../src/types.js";
import { privateChat, startFakeTelegram, user } from "../fakes/telegram-bot-api.js";
import { makeConfig, makeTempDir } from "../helpers.js";
import { telegramAdapterOn } from "../telegram-harness.js";

const SEED = 20_261_125;
const ALLOWED_CODES = new Set([
	"invalid-url",
	"blocked-url",
	"not-subscribed",
	"ambiguous-blog",
	"rate-limited",
]);

const privateHosts = fc.constantFrom(
	"127.0.0.1",
	"localhost",
	"10.1.2.3",
	"192.168.0.10",
	"172.16.5.4",
	"169.254.169.254",
	"100.64.0.1",
	"0.0.0.0",
	"[::1]",
	"[fe80::1]",
	"[fc00::1]",
	"[::ffff:127.0.0.1]",
	"[::ffff:10.0.0.1]",
	"2130706433",
	"0x7f.0.0.1",
	"017700000001",
	"127.1",
);

/** Inputs built to be refused without a network: bad schemes, private hosts, credentials, junk. */
const hostileArgument = fc.oneof(
	fc.constant(""),
	fc.string({ maxLength: 40 }).filter((s) => !s.includes(".")),
	fc.string({ unit: "grapheme", maxLength: 60 }).filter((s) => !s.includes(".")),
	fc.string({
		unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)),
		minLength: 1,
		maxLength: 10,
	}),
	fc.constantFrom(
		"javascript:alert(1)",
		"file:///etc/passwd",
		"data:text/html,<b>x</b>",
		"ftp://127.0.0.1/",
		"mailto:a@b",
		"gopher://x",
	),
	fc
		.tuple(fc.constantFrom("http", "https", "HTTP", "hTTps"), privateHosts, fc.webPath())
		.map(([s, h, p]) => `${s}://${h}${p}`),
	fc
		.tuple(
			fc.constantFrom("user:pass@", "a@", "user:@", ":secret@"),
			fc.constantFrom("example.com", "news.example.org"),
		)
		.map(([c, h]) => `https://${c}${h}/live`),
	fc
		.tuple(privateHosts, fc.integer({ min: 1, max: 65_535 }))
		.map(([h, port]) => `http://${h}:${port}/`),
	fc.integer({ min: 2100, max: 20_000 }).map((n) => `https://x${"a".repeat(n)}`),
	fc.constant(`https://127.0.0.1/${"%00".repeat(50)}`),
);

describe("fuzzing the command arguments (core)", () => {
	let relay: Relay;
	let tmp: { dir: string; cleanup: () => void };
	beforeAll(async () => {
		tmp = makeTempDir();
		relay = await createRelay({
			config: makeConfig({ ALLOW_PRIVATE_NETWORK: "0", FETCH_TIMEOUT_MS: "2000" }, tmp.dir),
			adapters: [],
			schedule: false,
		});
	});
	afterAll(async () => {
		await relay.stop();
		tmp.cleanup();
	});

	it("refuses every hostile argument clearly and changes nothing", async () => {
		let n = 0;
		await fc.assert(
			fc.asyncProperty(hostileArgument, async (arg) => {
				n++;
				const target: Target = { platform: "telegram", id: String(n % 7) };
				const actor = { canManage: true, userId: `fuzzer-${n}` };
				const replies = [
					await relay.core.commands.subscribe(target, arg, actor),
					await relay.core.commands.unsubscribe(target, arg, actor),
					await relay.core.commands.latest(target, arg, 3, 300),
				];
				for (const reply of replies) {
					expect(reply.kind).toBe("error");
					if (reply.kind !== "error") continue;
					expect(reply.error).toBeInstanceOf(RelayError);
					expect(
						ALLOWED_CODES.has(reply.error.code),
						`${reply.error.code}: ${reply.error.message}`,
					).toBe(true);
					expect(reply.error.message.length).toBeLessThan(400);
					expect(reply.error.message).not.toMatch(/[\u0000-\u001f]/);
				}
			}),
			{ seed: SEED, numRuns: 2_500 },
		);
		for (let id = 0; id < 7; id++) {
			const list = await relay.core.commands.list({ platform: "telegram", id: String(id) });
			expect(list.kind === "list" && list.blogs).toEqual([]);
		}
	}, 120_000);
});

describe("fuzzing the Telegram argument parser", () => {
	it("never throws and always yields a count from 1 to 10 or a usage message", () => {
		fc.assert(
			fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (input) => {
				const parsed = parseLatestArgs(input);
				if (parsed.ok) {
					expect(parsed.count).toBeGreaterThanOrEqual(1);
					expect(parsed.count).toBeLessThanOrEqual(10);
				} else {
					expect(parsed).toEqual({ ok: false });
				}
				expect(splitArgs(input).every((t) => t.length > 0 && !/\s/.test(t))).toBe(true);
			}),
			{ seed: SEED, numRuns: 3_000 },
		);
	});
});

describe("fuzzing commands through the real Telegram bot", () => {
	it("answers each hostile /subscribe with one escaped refusal and subscribes nothing", async () => {
		const tg = await startFakeTelegram();
		const tmp = makeTempDir();
		const config = makeConfig(
			{ ALLOW_PRIVATE_NETWORK: "0", TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot },
			tmp.dir,
		);
		const relay = await createRelay({
			config,
			schedule: false,
			adapters: [telegramAdapterOn(tg)],
		});
		await relay.start();
		try {
			const samples = fc.sample(hostileArgument, { seed: SEED, numRuns: 150 });
			for (const [i, arg] of samples.entries()) {
				const chat = privateChat(90_000 + i);
				const before = tg.sentTo(chat.id).length;
				tg.sendText(chat, user(chat.id), `/subscribe ${arg}`);
				await tg.waitFor(() => tg.sentTo(chat.id).length > before);
				const reply = tg.sentTo(chat.id)[before];
				expect(reply?.parse_mode).toBe("HTML");
				expect(reply?.text).not.toMatch(/<(?!\/?(b|i|code|a)[ >])/);
				const list = await relay.core.commands.list({ platform: "telegram", id: String(chat.id) });
				expect(list.kind === "list" && list.blogs).toEqual([]);
			}
		} finally {
			await relay.stop();
			await tg.close();
			tmp.cleanup();
		}
	}, 120_000);
});
