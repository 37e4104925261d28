/** Platform-neutral chat commands: subscribe, unsubscribe, list, latest. Rules live here, wording in adapters. */
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { CommandError, RelayError, StoreError, toError } from "../errors.js";
import { canonicalizeUrl } from "../extract/canonical-url.js";
import { parseWatchUrl } from "../fetch/url-guard.js";
import type { SubscriptionRepo } from "../store/subscriptions.js";
import { targetKey } from "../store/target-key.js";
import { unsubscribe as endSubscriptions, type SubscriptionStores } from "../store/unsubscribe.js";
import { type BlogRecord, fromStoredEntry, type WatchStateRepo } from "../store/watch-state.js";
import type { Target } from "../types.js";
import type {
	BlogInfo,
	CommandActor,
	LatestReply,
	ListReply,
	RelayCommands,
	SubscribeReply,
	UnsubscribeReply,
} from "./adapter.js";
import { identifyBlog, type ParsedPage } from "./identify-blog.js";
import { clampLatestCount } from "./latest-count.js";
import type { OwnerLimits } from "./owner-limits.js";
import type { PageReader } from "./page-reader.js";
import { SlidingWindowLimiter } from "./rate-limit.js";
import { DEFAULT_SUMMARY_LIMIT, toEntryUpdate } from "./updates.js";
import type { Watcher } from "./watcher.js";

/** Collaborators of the commands. */
export interface CommandDeps {
	config: Config;
	state: WatchStateRepo;
	subs: SubscriptionRepo;
	/** Where unsubscribe ends a subscription (the one store operation for it). */
	stores: SubscriptionStores;
	watcher: Watcher;
	log: Logger;
	now: () => number;
	/** The summary length the target's platform asks for (subscribe's "newest entry"). */
	summaryLimitFor?: (platform: Target["platform"]) => number;
	/** Reads a blog's page (the relay's page reader: guard, limits, read cap, extract workers). */
	readPage: PageReader["read"];
	/** Refuses a URL whose host resolves into a refused network, before anything is read. */
	assertUrlAllowed: PageReader["assertAllowed"];
	/** Per-owner blog limit (MAX_BLOGS_PER_OWNER); off when absent. */
	ownerLimits?: OwnerLimits;
	/** Tells, once, that the target refused to let the bot pin (list's `cannotPin`); absent: never. */
	pinRefusalToTell?: (target: Target) => Promise<boolean>;
}

/** BlogInfo of a stored blog record. */
export function toBlogInfo(record: BlogRecord): BlogInfo {
	return {
		url: record.url,
		title: record.title,
		status: record.status,
		unreachableSince:
			record.status === "unreachable" && record.failingSince
				? new Date(record.failingSince)
				: undefined,
		lastEntryAt: record.lastEntryAt === undefined ? undefined : new Date(record.lastEntryAt),
	};
}

