/**
 * Seeded fuzzing of every settings command's arguments: thousands of inputs (grammar words in any
 * order, junk, control characters, typographic quotes) through the parsers and the core's settings
 * commands, and a sample through the real Telegram bot. Each gets a clear reply; an invalid one
 * changes nothing, and whatever is stored always passes its schema.
 */

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES, type Said } from "../../src/i18n/catalogue.js";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import {
	type ParsedRequest,
	parseKeywordsArgs,
	parseLanguageArgs,
	parseQuietArgs,
	parseSettingsArgs,
	parseTimeZoneArgs,
} from "../../src/settings/settings-args.js";
import { settingsPatchSchema } from "../../src/settings/settings-schemas.js";
import type { Target } from "../../src/types.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { privateChat, startFakeTelegram, user } from "../fakes/telegram-bot-api.js";
import { makeConfig, makeTempDir } from "../helpers.js";
import { telegramAdapterOn } from "../telegram-harness.js";

const SEED = 20_261_130;

const WORDS = [
	"1",
	"2",
	"3",
	"0",
	"99",
	"-1",
	"default",
	"*",
	"mode",
	"all",
	"key",
	"digest",
	"15",
	"30",
	"45",
	"60",
	"120",
	"keywords",
	"+ceasefire",
	"-football",
	'"peace talks"',
	'+"red cross"',
	'-"a',
	"“Kyiv”",
	"clear",
	"quiet",
	"23:00",
	"07:00",
	"7",
	"25:61",
	"23.30",
	"off",
	"on",
	"maybe",
	"edits",
	"pin",
	"retractions",
	"strike",
	"delete",
	"keyevents",
	"breakthrough",
	"reset",
	"+",
	"-",
	'""',
	"+!!!",
	"Europe/Kyiv",
	"uk",
	"de",
	"xx",
];

/** Argument strings: grammar words in random order, junk, or both. */
const args = fc.oneof(
	fc.array(fc.constantFrom(...WORDS), { maxLength: 7 }).map((w) => w.join(" ")),
	fc.string({ unit: "grapheme", maxLength: 80 }),
	fc.string({
		unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)),
		maxLength: 8,
	}),
	fc
		.tuple(fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }), fc.string({ maxLength: 30 }))
		.map(([w, junk]) => `${w.join(" ")} ${junk}`),
	fc.constant("x".repeat(2000)),
);

const PARSERS: [string, (input: string) => ParsedRequest][] = [
	["/settings", parseSettingsArgs],
	["/keywords", parseKeywordsArgs],
	["/quiet", parseQuietArgs],
	["/timezone", parseTimeZoneArgs],
	["/language", parseLanguageArgs],
];
const command = fc.integer({ min: 0, max: PARSERS.length - 1 });

/** A reason is clear in every language: a sentence, not a wall, no control characters. */
function expectClear(reason: Said): void {
	for (const locale of LOCALES) {
		const message = reason(locale);
		expect(message.length).toBeGreaterThan(10);
		expect(message.length).toBeLessThan(400);
		expect(message).not.toMatch(/[\u0000-\u001f]/);
	}
}

describe("fuzzing the settings argument parsers", () => {
	it("never throw; every parse is a checked request or a clear reason", () => {
		fc.assert(
			fc.property(command, args, (which, input) => {
				const [, parse] = PARSERS[which] ?? ["/settings", parseSettingsArgs];
				const parsed = parse(input);
				if (!parsed.ok) return expectClear(parsed.message);
				if (parsed.request.kind === "set") {
					expect(settingsPatchSchema.safeParse(parsed.request.patch).success).toBe(true);
				}
			}),
			{ seed: SEED, numRuns: 5_000 },
		);
	});

	it("reads an answer to the keyboard's keyword or quiet-hours question the same way", () => {
		// settings-prompts.ts reads an answer as "<scope> keywords|quiet <answer>" (cut to 1,500 chars).
		fc.assert(
			fc.property(
				fc.constantFrom("1", "2", "default"),
				fc.constantFrom("keywords", "quiet"),
				args,
				(scope, kind, answer) => {
					const parsed = parseSettingsArgs(`${scope} ${kind} ${answer.slice(0, 1500)}`);
					if (!parsed.ok) return expectClear(parsed.message);
					expect(["keywords", "set"]).toContain(parsed.request.kind);
					if (parsed.request.kind === "set") {
						expect(Object.keys(parsed.request.patch)).toEqual(["quiet"]);
					}
				},
			),
			{ seed: SEED, numRuns: 3_000 },
		);
	});
});

