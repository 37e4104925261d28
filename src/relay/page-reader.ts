/**
 * The page reader: the one way the core reads a web page. It owns the fetcher (guarded connection
 * pools), the read cap with coalescing, and the extract worker pool, so whoever creates it (the
 * relay, a CLI run) frees all of them with close() and no module-level state outlives it.
 */
import type { Config } from "../config.js";
import { createExtractPool } from "../extract/extract-pool.js";
import type { FetchPageResult } from "../fetch/fetch-page.js";
import { createFetcher } from "../fetch/fetcher.js";
import { assertUrlAllowed, type Resolver } from "../fetch/url-guard.js";
import {
	createBoundedReads,
	type ReadPoolState,
	type ReadValidators,
	readKey,
} from "./page-reads.js";
import { extractPoolOptions, type ReadBlogResult, readLiveBlog } from "./read-blog.js";

/** Reads live-blog pages with the config's guard and limits; close() frees its sockets and workers. */
export interface PageReader {
	/**
	 * Fetches and parses a live blog under the read cap, sharing identical reads in flight (see
	 * readLiveBlog for results and errors). The read's slot is kept until `holdUntil` settles.
	 */
	read(
		url: string | URL,
		previous?: ReadValidators,
		now?: Date,
		options?: { holdUntil?: Promise<unknown> | undefined },
	): Promise<ReadBlogResult>;
	/** Fetches a page raw (no cap, no parse), with the same guard and limits: `--explain` uses it. */
	fetchRaw(url: string | URL): Promise<FetchPageResult>;
	/** Throws BlockedUrlError when `url`'s host resolves to a refused network (subscribe checks first). */
	assertAllowed(url: URL): Promise<void>;
	/** Reads fetching, waiting for a slot, distinct reads in flight and their callers. */
	state(): ReadPoolState;
	/** Closes the connection pools and the extract workers; idempotent. Reads after it reject. */
	close(): Promise<void>;
}

/** Options of createPageReader. */
export interface PageReaderOptions {
	/** DNS resolver for page fetches (tests map test host names to loopback); default the system's. */
	resolve?: Resolver | undefined;
}

/** A page reader for `config` (MAX_CONCURRENT_READS, fetch limits, extract workers). */
export function createPageReader(config: Config, options: PageReaderOptions = {}): PageReader {
	const fetcher = createFetcher({ resolve: options.resolve });
	const extractPool = createExtractPool(extractPoolOptions(config));
	const reads = createBoundedReads(config.maxConcurrentReads);
	let closing: Promise<void> | undefined;
	return {
		read(url, previous = {}, now = new Date(), readOptions = {}) {
			return reads.run(
				readKey(url, previous),
				() => readLiveBlog(url, config, previous, now, { fetcher, extractPool }),
				readOptions.holdUntil,
			);
		},
		fetchRaw(url) {
			return fetcher.fetch(url, {
				allowPrivateNetwork: config.allowPrivateNetwork,
				timeoutMs: config.fetchTimeoutMs,
				maxBytes: config.maxPageBytes,
			});
		},
		assertAllowed(url) {
			return assertUrlAllowed(url, config.allowPrivateNetwork, options.resolve);
		},
		state: () => reads.state(),
		close() {
			closing ??= Promise.all([fetcher.close(), extractPool.close()]).then(() => undefined);
			return closing;
		},
	};
}
