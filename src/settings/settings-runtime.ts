/** Builds the settings parts the relay wires in: fan-out step, digest run, cleanup and commands. */
import type { Logger } from "pino";
import type { RelayCommands } from "../relay/adapter.js";
import { toBlogInfo } from "../relay/commands.js";
import type { Store } from "../store/open-store.js";
import type { OutboxRepo } from "../store/outbox.js";
import type { SubscriptionRepo } from "../store/subscriptions.js";
import type { TargetKey } from "../store/target-key.js";
import type { SubscriptionExtras } from "../store/unsubscribe.js";
import type { WatchStateRepo } from "../store/watch-state.js";
import type { Platform } from "../types.js";
import { DEFAULT_DIGEST_BUDGET, type DigestDeps, flushHeld, runDueDigests } from "./digests.js";
import { HeldRepo } from "./held-entries.js";
import { createSettingsExtras } from "./settings-extras.js";
import { createSettingsFanOut, type SettingsFanOut } from "./settings-fan-out.js";
import { SettingsRepo } from "./settings-repo.js";
import { createSettingsService, type SettingsCommands } from "./settings-service.js";
import { ThreadStateRepo } from "./thread-state.js";
import { TopicStateRepo } from "./topic-state.js";

/** What createSettingsRuntime needs. */
export interface SettingsRuntimeDeps {
	store: Store;
	subs: SubscriptionRepo;
	state: WatchStateRepo;
	outbox: OutboxRepo;
	log: Logger;
	now: () => number;
	recordTtlMs?: number | undefined;
	/** Characters per digest message of a platform (undefined: the default budget). */
	budgetFor: (platform: Platform) => number | undefined;
	onEnqueued: (targetKeys: TargetKey[]) => void;
}

/** The settings parts of a relay. */
export interface SettingsRuntime {
	readonly repo: SettingsRepo;
	readonly held: HeldRepo;
	readonly fanOut: SettingsFanOut;
	readonly extras: SubscriptionExtras;
	readonly commands: SettingsCommands;
	/** Queues due digests; returns how many messages. Never throws for one subscription's failure. */
	runDigests(): Promise<number>;
	/** The commands with list() showing each subscription's settings in one line. */
	withSettingsLines<C extends RelayCommands>(commands: C): C;
}

/** Creates the settings parts over one store. */
export function createSettingsRuntime(deps: SettingsRuntimeDeps): SettingsRuntime {
	const repo = new SettingsRepo(deps.store, (err, target) =>
		deps.log.error(
			{ err, target, key: err.key },
			"corrupt settings value: this target gets the default settings until it is set again",
		),
	);
	const held = new HeldRepo(deps.store);
	const topics = new TopicStateRepo(deps.store);
	const threads = new ThreadStateRepo(deps.store);
	const service = createSettingsService({
		settings: repo,
		topics,
		threads,
		now: deps.now,
		subs: deps.subs,
		state: deps.state,
		log: deps.log,
		toBlogInfo,
	});
	const digestDeps: DigestDeps = {
		held,
		settings: repo,
		subs: deps.subs,
		outbox: deps.outbox,
		log: deps.log,
		now: deps.now,
		budgetFor: (platform) => deps.budgetFor(platform) ?? DEFAULT_DIGEST_BUDGET,
		onEnqueued: deps.onEnqueued,
	};
	return {
		repo,
		held,
		fanOut: createSettingsFanOut({
			store: deps.store,
			settings: repo,
			held,
			log: deps.log,
			now: deps.now,
			recordTtlMs: deps.recordTtlMs,
			topics,
		}),
		extras: createSettingsExtras(repo, held, (ref) => flushHeld(digestDeps, ref), {
			topics,
			threads,
		}),
		commands: service,
		withSettingsLines: (commands) => ({
			...commands,
			async list(target) {
				const reply = await commands.list(target);
				if (reply.kind !== "list" || !reply.blogs.length) return reply;
				const lines = await service.lines(target);
				return { ...reply, blogs: reply.blogs.map((b, i) => ({ ...b, settingsLine: lines[i] })) };
			},
		}),
		runDigests: () => runDueDigests(digestDeps),
	};
}
