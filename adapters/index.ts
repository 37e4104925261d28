/** Adapter registry: which platforms run, chosen from the config (a token present → on). */
import type { Config, Logger, PlatformAdapter } from "../src/index.js";
import { createDiscordAdapter } from "./discord/index.js";
import { createTelegramAdapter } from "./telegram/index.js";

export { createConsoleAdapter } from "./console/index.js";

/** The chat adapters enabled by the config. */
export function createEnabledAdapters(config: Config, log: Logger): PlatformAdapter[] {
	const adapters: PlatformAdapter[] = [];
	if (config.telegramBotToken) {
		adapters.push(
			createTelegramAdapter({
				token: config.telegramBotToken,
				apiRoot: config.telegramApiRoot,
				webhook: config.telegramWebhook,
				log: log.child({ platform: "telegram" }),
			}),
		);
	}
	if (config.discordBotToken) {
		adapters.push(
			createDiscordAdapter({
				token: config.discordBotToken,
				apiRoot: config.discordApiRoot,
				guildId: config.discordGuildId,
				shards: config.discordShards,
				log: log.child({ platform: "discord" }),
			}),
		);
	}
	return adapters;
}
