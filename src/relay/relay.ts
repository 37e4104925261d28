/** createRelay: wires store, watcher, dispatcher, scheduler and commands into a running relay. */
import { StoreError } from "../errors.js";
import { createSilentLogger } from "../log.js";
import type { HealthReport } from "../observe/health-server.js";
import { createRecentDeliveries } from "../observe/recent-deliveries.js";
import { readStatus } from "../observe/status-snapshot.js";
import { Scheduler } from "../schedule/scheduler.js";
import { createSettingsRuntime } from "../settings/settings-runtime.js";
import { DeliveryFailureRepo } from "../store/delivery-failures.js";
import { createExpirySweeper } from "../store/expiry-sweep.js";
import { CHANGE_QUEUE } from "../store/keys.js";
import { MessageRecordRepo } from "../store/message-records.js";
import { openStore } from "../store/open-store.js";
import { OutboxRepo } from "../store/outbox.js";
import { OwnerRepo } from "../store/owners.js";
import { SubscriptionRepo } from "../store/subscriptions.js";
import { type TargetKey, targetKey } from "../store/target-key.js";
import { moveSubscriptions, type SubscriptionStores } from "../store/unsubscribe.js";
import { WatchStateRepo } from "../store/watch-state.js";
import { withTimeout } from "../store/with-timeout.js";
import type { Platform } from "../types.js";
import type { PlatformAdapter, RelayCore } from "./adapter.js";
import { createCommandGate } from "./command-gate.js";
import { createCommands } from "./commands.js";
import { Dispatcher } from "./dispatcher.js";
import { createForgetTarget } from "./forget-target.js";
import { nextRecord } from "./lifecycle.js";
import { createOwnerLimits } from "./owner-limits.js";
import { createPageReader } from "./page-reader.js";
import type { Relay, RelayOptions } from "./relay-api.js";
import { bringPollsForward } from "./restart-polls.js";
import { ChangeSender } from "./send-change.js";
import { DEFAULT_SUMMARY_LIMIT } from "./updates.js";
import { Watcher, type WatcherEvents } from "./watcher.js";

export type { Relay, RelayOptions } from "./relay-api.js";

/** A health check's store write must answer within this (the whole /healthz answers within a second). */
const HEALTH_PROBE_TIMEOUT_MS = 400;
/** /healthz reports the store failing for this long after a failed write. */
const RECENT_WRITE_FAILURE_MS = 60_000;

