/**
 * Fetch + extract in one step, with the configured limits: what the page reader (page-reader.ts)
 * runs for every read. Parsing runs in the reader's extract pool (worker threads, per-page
 * deadline), never on the event loop, so one hostile page cannot stall chats' commands or other blogs.
 */
import { createHash } from "node:crypto";
import type { Config } from "../config.js";
import type { ExtractPool, ExtractPoolOptions } from "../extract/extract-pool.js";
import type { Fetcher } from "../fetch/fetcher.js";
import { usableEtag, usableLastModified } from "../fetch/validators.js";
import type { LiveBlog } from "../types.js";

/** A page read: unchanged (304 or identical bytes), or parsed. */
export type ReadBlogResult =
	| { status: "not-modified" }
	| { status: "unchanged" }
	| {
			status: "ok";
			blog: LiveBlog;
			finalUrl: string;
			bodyHash: string;
			etag: string | undefined;
			lastModified: string | undefined;
	  };

/** What a read runs on: the page reader's fetcher and extract pool. */
export interface ReadBlogDeps {
	fetcher: Fetcher;
	extractPool: ExtractPool;
}

/** The extract pool settings of a config. */
export function extractPoolOptions(config: Config): ExtractPoolOptions {
	return { workers: config.extractWorkers, deadlineMs: config.extractDeadlineMs };
}

/** Fingerprint of a page body (identical bytes are not parsed twice). */
export function hashBody(body: string): string {
	return createHash("sha1").update(body).digest("base64url");
}

/**
 * Fetches a live blog with the SSRF guard and limits from the config, and parses it unless the server
 * said 304 or the bytes hash to `previous.bodyHash`. Throws RelayErrors (fetch, size, not a live blog, too complex).
 * A Last-Modified in the future is neither returned nor sent back (it would answer 304 for ever).
 */
export async function readLiveBlog(
	url: string | URL,
	config: Config,
	previous: {
		etag?: string | undefined;
		lastModified?: string | undefined;
		bodyHash?: string | undefined;
	} = {},
	now: Date,
	deps: ReadBlogDeps,
): Promise<ReadBlogResult> {
	const fetched = await deps.fetcher.fetch(url, {
		allowPrivateNetwork: config.allowPrivateNetwork,
		timeoutMs: config.fetchTimeoutMs,
		maxBytes: config.maxPageBytes,
		etag: usableEtag(previous.etag),
		lastModified: usableLastModified(previous.lastModified, now.getTime()),
	});
	if (fetched.status === "not-modified") return { status: "not-modified" };
	// Many sites send no validators: the same bytes again cost a hash, not a parse.
	const bodyHash = hashBody(fetched.body);
	if (previous.bodyHash !== undefined && bodyHash === previous.bodyHash)
		return { status: "unchanged" };
	const blog = await deps.extractPool.extract({
		body: fetched.body,
		pageUrl: fetched.finalUrl,
		contentType: fetched.contentType,
		now,
	});
	return {
		status: "ok",
		blog,
		finalUrl: fetched.finalUrl,
		bodyHash,
		etag: usableEtag(fetched.etag),
		lastModified: usableLastModified(fetched.lastModified, now.getTime()),
	};
}
