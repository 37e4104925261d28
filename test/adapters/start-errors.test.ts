/**
 * Adapters that cannot start say why and what to check, as a typed AdapterStartError (the command
 * line prints its message as is), and never with the token in it. Real clients against the fakes.
 */

import { HttpError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { AdapterStartError } from "../../src/index.js";
import { createSilentLogger } from "../../src/log.js";
import { startDiscordFake } from "../fakes/discord-api.js";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram-bot-api.js";
import { ADAPTER_ONLY_CORE } from "../harness.js";
import { fakeTelegramToken } from "../helpers.js";
import { telegramAdapterOn } from "../telegram-harness.js";

async function startError(start: () => Promise<void>): Promise<AdapterStartError> {
	const error = await start().then(
		() => undefined,
		(e: unknown) => e,
	);
	if (!(error instanceof AdapterStartError))
		throw new Error(`expected AdapterStartError: ${error}`);
	return error;
}

describe("Telegram start errors", () => {
	let tg: FakeTelegram | undefined;
	afterEach(async () => {
		await tg?.close();
	});

	it("names the variable to check when the Bot API refuses the token, without quoting it", async () => {
		tg = await startFakeTelegram();
		const wrong = fakeTelegramToken(123456, "wrong-secret");
		const adapter = telegramAdapterOn(tg, { token: wrong });
		const error = await startError(() => adapter.start(ADAPTER_ONLY_CORE));
		expect(error.platform).toBe("telegram");
		expect(error.code).toBe("adapter-start");
		expect(error.message).toBe(
			"The telegram adapter did not start: the Bot API refused the token (401: Unauthorized); check TELEGRAM_BOT_TOKEN (from @BotFather)",
		);
		expect(error.message).not.toContain("wrong-secret");
		await adapter.stop();
	});
});

describe("Discord start errors", () => {
	it("names the variable to check when Discord refuses the token", async () => {
		const discord = await startDiscordFake();
		try {
			const adapter = createDiscordAdapter({
				token: "wrong-discord-secret",
				apiRoot: discord.apiRoot,
				log: createSilentLogger(),
			});
			const error = await startError(() => adapter.start(ADAPTER_ONLY_CORE));
			expect(error.platform).toBe("discord");
			expect(error.message).toMatch(
				/^The discord adapter did not start: Discord refused the token \(.*invalid token.*\); check DISCORD_BOT_TOKEN/i,
			);
			expect(error.message).not.toContain("wrong-discord-secret");
			await adapter.stop();
		} finally {
			await discord.close();
		}
	});
});

describe("a network failure reaching the Bot API", () => {
	// What node-fetch and undici put in a cause: the request URL, with the token in its path.
	const url = "https://api.telegram.org/bot123456:SECRET-TOKEN/getMe";

	it.each<[string, unknown, string]>([
		[
			"a node-fetch system error",
			Object.assign(new Error(`request to ${url} failed, reason: connect ECONNREFUSED`), {
				code: "ECONNREFUSED",
			}),
			"ECONNREFUSED",
		],
		[
			"an undici error with the code one cause down",
			new TypeError(`fetch failed for ${url}`, {
				cause: Object.assign(new Error(`socket hang up ${url}`), { code: "UND_ERR_SOCKET" }),
			}),
			"UND_ERR_SOCKET",
		],
		["an abort", Object.assign(new Error(`aborted ${url}`), { name: "AbortError" }), "AbortError"],
		["a cause with no code", new Error(`something odd about ${url}`), "no error code"],
		[
			"a code that is not an identifier",
			Object.assign(new Error("x"), { code: `bad ${url}` }),
			"no error code",
		],
	])("reports %s by its code only", async (_what, cause, code) => {
		const { toDeliveryResult, toStartError } = await import("../../adapters/telegram/errors.js");
		const error = new HttpError("Network request for 'getMe' failed!", cause);
		expect(toDeliveryResult(error)).toEqual({ status: "failed", reason: `Network error: ${code}` });
		const start = toStartError(error);
		expect(start.message).toBe(
			`The telegram adapter did not start: the Bot API could not be reached (${code}); check the network and TELEGRAM_API_ROOT`,
		);
		expect(start.cause).toBeUndefined();
		expect(JSON.stringify({ ...start, message: start.message })).not.toContain("SECRET-TOKEN");
	});
});
