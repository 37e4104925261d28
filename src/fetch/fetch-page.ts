/** Fetches one live-blog page: SSRF-guarded connections, one deadline, byte cap, manual redirects. */

import { isIP } from "node:net";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { TextDecoder } from "node:util";
import zlib from "node:zlib";
import { Agent, buildConnector, type Dispatcher, request } from "undici";
import packageJson from "../../package.json" with { type: "json" };
import {
	BlockedUrlError,
	FetchError,
	PageTooLargeError,
	RelayError,
	truncateForMessage,
} from "../errors.js";
import {
	createGuardedLookup,
	parseWatchUrl,
	type Resolver,
	refusedRange,
	stripBrackets,
} from "./url-guard.js";

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
// Enough to let a small error page drain so the connection can be reused; beyond that we just close.
const DRAIN_LIMIT_BYTES = 64 * 1024;
const META_SNIFF_BYTES = 2048;
const TEXT_TYPES = new Set(["application/xhtml+xml", "application/xml", "application/json"]);

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
	/** DNS resolver (tests map test host names to loopback); default the system's. */
	resolve?: Resolver | undefined;
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

// One agent per policy and resolver: connection pools are keyed by origin, and a socket opened
// under the permissive policy (or another resolver's answer) must never be reused by another.
const agents = new Map<boolean, Agent>();
let resolverAgents = new WeakMap<Resolver, Map<boolean, Agent>>();
const openAgents = new Set<Agent>();

function getAgent(allowPrivateNetwork: boolean, resolve: Resolver | undefined): Agent {
	let pool = agents;
	if (resolve !== undefined) {
		pool = resolverAgents.get(resolve) ?? new Map();
		resolverAgents.set(resolve, pool);
	}
	let agent = pool.get(allowPrivateNetwork);
	if (agent === undefined) {
		agent = createGuardedAgent(allowPrivateNetwork, resolve);
		pool.set(allowPrivateNetwork, agent);
		openAgents.add(agent);
	}
	return agent;
}

function createGuardedAgent(allowPrivateNetwork: boolean, resolve: Resolver | undefined): Agent {
	// The socket connects to the very address the lookup checked, so DNS rebinding has no window.
	const connectViaGuardedLookup = buildConnector({
		lookup: createGuardedLookup(allowPrivateNetwork, resolve),
	});
	return new Agent({
		connect(options, callback) {
			// net.connect skips lookup for IP literals, so those are checked here instead.
			const host = stripBrackets(options.hostname);
			const range = isIP(host) === 0 ? undefined : refusedRange(host, allowPrivateNetwork);
			if (range !== undefined) {
				callback(new BlockedUrlError(host, host, range), null);
				return;
			}
			connectViaGuardedLookup(options, callback);
		},
	});
}

/** Closes the shared connection pools; call once at shutdown. */
export async function closeFetchAgents(): Promise<void> {
	const open = [...openAgents];
	openAgents.clear();
	agents.clear();
	resolverAgents = new WeakMap();
	await Promise.all(open.map((agent) => agent.close()));
}

/** Fetches a page with the SSRF guard, timeout, byte cap, redirect cap and conditional GET. */
export async function fetchPage(
	url: string | URL,
	options: FetchPageOptions,
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
		return await fetchFollowingRedirects(start, options, controller.signal, state);
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
				dispatcher: getAgent(options.allowPrivateNetwork, options.resolve),
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

/** Reads the body through the decoders, refusing once either the wire or the decoded size passes the cap. */
async function readCapped(
	body: Dispatcher.ResponseData["body"],
	url: URL,
	header: (name: string) => string | undefined,
	maxBytes: number,
	signal: AbortSignal,
): Promise<Buffer> {
	let decoders: Transform[];
	try {
		// Refuse before reading a byte; draining a huge body just to reuse the socket is not worth it.
		const declared = Number(header("content-length"));
		if (Number.isFinite(declared) && declared > maxBytes)
			throw new PageTooLargeError(url.href, maxBytes);
		decoders = createDecoders(header("content-encoding"), url);
	} catch (error) {
		discard(body);
		throw error;
	}
	let wireBytes = 0;
	const countWire = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			wireBytes += chunk.length;
			callback(wireBytes > maxBytes ? new PageTooLargeError(url.href, maxBytes) : null, chunk);
		},
	});
	const chunks: Buffer[] = [];
	let decodedBytes = 0;
	// Decoded bytes are counted as zlib emits them (16 KB at a time), so a gzip bomb stops at the cap.
	const collect = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			decodedBytes += chunk.length;
			if (decodedBytes > maxBytes) {
				callback(new PageTooLargeError(url.href, maxBytes));
				return;
			}
			chunks.push(chunk);
			callback();
		},
	});
	await pipeline([body, countWire, ...decoders, collect], { signal });
	return Buffer.concat(chunks, decodedBytes);
}

