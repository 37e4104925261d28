/**
 * Validators and prefetched pages belong to the blog whose own response they came from: a
 * Last-Modified in the future is neither stored nor sent back, and the watcher applies a prefetched
 * page only to the blog at the URL it was fetched from. Real store, real watcher, loopback site.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import {
	LAST_MODIFIED_SKEW_MS,
	usableEtag,
	usableLastModified,
} from "../../src/fetch/validators.js";
import { createSilentLogger } from "../../src/log.js";
import { createPageReader, type PageReader } from "../../src/relay/page-reader.js";
import { Watcher } from "../../src/relay/watcher.js";
import { blogKeyOf } from "../../src/store/keys.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { OutboxRepo } from "../../src/store/outbox.js";
import { SubscriptionRepo } from "../../src/store/subscriptions.js";
import { WatchStateRepo } from "../../src/store/watch-state.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { makeConfig, makeTempDir } from "../helpers.js";

const NOW = Date.UTC(2024, 8, 11, 12, 0, 0);
const FAR_FUTURE = "Fri, 01 Jan 2100 00:00:00 GMT";

describe("usableLastModified / usableEtag", () => {
	it.each([
		["an HTTP date in the past", "Wed, 11 Sep 2024 11:00:00 GMT", true],
		["now", new Date(NOW).toUTCString(), true],
		["within the clock skew", new Date(NOW + LAST_MODIFIED_SKEW_MS - 1000).toUTCString(), true],
		["beyond the clock skew", new Date(NOW + LAST_MODIFIED_SKEW_MS + 1000).toUTCString(), false],
		["the year 2100", FAR_FUTURE, false],
		["garbage", "yesterday-ish", false],
		["an over-long value", `${"x".repeat(300)} GMT`, false],
	])("keeps %s: %s", (_, value, kept) => {
		expect(usableLastModified(value, NOW)).toBe(kept ? value : undefined);
	});

	it("keeps ordinary ETags and drops empty or over-long ones", () => {
		expect(usableEtag('W/"abc"')).toBe('W/"abc"');
		expect(usableEtag("")).toBeUndefined();
		expect(usableEtag(`"${"a".repeat(300)}"`)).toBeUndefined();
		expect(usableEtag(undefined)).toBeUndefined();
	});
});

describe("validators on the wire and in the store", () => {
	let site: LiveblogServer;
	let tmp: { dir: string; cleanup: () => void };
	let config: Config;
	let store: Store;
	let reader: PageReader;

	beforeEach(async () => {
		site = await startLiveblogServer();
		tmp = makeTempDir("validators-test-");
		config = makeConfig({}, tmp.dir);
		store = await openStore(config.storeUrl);
		reader = createPageReader(config);
	});
	afterEach(async () => {
		await reader.close();
		await store.close();
		await site.close();
		tmp.cleanup();
	});

	it("neither returns a Last-Modified in the future nor sends a stored one back", async () => {
		site.setBlog({ ...makeFakeBlog("live", 2), etag: false, lastModified: FAR_FUTURE });
		const read = await reader.read(site.url("live"), {}, new Date(NOW));
		expect(read.status).toBe("ok");
		expect(read.status === "ok" && read.lastModified).toBeUndefined();

		// A record written before this rule existed still holds one: it is not sent.
		const again = await reader.read(site.url("live"), { lastModified: FAR_FUTURE }, new Date(NOW));
		expect(again.status).toBe("ok");
		expect(site.requests.map((r) => r.headers["if-modified-since"])).toEqual([
			undefined,
			undefined,
		]);
	});

	it("sends a past Last-Modified back and takes the 304", async () => {
		site.setBlog({ ...makeFakeBlog("live", 2), etag: false, lastModified: true });
		const first = await reader.read(site.url("live"), {}, new Date(NOW));
		const lastModified = first.status === "ok" ? first.lastModified : undefined;
		expect(lastModified).toBe("Wed, 11 Sep 2024 07:02:00 GMT");
		const second = await reader.read(site.url("live"), { lastModified }, new Date(NOW));
		expect(second.status).toBe("not-modified");
		expect(site.requests.at(-1)?.headers["if-modified-since"]).toBe(lastModified);
	});

	it("the watcher applies a prefetched page only to the blog at the URL it came from", async () => {
		site.setBlog({ ...makeFakeBlog("live", 2, "Real live"), lastModified: true });
		site.setBlog({
			...makeFakeBlog("impostor", 2, "Impostor"),
			canonicalUrl: site.url("live"),
			etag: false,
			lastModified: "Wed, 11 Sep 2024 11:59:00 GMT",
		});
		site.blog("impostor").entries = site
			.blog("impostor")
			.entries.map((e) => ({ ...e, id: `x-${e.id}`, headline: `Impostor ${e.id}` }));
		const state = new WatchStateRepo(store);
		const watcher = new Watcher({
			store,
			state,
			subs: new SubscriptionRepo(store),
			outbox: new OutboxRepo(store),
			config,
			log: createSilentLogger(),
			now: () => NOW,
			summaryLimitFor: () => 500,
			readPage: reader.read,
			onEnqueued: () => {},
		});
		const key = blogKeyOf(site.url("live"));
		await state.putBlog({
			key,
			url: site.url("live"),
			title: "Real live",
			aliases: [],
			createdAt: NOW,
			failures: 0,
			status: "ok",
			isLive: true,
		});
		const foreign = await reader.read(site.url("impostor"), {}, new Date(NOW));
		if (foreign.status !== "ok") throw new Error("expected a page");
		expect(foreign.blog.url).toBe(site.url("live"));

		await watcher.poll(key, { prefetched: foreign });

		// The blog was polled at its own URL instead: its own title, validators and entries.
		const record = await state.getBlog(key);
		expect(record?.title).toBe("Real live");
		expect(record?.lastModified).toBe("Wed, 11 Sep 2024 07:02:00 GMT");
		expect(record?.etag).toMatch(/^"/);
		expect((await state.getSeen(key))?.items.map(([id]) => id).sort()).toEqual(["e1", "e2"]);
		expect(site.requests.map((r) => r.path)).toEqual(["/impostor", "/live"]);

		// Even a URL that only differs by a tracking parameter is another response: polled afresh.
		site.addEntry("live", { id: "e3" });
		const tracked = await reader.read(`${site.url("live")}?ref=x`, {}, new Date(NOW));
		if (tracked.status !== "ok") throw new Error("expected a page");
		const outcome = await watcher.poll(key, { prefetched: tracked });
		expect(outcome).toMatchObject({ status: "polled", added: [{ id: "e3" }] });
		expect(site.requests.slice(2).map((r) => r.path)).toEqual(["/live", "/live"]);
		expect(site.requests.at(-1)?.headers["if-modified-since"]).toBe(
			"Wed, 11 Sep 2024 07:02:00 GMT",
		);
	});
});
