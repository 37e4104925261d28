/** The one store operation that ends subscriptions, on SQLite and on Redis. */

import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSilentLogger } from "../src/log.js";
import { HeldRepo } from "../src/settings/held-entries.js";
import { createSettingsExtras } from "../src/settings/settings-extras.js";
import { SettingsRepo } from "../src/settings/settings-repo.js";
import {
	DELIVERY_FAILURES_KEPT,
	DELIVERY_FAILURES_TTL_MS,
	DeliveryFailureRepo,
} from "../src/store/delivery-failures.js";
import { createExpirySweeper } from "../src/store/expiry-sweep.js";
import { CHANGE_QUEUE } from "../src/store/keys.js";
import { openStore, type Store } from "../src/store/open-store.js";
import { OutboxRepo, type PendingDelivery } from "../src/store/outbox.js";
import { OwnerRepo } from "../src/store/owners.js";
import { SubscriptionRepo } from "../src/store/subscriptions.js";
import { targetKey } from "../src/store/target-key.js";
import {
	moveSubscriptions,
	retireBlog,
	type SubscriptionStores,
	unsubscribe,
} from "../src/store/unsubscribe.js";
import { WatchStateRepo } from "../src/store/watch-state.js";
import type { Target } from "../src/types.js";
import { makeBlogRecord, makeTempDir } from "./helpers.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const group: Target = { platform: "telegram", id: "-100" };
const topic: Target = { platform: "telegram", id: "-100", threadId: "7" };
const channel: Target = { platform: "discord", id: "555" };

function delivery(blogKey: string, entryId: string): PendingDelivery {
	return { blogKey, entryId, enqueuedAt: 1, attempts: 0, notice: undefined, update: undefined };
}

const backends: [string, () => Promise<{ store: Store; cleanup: () => Promise<void> }>][] = [
	[
		"sqlite",
		async () => {
			const { dir, cleanup } = makeTempDir("unsubscribe-");
			const store = await openStore(`sqlite://${path.join(dir, "store.sqlite")}`);
			return {
				store,
				cleanup: async () => {
					await store.close();
					cleanup();
				},
			};
		},
	],
	[
		"redis",
		async () => {
			const store = await openStore(REDIS_URL, { namespace: `test-${randomUUID()}` });
			return { store, cleanup: () => store.close() };
		},
	],
];

