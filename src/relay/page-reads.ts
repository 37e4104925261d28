/**
 * Bounded page reads: caps how many reads (polls and subscribes together) are in flight at once and
 * lets identical concurrent reads share one fetch. The page reader (page-reader.ts) owns one.
 *
 * Memory is the reason: a read holds the body and its parsed document, several times the page's
 * size, so 100 users subscribing at once to a 4 MB page used to hold 100 copies. Now at most
 * MAX_CONCURRENT_READS reads are held (each ≤ MAX_PAGE_BYTES before parsing), and a burst of
 * subscribes to one page is one read.
 */
import type { ReadBlogResult } from "./read-blog.js";

/** Validators of a conditional read, as readLiveBlog takes them. */
export interface ReadValidators {
	etag?: string | undefined;
	lastModified?: string | undefined;
	bodyHash?: string | undefined;
}
/** One read in flight: its promise, how many callers share it, and what keeps its slot after it. */
interface InflightRead {
	read: Promise<ReadBlogResult>;
	callers: number;
	holds: Promise<unknown>[];
}

/** The cap and in-flight table of one page reader (one relay, one CLI run). */
interface ReadPool {
	readonly limit: number;
	active: number;
	/** Reads waiting for a slot, first come first served. */
	readonly queue: (() => void)[];
	/** Reads in flight by key (URL + validators); later identical reads join the same promise. */
	readonly inflight: Map<string, InflightRead>;
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

/** Reads run under a cap, identical reads in flight sharing one result. */
export interface BoundedReads {
	/**
	 * Runs `read` under the cap, or joins the identical read (same `key`) already in flight; errors
	 * reach every caller that joined. The slot is kept until `holdUntil` settles too: the caller goes
	 * on holding the parsed page (a subscribe stores it), and the cap is about pages in memory.
	 */
	run(
		key: string,
		read: () => Promise<ReadBlogResult>,
		holdUntil?: Promise<unknown>,
	): Promise<ReadBlogResult>;
	/** Reads fetching, reads waiting for a slot, distinct reads, and their callers. */
	state(): ReadPoolState;
}

/** What a BoundedReads is doing now (tests and diagnostics). */
export interface ReadPoolState {
	active: number;
	waiting: number;
	reads: number;
	callers: number;
}

/** A cap of `limit` reads at once (MAX_CONCURRENT_READS). */
export function createBoundedReads(limit: number): BoundedReads {
	const pool: ReadPool = { limit, active: 0, queue: [], inflight: new Map() };
	return {
		run(key, read, holdUntil) {
			const joined = pool.inflight.get(key);
			if (joined) {
				joined.callers++;
				if (holdUntil) joined.holds.push(holdUntil);
				return joined.read;
			}
			const entry: InflightRead = {
				read: Promise.resolve() as unknown as Promise<ReadBlogResult>,
				callers: 1,
				holds: holdUntil ? [holdUntil] : [],
			};
			entry.read = (async () => {
				await acquire(pool);
				try {
					const result = await read();
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
		},
		state() {
			let callers = 0;
			for (const entry of pool.inflight.values()) callers += entry.callers;
			return {
				active: pool.active,
				waiting: pool.queue.length,
				reads: pool.inflight.size,
				callers,
			};
		},
	};
}
