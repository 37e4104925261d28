/** Adapter registry: which platforms run, chosen from the config (a token present → on). */
import type { Config, Logger, PlatformAdapter } from "../src/index.js";
import { createDiscordAdapter } from "./discord/index.js";
import { createTelegramAdapter } from "./telegram/index.js";

export { createConsoleAdapter } from "./console/index.js";

/** The chat adapters enabled by the config. */
export function createEnabledAdapters(config: Config, log: Logger): PlatformAdapter[] {
	const adapters: PlatformAdapter[] = [];
	if (config.telegram.token) {
		adapters.push(
			createTelegramAdapter({
				token: config.telegram.token,
				apiRoot: config.telegram.apiRoot,
				webhook: config.telegram.webhook,
				log: log.child({ platform: "telegram" }),
			}),
		);
	}
	if (config.discord.token) {
		adapters.push(
			createDiscordAdapter({
				token: config.discord.token,
				apiRoot: config.discord.apiRoot,
				guildId: config.discord.guildId,
				shards: config.discord.shards,
				log: log.child({ platform: "discord" }),
			}),
		);
	}
	return adapters;
}
