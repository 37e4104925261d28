/**
 * The set-up the Telegram end-to-end tests share: the real grammY adapter against the fake Bot API,
 * the real core (createRelay on a temp SQLite store, no schedule: tests drive pollAll()), and the
 * loopback live-blog site. What a test varies (settings, pacing, clock, logs) goes through options.
 */
import type { User } from "grammy/types";
import { createTelegramAdapter, type TelegramAdapterOptions } from "../adapters/telegram/index.js";
import { UNPACED } from "../adapters/telegram/pacing.js";
import { createSilentLogger } from "../src/log.js";
import type { Relay } from "../src/relay/relay.js";
import {
	type FakeChat,
	type FakeTelegram,
	type SentMessage,
	startFakeTelegram,
	user,
} from "./fakes/telegram-bot-api.js";
import { type RelayHarnessOptions, startRelayWith, startWorld, type World } from "./harness.js";
import { makeConfig } from "./helpers.js";

/** The fakes and the store directory of one test; `close` releases held Bot API calls first. */
export type TelegramWorld = Omit<World<FakeTelegram>, "fake"> & {
	tg: FakeTelegram;
	/**
	 * Sends `text` as `from` in `chat` (in a channel, as a channel post) and resolves with the bot's
	 * next message there: its reply. `from` is by default the private chat's own user, elsewhere
	 * user 1001; `extra` adds message fields (a reply to, a topic).
	 */
	ask(
		chat: FakeChat,
		text: string,
		from?: User,
		extra?: Parameters<FakeTelegram["sendText"]>[3],
	): Promise<SentMessage>;
};

/** Starts the fake site and Bot API and makes a store directory named after `prefix`. */
export async function startTelegramWorld(prefix: string): Promise<TelegramWorld> {
	// Held calls go first on close: a stop waits for the sends in flight.
	const { fake: tg, ...world } = await startWorld(prefix, startFakeTelegram, (tg) =>
		tg.releaseAll(),
	);
	return {
		...world,
		tg,
		async ask(chat, text, from = user(chat.id > 0 ? chat.id : 1001), extra = {}) {
			const before = tg.sentTo(chat.id).length;
			if (chat.type === "channel") tg.postInChannel(chat, text, extra);
			else tg.sendText(chat, from, text, extra);
			// The reply, not a time: a loaded machine only makes this slower.
			await tg.waitFor(() => tg.sentTo(chat.id).length > before);
			return tg.sentTo(chat.id)[before] as SentMessage;
		},
	};
}

/** The real Telegram adapter on the fake Bot API: silent and unpaced unless `options` say otherwise. */
export function telegramAdapterOn(
	tg: FakeTelegram,
	options: Partial<TelegramAdapterOptions> = {},
): ReturnType<typeof createTelegramAdapter> {
	return createTelegramAdapter({
		token: tg.token,
		apiRoot: tg.apiRoot,
		log: createSilentLogger(),
		pacing: UNPACED,
		...options,
	});
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
	const adapter = telegramAdapterOn(tg, options.adapter);
	return { relay: await startRelayWith(config, adapter, options.relay), adapter };
}
