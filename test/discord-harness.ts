/**
 * The set-up the Discord end-to-end tests share: the real discord.js adapter against the fake
 * Discord (REST and gateway), the real core (createRelay on a temp SQLite store, no schedule: tests
 * drive pollAll()), and the loopback live-blog site. What a test varies (channels, settings, clock,
 * locale) goes through options.
 */
import { createDiscordAdapter, type DiscordAdapterOptions } from "../adapters/discord/index.js";
import { createSilentLogger } from "../src/log.js";
import type { Relay } from "../src/relay/relay.js";
import { type DiscordFake, type FakeChannel, startDiscordFake } from "./fakes/discord-api.js";
import { type RelayHarnessOptions, startRelayWith, startWorld, type World } from "./harness.js";
import { makeConfig } from "./helpers.js";

/** The fakes and the store directory of one test. */
export type DiscordWorld = Omit<World<DiscordFake>, "fake"> & { discord: DiscordFake };

/** Starts the fake site and a fake Discord with `channels`; the store dir is named for `prefix`. */
export async function startDiscordWorld(
	prefix: string,
	channels: FakeChannel[],
): Promise<DiscordWorld> {
	// A heartbeat every 250 ms, not Discord's 41 s: a gateway the client lost shows within a test.
	const { fake, ...world } = await startWorld(prefix, () =>
		startDiscordFake({ heartbeatIntervalMs: 250, channels }),
	);
	return { ...world, discord: fake };
}

/** What a test changes about its relay; DISCORD_GUILD_ID in `env` also reaches the adapter. */
export type DiscordRelayOptions = RelayHarnessOptions<DiscordAdapterOptions>;

/** A started relay and its Discord adapter, over the SQLite store in `dir`. */
export async function startDiscordRelay(
	discord: DiscordFake,
	dir: string,
	options: DiscordRelayOptions = {},
): Promise<{ relay: Relay; adapter: ReturnType<typeof createDiscordAdapter> }> {
	const config = makeConfig(
		{ DISCORD_BOT_TOKEN: discord.token, DISCORD_API_ROOT: discord.apiRoot, ...options.env },
		dir,
	);
	// From the config, as the bot builds it: DISCORD_GUILD_ID in `env` registers commands there.
	const adapter = createDiscordAdapter({
		token: config.discord.token ?? "",
		apiRoot: config.discord.apiRoot,
		guildId: config.discord.guildId,
		log: createSilentLogger(),
		...options.adapter,
	});
	return { relay: await startRelayWith(config, adapter, options.relay), adapter };
}
