/** Settings and held entries end with their subscription (and move with a migrated chat). */
import type { TargetKey } from "../store/target-key.js";
import type { SubscriptionExtras } from "../store/unsubscribe.js";
import type { HeldRef, HeldRepo } from "./held-entries.js";
import type { SettingsRepo } from "./settings-repo.js";
import type { ThreadStateRepo } from "./thread-state.js";
import type { TopicStateRepo } from "./topic-state.js";

/** The settings' part of ending, forgetting and moving subscriptions. */
export function createSettingsExtras(
	settings: SettingsRepo,
	held: HeldRepo,
	/** Queues a subscription's held entries now (a retired blog's, which go out with its farewell). */
	flush?: (ref: HeldRef) => Promise<unknown>,
	/** What is known of forum topics and Discord threads: forgotten with them. */
	places: { topics?: TopicStateRepo; threads?: ThreadStateRepo } = {},
): SubscriptionExtras {
	return {
		async dropBlogs(tKey: TargetKey, blogKeys: readonly string[], keepPending: boolean) {
			for (const blogKey of blogKeys) {
				const ref = { targetKey: tKey, blogKey };
				if (keepPending && flush) await flush(ref);
				await settings.dropBlog(tKey, blogKey);
				await held.drop(ref);
			}
		},
		async dropTarget(tKey: TargetKey) {
			await settings.dropTarget(tKey);
			await held.dropTarget(tKey);
			await places.topics?.forget(tKey);
			await places.threads?.forget(tKey);
		},
		async move(from: TargetKey, to: TargetKey) {
			await settings.move(from, to);
			// Held entries follow the chat: re-held under the new id, then dropped under the old one.
			for (const ref of await held.list()) {
				if (ref.targetKey !== from) continue;
				const batch = await held.get(ref);
				if (batch) {
					await held.hold(
						{ targetKey: to, blogKey: ref.blogKey },
						{ url: batch.blogUrl, title: batch.blogTitle },
						batch.entries,
						batch.since,
					);
				}
				await held.drop(ref);
			}
		},
	};
}
