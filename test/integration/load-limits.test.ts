/**
 * Abuse and load limits end to end: the real core and the real grammY client against the fake Bot
 * API, with hostile pages served by loopback live-blog sites. A flood of new entries is capped per
 * poll, a queue stored by the previous outbox layout (or before versions) is still delivered, a corrupt
 * queued delivery is moved aside without holding up the rest, delivery records expire,
 * and a slow host cannot hold the poll pool.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createClient } from "@keyv/redis";
import sqlite3 from "sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay-api.js";
import { KEYS } from "../../src/store/keys.js";
import { openStore } from "../../src/store/open-store.js";
import { OutboxRepo, type PendingDelivery } from "../../src/store/outbox.js";
import { targetKey } from "../../src/store/target-key.js";
import { WatchStateRepo } from "../../src/store/watch-state.js";
import {
	type FakeEntry,
	type LiveblogServer,
	makeFakeBlog,
	renderBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { type FakeTelegram, privateChat } from "../fakes/telegram-bot-api.js";
import { startTelegramRelay, startTelegramWorld, type TelegramWorld } from "../telegram-harness.js";

let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay | undefined;
let storeDir: { dir: string; cleanup: () => void };
let clock: number;

const chat = privateChat(3001, "Reader");
const target = { platform: "telegram" as const, id: String(chat.id) };

async function startRelay(env: Record<string, string> = {}): Promise<Relay> {
	const started = (await startTelegramRelay(tg, storeDir.dir, { env, relay: { now: () => clock } }))
		.relay;
	relay = started;
	return started;
}

async function subscribe(r: Relay, url: string): Promise<void> {
	const reply = await r.core.commands.subscribe(target, url, { canManage: true });
	expect(reply.kind).toBe("subscribed");
}

async function pollAndDeliver(r: Relay): Promise<void> {
	await r.pollAll();
	await r.idle();
}

function entry(id: string, minute: number): FakeEntry {
	return {
		id,
		headline: `Headline ${id}`,
		body: `Body of ${id}. More.`,
		publishedAt: new Date(Date.UTC(2024, 8, 11, 9, 0, 0) + minute * 60_000),
	};
}

/** Rows of the SQLite store whose key starts with `prefix` (read beside keyv, as an operator would). */
function countRows(prefix: string): Promise<number> {
	const db = new sqlite3.Database(path.join(storeDir.dir, "store.sqlite"));
	return new Promise<number>((resolve, reject) => {
		db.get(
			"SELECT count(*) AS n FROM keyv WHERE key LIKE ?",
			[`relay:${prefix}%`],
			(error: Error | null, row: { n: number }) => {
				db.close();
				if (error) reject(error);
				else resolve(row.n);
			},
		);
	});
}

let world: TelegramWorld;

beforeEach(async () => {
	clock = Date.now();
	world = await startTelegramWorld("load-limits-");
	({ site, tg, tmp: storeDir } = world);
});

afterEach(async () => {
	await world.close(relay);
	relay = undefined;
});

describe("a page that floods new entries", () => {
	it("posts only the newest MAX_NEW_ENTRIES_PER_POLL, in order, after one 'N more entries' line; the rest never", async () => {
		const blog = site.setBlog(makeFakeBlog("flood", 3, "Flood live"));
		const r = await startRelay();
		await subscribe(r, site.url("flood"));
		// 300 new ids in one poll, keeping one old id so the redesign guard does not apply.
		const kept = blog.entries[0] as FakeEntry;
		const wave = (tag: string, from: number) =>
			Array.from({ length: 300 }, (_, i) => entry(`${tag}${i + 1}`, from + i)).reverse();
		blog.entries = [...wave("w", 0), kept];
		await pollAndDeliver(r);
		const sent = tg.sentTo(chat.id);
		expect(sent).toHaveLength(51);
		expect(sent[0]?.text).toContain("250 more entries — see the live blog");
		expect(sent[0]?.text).toContain(`href="${site.url("flood")}"`);
		const headlines = sent.slice(1).map((m) => /Headline (w\d+)/.exec(m.text)?.[1]);
		expect(headlines).toEqual(Array.from({ length: 50 }, (_, i) => `w${251 + i}`));

		// The 250 skipped entries were marked seen: the same page posts nothing more.
		await pollAndDeliver(r);
		expect(tg.sentTo(chat.id)).toHaveLength(51);
		// A second wave is capped the same way, with its own notice.
		blog.entries = [...wave("x", 400), kept];
		await pollAndDeliver(r);
		expect(tg.sentTo(chat.id)).toHaveLength(102);
		expect(tg.sentTo(chat.id)[51]?.text).toContain("250 more entries");
		expect(tg.sentTo(chat.id).at(-1)?.text).toContain("Headline x300");
	});

	it("posts every entry when a poll brings no more than the cap, with no notice", async () => {
		const blog = site.setBlog(makeFakeBlog("calm", 2, "Calm live"));
		const r = await startRelay({ MAX_NEW_ENTRIES_PER_POLL: "5" });
		await subscribe(r, site.url("calm"));
		blog.entries = [
			...Array.from({ length: 5 }, (_, i) => entry(`c${i + 1}`, i)).reverse(),
			...blog.entries,
		];
		await pollAndDeliver(r);
		const sent = tg.sentTo(chat.id);
		expect(sent.map((m) => /Headline (c\d+)/.exec(m.text)?.[1])).toEqual([
			"c1",
			"c2",
			"c3",
			"c4",
			"c5",
		]);
	});
});