/** Loose form of a URL for matching user input to a blog: no scheme, no www., no trailing slash. */
function looseUrl(url: string): string {
	const loose = canonicalizeUrl(url)
		.replace(/^https?:\/\//i, "")
		.replace(/^www\./i, "")
		.toLowerCase();
	// A loop, not /\/+$/: that regex is quadratic on a run of slashes.
	let end = loose.length;
	while (end > 0 && loose.charAt(end - 1) === "/") end--;
	return loose.slice(0, end);
}

/** The URLs a subscribe reached a blog by (as pasted, after redirects), other than its own. */
function aliasesOf(canonical: string, ...urls: string[]): string[] {
	return [...new Set(urls.map((u) => canonicalizeUrl(u)))].filter((u) => u !== canonical);
}

/** Creates the command handlers over the store and watcher. */
export function createCommands(
	deps: CommandDeps,
): RelayCommands & { blogsOf(target: Target): Promise<BlogInfo[]> } {
	const { config, state, subs, watcher, log, now } = deps;
	const subscribeLimiter = new SlidingWindowLimiter(config.subscribesPerUserPerMinute, 60_000, now);

	async function recordsOf(target: Target): Promise<BlogRecord[]> {
		const keys = await subs.blogsOf(targetKey(target));
		const records = await state.getBlogs(keys);
		return records.filter((r): r is BlogRecord => r !== undefined);
	}

	/** Finds the target's blog named by a URL (any form) or a 1-based number. */
	async function findBlog(target: Target, urlOrIndex: string): Promise<BlogRecord> {
		const records = await recordsOf(target);
		const choices = records.map((r) => ({ url: r.url, title: r.title }));
		const input = urlOrIndex.trim();
		if (/^\d{1,4}$/.test(input)) {
			const record = records[Number(input) - 1];
			if (record) return record;
			throw new CommandError(
				"not-subscribed",
				`There is no blog number ${input} in your list.`,
				choices,
				{ key: "error.no-such-number", params: { number: input } },
			);
		}
		let wanted: string;
		try {
			wanted = looseUrl(parseWatchUrl(input).href);
		} catch (error) {
			if (error instanceof RelayError) throw error;
			throw toError(error);
		}
		const match = records.find(
			(r) => looseUrl(r.url) === wanted || r.aliases.some((a) => looseUrl(a) === wanted),
		);
		if (match) return match;
		throw new CommandError("not-subscribed", "You are not subscribed to that live blog.", choices, {
			key: "error.not-followed",
		});
	}

	/** Reads a page for subscribe; anything but a parsed page (304, unchanged) is a failure here. */
	async function read(url: string, holdUntil: Promise<unknown>): Promise<ParsedPage> {
		const fetched = await deps.readPage(url, {}, new Date(now()), { holdUntil });
		if (fetched.status !== "ok") {
			throw new RelayError("fetch-failed", `Fetching ${url} returned no page`);
		}
		return fetched;
	}

	async function subscribe(
		target: Target,
		input: string,
		actor: CommandActor,
	): Promise<SubscribeReply> {
		// The page's read slot is held until this subscribe is done with the page (memory cap).
		let finished = () => {};
		const done = new Promise<void>((resolve) => {
			finished = resolve;
		});
		try {
			requireManager(actor);
			const url = parseWatchUrl(input);
			const who = actor.userId
				? `user:${target.platform}:${actor.userId}`
				: `target:${target.platform}:${target.id}`;
			if (!subscribeLimiter.tryHit(who)) {
				throw new CommandError(
					"rate-limited",
					"That's a lot of subscribe requests; please wait a minute and try again.",
					[],
					{ key: "error.subscribe-rate-limited" },
				);
			}
			await deps.assertUrlAllowed(url);
			const { blogKey, canonical, page } = await identifyBlog(url, {
				read: (u) => read(u, done),
				state,
				log,
			});
			const mine = await subs.blogsOf(targetKey(target));
			const alreadySubscribed = mine.includes(blogKey);
			if (!alreadySubscribed && mine.length >= config.maxSubscriptionsPerChat) {
				throw new CommandError(
					"limit-reached",
					`This chat already follows ${mine.length} live blogs, the most allowed (${config.maxSubscriptionsPerChat}). Unsubscribe from one first.`,
					[],
					{ key: "error.chat-limit", params: { max: config.maxSubscriptionsPerChat } },
				);
			}
			const reservation = alreadySubscribed
				? undefined
				: await deps.ownerLimits?.reserve(target, actor, blogKey, done);
			const existing = await state.getBlog(blogKey);
			if (existing && page) {
				// identifyBlog gives a page only when it was fetched at the blog's URL: these URLs lead to it.
				const aliases = aliasesOf(canonical, url.href, page.finalUrl);
				await state.updateBlog(blogKey, (r) => ({
					...r,
					aliases: [...new Set([...r.aliases, ...aliases])].slice(-20),
				}));
			} else if (!existing) {
				if (!page) throw new StoreError(`Blog ${canonical} vanished while subscribing`);
				const watched = (await state.listBlogKeys()).length;
				if (watched >= config.maxWatchedBlogs) {
					throw new CommandError(
						"limit-reached",
						"This bot is already watching as many live blogs as it may. Please try again later.",
						[],
						{ key: "error.bot-limit" },
					);
				}
				await state.putBlog({
					key: blogKey,
					url: canonical,
					title: page.blog.title,
					aliases: aliasesOf(canonical, url.href, page.finalUrl),
					createdAt: now(),
					failures: 0,
					status: "ok",
					isLive: page.blog.isLive,
				});
			}
			// Through the normal poll path: a known blog's genuinely new entries go to its existing
			// subscribers before this target joins; a new blog is seeded silently. A chat attached
			// through another URL's page polls nothing: that page is not the blog's.
			if (page) await watcher.poll(blogKey, { prefetched: page });
			const added = await subs.add(targetKey(target), blogKey);
			await reservation?.commit();
			const record = await state.getBlog(blogKey);
			if (!record) throw new StoreError(`Blog ${canonical} vanished while subscribing`);
			// The blog's own entries as recorded, never those of a page fetched elsewhere.
			const entries = (await state.getRecent(blogKey)).map(fromStoredEntry);
			const newestEntry = entries.find((e) => !e.pinned) ?? entries[0];
			log.info({ target, url: canonical, alreadySubscribed: !added }, "subscribed");
			return {
				kind: "subscribed",
				blog: toBlogInfo(record),
				newest: newestEntry
					? toEntryUpdate(
							{ url: canonical, title: record.title },
							newestEntry,
							deps.summaryLimitFor?.(target.platform) ?? DEFAULT_SUMMARY_LIMIT,
						)
					: undefined,
				alreadySubscribed: !added,
			};
		} catch (error) {
			return { kind: "error", error: asRelayError(error, log) };
		} finally {
			finished();
		}
	}

	async function unsubscribe(
		target: Target,
		urlOrIndex: string,
		actor: CommandActor,
	): Promise<UnsubscribeReply> {
		try {
			requireManager(actor);
			const record = await findBlog(target, urlOrIndex);
			await endSubscriptions(deps.stores, target, { blogKeys: [record.key] });
			log.info({ target, url: record.url }, "unsubscribed");
			return { kind: "unsubscribed", blog: toBlogInfo(record) };
		} catch (error) {
			return { kind: "error", error: asRelayError(error, log) };
		}
	}

	async function list(target: Target): Promise<ListReply> {
		try {
			const blogs = (await recordsOf(target)).map(toBlogInfo);
			const cannotPin = (await deps.pinRefusalToTell?.(target)) ?? false;
			return { kind: "list", blogs, ...(cannotPin ? { cannotPin } : {}) };
		} catch (error) {
			return { kind: "error", error: asRelayError(error, log) };
		}
	}

	async function latest(
		target: Target,
		url: string | undefined,
		count: number,
		summaryLimit: number,
	): Promise<LatestReply> {
		try {
			let record: BlogRecord;
			if (url?.trim()) {
				record = await findBlog(target, url);
			} else {
				const records = await recordsOf(target);
				const only = records[0];
				if (!only)
					throw new CommandError(
						"not-subscribed",
						"You are not subscribed to any live blog yet.",
						[],
						{ key: "error.none-followed" },
					);
				if (records.length > 1) {
					throw new CommandError(
						"ambiguous-blog",
						"You follow several live blogs; say which one.",
						records.map((r) => ({ url: r.url, title: r.title })),
						{ key: "error.ambiguous" },
					);
				}
				record = only;
			}
			const n = clampLatestCount(count).count;
			const entries = (await state.getRecent(record.key)).slice(0, n).map(fromStoredEntry);
			return {
				kind: "updates",
				blog: toBlogInfo(record),
				updates: entries.map((e) => toEntryUpdate(record, e, summaryLimit)),
			};
		} catch (error) {
			return { kind: "error", error: asRelayError(error, log) };
		}
	}

	async function blogsOf(target: Target): Promise<BlogInfo[]> {
		return (await recordsOf(target)).map(toBlogInfo);
	}

	return { subscribe, unsubscribe, list, latest, blogsOf };
}

/** Only someone allowed to manage the target may change its subscriptions. */
function requireManager(actor: CommandActor): void {
	if (!actor.canManage) {
		throw new CommandError(
			"permission-denied",
			"Only administrators can change the live blogs followed here.",
			[],
			{ key: "error.admins-only" },
		);
	}
}

/**
 * Expected refusals pass through, their detail logged (the chat gets a plain sentence without it);
 * anything else is logged and reported as a store failure.
 */
function asRelayError(error: unknown, log: Logger): RelayError {
	if (error instanceof RelayError) {
		log.info({ code: error.code, detail: error.message }, "command refused");
		return error;
	}
	const err = toError(error);
	log.error({ err }, "command failed unexpectedly");
	return new RelayError("store", `Command failed: ${err.message}`, { cause: err });
}
