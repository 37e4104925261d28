import { once } from "node:events";
import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
	BlockedUrlError,
	FetchError,
	InvalidUrlError,
	PageTooLargeError,
} from "../../src/errors.js";
import {
	DEFAULT_USER_AGENT,
	type FetchPageOptions,
	parseRetryAfter,
} from "../../src/fetch/fetch-page.js";
import { createFetcher } from "../../src/fetch/fetcher.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

// Throwaway self-signed P-256 pair for 127.0.0.1/localhost, valid 2020–2120; only provokes a TLS error.
const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpkxhaun4lM/BQVuJ
5Gf3fY8vciqSz+qVtixrXOlBVayhRANCAAQ1lKwzYjNELT5P0z2cjzURDnaVxNAo
CNBKkKb4BM0MoF4i/8HlR3hcHVZ+CY+D+tmn/lfkd/jk0BucHbRO30Bf
-----END PRIVATE KEY-----`;
const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBaDCCAQ2gAwIBAgIBATAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAlsb2NhbGhv
c3QwIBcNMjAwMTAxMDAwMDAwWhgPMjEyMDAxMDEwMDAwMDBaMBQxEjAQBgNVBAMM
CWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDWUrDNiM0QtPk/T
PZyPNREOdpXE0CgI0EqQpvgEzQygXiL/weVHeFwdVn4Jj4P62af+V+R3+OTQG5wd
tE7fQF+jTjBMMBoGA1UdEQQTMBGHBH8AAAGCCWxvY2FsaG9zdDAPBgNVHRMBAf8E
BTADAQH/MB0GA1UdDgQWBBSg6Z8N89PzdihOIN/hAs8Spe5sDjAKBggqhkjOPQQD
AgNJADBGAiEAlRqWNpMxf7QSmUwD1sCLBXk2FFauk+14EcypSp7KGEsCIQDPyziZ
/RUE2YnnkTmuTEYiF3w5N0KTsJXfacIFD6rgNQ==
-----END CERTIFICATE-----`;

const routes = new Map<string, Handler>();
const received: { path: string; headers: IncomingHttpHeaders }[] = [];
const timers = new Set<NodeJS.Timeout>();
let server: Server;
let base: string;

async function listen(target: Server): Promise<string> {
	target.listen(0, "127.0.0.1");
	await once(target, "listening");
	return `127.0.0.1:${(target.address() as AddressInfo).port}`;
}

/** Registers a route on the loopback server and returns its full URL. */
function route(path: string, handler: Handler): string {
	routes.set(path, handler);
	return `${base}${path}`;
}

/** Shorthand for a 200 response with the given headers and body. */
function reply(headers: Record<string, string | number>, body: string | Buffer): Handler {
	return (_req, res) => {
		res.writeHead(200, headers);
		res.end(body);
	};
}

const LOCAL: FetchPageOptions = { allowPrivateNetwork: true };

// One fetcher for the file, as the relay has one: its pools are closed in afterAll.
const fetcher = createFetcher();
const fetchPage = (url: string, options: FetchPageOptions) => fetcher.fetch(url, options);

/** Runs fetchPage and returns what it rejected with (fails the test if it resolved). */
async function failure(url: string, options: FetchPageOptions = LOCAL): Promise<unknown> {
	const result = await fetchPage(url, options).then(
		(value) => ({ resolved: value }),
		(error: unknown) => ({ error }),
	);
	if ("resolved" in result)
		throw new Error(`expected a failure, got ${JSON.stringify(result.resolved)}`);
	return result.error;
}

beforeAll(async () => {
	server = createServer((req, res) => {
		const path = req.url ?? "/";
		received.push({ path, headers: req.headers });
		const handler = routes.get(path);
		if (handler) handler(req, res);
		else res.writeHead(404).end("no route");
	});
	base = `http://${await listen(server)}`;
});

beforeEach(() => {
	received.length = 0;
});

afterAll(async () => {
	for (const timer of timers) clearInterval(timer);
	server.closeAllConnections();
	server.close();
	await fetcher.close();
});