describe.each(backends)("unsubscribe (%s)", (_name, open) => {
	let store: Store;
	let cleanup: () => Promise<void>;
	let stores: Required<SubscriptionStores>;

	beforeEach(async () => {
		({ store, cleanup } = await open());
		stores = {
			subs: new SubscriptionRepo(store),
			state: new WatchStateRepo(store),
			outbox: new OutboxRepo(store),
			changes: new OutboxRepo(store, { queue: CHANGE_QUEUE }),
			owners: new OwnerRepo(store),
			extras: createSettingsExtras(new SettingsRepo(store), new HeldRepo(store)),
		};
		for (const key of ["b1", "b2"]) await stores.state.putBlog(makeBlogRecord(key));
	});
	afterEach(() => cleanup());

	async function follow(target: Target, ...blogKeys: string[]) {
		for (const key of blogKeys) await stores.subs.add(targetKey(target), key);
	}
	const queued = async (target: Target) =>
		(await stores.outbox.pending(targetKey(target))).map((d) => `${d.blogKey}/${d.entryId}`);

	it("ends one subscription, drops only that blog's pending deliveries, and keeps a blog others follow", async () => {
		await follow(group, "b1", "b2");
		await follow(channel, "b1");
		await stores.outbox.enqueue(targetKey(group), [
			delivery("b1", "e1"),
			delivery("b2", "e2"),
			delivery("b1", "e3"),
		]);
		const done = await unsubscribe(stores, group, { blogKeys: ["b1"] });
		expect(done).toEqual({ blogKeys: ["b1"], forgottenBlogs: [], droppedDeliveries: 2 });
		expect(await stores.subs.blogsOf(targetKey(group))).toEqual(["b2"]);
		expect(await queued(group)).toEqual(["b2/e2"]);
		expect((await stores.outbox.peek(targetKey(group)))?.entryId).toBe("e2");
		expect(await stores.state.getBlog("b1")).toBeDefined();
	});

	it("forgets a blog nobody follows any more", async () => {
		await follow(group, "b1");
		const done = await unsubscribe(stores, group, { blogKeys: ["b1"] });
		expect(done.forgottenBlogs).toEqual(["b1"]);
		expect(await stores.state.getBlog("b1")).toBeUndefined();
		expect(await stores.state.listBlogKeys()).toEqual(["b2"]);
	});

	it("leaves a blog alone that the target did not follow (a subscribe may be adding it)", async () => {
		const done = await unsubscribe(stores, group, { blogKeys: ["b1"] });
		expect(done).toEqual({ blogKeys: [], forgottenBlogs: [], droppedDeliveries: 0 });
		expect(await stores.state.getBlog("b1")).toBeDefined();
	});

	it("forgets a whole target: every subscription, its queue, its owner record", async () => {
		await follow(group, "b1", "b2");
		await follow(channel, "b2");
		await stores.owners.setOwner(targetKey(group), "telegram:user:42");
		await stores.owners.addTarget("telegram:user:42", targetKey(group));
		await stores.outbox.enqueue(targetKey(group), [delivery("b1", "e1"), delivery("b2", "e2")]);
		const done = await unsubscribe(stores, group, { everything: true });
		expect(done).toEqual({ blogKeys: ["b1", "b2"], forgottenBlogs: ["b1"], droppedDeliveries: 2 });
		expect(await stores.subs.blogsOf(targetKey(group))).toEqual([]);
		expect(await stores.subs.targetsOf("b2")).toEqual([targetKey(channel)]);
		expect(await stores.outbox.targetsWithPending()).toEqual([]);
		expect(await stores.owners.ownerOf(targetKey(group))).toBeUndefined();
		expect(await stores.owners.targetsOf("telegram:user:42")).toEqual([]);
	});

	it("forgetting a forum topic keeps the chat's owner", async () => {
		await follow(topic, "b1");
		await stores.owners.setOwner(targetKey(group), "telegram:user:42");
		await stores.owners.addTarget("telegram:user:42", targetKey(topic));
		await unsubscribe(stores, topic, { everything: true });
		expect(await stores.owners.ownerOf(targetKey(group))).toBe("telegram:user:42");
		expect(await stores.owners.targetsOf("telegram:user:42")).toEqual([]);
	});

	it("retires a blog: every follower unsubscribed, the farewell notice still queued", async () => {
		await follow(group, "b1", "b2");
		await follow(channel, "b1");
		await stores.outbox.enqueue(targetKey(group), [delivery("b1", "notice:blog-ended:1")]);
		expect(await retireBlog(stores, "b1")).toBe(2);
		expect(await stores.subs.targetsOf("b1")).toEqual([]);
		expect(await stores.subs.blogsOf(targetKey(group))).toEqual(["b2"]);
		expect(await stores.state.getBlog("b1")).toBeUndefined();
		expect(await queued(group)).toEqual(["b1/notice:blog-ended:1"]);
	});

	it("moves subscriptions, queue and owner to a migrated chat's new id", async () => {
		const moved: Target = { platform: "telegram", id: "-100200" };
		await follow(group, "b1");
		await stores.owners.setOwner(targetKey(group), "telegram:user:42");
		await stores.owners.addTarget("telegram:user:42", targetKey(group));
		await stores.outbox.enqueue(targetKey(group), [delivery("b1", "e1")]);
		await moveSubscriptions(stores, group, moved);
		expect(await stores.subs.blogsOf(targetKey(moved))).toEqual(["b1"]);
		expect(await stores.subs.blogsOf(targetKey(group))).toEqual([]);
		expect(await queued(moved)).toEqual(["b1/e1"]);
		expect(await queued(group)).toEqual([]);
		expect(await stores.owners.ownerOf(targetKey(moved))).toBe("telegram:user:42");
		expect(await stores.owners.ownerOf(targetKey(group))).toBeUndefined();
		expect(await stores.owners.targetsOf("telegram:user:42")).toEqual([targetKey(moved)]);
	});

	it("keeps a bounded record of a target's failures, newest first", async () => {
		const failures = new DeliveryFailureRepo(store);
		const key = targetKey(channel);
		for (let i = 0; i < DELIVERY_FAILURES_KEPT + 5; i++) {
			await failures.record(key, {
				status: "rejected",
				reason: "x".repeat(1_000),
				entryId: `e${i}`,
				at: i,
			});
		}
		const list = await failures.list(key);
		expect(list).toHaveLength(DELIVERY_FAILURES_KEPT);
		expect(list[0]?.entryId).toBe(`e${DELIVERY_FAILURES_KEPT + 4}`);
		expect(list.at(-1)?.entryId).toBe("e5");
		expect(list[0]?.reason.length).toBeLessThanOrEqual(300);
		expect(await failures.list(targetKey(group))).toEqual([]);
	});
});

describe("failure records on SQLite", () => {
	it("expire after DELIVERY_FAILURES_TTL_MS: the sweep deletes them", async () => {
		const { dir, cleanup } = makeTempDir("failures-sweep-");
		const store = await openStore(`sqlite://${path.join(dir, "store.sqlite")}`);
		try {
			const failures = new DeliveryFailureRepo(store);
			const t = Date.now();
			await failures.record(targetKey(channel), { status: "gone", reason: "deleted", at: t });
			const sweepAt = (now: number) =>
				createExpirySweeper({ store, log: createSilentLogger(), now: () => now }).maybeSweep();
			expect(await sweepAt(t + DELIVERY_FAILURES_TTL_MS - 60_000)).toBe(0);
			expect(await sweepAt(t + DELIVERY_FAILURES_TTL_MS + 60_000)).toBe(1);
		} finally {
			await store.close();
			cleanup();
		}
	});
});
