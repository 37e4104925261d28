/**
 * Fetches one live-blog page: the request and redirect loop under one deadline, with conditional
 * GET. Connections come from the caller's dispatcher (a Fetcher's guarded pools, see fetcher.ts);
 * capped reading is in read-capped.ts and body decoding in decode-body.ts.
 */

import { type Dispatcher, request } from "undici";
import packageJson from "../../package.json" with { type: "json" };
import { BlockedUrlError, FetchError, RelayError, truncateForMessage } from "../errors.js";
import { decodeBody, isTextContentType, mimeType } from "./decode-body.js";
import { discard, drain, readCapped } from "./read-capped.js";
import { parseWatchUrl } from "./url-guard.js";

/** Whole-request deadline, body included, so a server trickling bytes cannot hold a poll forever. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Largest page we read, counted on the wire and again after decompression. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Redirect hops followed before giving up. */
export const DEFAULT_MAX_REDIRECTS = 5;
/** Identifies us to site operators, with a link to find out what we are. */
export const DEFAULT_USER_AGENT = `liveblog-relay/${packageJson.version} (+https://github.com/liveblog-relay)`;

const ACCEPT = "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Options for one fetch; allowPrivateNetwork mirrors ALLOW_PRIVATE_NETWORK. */
export interface FetchPageOptions {
	allowPrivateNetwork: boolean;
	/** Total time for the request, all redirects and the body; default 15000. */
	timeoutMs?: number;
	/** Byte cap on the body, compressed and decompressed; default 5 MB. */
	maxBytes?: number;
	/** Redirect hops to follow; default 5. */
	maxRedirects?: number;
	userAgent?: string;
	/** ETag from the previous fetch, sent as If-None-Match. */
	etag?: string;
	/** Last-Modified from the previous fetch, sent as If-Modified-Since. */
	lastModified?: string;
	/** Aborts the fetch; the signal's reason is rethrown as is. */
	signal?: AbortSignal;
}

/** A decoded page, or "not modified" when the conditional GET matched. */
export type FetchPageResult =
	| { status: "not-modified"; finalUrl: string }
	| {
			status: "ok";
			body: string;
			finalUrl: string;
			contentType: string | undefined;
			etag: string | undefined;
			lastModified: string | undefined;
			bytes: number;
	  };

/**
 * Fetches a page with the timeout, byte cap, redirect cap and conditional GET over `dispatcher`,
 * which must enforce the SSRF guard for options.allowPrivateNetwork (use a Fetcher, not this).
 */
export async function fetchPage(
	url: string | URL,
	options: FetchPageOptions,
	dispatcher: Dispatcher,
): Promise<FetchPageResult> {
	const start = parseWatchUrl(typeof url === "string" ? url : url.href);
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const callerSignal = options.signal;
	callerSignal?.throwIfAborted();

	const controller = new AbortController();
	const timeoutReason = new Error(`timed out after ${timeoutMs} ms`);
	const timer = setTimeout(() => controller.abort(timeoutReason), timeoutMs);
	const forwardAbort = () => controller.abort(callerSignal?.reason);
	callerSignal?.addEventListener("abort", forwardAbort, { once: true });
	const state = { url: start };
	try {
		return await fetchFollowingRedirects(start, options, dispatcher, controller.signal, state);
	} catch (error) {
		if (controller.signal.reason === timeoutReason) {
			throw new FetchError(
				state.url.href,
				`Fetching ${state.url.href} timed out after ${timeoutMs} ms`,
				{ code: "timeout", cause: error },
			);
		}
		if (callerSignal?.aborted) throw callerSignal.reason;
		throw toRelayError(error, state.url);
	} finally {
		clearTimeout(timer);
		callerSignal?.removeEventListener("abort", forwardAbort);
	}
}

