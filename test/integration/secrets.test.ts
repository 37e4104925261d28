/** Tokens must never reach logs, errors or delivery results, even when every call fails. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createTelegramAdapter } from "../../adapters/telegram/index.js";
import { UNPACED } from "../../adapters/telegram/pacing.js";
import { createLogger } from "../../src/log.js";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import type { EntryUpdate } from "../../src/types.js";
import { startFakeTelegram } from "../fakes/telegram-bot-api.js";
import { fakeTelegramToken, MemoryStream, makeConfig, makeTempDir } from "../helpers.js";

const TELEGRAM_TOKEN = fakeTelegramToken(987654, "SECRET-telegram-token-abc");
const DISCORD_TOKEN = "SECRET.discord.token-xyz";

const update: EntryUpdate = {
	kind: "new",
	blogUrl: "https://news.example/live",
	blogTitle: "Live",
	entryId: "e1",
	entryUrl: "https://news.example/live#e1",
	headline: "Headline",
	summary: "Summary.",
	publishedAt: new Date(0),
};

describe("secrets", () => {
	let logs: MemoryStream;
	let tmp: { dir: string; cleanup: () => void };
	let relay: Relay | undefined;
	beforeEach(() => {
		logs = new MemoryStream();
		tmp = makeTempDir();
	});
	afterEach(async () => {
		await relay?.stop();
		tmp.cleanup();
	});

	it("keeps tokens out of results and logs when the platforms are unreachable", async () => {
		const log = createLogger("trace", { stream: logs });
		const telegram = createTelegramAdapter({
			token: TELEGRAM_TOKEN,
			apiRoot: "http://127.0.0.1:9",
			log,
			pacing: UNPACED,
		});
		const discord = createDiscordAdapter({
			token: DISCORD_TOKEN,
			apiRoot: "http://127.0.0.1:9/api",
			log,
		});
		const results = [
			await telegram.post({ platform: "telegram", id: "1" }, update),
			await discord.post({ platform: "discord", id: "2" }, update),
		];
		expect(results.map((r) => r.status)).toEqual(["failed", "failed"]);
		const text = JSON.stringify(results) + logs.text;
		expect(text).not.toContain("SECRET");
		await telegram.stop();
		await discord.stop();
	});

	it("keeps the token out of logs when the Bot API rejects it", async () => {
		const tg = await startFakeTelegram({ token: TELEGRAM_TOKEN });
		const log = createLogger("trace", { stream: logs });
		const adapter = createTelegramAdapter({
			token: TELEGRAM_TOKEN,
			apiRoot: tg.apiRoot,
			log,
			pacing: UNPACED,
		});
		tg.failNext("sendMessage", { error_code: 401, description: "Unauthorized" });
		relay = await createRelay({
			config: makeConfig(
				{ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: tg.apiRoot },
				tmp.dir,
			),
			adapters: [adapter],
			log,
			schedule: false,
		});
		await relay.start();
		const result = await adapter.post({ platform: "telegram", id: "5" }, update);
		expect(result.status).toBe("failed");
		await relay.stop();
		relay = undefined;
		await tg.close();
		expect(logs.text.length).toBeGreaterThan(0);
		expect(logs.text + JSON.stringify(result)).not.toContain("SECRET");
	});
});
