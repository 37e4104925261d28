/** The page reader owns its sockets and workers: close() (or the relay's stop()) ends them. */
import type { Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPageReader, type PageReader } from "../../src/relay/page-reader.js";
import { createRelay } from "../../src/relay/relay.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	renderBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { makeConfig, makeTempDir, waitFor } from "../helpers.js";

let site: LiveblogServer;
let tmp: { dir: string; cleanup: () => void };
let readers: PageReader[];
/** The server side of every connection that asked for /tracked. */
let sockets: Set<Socket>;

beforeEach(async () => {
	site = await startLiveblogServer();
	tmp = makeTempDir("page-reader-");
	readers = [];
	sockets = new Set();
	site.setBlog(makeFakeBlog("tracked", 3, "Tracked live"));
	const page = renderBlog(site.blog("tracked"), site.origin);
	site.setHandler("/tracked", (req, res) => {
		sockets.add(req.socket);
		res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
		res.end(page);
	});
});

afterEach(async () => {
	for (const reader of readers) await reader.close();
	await site.close();
	tmp.cleanup();
});

function startReader(): PageReader {
	const reader = createPageReader(makeConfig({}, tmp.dir));
	readers.push(reader);
	return reader;
}

const openSockets = () => [...sockets].filter((socket) => !socket.destroyed).length;

describe("page reader", () => {
	it("keeps its connection alive between reads and ends it on close(); reads after it fail", async () => {
		const reader = startReader();
		const first = await reader.read(site.url("tracked"));
		expect(first.status).toBe("ok");
		expect((await reader.fetchRaw(site.url("tracked"))).status).toBe("ok");
		// Keep-alive: both requests came over one socket, still open after the reads.
		expect(sockets.size).toBe(1);
		expect(openSockets()).toBe(1);

		await reader.close();
		await waitFor(() => openSockets() === 0, "the reader's socket closed");
		await expect(reader.read(site.url("tracked"))).rejects.toThrow(/closed/);
		await reader.close(); // idempotent
	});

	it("two readers never share a connection, and closing one leaves the other's open", async () => {
		const one = startReader();
		const two = startReader();
		await one.read(site.url("tracked"));
		await two.read(site.url("tracked"));
		expect(sockets.size).toBe(2);
		await one.close();
		await waitFor(() => openSockets() === 1, "only the closed reader's socket ended");
		expect((await two.read(site.url("tracked"))).status).toBe("ok");
		expect(sockets.size).toBe(2);
	});

	it("relay.stop() closes the reader the relay made, not one it was given", async () => {
		const config = makeConfig({}, tmp.dir);
		const own = await createRelay({ config, adapters: [], schedule: false });
		const given = startReader();
		const otherDir = makeTempDir("page-reader-given-");
		const borrowing = await createRelay({
			config: makeConfig({}, otherDir.dir),
			adapters: [],
			schedule: false,
			pageReader: given,
		});
		expect(borrowing.pageReader).toBe(given);
		await own.pageReader.read(site.url("tracked"));
		await given.read(site.url("tracked"));
		expect(openSockets()).toBe(2);

		await own.stop();
		await borrowing.stop();
		await waitFor(() => openSockets() === 1, "the relay's own reader closed");
		await expect(own.pageReader.read(site.url("tracked"))).rejects.toThrow(/closed/);
		expect((await given.read(site.url("tracked"))).status).toBe("ok");
		otherDir.cleanup();
	});
});
