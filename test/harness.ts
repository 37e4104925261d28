/**
 * What the platform harnesses (telegram-harness.ts, discord-harness.ts) share: one platform fake,
 * the loopback live-blog site and a temp store directory, torn down in the order a stop needs, and
 * a relay with one adapter over that store. The platform harnesses add the fake and the adapter.
 */
import type { Config } from "../src/config.js";
import { createSilentLogger } from "../src/log.js";
import type { PlatformAdapter, RelayCore } from "../src/relay/adapter.js";
import { createRelay, type Relay, type RelayOptions } from "../src/relay/relay.js";
import { type LiveblogServer, startLiveblogServer } from "./fakes/liveblog-server.js";
import { makeTempDir } from "./helpers.js";

/** A platform fake, the fake site and the store directory of one test. */
export interface World<Fake> {
	fake: Fake;
	site: LiveblogServer;
	tmp: { dir: string; cleanup: () => void };
	/** Stops `relays` (those started), closes the fakes and removes the store. */
	close(...relays: (Relay | undefined)[]): Promise<void>;
}

/** Starts the fake site and the platform fake and makes a store directory named after `prefix`. */
export async function startWorld<Fake extends { close(): Promise<void> }>(
	prefix: string,
	startFake: () => Promise<Fake>,
	// First on close: a fake that holds calls lets them go, or a stop would wait for them.
	beforeStop: (fake: Fake) => void = () => undefined,
): Promise<World<Fake>> {
	const site = await startLiveblogServer();
	const fake = await startFake();
	const tmp = makeTempDir(prefix);
	return {
		fake,
		site,
		tmp,
		async close(...relays) {
			beforeStop(fake);
			// Relays before the fakes: a stop lets the sends in flight finish and closes the client.
			for (const relay of relays) await relay?.stop();
			await fake.close();
			await site.close();
			tmp.cleanup();
		},
	};
}

/** What a test changes about the relay it starts; `AdapterOptions` are its platform adapter's. */
export interface RelayHarnessOptions<AdapterOptions> {
	/** Environment on top of the platform's token and API root (allow-lists, limits, …). */
	env?: Record<string, string>;
	/** The adapter's options on top of the harness's: token, API root, a silent log. */
	adapter?: Partial<AdapterOptions>;
	/** The relay's options on top of config, adapters and `schedule: false` (clock, log, ports). */
	relay?: Partial<RelayOptions>;
}

/** A started relay with `adapter` over `config`; no schedule: tests drive pollAll(). */
export async function startRelayWith(
	config: Config,
	adapter: PlatformAdapter,
	options: Partial<RelayOptions> = {},
): Promise<Relay> {
	const relay = await createRelay({ config, adapters: [adapter], schedule: false, ...options });
	await relay.start();
	return relay;
}

/** The core for an adapter started on its own: start-up tests never get as far as a command. */
export const ADAPTER_ONLY_CORE: RelayCore = {
	commands: {} as never,
	log: createSilentLogger(),
	blogsOf: async () => [],
	admit: () => ({ kind: "ok" }),
	recordChatOwner: async () => undefined,
	forgetTarget: async () => undefined,
};
