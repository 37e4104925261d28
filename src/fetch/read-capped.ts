/** Capped body reading: counts wire and decoded bytes, decompresses, and drains or discards bodies. */

import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import type { Dispatcher } from "undici";
import { FetchError, PageTooLargeError } from "../errors.js";

// Enough to let a small error page drain so the connection can be reused; beyond that we just close.
const DRAIN_LIMIT_BYTES = 64 * 1024;

/** Reads the body through the decoders, refusing once either the wire or the decoded size passes the cap. */
export async function readCapped(
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

/** Throws away a body we will not read. */
export function discard(body: Dispatcher.ResponseData["body"]): void {
	// Destroying an unread body makes undici emit an AbortError that nobody is waiting for; the
	// real reason is the error we are about to throw, so this one is dropped on purpose.
	body.on("error", () => {});
	body.destroy();
}

/** Reads and drops a small unread body so its socket can be reused; never throws. */
export async function drain(body: Dispatcher.ResponseData["body"]): Promise<void> {
	try {
		await body.dump({ limit: DRAIN_LIMIT_BYTES });
	} catch {
		// Draining only keeps the socket reusable; if it fails undici closes the socket, nothing is lost.
	}
}
