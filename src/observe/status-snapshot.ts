/** What the status page shows, read from the store and the relay's memory at request time. */
import type { Store } from "../store/open-store.js";
import type { OutboxRepo } from "../store/outbox.js";
import type { SubscriptionRepo } from "../store/subscriptions.js";
import { parseTargetKey } from "../store/target-key.js";
import type { BlogRecord, WatchStateRepo } from "../store/watch-state.js";
import type { Platform } from "../types.js";
import type { DeliveryAttempt, RecentDeliveries } from "./recent-deliveries.js";

/** Blogs listed on the page at most (the rest are counted): one page load must stay cheap. */
export const STATUS_BLOG_LIMIT = 300;

/** One watched blog's line. */
export interface BlogStatus {
	/** The store's key of the blog (deliveries name their blog by it). */
	key: string;
	title: string;
	url: string;
	status: BlogRecord["status"];
	isLive: boolean;
	lastPollAt: number | undefined;
	/** "ok", or the last error of a failing blog. */
	lastResult: string;
	lastNewEntryAt: number | undefined;
	nextPollAt: number | undefined;
	failures: number;
	entriesSeen: number;
	subscribers: Partial<Record<Platform, number>>;
}

/** Everything the status page renders. */
export interface StatusSnapshot {
	generatedAt: number;
	instanceId: string;
	storeKind: Store["kind"];
	blogs: BlogStatus[];
	/** Watched blogs not listed (over STATUS_BLOG_LIMIT). */
	blogsNotListed: number;
	/** Pending deliveries per platform. */
	outbox: Partial<Record<Platform, number>>;
	delivered: readonly DeliveryAttempt[];
	failed: readonly DeliveryAttempt[];
}

/** Where a snapshot is read from. */
export interface StatusSources {
	store: Store;
	state: WatchStateRepo;
	subs: SubscriptionRepo;
	outbox: OutboxRepo;
	recent: RecentDeliveries;
	/** Next tick of the poll schedule (ms), undefined when the schedule is not running. */
	nextTickAt: () => number | undefined;
	now: () => number;
}

/** Reads the current status. */
export async function readStatus(sources: StatusSources): Promise<StatusSnapshot> {
	const { state, subs, outbox } = sources;
	const keys = await state.listBlogKeys();
	const listed = keys.slice(0, STATUS_BLOG_LIMIT);
	const records = await state.getBlogs(listed);
	const nextTick = sources.nextTickAt();
	const blogs = await Promise.all(
		records
			.flatMap((record) => (record ? [record] : []))
			.map(async (record) => {
				const [seen, targets] = await Promise.all([
					state.getSeen(record.key),
					subs.targetsOf(record.key),
				]);
				const subscribers: Partial<Record<Platform, number>> = {};
				for (const key of targets) {
					const { platform } = parseTargetKey(key);
					subscribers[platform] = (subscribers[platform] ?? 0) + 1;
				}
				// A blog is polled at the first schedule tick at or after its own earliest time.
				const due = record.nextPollAt;
				const nextPollAt =
					nextTick === undefined ? due : due === undefined || due <= nextTick ? nextTick : due;
				return {
					key: record.key,
					title: record.title,
					url: record.url,
					status: record.status,
					isLive: record.isLive,
					lastPollAt: record.lastPollAt,
					lastResult: record.failures > 0 ? (record.lastError ?? "failed") : "ok",
					lastNewEntryAt: record.lastNewEntryAt,
					nextPollAt,
					failures: record.failures,
					entriesSeen: seen?.items.length ?? 0,
					subscribers,
				} satisfies BlogStatus;
			}),
	);
	blogs.sort((a, b) => a.title.localeCompare(b.title));
	const depth: Partial<Record<Platform, number>> = {};
	for (const key of await outbox.targetsWithPending()) {
		const { platform } = parseTargetKey(key);
		depth[platform] = (depth[platform] ?? 0) + (await outbox.size(key));
	}
	return {
		generatedAt: sources.now(),
		instanceId: sources.store.coordinator.owner,
		storeKind: sources.store.kind,
		blogs,
		blogsNotListed: keys.length - listed.length,
		outbox: depth,
		delivered: sources.recent.delivered,
		failed: sources.recent.failed,
	};
}