async function fetchFollowingRedirects(
	start: URL,
	options: FetchPageOptions,
	dispatcher: Dispatcher,
	signal: AbortSignal,
	state: { url: URL },
): Promise<FetchPageResult> {
	const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
	const visited = new Set([withoutHash(start)]);
	const headers: Record<string, string> = {
		"user-agent": options.userAgent ?? DEFAULT_USER_AGENT,
		accept: ACCEPT,
		"accept-encoding": "gzip, deflate, br",
	};
	if (options.etag !== undefined) headers["if-none-match"] = options.etag;
	if (options.lastModified !== undefined) headers["if-modified-since"] = options.lastModified;

	for (let hop = 0; ; hop++) {
		const current = state.url;
		const response = await raceAbort(
			request(current, {
				method: "GET",
				headers,
				signal,
				dispatcher,
			}),
			signal,
		);
		const { statusCode: status, body } = response;
		const header = (name: string) => firstHeader(response.headers, name);

		if (REDIRECT_STATUSES.has(status)) {
			await drain(body);
			const location = header("location");
			if (location === undefined) {
				throw new FetchError(
					current.href,
					`Fetching ${current.href} failed: status ${status} without a Location`,
					{ status },
				);
			}
			if (hop >= maxRedirects) {
				throw new FetchError(
					current.href,
					`Fetching ${start.href} failed: more than ${maxRedirects} redirects`,
					{ status, code: "too-many-redirects" },
				);
			}
			const next = resolveRedirect(location, current);
			if (visited.has(withoutHash(next))) {
				throw new FetchError(
					current.href,
					`Fetching ${start.href} failed: redirect loop at ${next.href}`,
					{ status, code: "too-many-redirects" },
				);
			}
			visited.add(withoutHash(next));
			state.url = next;
			continue;
		}
		if (status === 304) {
			await drain(body);
			return { status: "not-modified", finalUrl: current.href };
		}
		if (status < 200 || status > 299) {
			await drain(body);
			const retryAfterMs =
				status === 429 || status === 503 ? parseRetryAfter(header("retry-after")) : undefined;
			throw new FetchError(current.href, `Fetching ${current.href} failed with status ${status}`, {
				status,
				...(retryAfterMs === undefined ? {} : { retryAfterMs }),
			});
		}

		const contentType = header("content-type");
		if (!isTextContentType(contentType)) {
			discard(body);
			throw new FetchError(
				current.href,
				`Fetching ${current.href} failed: it is not a web page (content-type ${mimeType(contentType)})`,
				{ status },
			);
		}
		const bytes = await readCapped(
			body,
			current,
			header,
			options.maxBytes ?? DEFAULT_MAX_BYTES,
			signal,
		);
		return {
			status: "ok",
			body: decodeBody(bytes, contentType),
			finalUrl: current.href,
			contentType,
			etag: header("etag"),
			lastModified: header("last-modified"),
			bytes: bytes.length,
		};
	}
}

/** Each hop is held to the same rules as user input: http(s) only, no credentials, sane host. */
function resolveRedirect(location: string, current: URL): URL {
	try {
		return parseWatchUrl(new URL(location, current).href);
	} catch (error) {
		throw new FetchError(
			current.href,
			`Fetching ${current.href} failed: it redirects to ${truncateForMessage(location)}, which is not a usable URL`,
			{ cause: error },
		);
	}
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unparseable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	const text = value?.trim();
	if (text === undefined || text === "") return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function firstHeader(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function withoutHash(url: URL): string {
	return url.href.replace(/#[\s\S]*$/, "");
}

/** Settles as soon as the signal aborts, even while undici is still connecting (slow DNS or SYN). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		if (signal.aborted) reject(signal.reason);
		const onAbort = () => reject(signal.reason);
		signal.addEventListener("abort", onAbort, { once: true });
		promise.then(
			(value) => {
				signal.removeEventListener("abort", onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener("abort", onAbort);
				reject(error);
			},
		);
	});
}

/** Keeps our own errors, re-targets a BlockedUrlError at the URL, and wraps network/TLS errors. */
function toRelayError(error: unknown, url: URL): Error {
	const blocked = findInChain(error, (e): e is BlockedUrlError => e instanceof BlockedUrlError);
	if (blocked !== undefined) return new BlockedUrlError(url.href, blocked.address, blocked.range);
	if (error instanceof RelayError) return error;
	const coded = findInChain(
		error,
		(e): e is Error & { code: string } => typeof (e as { code?: unknown }).code === "string",
	);
	const code = coded?.code ?? "network error";
	const detail = coded?.message ?? (error instanceof Error ? error.message : String(error));
	return new FetchError(url.href, `Fetching ${url.href} failed (${code}): ${detail}`, {
		cause: error,
	});
}

/** Walks cause chains and AggregateError lists, where undici and net put the real reason. */
function findInChain<T extends Error>(error: unknown, match: (e: Error) => e is T): T | undefined {
	const seen = new Set<unknown>();
	const queue: unknown[] = [error];
	while (queue.length > 0) {
		const current = queue.shift();
		if (!(current instanceof Error) || seen.has(current)) continue;
		seen.add(current);
		if (match(current)) return current;
		queue.push(current.cause);
		if (current instanceof AggregateError) queue.push(...current.errors);
	}
	return undefined;
}
