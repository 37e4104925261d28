/**
 * Settings at fan-out: for each subscribed target, which of a poll's new entries are queued now,
 * which are held (digest, quiet hours) and which are skipped (mode, keywords). A skipped entry is
 * recorded as handled for that target (a delivery record without a message), so a later settings
 * change or a re-detection after a crash never back-fills it. A subscription whose forum topic was
 * deleted is paused: everything is skipped for it.
 */
import type { Logger } from "pino";
import type { StoredUpdate } from "../store/delivery-values.js";
import { KEYS } from "../store/keys.js";
import type { DeliveredRecord } from "../store/message-records.js";
import type { Store } from "../store/open-store.js";
import type { TargetKey } from "../store/target-key.js";
import type { Entry } from "../types.js";
import { type EntryVerdict, judgeEntry, prepareFilter } from "./entry-filter.js";
import type { HeldRepo } from "./held-entries.js";
import type { SettingsRepo } from "./settings-repo.js";
import type { TopicStateRepo } from "./topic-state.js";

/** What the fan-out asks of the settings. */
export interface SettingsFanOut {
	/** Each target's verdict on each entry (same order as `targets` and `entries`). */
	verdicts(targets: TargetKey[], blogKey: string, entries: Entry[]): Promise<EntryVerdict[][]>;
	/**
	 * Holds and records what is not sent now; returns the updates to queue. `updates[i]` is `entries[i]`
	 * as built for the target's platform.
	 */
	route(
		tKey: TargetKey,
		blog: { key: string; url: string; title: string },
		updates: StoredUpdate[],
		verdicts: EntryVerdict[],
	): Promise<StoredUpdate[]>;
}

/** Collaborators of the settings fan-out. */
export interface SettingsFanOutDeps {
	store: Store;
	settings: SettingsRepo;
	held: HeldRepo;
	log: Logger;
	now: () => number;
	/** How long the "skipped" records last (the delivery records' lifetime, EDIT_WINDOW_HOURS). */
	recordTtlMs?: number | undefined;
	/** Forum topics found deleted: their subscriptions are paused (every entry skipped). */
	topics?: TopicStateRepo | undefined;
}

/** Creates the settings step of the fan-out. */
export function createSettingsFanOut(deps: SettingsFanOutDeps): SettingsFanOut {
	return {
		async verdicts(targets, blogKey, entries) {
			if (!targets.length || !entries.length) return targets.map(() => []);
			const [all, paused] = await Promise.all([
				deps.settings.effectiveMany(targets, blogKey),
				deps.topics?.pausedAmong(targets) ?? new Set<TargetKey>(),
			]);
			const at = deps.now();
			return Promise.all(
				targets.map(async (tKey, i) => {
					// A deleted topic takes nothing until its subscription moves to a new one.
					if (paused.has(tKey)) return entries.map((): EntryVerdict => "skip");
					const settings = all[i];
					if (!settings) return entries.map((): EntryVerdict => "send");
					// The zone matters only for quiet hours: read it only then.
					const zone = settings.quiet ? await deps.settings.timeZoneOf(tKey) : undefined;
					const filter = prepareFilter(settings, zone ?? "UTC");
					return entries.map((e) => judgeEntry(e, filter, at));
				}),
			);
		},
		async route(tKey, blog, updates, verdicts) {
			const send: StoredUpdate[] = [];
			const hold: StoredUpdate[] = [];
			const skip: StoredUpdate[] = [];
			updates.forEach((u, i) => {
				const verdict = verdicts[i] ?? "send";
				(verdict === "send" ? send : verdict === "hold" ? hold : skip).push(u);
			});
			const now = deps.now();
			await deps.held.hold({ targetKey: tKey, blogKey: blog.key }, blog, hold, now);
			// Recorded like a delivery without a message: the outbox then never queues it for this target.
			await Promise.all(
				skip.map((u) =>
					deps.store.set<DeliveredRecord>(
						KEYS.message(tKey, blog.key, u.entryId),
						{ messageId: null, deliveredAt: now, skipped: true },
						deps.recordTtlMs,
					),
				),
			);
			if (hold.length || skip.length) {
				deps.log.debug(
					{ target: tKey, url: blog.url, held: hold.length, skipped: skip.length },
					"settings held or skipped entries",
				);
			}
			return send;
		},
	};
}