describe("the outbox across an upgrade", () => {
	it("delivers a queue stored in the previous layout (one array per chat), in order, once", async () => {
		site.setBlog(makeFakeBlog("upgrade", 2, "Upgrade live"));
		let r = await startRelay();
		await subscribe(r, site.url("upgrade"));
		await r.stop();
		relay = undefined;
		// What the previous version left in the store: two deliveries in one array, and the index.
		const store = await openStore(`sqlite://${path.join(storeDir.dir, "store.sqlite")}`);
		const tKey = targetKey({ platform: "telegram", id: String(chat.id) });
		const legacy = (id: string): PendingDelivery => ({
			blogKey: "legacyblog",
			entryId: id,
			enqueuedAt: clock,
			attempts: 0,
			update: {
				kind: "new",
				blogUrl: site.url("upgrade"),
				blogTitle: "Upgrade live",
				entryId: id,
				entryUrl: `${site.url("upgrade")}#${id}`,
				headline: `Legacy ${id}`,
				summary: "Queued before the upgrade.",
			},
		});
		await store.set(KEYS.legacyOutbox(tKey), [legacy("q1"), legacy("q2")]);
		await store.set(KEYS.outboxIndex(tKey), [tKey]);
		await store.close();

		r = await startRelay();
		await r.idle();
		const texts = tg.sentTo(chat.id).map((m) => /Legacy (q\d)/.exec(m.text)?.[1]);
		expect(texts).toEqual(["q1", "q2"]);
		expect(await countRows("outbox:v1:")).toBe(0);
		await pollAndDeliver(r);
		expect(tg.sentTo(chat.id)).toHaveLength(2);
	});
});

describe("queued deliveries checked on read", () => {
	it("sends unversioned ones and moves a corrupt one aside without holding up the rest", async () => {
		site.setBlog(makeFakeBlog("mixed", 2, "Mixed live"));
		let r = await startRelay();
		await subscribe(r, site.url("mixed"));
		await r.stop();
		relay = undefined;
		const file = `sqlite://${path.join(storeDir.dir, "store.sqlite")}`;
		let store = await openStore(file);
		const tKey = targetKey({ platform: "telegram", id: String(chat.id) });
		// What the release before versions wrote (no `v`), with a corrupt delivery in the middle.
		const queued = (id: string, seq: number) => ({
			blogKey: "mixedblog",
			entryId: id,
			enqueuedAt: clock,
			attempts: 0,
			seq,
			update: {
				kind: "new",
				blogUrl: site.url("mixed"),
				blogTitle: "Mixed live",
				entryId: id,
				entryUrl: `${site.url("mixed")}#${id}`,
				headline: `Queued ${id}`,
				summary: "Queued before the upgrade.",
				publishedAt: clock,
			},
		});
		const slots = [
			queued("m1", 0),
			{ ...queued("m2", 1), update: { entryId: 7 } },
			queued("m3", 2),
		];
		for (const slot of slots) {
			await store.set(KEYS.outboxSlot(tKey, slot.seq), slot);
			await store.set(KEYS.outboxEntry(tKey, slot.blogKey, slot.entryId), slot.seq);
		}
		await store.set(KEYS.outboxMeta(tKey), { head: 0, tail: slots.length });
		await store.set(KEYS.outboxIndex(tKey), [tKey]);
		await store.close();

		r = await startRelay();
		await r.idle();
		const texts = tg.sentTo(chat.id).map((m) => /Queued (m\d)/.exec(m.text)?.[1]);
		expect(texts).toEqual(["m1", "m3"]);
		await r.stop();
		relay = undefined;
		store = await openStore(file);
		const kept = await new OutboxRepo(store).corruptDeliveries(tKey);
		expect(kept.map((c) => c.key)).toEqual([KEYS.outboxSlot(tKey, 1)]);
		expect(kept[0]?.problems.join()).toContain("update.kind");
		expect(await new OutboxRepo(store).pending(tKey)).toEqual([]);
		await store.close();
	});
});

