/**
 * Bounded page reads against the fake live-blog site: identical reads in flight share one request,
 * reads with different validators never share, and no more than MAX_CONCURRENT_READS run at once
 * (polls and subscribes together). Responses are held open by the test, so nothing depends on timing.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { createPageReader, type PageReader } from "../../src/relay/page-reader.js";
import { readKey } from "../../src/relay/page-reads.js";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import type { Target } from "../../src/types.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	renderBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { makeConfig, makeTempDir, waitFor } from "../helpers.js";

let site: LiveblogServer;
let tmp: { dir: string; cleanup: () => void };
let relays: Relay[];
let readers: PageReader[];

beforeEach(async () => {
	site = await startLiveblogServer();
	tmp = makeTempDir("page-reads-");
	relays = [];
	readers = [];
});

afterEach(async () => {
	for (const relay of relays) await relay.stop();
	for (const reader of readers) await reader.close();
	await site.close();
	tmp.cleanup();
});

/** Serves `slug`'s page only when the returned release is called; counts requests per path. */
function holdResponses(slug: string): { release: () => void; held: () => number } {
	const waiting: ServerResponse[] = [];
	let released = false;
	const serve = (res: ServerResponse) => {
		res.writeHead(200, { "content-type": "text/html; charset=utf-8", etag: '"v1"' });
		res.end(renderBlog(site.blog(slug), site.origin));
	};
	site.setHandler(`/${slug}`, (_req: IncomingMessage, res: ServerResponse) => {
		if (released) serve(res);
		else waiting.push(res);
	});
	return {
		release() {
			released = true;
			for (const res of waiting.splice(0)) serve(res);
		},
		held: () => waiting.length,
	};
}

/** A page reader of its own for `config`, closed after the test. */
function startReader(config: Config): PageReader {
	const reader = createPageReader(config);
	readers.push(reader);
	return reader;
}

const requestsTo = (slug: string) => site.requests.filter((r) => r.path === `/${slug}`).length;

async function startRelay(config: Config): Promise<Relay> {
	const relay = await createRelay({ config, adapters: [], schedule: false });
	relays.push(relay);
	await relay.start();
	return relay;
}

describe("bounded page reads", () => {
	it("100 concurrent subscribes of one page make one request to the site", async () => {
		site.setBlog(makeFakeBlog("big", 40, "Big live blog"));
		const config = makeConfig({}, tmp.dir);
		const relay = await startRelay(config);
		const gate = holdResponses("big");
		const targets: Target[] = Array.from({ length: 100 }, (_, i) => ({
			platform: "telegram",
			id: String(10_000 + i),
		}));
		const replies = Promise.all(
			targets.map((t) =>
				relay.core.commands.subscribe(t, site.url("big"), { userId: t.id, canManage: true }),
			),
		);
		await waitFor(
			() => relay.pageReader.state().callers === 100,
			"100 subscribes waiting on a read",
		);
		expect(relay.pageReader.state()).toEqual({ active: 1, waiting: 0, reads: 1, callers: 100 });
		gate.release();
		const done = await replies;
		expect(done.map((r) => r.kind)).toEqual(Array(100).fill("subscribed"));
		expect(requestsTo("big")).toBe(1);
		expect(relay.pageReader.state()).toEqual({ active: 0, waiting: 0, reads: 0, callers: 0 });

		// Settled reads are not cached: the next subscribe reads the page afresh.
		const later = await relay.core.commands.subscribe(
			{ platform: "telegram", id: "99" },
			site.url("big"),
			{ userId: "99", canManage: true },
		);
		expect(later.kind).toBe("subscribed");
		expect(requestsTo("big")).toBe(2);
	});

	it("never lets a poll's validators shape an unconditional read of the same URL", async () => {
		site.setBlog(makeFakeBlog("news", 3, "News live"));
		const reader = startReader(makeConfig({}, tmp.dir));
		// A poll that already has the page's ETag gets a 304; a subscribe at the same moment must not.
		const first = await reader.read(site.url("news"));
		if (first.status !== "ok") throw new Error("expected a page");
		const [conditional, unconditional] = await Promise.all([
			reader.read(site.url("news"), { etag: first.etag }),
			reader.read(site.url("news")),
		]);
		expect(conditional.status).toBe("not-modified");
		expect(unconditional.status).toBe("ok");
		expect(requestsTo("news")).toBe(3);
		expect(readKey(site.url("news"))).toBe(readKey(`${site.url("news")}#entry-4`));
		expect(readKey(site.url("news"))).not.toBe(readKey(site.url("news"), { etag: first.etag }));
	});

	it("runs at most MAX_CONCURRENT_READS reads at once, the rest wait their turn in order", async () => {
		const slugs = Array.from({ length: 12 }, (_, i) => `blog${i}`);
		for (const slug of slugs) site.setBlog(makeFakeBlog(slug, 2));
		const gates = slugs.map((slug) => holdResponses(slug));
		const reader = startReader(makeConfig({ MAX_CONCURRENT_READS: "3" }, tmp.dir));
		const reads = slugs.map((slug) => reader.read(site.url(slug)));
		await waitFor(() => site.requests.length === 3, "three requests at the site");
		expect(reader.state()).toMatchObject({ active: 3, waiting: 9, reads: 12 });
		expect(site.requests.map((r) => r.path)).toEqual(["/blog0", "/blog1", "/blog2"]);
		// Each finished read lets exactly one waiting read start.
		gates[1]?.release();
		await waitFor(() => site.requests.length === 4, "a fourth request");
		expect(site.requests.at(-1)?.path).toBe("/blog3");
		expect(reader.state()).toMatchObject({ active: 3, waiting: 8 });
		for (const gate of gates) gate.release();
		const results = await Promise.all(reads);
		expect(results.map((r) => r.status)).toEqual(Array(12).fill("ok"));
		expect(site.requests).toHaveLength(12);
		expect(reader.state()).toEqual({ active: 0, waiting: 0, reads: 0, callers: 0 });
	});

	it("shares the cap between polling and subscribes", async () => {
		site.setBlog(makeFakeBlog("polled", 3));
		site.setBlog(makeFakeBlog("wanted", 3));
		const config = makeConfig({ MAX_CONCURRENT_READS: "1" }, tmp.dir);
		const relay = await startRelay(config);
		const admin = { userId: "1", canManage: true };
		expect((await relay.core.commands.subscribe(tgt("1"), site.url("polled"), admin)).kind).toBe(
			"subscribed",
		);
		const gate = holdResponses("polled");
		const poll = relay.pollAll();
		await waitFor(() => gate.held() === 1, "the poll's request at the site");
		const subscribe = relay.core.commands.subscribe(tgt("2"), site.url("wanted"), admin);
		await waitFor(() => relay.pageReader.state().waiting === 1, "the subscribe waiting for a slot");
		expect(requestsTo("wanted")).toBe(0);
		gate.release();
		await poll;
		expect((await subscribe).kind).toBe("subscribed");
		expect(requestsTo("wanted")).toBe(1);
	});
});

function tgt(id: string): Target {
	return { platform: "telegram", id };
}