/** Builds a relay from config and adapters; call start() to go live. */
export async function createRelay(
	options: RelayOptions & { events?: WatcherEvents },
): Promise<Relay> {
	const { config } = options;
	const log = options.log ?? createSilentLogger();
	const now = options.now ?? Date.now;
	const ownsStore = options.store === undefined;
	const store =
		options.store ??
		(await openStore(config.storeUrl, {
			log,
			namespace: config.storeNamespace,
			timeoutMs: config.storeTimeoutMs,
			sqliteMaxMb: config.sqliteMaxMb,
		}));
	const state = new WatchStateRepo(store);
	const subs = new SubscriptionRepo(store);
	const outbox = new OutboxRepo(store, {
		deliveredTtlMs: config.editWindowMs,
		now,
		// Loud, and the rest of the target's queue keeps flowing (the value is kept under outboxCorrupt).
		onCorrupt: (err, target) =>
			log.error({ err, target, key: err.key }, "corrupt queued delivery moved aside; not sent"),
	});
	// Edits, retractions and pins: a second queue per target, drained after its new entries.
	const changes = new OutboxRepo(store, {
		queue: CHANGE_QUEUE,
		now,
		onCorrupt: (err, target) =>
			log.error({ err, target, key: err.key }, "corrupt queued change moved aside; not sent"),
	});
	const records = new MessageRecordRepo(store, config.editWindowMs);
	const owners = new OwnerRepo(store);
	const failures = new DeliveryFailureRepo(store);
	const settingsRuntime = createSettingsRuntime({
		store,
		subs,
		state,
		outbox,
		log: log.child({ module: "settings" }),
		now,
		recordTtlMs: config.editWindowMs,
		budgetFor: (platform) => adapters.get(platform)?.digestBudget,
		onEnqueued: (keys) => dispatcher.kick(keys),
	});
	const stores: SubscriptionStores = {
		subs,
		state,
		outbox,
		changes,
		owners,
		extras: settingsRuntime.extras,
	};
	// Changes follow each subscription's settings (edits, retractions, pins) and the chat's zone.
	const settingsRepo = settingsRuntime.repo;
	const changePreferencesOf = options.changePreferencesOf ?? settingsRepo.changePreferencesOf;
	const timeZoneOf = options.timeZoneOf ?? ((key: TargetKey) => settingsRepo.timeZoneOf(key));
	const forgetTarget = createForgetTarget({
		stores,
		failures,
		log: log.child({ module: "forget" }),
		now,
	});
	const sweeper = createExpirySweeper({ store, log: log.child({ module: "sweep" }), now });
	const adapters = new Map<Platform, PlatformAdapter>(options.adapters.map((a) => [a.platform, a]));
	// prom-client loads only for a relay that keeps metrics (the CLI passes them when HEALTH_PORT is set).
	const metrics = options.metrics ?? (await import("../observe/metrics.js")).createMetrics();
	const recent = createRecentDeliveries();
	// The relay's one page reader (sockets, read cap, extract workers); stop() closes the one it made.
	const ownsPageReader = options.pageReader === undefined;
	const pageReader = options.pageReader ?? createPageReader(config, { resolve: options.resolve });

	const dispatcher = new Dispatcher({
		outbox,
		coordinator: store.coordinator,
		leaseTtlMs: config.leaseTtlMs,
		adapters,
		forgetTarget,
		moveTarget: (from, to) => moveSubscriptions(stores, from, to),
		failures,
		log: log.child({ module: "dispatcher" }),
		now,
		changes: new ChangeSender({
			changes,
			records,
			failures,
			forgetTarget,
			moveTarget: (from, to) => moveSubscriptions(stores, from, to),
			timeZoneOf,
			languageOf: (key) => settingsRepo.languageOf(key),
			log: log.child({ module: "changes" }),
			now,
			onChange: (platform, kind, outcome) => metrics.recordChange(platform, kind, outcome),
		}),
		onResult: (platform, result, delivery, target) => {
			metrics.recordDelivery(platform, result, delivery.enqueuedAt, now());
			recent.record(target, result, delivery, now());
		},
	});
	const watcher = new Watcher({
		store,
		state,
		subs,
		outbox,
		config,
		log: log.child({ module: "watcher" }),
		now,
		...(options.random ? { random: options.random } : {}),
		summaryLimitFor: (platform) => adapters.get(platform)?.summaryLimit ?? DEFAULT_SUMMARY_LIMIT,
		readPage: pageReader.read,
		onEnqueued: (keys) => dispatcher.kick(keys),
		changeRelay: { queue: changes, records, preferencesOf: changePreferencesOf },
		settingsFanOut: settingsRuntime.fanOut,
		events: {
			onPolled(blog, outcome) {
				metrics.recordPoll(outcome);
				options.events?.onPolled?.(blog, outcome);
			},
		},
	});
	const ownerLimits = createOwnerLimits({
		store,
		owners,
		subs,
		maxBlogsPerOwner: config.maxBlogsPerOwner,
		now,
		log: log.child({ module: "owner-limits" }),
	});
	const gate = createCommandGate(config, now);
	const commands = createCommands({
		ownerLimits,
		summaryLimitFor: (platform) => adapters.get(platform)?.summaryLimit ?? DEFAULT_SUMMARY_LIMIT,
		config,
		state,
		subs,
		stores,
		watcher,
		log: log.child({ module: "commands" }),
		now,
		readPage: pageReader.read,
		assertUrlAllowed: pageReader.assertAllowed,
		pinRefusalToTell: (target) => records.tellPinRefusal(targetKey(target)),
	});
	const scheduler = new Scheduler({
		schedule: config.pollSchedule,
		concurrency: config.pollConcurrency,
		log: log.child({ module: "scheduler" }),
		now,
		listDue: async () => {
			const keys = await state.listBlogKeys();
			const records = await state.getBlogs(keys);
			return records.flatMap((r) =>
				r ? [{ key: r.key, url: r.url, nextPollAt: r.nextPollAt, lastPollAt: r.lastPollAt }] : [],
			);
		},
		poll: (key, tickStartedAt) => watcher.poll(key, { tickStartedAt }),
		slowPollMs: config.fetchTimeoutMs / 2,
		onPollDone: async (key, durationMs) => {
			await state.updateBlog(key, (r) =>
				nextRecord(
					r,
					{ status: "took", durationMs, slowAfterMs: config.fetchTimeoutMs / 2 },
					now(),
				),
			);
		},
		onTick: async () => {
			await dispatcher.resume({ quiet: true });
			await sweeper.maybeSweep();
		},
		// After the polls: a digest sealed at this tick carries the edits and deletions the polls just
		// found (right after a restart, those made while the bot was down).
		afterPolls: async () => {
			await settingsRuntime.runDigests();
			await dispatcher.resume({ quiet: true });
		},
	});
	const core: RelayCore = {
		commands: settingsRuntime.withSettingsLines(commands),
		log,
		blogsOf: commands.blogsOf,
		admit: (target, sender) => gate.admit(target, sender),
		recordChatOwner: (target, userId) => ownerLimits.recordOwner(target, userId),
		forgetTarget: async (target, reason) => {
			await forgetTarget(target, reason);
		},
		settings: settingsRuntime.commands,
	};

	/** "ok", or why the store counts as failing: a bounded write, the delivery pause, recent failed writes. */
	async function storeHealth(): Promise<string> {
		let probeFailure: string | undefined;
		try {
			await store.probe(HEALTH_PROBE_TIMEOUT_MS);
		} catch (error) {
			probeFailure = (error as Error).message;
		}
		const paused = dispatcher.storePause;
		if (paused) {
			const retryIn = Math.max(0, Math.ceil((paused.retryAt - now()) / 1000));
			return `failing since ${new Date(paused.since).toISOString()}: ${paused.lastError}; delivery paused (${paused.failures} failures, next try in ${retryIn} s; ${dispatcher.unrecordedCount} sent, unrecorded)`;
		}
		if (probeFailure !== undefined) return `failing: ${probeFailure}`;
		// A small write can succeed on a full disk while larger ones fail: recent failures count too.
		const failed = store.lastWriteFailure;
		if (failed && Date.now() - failed.at < RECENT_WRITE_FAILURE_MS) {
			return `failing: a write failed at ${new Date(failed.at).toISOString()}: ${failed.message}`;
		}
		return "ok";
	}

	/** Gauges for /metrics; a slow store must not hold up the health answer. */
	async function refreshGauges(): Promise<void> {
		try {
			const [keys, pending] = await withTimeout(
				Promise.all([state.listBlogKeys(), outbox.targetsWithPending()]),
				HEALTH_PROBE_TIMEOUT_MS,
				() => new StoreError("reading the gauges took too long"),
			);
			metrics.setGauges({ blogs: keys.length, pendingTargets: pending.length });
		} catch (error) {
			// The gauges keep their last values; the store check says whether the store is the cause.
			log.warn({ err: error }, "could not refresh the gauges");
		}
	}

	let started = false;
	/** Every adapter started (what "relay started" says). */
	let running = false;
	let stopped: Promise<void> | undefined;
	let startedAdapters = new Set<Platform>();
	return {
		core,
		store,
		metrics,
		pageReader,
		async health(): Promise<HealthReport> {
			const checks: HealthReport["checks"] = { store: await storeHealth() };
			for (const platform of adapters.keys()) {
				checks[platform] = startedAdapters.has(platform) ? "ok" : "not started";
			}
			if (checks.store === "ok") await refreshGauges();
			return { ok: Object.values(checks).every((c) => c === "ok"), checks };
		},
		async start() {
			if (started) return;
			started = true;
			// Queues stored by an older version (one array per chat) join the v2 queues before any send.
			const migrated = await outbox.migrateLegacy();
			if (migrated)
				log.info({ deliveries: migrated }, "pending deliveries migrated to the v2 outbox");
			// Polling and delivery do not wait for the platforms' command channels: a platform that is
			// unreachable at start-up (its client retries) must not hold up the others.
			await dispatcher.resume();
			// Stopped while starting (SIGTERM during start-up): start no schedule and no platform.
			if (stopped) return;
			await bringPollsForward(state, now(), log.child({ module: "scheduler" }), options.random);
			if (options.schedule !== false) {
				scheduler.start();
				scheduler
					.catchUp()
					.catch((error: unknown) => log.error({ err: error }, "catch-up poll at start failed"));
			}
			await Promise.all(
				[...adapters.values()].map(async (adapter) => {
					await adapter.start(core);
					startedAdapters.add(adapter.platform);
				}),
			);
			// Only now: a platform that refuses to start stops the process, and no "started" line
			// should come before its one-line reason.
			running = true;
			log.info(
				{ adapters: [...adapters.keys()], schedule: config.pollSchedule, store: store.kind },
				"relay started",
			);
		},
		status: () =>
			readStatus({
				store,
				state,
				subs,
				outbox,
				recent,
				nextTickAt: () => scheduler.nextTickAt(),
				now,
			}),
		pollAll: () => scheduler.tick(true),
		pollDue: () => scheduler.tick(),
		idle: () => dispatcher.idle(),
		stop() {
			stopped ??= (async () => {
				await scheduler.stop();
				// Stop the dispatcher first (no new sends), then the adapters, which release sends still
				// waiting in their pacers as "failed" (kept in the outbox), then wait for the workers.
				const dispatcherStopped = dispatcher.stop();
				startedAdapters = new Set();
				for (const adapter of adapters.values()) {
					await adapter
						.stop()
						.catch((error: unknown) =>
							log.error({ err: error, platform: adapter.platform }, "adapter stop failed"),
						);
				}
				await dispatcherStopped;
				if (ownsStore) await store.close();
				if (ownsPageReader) await pageReader.close();
				if (running) log.info("relay stopped");
			})();
			return stopped;
		},
	};
}
