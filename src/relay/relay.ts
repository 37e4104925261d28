/** createRelay: wires store, watcher, dispatcher, scheduler and commands into a running relay. */
import { holdSharedExtractPool } from "../extract/extract-pool.js";
import { createSilentLogger } from "../log.js";
import type { HealthReport } from "../observe/health-server.js";
import { createMetrics } from "../observe/metrics.js";
import { Scheduler } from "../schedule/scheduler.js";
import { openStore } from "../store/open-store.js";
import { OutboxRepo } from "../store/outbox.js";
import { SubscriptionRepo } from "../store/subscriptions.js";
import { WatchStateRepo } from "../store/watch-state.js";
import type { Platform } from "../types.js";
import type { PlatformAdapter, RelayCore } from "./adapter.js";
import { createCommands } from "./commands.js";
import { Dispatcher } from "./dispatcher.js";
import { extractPoolOptions } from "./read-blog.js";
import type { Relay, RelayOptions } from "./relay-api.js";
import { DEFAULT_SUMMARY_LIMIT } from "./updates.js";
import { Watcher, type WatcherEvents } from "./watcher.js";

export type { Relay, RelayOptions } from "./relay-api.js";

/** Builds a relay from config and adapters; call start() to go live. */
export async function createRelay(
	options: RelayOptions & { events?: WatcherEvents },
): Promise<Relay> {
	const { config } = options;
	const log = options.log ?? createSilentLogger();
	const now = options.now ?? Date.now;
	const ownsStore = options.store === undefined;
	const store =
		options.store ?? (await openStore(config.storeUrl, { log, namespace: config.storeNamespace }));
	const state = new WatchStateRepo(store);
	const subs = new SubscriptionRepo(store);
	const outbox = new OutboxRepo(store);
	const adapters = new Map<Platform, PlatformAdapter>(options.adapters.map((a) => [a.platform, a]));
	const metrics = options.metrics ?? createMetrics();
	// Held for the relay's lifetime: stop() closes the page-parsing workers once no relay needs them.
	const releaseExtractPool = holdSharedExtractPool(extractPoolOptions(config));

	const dispatcher = new Dispatcher({
		outbox,
		coordinator: store.coordinator,
		leaseTtlMs: config.leaseTtlMs,
		subs,
		adapters,
		log: log.child({ module: "dispatcher" }),
		now,
		onResult: (platform, result, delivery) =>
			metrics.recordDelivery(platform, result, delivery.enqueuedAt, now()),
		onTargetRemoved: async (_target, blogKeys) => {
			for (const key of blogKeys) {
				if ((await subs.countTargets(key)) === 0) await state.deleteBlog(key);
			}
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
		summaryLimitFor: (platform) => adapters.get(platform)?.summaryLimit ?? DEFAULT_SUMMARY_LIMIT,
		onEnqueued: (keys) => dispatcher.kick(keys),
		events: {
			onPolled(blog, outcome) {
				metrics.recordPoll(outcome);
				options.events?.onPolled?.(blog, outcome);
			},
		},
	});
	const commands = createCommands({
		summaryLimitFor: (platform) => adapters.get(platform)?.summaryLimit ?? DEFAULT_SUMMARY_LIMIT,
		config,
		state,
		subs,
		watcher,
		log: log.child({ module: "commands" }),
		now,
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
				r ? [{ key: r.key, url: r.url, nextPollAt: r.nextPollAt }] : [],
			);
		},
		poll: (key, tickStartedAt) => watcher.poll(key, { tickStartedAt }),
		onTick: () => dispatcher.resume({ quiet: true }),
	});
	const core: RelayCore = { commands, log, blogsOf: commands.blogsOf };

	let started = false;
	let stopped: Promise<void> | undefined;
	let startedAdapters = new Set<Platform>();
	return {
		core,
		store,
		metrics,
		async health(): Promise<HealthReport> {
			const checks: HealthReport["checks"] = {};
			try {
				await store.get("meta:v1:ping");
				checks.store = "ok";
			} catch (error) {
				checks.store = `unreachable: ${(error as Error).message}`;
			}
			for (const platform of adapters.keys()) {
				checks[platform] = startedAdapters.has(platform) ? "ok" : "not started";
			}
			const [keys, pending] = await Promise.all([
				state.listBlogKeys(),
				outbox.targetsWithPending(),
			]).catch(() => [[], []]);
			metrics.setGauges({ blogs: keys.length, pendingTargets: pending.length });
			return { ok: Object.values(checks).every((c) => c === "ok"), checks };
		},
		async start() {
			if (started) return;
			started = true;
			// Polling and delivery do not wait for the platforms' command channels: a platform that is
			// unreachable at start-up (its client retries) must not hold up the others.
			await dispatcher.resume();
			if (options.schedule !== false) scheduler.start();
			log.info(
				{ adapters: [...adapters.keys()], schedule: config.pollSchedule, store: store.kind },
				"relay started",
			);
			await Promise.all(
				[...adapters.values()].map(async (adapter) => {
					await adapter.start(core);
					startedAdapters.add(adapter.platform);
				}),
			);
		},
		pollAll: () => scheduler.tick(true),
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
				await releaseExtractPool();
				log.info("relay stopped");
			})();
			return stopped;
		},
	};
}