describe("fetchPage", () => {
	it("returns the page with its validators and sends our identifying headers", async () => {
		const url = route(
			"/plain",
			reply(
				{
					"content-type": "text/html",
					etag: '"v1"',
					"last-modified": "Mon, 01 Jan 2024 00:00:00 GMT",
				},
				"<p>hello</p>",
			),
		);
		expect(await fetchPage(url, LOCAL)).toEqual({
			status: "ok",
			body: "<p>hello</p>",
			finalUrl: url,
			contentType: "text/html",
			etag: '"v1"',
			lastModified: "Mon, 01 Jan 2024 00:00:00 GMT",
			bytes: 12,
		});
		expect(received[0]?.headers).toMatchObject({
			"user-agent": DEFAULT_USER_AGENT,
			accept: "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8",
			"accept-encoding": "gzip, deflate, br",
		});
		expect(DEFAULT_USER_AGENT).toMatch(
			/^liveblog-relay\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/liveblog-relay\)$/,
		);
	});

	it.each([
		["gzip", gzipSync],
		["br", brotliCompressSync],
		["deflate", deflateSync],
	])("decompresses a %s body and counts decompressed bytes", async (encoding, compress) => {
		const html = `<p>${"live update ".repeat(500)}</p>`;
		const url = route(
			`/encoded-${encoding}`,
			reply(
				{ "content-type": "text/html", "content-encoding": encoding },
				compress(Buffer.from(html)),
			),
		);
		const result = await fetchPage(url, LOCAL);
		expect(result).toMatchObject({ status: "ok", body: html, bytes: html.length });
	});

	it("returns not-modified on 304 after sending If-None-Match and If-Modified-Since", async () => {
		const url = route("/conditional", (req, res) => {
			if (req.headers["if-none-match"] === '"v7"') res.writeHead(304).end();
			else reply({ "content-type": "text/html" }, "fresh")(req, res);
		});
		const result = await fetchPage(url, {
			...LOCAL,
			etag: '"v7"',
			lastModified: "Tue, 02 Jan 2024 10:00:00 GMT",
		});
		expect(result).toEqual({ status: "not-modified", finalUrl: url });
		expect(received[0]?.headers).toMatchObject({
			"if-none-match": '"v7"',
			"if-modified-since": "Tue, 02 Jan 2024 10:00:00 GMT",
		});
	});

	it("refuses a body whose Content-Length is over the cap", async () => {
		const url = route("/declared-large", reply({ "content-type": "text/html" }, "x".repeat(5000)));
		const error = await failure(url, { ...LOCAL, maxBytes: 1000 });
		expect(error).toBeInstanceOf(PageTooLargeError);
		expect(error).toMatchObject({ url, limitBytes: 1000 });
	});

	it("refuses a chunked body without a length once it passes the cap", async () => {
		const url = route("/chunked-large", (_req, res) => {
			res.writeHead(200, { "content-type": "text/html" });
			for (let i = 0; i < 5; i++) res.write("y".repeat(1000));
			res.end();
		});
		expect(await failure(url, { ...LOCAL, maxBytes: 2500 })).toBeInstanceOf(PageTooLargeError);
	});

	it("stops a gzip bomb at the cap on decompressed bytes", async () => {
		const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
		expect(bomb.length).toBeLessThan(64 * 1024);
		const url = route(
			"/bomb",
			reply({ "content-type": "text/html", "content-encoding": "gzip" }, bomb),
		);
		expect(await failure(url, { ...LOCAL, maxBytes: 1024 * 1024 })).toBeInstanceOf(
			PageTooLargeError,
		);
	});

	it("follows a relative redirect and reports the final URL", async () => {
		const target = route("/new-home", reply({ "content-type": "text/html" }, "moved here"));
		const url = route("/old-home", (_req, res) =>
			res.writeHead(301, { location: "/new-home" }).end(),
		);
		expect(await fetchPage(url, LOCAL)).toMatchObject({
			status: "ok",
			body: "moved here",
			finalUrl: target,
		});
	});

	it("gives up after maxRedirects hops with too-many-redirects", async () => {
		for (let i = 0; i < 10; i++) {
			route(`/hop/${i}`, (_req, res) => res.writeHead(302, { location: `/hop/${i + 1}` }).end());
		}
		const error = await failure(`${base}/hop/0`, { ...LOCAL, maxRedirects: 3 });
		expect(error).toBeInstanceOf(FetchError);
		expect(error).toMatchObject({ code: "too-many-redirects", status: 302 });
		expect(received.map((r) => r.path)).toEqual(["/hop/0", "/hop/1", "/hop/2", "/hop/3"]);
	});

	it("detects a redirect loop before the hop limit", async () => {
		const a = route("/loop-a", (_req, res) => res.writeHead(307, { location: "/loop-b" }).end());
		route("/loop-b", (_req, res) => res.writeHead(307, { location: "/loop-a" }).end());
		const error = await failure(a, { ...LOCAL, maxRedirects: 10 });
		expect(error).toMatchObject({ code: "too-many-redirects" });
		expect((error as Error).message).toContain(`redirect loop at ${a}`);
		expect(received).toHaveLength(2);
	});

	it("refuses a redirect to a file: URL", async () => {
		const url = route("/to-file", (_req, res) =>
			res.writeHead(302, { location: "file:///etc/passwd" }).end(),
		);
		const error = await failure(url);
		expect(error).toBeInstanceOf(FetchError);
		expect(error).toMatchObject({ code: "fetch-failed" });
		expect((error as FetchError).cause).toBeInstanceOf(InvalidUrlError);
		expect((error as Error).message).toContain("redirects to file:///etc/passwd");
	});

	it("times out on a body that trickles a byte every 200 ms", async () => {
		const url = route("/slow-loris", (_req, res) => {
			res.writeHead(200, { "content-type": "text/html" });
			const timer = setInterval(() => res.write("."), 200);
			timers.add(timer);
			res.on("close", () => clearInterval(timer));
		});
		const error = await failure(url, { ...LOCAL, timeoutMs: 1000 });
		expect(error).toBeInstanceOf(FetchError);
		expect(error).toMatchObject({ code: "timeout", url });
	});

	it("reports 503 with the Retry-After delay", async () => {
		const url = route("/busy", (_req, res) =>
			res.writeHead(503, { "retry-after": "120" }).end("busy"),
		);
		const error = await failure(url);
		expect(error).toBeInstanceOf(FetchError);
		expect(error).toMatchObject({ code: "fetch-failed", status: 503, retryAfterMs: 120_000, url });
		expect((error as Error).message).toBe(`Fetching ${url} failed with status 503`);
	});

	it("reports 429 with Retry-After and other statuses without it", async () => {
		const limited = route("/limited", (_req, res) =>
			res.writeHead(429, { "retry-after": "7" }).end(),
		);
		const missing = route("/missing", (_req, res) =>
			res.writeHead(404, { "retry-after": "7" }).end(),
		);
		expect(await failure(limited)).toMatchObject({ status: 429, retryAfterMs: 7000 });
		expect(await failure(missing)).toMatchObject({ status: 404, retryAfterMs: undefined });
	});

	it.each([
		[
			"windows-1252 from the header",
			{ "content-type": "text/html; charset=windows-1252" },
			"<p>\x93caf\xe9\x94</p>",
			"<p>“café”</p>",
		],
		[
			"iso-8859-1 from the header",
			{ "content-type": "text/html; charset=ISO-8859-1" },
			"caf\xe9\x92s",
			"café’s",
		],
		[
			"iso-8859-1 from <meta charset>",
			{ "content-type": "text/html" },
			'<meta charset="iso-8859-1">caf\xe9',
			'<meta charset="iso-8859-1">café',
		],
		[
			"windows-1252 from <meta http-equiv>",
			{ "content-type": "text/html" },
			'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">\x80',
			'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">€',
		],
		["UTF-8 by default", {}, "caf\xc3\xa9", "café"],
		[
			"UTF-8 for an unknown label",
			{ "content-type": "text/html; charset=klingon" },
			"caf\xc3\xa9",
			"café",
		],
		[
			"UTF-8 from a BOM over the header",
			{ "content-type": "text/html; charset=windows-1252" },
			"\xef\xbb\xbfcaf\xc3\xa9",
			"café",
		],
	])("decodes %s", async (name, headers, latin1Body, expected) => {
		const url = route(
			`/charset/${encodeURIComponent(name)}`,
			reply(headers, Buffer.from(latin1Body, "latin1")),
		);
		expect(await fetchPage(url, LOCAL)).toMatchObject({ status: "ok", body: expected });
	});

	it.each(["image/png", "application/pdf", "application/octet-stream"])(
		"refuses %s as not a web page",
		async (type) => {
			const url = route(
				`/binary/${type}`,
				reply({ "content-type": type }, Buffer.from([0x89, 0x50])),
			);
			const error = await failure(url);
			expect(error).toBeInstanceOf(FetchError);
			expect((error as Error).message).toBe(
				`Fetching ${url} failed: it is not a web page (content-type ${type})`,
			);
		},
	);

	it("refuses an unsupported content-encoding", async () => {
		const url = route(
			"/zstd",
			reply({ "content-type": "text/html", "content-encoding": "zstd" }, "??"),
		);
		expect(((await failure(url)) as Error).message).toContain("unsupported content-encoding zstd");
	});

	it.each(["127.0.0.1", "localhost"])(
		"refuses %s when private networks are not allowed, before any request is sent",
		async (host) => {
			const url = route("/private", reply({ "content-type": "text/html" }, "secret")).replace(
				"127.0.0.1",
				host,
			);
			const error = await failure(url, { allowPrivateNetwork: false });
			expect(error).toBeInstanceOf(BlockedUrlError);
			expect(error).toMatchObject({ url, range: "loopback" });
			expect(received).toHaveLength(0);
		},
	);

	it("names the error code when the connection is refused", async () => {
		const closed = createServer();
		const url = `http://${await listen(closed)}/`;
		closed.close();
		await once(closed, "close");
		const error = await failure(url);
		expect(error).toBeInstanceOf(FetchError);
		expect((error as Error).message).toMatch(
			/^Fetching http:\/\/127\.0\.0\.1:\d+\/ failed \(ECONNREFUSED\)/,
		);
		expect((error as FetchError).cause).toMatchObject({ code: "ECONNREFUSED" });
	});

	it("names the error code when the TLS certificate is not trusted", async () => {
		const tls = createHttpsServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, (_req, res) =>
			res.end("hi"),
		);
		const url = `https://${await listen(tls)}/`;
		try {
			const error = await failure(url);
			expect(error).toBeInstanceOf(FetchError);
			expect((error as Error).message).toContain("failed (DEPTH_ZERO_SELF_SIGNED_CERT)");
		} finally {
			tls.closeAllConnections();
			tls.close();
		}
	});

	it("rethrows the caller's abort reason", async () => {
		const url = route("/hang", () => {
			// Never answers: only the abort can end this request.
		});
		const controller = new AbortController();
		const reason = new Error("shutting down");
		const pending = failure(url, { ...LOCAL, signal: controller.signal });
		setTimeout(() => controller.abort(reason), 50);
		expect(await pending).toBe(reason);
	});

	it("refuses unusable input before touching the network", async () => {
		expect(await failure("javascript:alert(1)")).toBeInstanceOf(InvalidUrlError);
		expect(received).toHaveLength(0);
	});
});

describe("parseRetryAfter", () => {
	const now = Date.parse("Wed, 21 Oct 2015 07:27:00 GMT");
	it.each([
		["120", 120_000],
		[" 0 ", 0],
		["Wed, 21 Oct 2015 07:28:00 GMT", 60_000],
		["Wed, 21 Oct 2015 07:00:00 GMT", 0],
		["soon", undefined],
		["", undefined],
		[undefined, undefined],
	])("reads %j as %j ms", (value, expected) => {
		expect(parseRetryAfter(value, now)).toBe(expected);
	});
});
