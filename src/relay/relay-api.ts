/** The public shape of a running relay (built by createRelay in relay.ts). */
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Resolver } from "../fetch/url-guard.js";
import type { HealthReport } from "../observe/health-server.js";
import type { RelayMetrics } from "../observe/metrics.js";
import type { StatusSnapshot } from "../observe/status-snapshot.js";
import type { Store } from "../store/open-store.js";
import type { PlatformAdapter, RelayCore } from "./adapter.js";
import type { ChangePreferencesOf, TargetTimeZoneOf } from "./change-preferences.js";
import type { PageReader } from "./page-reader.js";

/** Options of createRelay. */
export interface RelayOptions {
	config: Config;
	adapters: PlatformAdapter[];
	log?: Logger;
	/** An already opened store (tests share one); otherwise opened from config.storeUrl. */
	store?: Store;
	/** Clock (ms since epoch), injectable for tests. */
	now?: () => number;
	/** Jitter source of failing blogs' retries (backoff, restart spread) for tests; default Math.random. */
	random?: () => number;
	/** Start the node-cron schedule (default true). Tests call pollAll() instead. */
	schedule?: boolean;
	/** Metrics to feed (default: a fresh registry). */
	metrics?: RelayMetrics;
	/** DNS resolver for page fetches (tests map test host names to loopback); default the system's. */
	resolve?: Resolver;
	/** Per-subscription choices about edits, retractions and pins (the settings store); default: all on, no pins. */
	changePreferencesOf?: ChangePreferencesOf;
	/** Each target's time zone for "updated 10:42" (the settings store); default UTC. */
	timeZoneOf?: TargetTimeZoneOf;
	/** A page reader the caller owns and closes (the CLI shares one); else the relay makes its own. */
	pageReader?: PageReader;
}

/** A running relay: the core plus scheduler and dispatcher. */
export interface Relay {
	readonly core: RelayCore;
	readonly store: Store;
	/** Start adapters, resume pending deliveries, and start the poll schedule. */
	start(): Promise<void>;
	/** Poll every watched blog once, now; resolves when the polls (not the deliveries) are done. */
	pollAll(): Promise<void>;
	/** One scheduled tick: polls the blogs that are due by the clock (backoff honoured). */
	pollDue(): Promise<void>;
	/** Resolves once no delivery is pending or in flight (waits out rate limits and retries). */
	idle(): Promise<void>;
	readonly metrics: RelayMetrics;
	/** How the relay reads pages (its read cap's state is observable here); stop() closes it if the relay made it. */
	readonly pageReader: PageReader;
	/** What the operator's status page shows (blogs, outbox depth, recent deliveries). */
	status(): Promise<StatusSnapshot>;
	/** Store reachable and adapters started. */
	health(): Promise<HealthReport>;
	/** Stop polling, finish in-flight deliveries, stop adapters, close the store; idempotent. */
	stop(): Promise<void>;
}
