/**
 * Bounded page reads: a thin wrapper around readLiveBlog that caps how many reads (polls and
 * subscribes together) are in flight at once and lets identical concurrent reads share one fetch.
 *
 * Memory is the reason: a read holds the body and its parsed document, several times the page's
 * size, so 100 users subscribing at once to a 4 MB page used to hold 100 copies. Now at most
 * MAX_CONCURRENT_READS reads are held (each ≤ MAX_PAGE_BYTES before parsing), and a burst of
 * subscribes to one page is one read.
 */
import type { Config } from "../config.js";
import type { Resolver } from "../fetch/url-guard.js";
import { type ReadBlogResult, readLiveBlog } from "./read-blog.js";

/** Validators of a conditional read, as readLiveBlog takes them. */
export type ReadValidators = Parameters<typeof readLiveBlog>[2];

/** One read in flight: its promise, how many callers share it, and what keeps its slot after it. */
interface InflightRead {
	read: Promise<ReadBlogResult>;
	callers: number;
	holds: Promise<unknown>[];
}

/** The cap and in-flight table shared by every reader of one Config (one relay, one CLI run). */
interface ReadPool {
	readonly limit: number;
	active: number;
	/** Reads waiting for a slot, first come first served. */
	readonly queue: (() => void)[];
	/** Reads in flight by key (URL + validators); later identical reads join the same promise. */
	readonly inflight: Map<string, InflightRead>;
}

// One pool per Config object: the relay passes a single frozen Config to the watcher, the
// commands and the CLI, so they share the cap without new wiring through each constructor.
const pools = new WeakMap<Config, ReadPool>();

function poolOf(config: Config): ReadPool {
	let pool = pools.get(config);
	if (!pool) {
		pool = { limit: config.maxConcurrentReads, active: 0, queue: [], inflight: new Map() };
		pools.set(config, pool);
	}
	return pool;
}

/**
 * The coalescing key: the URL as it is requested (WHATWG-normalised, fragment dropped: it is never
 * sent) plus every validator. Reads join only when their inputs are identical, so a poll's ETag or
 * body hash never shapes the answer an unconditional subscribe gets (it would turn into a 304 or
 * "unchanged" with no page), and two unconditional subscribes of one URL share one fetch.
 */
export function readKey(url: string | URL, previous: ReadValidators = {}): string {
	// Not a URL: readLiveBlog will refuse it; the raw text still keys it uniquely.
	let href = String(url);
	if (URL.canParse(href)) {
		const parsed = new URL(href);
		parsed.hash = "";
		href = parsed.href;
	}
	return JSON.stringify([
		href,
		previous?.etag ?? null,
		previous?.lastModified ?? null,
		previous?.bodyHash ?? null,
	]);
}

async function acquire(pool: ReadPool): Promise<void> {
	if (pool.active < pool.limit) {
		pool.active++;
		return;
	}
	// The releasing read hands its slot straight to us (active stays the same).
	await new Promise<void>((resolve) => pool.queue.push(resolve));
}

function release(pool: ReadPool): void {
	const next = pool.queue.shift();
	if (next) next();
	else pool.active--;
}

/** Options of readLiveBlogBounded. */
export interface BoundedReadOptions {
	/**
	 * Keep the read's slot until this settles: the caller goes on holding the parsed page (a
	 * subscribe stores it), and the cap is about pages in memory, not only pages being fetched.
	 */
	holdUntil?: Promise<unknown> | undefined;
	/** DNS resolver for the fetch (tests map test host names to loopback); default the system's. */
	resolve?: Resolver | undefined;
}

/**
 * readLiveBlog under the Config's concurrency cap, sharing the result with identical reads in
 * flight. Same arguments and results as readLiveBlog (errors reach every caller that joined).
 */
export function readLiveBlogBounded(
	url: string | URL,
	config: Config,
	previous: ReadValidators = {},
	now: Date = new Date(),
	options: BoundedReadOptions = {},
): Promise<ReadBlogResult> {
	const pool = poolOf(config);
	const key = readKey(url, previous);
	const joined = pool.inflight.get(key);
	if (joined) {
		joined.callers++;
		if (options.holdUntil) joined.holds.push(options.holdUntil);
		return joined.read;
	}
	const entry: InflightRead = {
		read: Promise.resolve() as unknown as Promise<ReadBlogResult>,
		callers: 1,
		holds: options.holdUntil ? [options.holdUntil] : [],
	};
	entry.read = (async () => {
		await acquire(pool);
		try {
			const result = await readLiveBlog(url, config, previous, now, options.resolve);
			// Leave the table before taking the holds, so no caller joins after they are counted;
			// a later read fetches afresh, never a stale page.
			pool.inflight.delete(key);
			void Promise.allSettled(entry.holds).then(() => release(pool));
			return result;
		} catch (error) {
			pool.inflight.delete(key);
			release(pool);
			throw error;
		}
	})();
	pool.inflight.set(key, entry);
	return entry.read;
}

/** Under a Config's cap: reads fetching, reads waiting for a slot, distinct reads, and their callers. */
export function readPoolState(config: Config): {
	active: number;
	waiting: number;
	reads: number;
	callers: number;
} {
	const pool = pools.get(config);
	if (!pool) return { active: 0, waiting: 0, reads: 0, callers: 0 };
	let callers = 0;
	for (const entry of pool.inflight.values()) callers += entry.callers;
	return { active: pool.active, waiting: pool.queue.length, reads: pool.inflight.size, callers };
}