describe("delivery records", () => {
	it("expire after EDIT_WINDOW_HOURS: the SQLite sweep deletes them", async () => {
		const blog = site.setBlog(makeFakeBlog("records", 1, "Records live"));
		const r = await startRelay({ EDIT_WINDOW_HOURS: "2" });
		await subscribe(r, site.url("records"));
		blog.entries.unshift(entry("r2", 2), entry("r1", 1));
		await pollAndDeliver(r);
		expect(tg.sentTo(chat.id)).toHaveLength(2);
		expect(await countRows("msg:v1:")).toBe(2);
		// Within the window they stay.
		clock += 60 * 60_000;
		await r.pollAll();
		expect(await countRows("msg:v1:")).toBe(2);
		// After it, the next tick's sweep deletes them.
		clock += 2 * 60 * 60_000;
		await r.pollAll();
		expect(await countRows("msg:v1:")).toBe(0);
	});

	it("carry a TTL on Redis", async () => {
		const blog = site.setBlog(makeFakeBlog("ttl", 1, "TTL live"));
		const namespace = `test-${randomUUID()}`;
		const r = await startRelay({
			STORE_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
			STORE_NAMESPACE: namespace,
			EDIT_WINDOW_HOURS: "3",
		});
		await subscribe(r, site.url("ttl"));
		blog.entries.unshift(entry("t1", 1));
		await pollAndDeliver(r);
		expect(tg.sentTo(chat.id)).toHaveLength(1);
		// Read the TTL with a client of our own, as an operator would.
		const raw = createClient({ url: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379" });
		await raw.connect();
		try {
			const keys = (await raw.keys(`*${namespace}*`)).filter((k) => k.includes("msg:v1:"));
			expect(keys).toHaveLength(1);
			const ttl = await raw.pTTL(keys[0] as string);
			expect(ttl).toBeGreaterThan(2 * 3_600_000);
			expect(ttl).toBeLessThanOrEqual(3 * 3_600_000);
		} finally {
			await raw.close();
		}
	});
});

describe("a slow host", () => {
	it("cannot hold the poll pool: a fast host's blog is polled and delivered while its polls hang", async () => {
		const slow = await startLiveblogServer();
		const held: (() => void)[] = [];
		let holding = true;
		try {
			const r = await startRelay({ POLL_CONCURRENCY: "2" });
			for (const slug of ["s1", "s2", "s3"]) {
				const blog = slow.setBlog(makeFakeBlog(slug, 2, `Slow ${slug}`));
				await subscribe(r, slow.url(slug));
				// Valid pages, answered only when the test lets them (a site just under the timeout).
				slow.setHandler(`/${slug}`, (_req, res) => {
					const answer = () => {
						res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
						res.end(renderBlog(blog, slow.origin));
					};
					if (holding) held.push(answer);
					else answer();
				});
			}
			const fast = site.setBlog(makeFakeBlog("fast", 2, "Fast live"));
			await subscribe(r, site.url("fast"));
			fast.entries.unshift(entry("f1", 1));

			const tick = r.pollAll();
			await tg.waitForMessage((m) => m.text.includes("Headline f1"));
			// The slow host got one of the two slots, never both.
			expect(held).toHaveLength(1);
			holding = false;
			for (const answer of held.splice(0)) answer();
			await tick;
			expect(slow.requests.filter((q) => /^\/s\d$/.test(q.path))).toHaveLength(6);
		} finally {
			await slow.close();
		}
	});

	it("is polled less often once its polls keep taking over half the timeout", async () => {
		const slow = await startLiveblogServer();
		try {
			// One poll at a time, so the clock jumps of one poll do not show in another's duration.
			const r = await startRelay({ FETCH_TIMEOUT_MS: "20000", POLL_CONCURRENCY: "1" });
			const blog = slow.setBlog(makeFakeBlog("sluggish", 2, "Sluggish live"));
			await subscribe(r, slow.url("sluggish"));
			site.setBlog(makeFakeBlog("brisk", 2, "Brisk live"));
			await subscribe(r, site.url("brisk"));
			// Each answer takes 12 s by the relay's clock (over half of the 20 s timeout).
			slow.setHandler("/sluggish", (_req, res) => {
				clock += 12_000;
				res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
				res.end(renderBlog(blog, slow.origin));
			});
			const state = new WatchStateRepo(r.store);
			const keys = await state.listBlogKeys();
			const records = async () => {
				const all = await state.getBlogs(keys);
				return {
					sluggish: all.find((b) => b?.title === "Sluggish live"),
					brisk: all.find((b) => b?.title === "Brisk live"),
				};
			};
			await r.pollAll();
			await r.pollAll();
			expect((await records()).sluggish?.slowPolls).toBe(2);
			expect((await records()).sluggish?.nextPollAt).toBeUndefined();
			await r.pollAll();
			const after = await records();
			expect(after.sluggish?.slowPolls).toBe(3);
			expect((after.sluggish?.nextPollAt ?? 0) - clock).toBeGreaterThanOrEqual(60_000);
			expect(after.brisk?.slowPolls ?? 0).toBe(0);
			expect(after.brisk?.nextPollAt).toBeUndefined();
		} finally {
			await slow.close();
		}
	});
});
