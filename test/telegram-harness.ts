/**
 * The set-up the Telegram end-to-end tests share: the real grammY adapter against the fake Bot API,
 * the real core (createRelay on a temp SQLite store, no schedule: tests drive pollAll()), and the
 * loopback live-blog site. What a test varies (settings, pacing, clock, logs) goes through options.
 */
import { createTelegramAdapter, type TelegramAdapterOptions } from "../adapters/telegram/index.js";
import { UNPACED } from "../adapters/telegram/pacing.js";
import { createSilentLogger } from "../src/log.js";
import type { Relay } from "../src/relay/relay.js";
import { type FakeTelegram, startFakeTelegram } from "./fakes/telegram-bot-api.js";
import { type RelayHarnessOptions, startRelayWith, startWorld, type World } from "./harness.js";
import { makeConfig } from "./helpers.js";

/** The fakes and the store directory of one test; `close` releases held Bot API calls first. */
export type TelegramWorld = Omit<World<FakeTelegram>, "fake"> & { tg: FakeTelegram };

/** Starts the fake site and Bot API and makes a store directory named after `prefix`. */
export async function startTelegramWorld(prefix: string): Promise<TelegramWorld> {
	// Held calls go first on close: a stop waits for the sends in flight.
	const { fake, ...world } = await startWorld(prefix, startFakeTelegram, (tg) => tg.releaseAll());
	return { ...world, tg: fake };
}

/** What a test changes about the relay it starts (the adapter's defaults: no pacing). */
export type TelegramRelayOptions = RelayHarnessOptions<TelegramAdapterOptions>;

/** A started relay and its Telegram adapter (for its counters), over the SQLite store in `dir`. */
export async function startTelegramRelay(
	tg: FakeTelegram,
	dir: string,
	options: TelegramRelayOptions = {},
): Promise<{ relay: Relay; adapter: ReturnType<typeof createTelegramAdapter> }> {
	const config = makeConfig(
		{ TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, ...options.env },
		dir,
	);
	const adapter = createTelegramAdapter({
		token: tg.token,
		apiRoot: tg.apiRoot,
		log: createSilentLogger(),
		pacing: UNPACED,
		...options.adapter,
	});
	return { relay: await startRelayWith(config, adapter, options.relay), adapter };
}
