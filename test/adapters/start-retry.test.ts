/**
 * An unreachable platform at start-up is tried again with backoff, the same for Telegram and
 * Discord, one log line per failed try; the start then completes. Real clients against the fakes.
 */

import { afterEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createLogger } from "../../src/log.js";
import { type DiscordFake, startDiscordFake } from "../fakes/discord-api.js";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram-bot-api.js";
import { ADAPTER_ONLY_CORE } from "../harness.js";
import { MemoryStream } from "../helpers.js";
import { telegramAdapterOn } from "../telegram-harness.js";

/** The log lines (msg) written at warn level. */
function warnings(stream: MemoryStream): string[] {
	return stream.text
		.trim()
		.split("\n")
		.filter(Boolean)
		.map((line) => JSON.parse(line) as { level: number; msg: string })
		.filter((line) => line.level === 40)
		.map((line) => line.msg);
}

describe("an unreachable platform at start-up", () => {
	let tg: FakeTelegram | undefined;
	let discord: DiscordFake | undefined;
	afterEach(async () => {
		await tg?.close();
		await discord?.close();
		tg = discord = undefined;
	});

	it("Telegram: each failed getMe is one log line, then the bot connects", async () => {
		tg = await startFakeTelegram();
		tg.failNext("getMe", { error_code: 502, description: "Bad Gateway" }, 2);
		const logs = new MemoryStream();
		const adapter = telegramAdapterOn(tg, { log: createLogger("info", { stream: logs }) });
		try {
			await adapter.start(ADAPTER_ONLY_CORE);
			const lines = warnings(logs);
			expect(lines).toHaveLength(2);
			expect(lines[0]).toMatch(
				/^The Telegram Bot API could not be reached \(502: Bad Gateway\); try 1 failed, trying again in \d\.\d s$/,
			);
			expect(lines[1]).toMatch(/; try 2 failed, trying again in \d\.\d s$/);
			expect(tg.requests.filter((r) => r.method === "getMe")).toHaveLength(3);
			expect(logs.text).toContain("Telegram bot connected");
		} finally {
			await adapter.stop();
		}
	});

	it("Discord: the same backoff and log line per failed try, then the bot is ready", async () => {
		discord = await startDiscordFake();
		// @discordjs/rest retries a 5xx itself (3 times) before giving up on one try of ours.
		discord.failNext("GET /gateway/bot", { status: 502, message: "Bad Gateway", times: 8 });
		const logs = new MemoryStream();
		const adapter = createDiscordAdapter({
			token: discord.token,
			apiRoot: discord.apiRoot,
			log: createLogger("info", { stream: logs }),
		});
		try {
			await adapter.start(ADAPTER_ONLY_CORE);
			const lines = warnings(logs).filter((l) => l.startsWith("Discord could not"));
			expect(lines.length).toBeGreaterThanOrEqual(1);
			expect(lines[0]).toMatch(
				/^Discord could not be reached \(Discord answered 502\); try 1 failed, trying again in \d\.\d s$/,
			);
			expect(logs.text).toContain("Discord bot ready");
		} finally {
			await adapter.stop();
		}
	});

	it("stop() ends the retries of a platform that never answers", async () => {
		tg = await startFakeTelegram();
		tg.failNext("getMe", { error_code: 502, description: "Bad Gateway" }, 1000);
		const adapter = telegramAdapterOn(tg);
		const started = adapter.start(ADAPTER_ONLY_CORE).then(
			() => "started",
			(e: unknown) => String(e),
		);
		await tg.waitFor(() => tg?.requests.some((r) => r.method === "getMe") ?? false);
		await adapter.stop();
		expect(await started).toMatch(/stopped while connecting/);
	});
});
