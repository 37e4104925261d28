/**
 * The set-up the Telegram end-to-end tests share: the real grammY adapter against the fake Bot API,
 * the real core (createRelay on a temp SQLite store, no schedule: tests drive pollAll()), and the
 * loopback live-blog site. What a test varies (settings, pacing, clock, logs) goes through options.
 */
import { createTelegramAdapter, type TelegramAdapterOptions } from "../adapters/telegram/index.js";
import { UNPACED } from "../adapters/telegram/pacing.js";
import { createSilentLogger } from "../src/log.js";
import { createRelay, type Relay, type RelayOptions } from "../src/relay/relay.js";
import { type LiveblogServer, startLiveblogServer } from "./fakes/liveblog-server.js";
import { type FakeTelegram, startFakeTelegram } from "./fakes/telegram-bot-api.js";
import { makeConfig, makeTempDir } from "./helpers.js";

/** The fakes and the store directory of one test. */
export interface TelegramWorld {
	site: LiveblogServer;
	tg: FakeTelegram;
	tmp: { dir: string; cleanup: () => void };
	/** Releases held Bot API calls, stops `relay` (if any), closes the fakes and removes the store. */
	close(relay?: Relay): Promise<void>;
}

/** Starts the fake site and Bot API and makes a store directory named after `prefix`. */
export async function startTelegramWorld(prefix: string): Promise<TelegramWorld> {
	const site = await startLiveblogServer();
	const tg = await startFakeTelegram();
	const tmp = makeTempDir(prefix);
	return {
		site,
		tg,
		tmp,
		async close(relay) {
			// Held calls first: a stop waits for the sends in flight.
			tg.releaseAll();
			await relay?.stop();
			await tg.close();
			await site.close();
			tmp.cleanup();
		},
	};
}

/** What a test changes about the relay it starts. */
export interface TelegramRelayOptions {
	/** Environment on top of the token and API root (allow-lists, limits, SQLITE_MAX_MB …). */
	env?: Record<string, string>;
	/** The adapter's options on top of token, API root, a silent log and no pacing. */
	adapter?: Partial<TelegramAdapterOptions>;
	/** The relay's options on top of config, adapters and `schedule: false` (clock, log, ports). */
	relay?: Partial<RelayOptions>;
}

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
	const relay = await createRelay({
		config,
		adapters: [adapter],
		schedule: false,
		...options.relay,
	});
	await relay.start();
	return { relay, adapter };
}