describe("fuzzing the settings commands (core)", () => {
	let relay: Relay;
	let site: LiveblogServer;
	let tmp: { dir: string; cleanup: () => void };
	const target: Target = { platform: "telegram", id: "4242" };
	beforeAll(async () => {
		site = await startLiveblogServer();
		site.setBlog(makeFakeBlog("one", 2));
		site.setBlog(makeFakeBlog("two", 2));
		tmp = makeTempDir();
		relay = await createRelay({ config: makeConfig({}, tmp.dir), adapters: [], schedule: false });
		for (const slug of ["one", "two"]) {
			const reply = await relay.core.commands.subscribe(target, site.url(slug), {
				canManage: true,
			});
			expect(reply.kind).toBe("subscribed");
		}
	});
	afterAll(async () => {
		await relay.stop();
		await site.close();
		tmp.cleanup();
	});

	it("answers every input; invalid ones and non-admins change nothing", async () => {
		const settings = relay.core.settings;
		if (!settings) throw new Error("settings missing");
		await fc.assert(
			fc.asyncProperty(command, args, fc.boolean(), async (which, input, isAdmin) => {
				const [, parse] = PARSERS[which] ?? ["/settings", parseSettingsArgs];
				const before = JSON.stringify(await settings.view(target));
				const parsed = parse(input);
				if (!parsed.ok) {
					expectClear(parsed.message);
				} else {
					const reply = await settings.run(target, { canManage: isAdmin }, parsed.request);
					if (reply.kind === "refused") expectClear(reply.message);
					else expect(reply.lines.length).toBeGreaterThan(0);
					const changed = reply.kind === "changed";
					if (!changed) expect(JSON.stringify(await settings.view(target))).toBe(before);
					if (changed) expect(isAdmin).toBe(true);
				}
				if (!parsed.ok) expect(JSON.stringify(await settings.view(target))).toBe(before);
			}),
			{ seed: SEED, numRuns: 1_500 },
		);
	}, 120_000);
});

describe("fuzzing the settings commands through the real Telegram bot", () => {
	it("answers each with one reply, warnings marked, and stored settings stay readable", async () => {
		const tg = await startFakeTelegram();
		const tmp = makeTempDir();
		const config = makeConfig(
			{
				TELEGRAM_BOT_TOKEN: tg.token,
				TELEGRAM_API_ROOT: tg.apiRoot,
				// The fuzz sends far more commands a minute than a person: the gate is tested elsewhere.
				COMMANDS_PER_USER_PER_MINUTE: "1000",
				COMMANDS_PER_CHAT_PER_MINUTE: "1000",
			},
			tmp.dir,
		);
		const relay = await createRelay({
			config,
			schedule: false,
			adapters: [telegramAdapterOn(tg)],
		});
		await relay.start();
		try {
			const samples = fc.sample(fc.tuple(command, args), { seed: SEED, numRuns: 120 });
			for (const [i, [which, input]] of samples.entries()) {
				const chat = privateChat(70_000 + (i % 5));
				const [name, parse] = PARSERS[which] ?? ["/settings", parseSettingsArgs];
				const before = JSON.stringify(
					await relay.core.settings?.view({ platform: "telegram", id: String(chat.id) }),
				);
				const sentBefore = tg.sentTo(chat.id).length;
				tg.sendText(chat, user(chat.id), `${name} ${input}`);
				await tg.waitFor(() => tg.sentTo(chat.id).length > sentBefore);
				const reply = tg.sentTo(chat.id)[sentBefore];
				expect(reply?.parse_mode).toBe("HTML");
				expect(reply?.text).not.toMatch(/<(?!\/?(b|i|code|a)[ >])/);
				// Telegram trims the text: an input that was only whitespace arrives as the bare command.
				const parsed = parse(input.trim());
				if (!parsed.ok) {
					expect(reply?.text).toMatch(/^⚠️ /);
					const after = JSON.stringify(
						await relay.core.settings?.view({ platform: "telegram", id: String(chat.id) }),
					);
					expect(after).toBe(before);
				}
			}
		} finally {
			await relay.stop();
			await tg.close();
			tmp.cleanup();
		}
	}, 120_000);
});