/** Decoders for Content-Encoding, outermost last in the header so applied in reverse. */
function createDecoders(contentEncoding: string | undefined, url: URL): Transform[] {
	const codings = (contentEncoding ?? "")
		.split(",")
		.map((coding) => coding.trim().toLowerCase())
		.filter((coding) => coding !== "" && coding !== "identity")
		.reverse();
	return codings.map((coding) => {
		// Sync flush, like browsers, so a body truncated by the server still yields what arrived.
		switch (coding) {
			case "gzip":
			case "x-gzip":
				return zlib.createGunzip({
					flush: zlib.constants.Z_SYNC_FLUSH,
					finishFlush: zlib.constants.Z_SYNC_FLUSH,
				});
			case "deflate":
				return zlib.createInflate({
					flush: zlib.constants.Z_SYNC_FLUSH,
					finishFlush: zlib.constants.Z_SYNC_FLUSH,
				});
			case "br":
				return zlib.createBrotliDecompress({
					flush: zlib.constants.BROTLI_OPERATION_FLUSH,
					finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
				});
			default:
				throw new FetchError(
					url.href,
					`Fetching ${url.href} failed: unsupported content-encoding ${coding}`,
				);
		}
	});
}

/** Charset by precedence: BOM (as browsers do), Content-Type, <meta> in the first 2 KB, then UTF-8. */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): string {
	const label = bomCharset(bytes) ?? headerCharset(contentType) ?? metaCharset(bytes) ?? "utf-8";
	let decoder: TextDecoder;
	try {
		decoder = new TextDecoder(label);
	} catch {
		// Unknown label (RangeError): the page still decodes as UTF-8 rather than failing the poll.
		decoder = new TextDecoder("utf-8");
	}
	// Every latin1/ascii label means windows-1252 on the web, and Node 20 decodes that as plain
	// ISO-8859-1, turning smart quotes and € into C1 controls (nodejs/node#56542).
	return decoder.encoding === "windows-1252" ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

// WHATWG index-windows-1252 for 0x80–0x9F; the rest of the code page is identical to latin1.
const WINDOWS_1252_C1 = [
	0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
	0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
	0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
		.toString("latin1")
		.replace(/[\u0080-\u009f]/g, (c) =>
			String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)),
		);
}

function bomCharset(bytes: Uint8Array): string | undefined {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
	return undefined;
}

function headerCharset(contentType: string | undefined): string | undefined {
	return contentType?.match(/;\s*charset\s*=\s*["']?([^"';\s]+)/i)?.[1];
}

function metaCharset(bytes: Uint8Array): string | undefined {
	// latin1 maps bytes 1:1, so ASCII markup survives whatever the real encoding is.
	const head = Buffer.from(bytes.subarray(0, META_SNIFF_BYTES)).toString("latin1");
	const label = head.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?([\w.:-]+)/i)?.[1];
	// The HTML spec ignores UTF-16 claimed from inside the document: the markup we just read was ASCII.
	return label !== undefined && /^utf-?16/i.test(label) ? "utf-8" : label;
}

function mimeType(contentType: string | undefined): string {
	return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function isTextContentType(contentType: string | undefined): boolean {
	const mime = mimeType(contentType);
	// No Content-Type at all is common on small sites; the extractor decides what it is.
	if (mime === "") return true;
	return (
		mime.startsWith("text/") ||
		TEXT_TYPES.has(mime) ||
		mime.endsWith("+xml") ||
		mime.endsWith("+json")
	);
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

/** Throws away a body we will not read. */
function discard(body: Dispatcher.ResponseData["body"]): void {
	// Destroying an unread body makes undici emit an AbortError that nobody is waiting for; the
	// real reason is the error we are about to throw, so this one is dropped on purpose.
	body.on("error", () => {});
	body.destroy();
}

async function drain(body: Dispatcher.ResponseData["body"]): Promise<void> {
	try {
		await body.dump({ limit: DRAIN_LIMIT_BYTES });
	} catch {
		// Draining only keeps the socket reusable; if it fails undici closes the socket, nothing is lost.
	}
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
