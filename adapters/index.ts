/** Adapter registry: which platforms run, chosen from the config (a token present → on). */
import type { Config, Logger, PlatformAdapter } from "../src/index.js";

export { createConsoleAdapter, showWhileSlow } from "./console/index.js";

/**
 * The chat adapters enabled by the config. Each platform's library is imported only when its token
 * is set: discord.js and grammY are most of the start-up cost, and `watch` needs neither.
 */
export async function createEnabledAdapters(
	config: Config,
	log: Logger,
): Promise<PlatformAdapter[]> {
	const adapters: PlatformAdapter[] = [];
	if (config.telegram.token) {
		const { createTelegramAdapter } = await import("./telegram/index.js");
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
		const { createDiscordAdapter } = await import("./discord/index.js");
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
