/**
 * Two watchers on one Redis (two instances): one of them polls each schedule tick of a blog, and a
 * subscribe's prefetched page waits for the other instance's poll of the blog, then is recorded.
 * Real stores, real watchers, loopback live-blog site.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { createSilentLogger } from "../../src/log.js";
import { createPageReader, type PageReader } from "../../src/relay/page-reader.js";
import { Watcher } from "../../src/relay/watcher.js";
import { blogKeyOf, KEYS } from "../../src/store/keys.js";
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

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const NOW = Date.UTC(2024, 8, 11, 12, 0, 0);
/** A schedule tick as an instance's cron reports it: a little after the whole second. */
const TICK = Date.UTC(2026, 0, 1, 12, 0, 0) + 40;

describe("two watchers on one Redis", () => {
	let site: LiveblogServer;
	let tmp: { dir: string; cleanup: () => void };
	let config: Config;
	let stores: Store[];
	let watchers: [Watcher, Watcher];
	let key: string;
	let reader: PageReader;

	beforeEach(async () => {
		site = await startLiveblogServer();
		tmp = makeTempDir("watchers-test-");
		config = makeConfig({}, tmp.dir);
		reader = createPageReader(config);
		const namespace = `watchers-${randomUUID()}`;
		stores = [await openStore(REDIS_URL, { namespace }), await openStore(REDIS_URL, { namespace })];
		const watcherOn = (store: Store) =>
			new Watcher({
				store,
				state: new WatchStateRepo(store),
				subs: new SubscriptionRepo(store),
				outbox: new OutboxRepo(store),
				config,
				log: createSilentLogger(),
				now: () => NOW,
				summaryLimitFor: () => 500,
				onEnqueued: () => {},
				readPage: (url, previous, now, options) => reader.read(url, previous, now, options),
			});
		watchers = [watcherOn(stores[0] as Store), watcherOn(stores[1] as Store)];
		site.setBlog(makeFakeBlog("live", 2));
		key = blogKeyOf(site.url("live"));
		await new WatchStateRepo(stores[0] as Store).putBlog({
			key,
			url: site.url("live"),
			title: "Live",
			aliases: [],
			createdAt: NOW,
			failures: 0,
			status: "ok",
			isLive: true,
		});
	});
	afterEach(async () => {
		for (const store of stores) await store.close();
		await reader.close();
		await site.close();
		tmp.cleanup();
	});

	it("polls each schedule tick from one instance only", async () => {
		const [a, b] = watchers;
		expect((await a.poll(key, { tickStartedAt: TICK })).status).toBe("polled");
		// The other instance's cron fired for the same tick a little later.
		expect((await b.poll(key, { tickStartedAt: TICK + 300 })).status).toBe("skipped");
		expect(site.requests.filter((r) => r.path === "/live")).toHaveLength(1);
		// The next tick is polled again, by whichever instance comes first.
		expect((await b.poll(key, { tickStartedAt: TICK + 1_000 })).status).not.toBe("skipped");
		expect((await a.poll(key, { tickStartedAt: TICK + 1_020 })).status).toBe("skipped");
		expect(site.requests.filter((r) => r.path === "/live")).toHaveLength(2);
	});

	it("records a subscribe's page once another instance's poll of the blog is done", async () => {
		const [a, b] = [stores[0] as Store, watchers[1]];
		const polling = await a.coordinator.tryAcquire(KEYS.pollLease(key), 60_000);
		expect(polling).toBeDefined();
		site.addEntry("live", { id: "e3" });
		const page = await reader.read(site.url("live"), {}, new Date(NOW));
		if (page.status !== "ok") throw new Error("expected a page");
		const recording = b.poll(key, { prefetched: page });
		const early = await Promise.race([
			recording,
			new Promise<"waiting">((r) => setTimeout(() => r("waiting"), 200)),
		]);
		expect(early).toBe("waiting");
		await polling?.release();
		expect(await recording).toMatchObject({ status: "polled", seeded: true });
		const seen = await new WatchStateRepo(a).getSeen(key);
		expect(seen?.items.map(([id]) => id).sort()).toEqual(["e1", "e2", "e3"]);
	});
});
