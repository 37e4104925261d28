import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../adapters/console/index.js";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import type { Target } from "../../src/types.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { MemoryStream, makeConfig, makeTempDir } from "../helpers.js";

const target: Target = { platform: "console", id: "watch-test" };
const admin = { canManage: true };

describe("relay with the console adapter", () => {
	let site: LiveblogServer;
	let dir: { dir: string; cleanup: () => void };
	let relays: Relay[] = [];
	let stores: Store[] = [];

	beforeEach(async () => {
		site = await startLiveblogServer();
		site.setBlog(makeFakeBlog("war", 3));
		dir = makeTempDir();
	});
	afterEach(async () => {
		for (const r of relays) await r.stop();
		for (const s of stores) await s.close().catch(() => undefined);
		relays = [];
		stores = [];
		await site.close();
		dir.cleanup();
	});

	async function startRelay(out: MemoryStream, overrides: Record<string, string> = {}) {
		const config = makeConfig(overrides, dir.dir);
		const store = await openStore(config.storeUrl);
		stores.push(store);
		const relay = await createRelay({
			config,
			store,
			schedule: false,
			adapters: [createConsoleAdapter({ out, json: true, ownTargetId: target.id })],
		});
		relays.push(relay);
		await relay.start();
		return relay;
	}

	const printedIds = (out: MemoryStream) =>
		out.text
			.trim()
			.split("\n")
			.filter(Boolean)
			.map((l) => (JSON.parse(l) as { id: string }).id);

	it("posts nothing old on subscribe, then each new entry once", async () => {
		const out = new MemoryStream();
		const relay = await startRelay(out);
		const reply = await relay.core.commands.subscribe(target, site.url("war"), admin);
		expect(reply.kind).toBe("subscribed");
		if (reply.kind !== "subscribed") return;
		expect(reply.blog.title).toBe("Live: war");
		expect(reply.newest?.entryId).toBe("e3");
		expect(reply.alreadySubscribed).toBe(false);

		await relay.pollAll();
		await relay.idle();
		expect(out.text).toBe("");

		site.addEntry("war", { id: "e4", headline: "Fourth" });
		site.addEntry("war", { id: "e5", headline: "Fifth" });
		await relay.pollAll();
		await relay.idle();
		expect(printedIds(out)).toEqual(["e4", "e5"]);

		await relay.pollAll();
		await relay.idle();
		expect(printedIds(out)).toEqual(["e4", "e5"]);
	});

	it("uses conditional requests: an unchanged page answers 304", async () => {
		const relay = await startRelay(new MemoryStream());
		await relay.core.commands.subscribe(target, site.url("war"), admin);
		site.requests.length = 0;
		await relay.pollAll();
		expect(site.requests.at(-1)?.headers["if-none-match"]).toMatch(/^"/);
	});

	it("does not re-post entries after a page that temporarily shows fewer", async () => {
		const out = new MemoryStream();
		const relay = await startRelay(out);
		await relay.core.commands.subscribe(target, site.url("war"), admin);
		const blog = site.blog("war");
		const all = [...blog.entries];
		blog.entries = all.slice(0, 1);
		await relay.pollAll();
		blog.entries = all;
		site.addEntry("war", { id: "e9" });
		await relay.pollAll();
		await relay.idle();
		expect(printedIds(out)).toEqual(["e9"]);
	});

	it("keeps polling other blogs when one fails", async () => {
		const out = new MemoryStream();
		const relay = await startRelay(out);
		site.setBlog(makeFakeBlog("other", 2));
		await relay.core.commands.subscribe(target, site.url("war"), admin);
		await relay.core.commands.subscribe(target, site.url("other"), admin);
		site.blog("war").failNext = { status: 503, count: 5, headers: { "retry-after": "120" } };
		site.addEntry("other", { id: "o3" });
		await relay.pollAll();
		await relay.idle();
		expect(printedIds(out)).toEqual(["o3"]);
		const list = await relay.core.commands.list(target);
		expect(list.kind === "list" && list.blogs.map((b) => b.status)).toEqual(["ok", "ok"]);
	});

	it("refuses a page that is not a live blog, and a broken URL, changing nothing", async () => {
		const relay = await startRelay(new MemoryStream());
		site.setBlog({ slug: "article", title: "Just news", entries: [], notLive: true });
		const notLive = await relay.core.commands.subscribe(target, site.url("article"), admin);
		expect(notLive.kind === "error" && notLive.error.code).toBe("not-a-live-blog");
		const broken = await relay.core.commands.subscribe(target, "javascript:alert(1)", admin);
		expect(broken.kind === "error" && broken.error.code).toBe("invalid-url");
		const list = await relay.core.commands.list(target);
		expect(list.kind === "list" && list.blogs).toEqual([]);
	});

	it("refuses loopback addresses unless ALLOW_PRIVATE_NETWORK=1", async () => {
		const relay = await startRelay(new MemoryStream(), { ALLOW_PRIVATE_NETWORK: "0" });
		const reply = await relay.core.commands.subscribe(target, site.url("war"), admin);
		expect(reply.kind === "error" && reply.error.code).toBe("blocked-url");
		expect(site.requests).toEqual([]);
	});

	it("unsubscribes by any form of the URL and by number, and answers /latest from the store", async () => {
		const relay = await startRelay(new MemoryStream());
		await relay.core.commands.subscribe(target, site.url("war"), admin);
		const latest = await relay.core.commands.latest(target, undefined, 2, 300);
		expect(latest.kind === "updates" && latest.updates.map((u) => u.entryId)).toEqual(["e3", "e2"]);
		const bad = await relay.core.commands.unsubscribe(target, site.url("nope"), admin);
		expect(bad.kind === "error" && bad.error.code).toBe("not-subscribed");
		const gone = await relay.core.commands.unsubscribe(
			target,
			`${site.url("war")}?utm_source=x#frag`,
			admin,
		);
		expect(gone.kind).toBe("unsubscribed");
		await relay.core.commands.subscribe(target, site.url("war"), admin);
		expect((await relay.core.commands.unsubscribe(target, "1", admin)).kind).toBe("unsubscribed");
	});

	it("refuses changes from someone who may not manage the target", async () => {
		const relay = await startRelay(new MemoryStream());
		const reply = await relay.core.commands.subscribe(target, site.url("war"), {
			canManage: false,
		});
		expect(reply.kind === "error" && reply.error.code).toBe("permission-denied");
		expect(site.requests).toEqual([]);
	});

	it("delivers what was detected before a restart, once", async () => {
		const out1 = new MemoryStream();
		const relay1 = await startRelay(out1);
		await relay1.core.commands.subscribe(target, site.url("war"), admin);
		site.addEntry("war", { id: "e4" });
		await relay1.pollAll();
		await relay1.idle();
		expect(printedIds(out1)).toEqual(["e4"]);
		await relay1.stop();
		await stores.pop()?.close();
		relays = [];

		const out2 = new MemoryStream();
		const relay2 = await startRelay(out2);
		site.addEntry("war", { id: "e5" });
		await relay2.pollAll();
		await relay2.idle();
		expect(printedIds(out2)).toEqual(["e5"]);
	});
});

describe("abuse limits", () => {
	let site: LiveblogServer;
	let tmp: { dir: string; cleanup: () => void };
	let relay: Relay;

	beforeEach(async () => {
		site = await startLiveblogServer();
		for (let i = 0; i < 4; i++) site.setBlog(makeFakeBlog(`b${i}`, 1));
		tmp = makeTempDir();
	});
	afterEach(async () => {
		await relay.stop();
		await site.close();
		tmp.cleanup();
	});

	it("caps the blogs one chat may follow and the blogs the bot watches, with clear replies", async () => {
		relay = await createRelay({
			config: makeConfig({ MAX_SUBSCRIPTIONS_PER_CHAT: "2", MAX_WATCHED_BLOGS: "3" }, tmp.dir),
			schedule: false,
			adapters: [],
		});
		const chatA: Target = { platform: "telegram", id: "1" };
		const chatB: Target = { platform: "telegram", id: "2" };
		expect((await relay.core.commands.subscribe(chatA, site.url("b0"), admin)).kind).toBe(
			"subscribed",
		);
		expect((await relay.core.commands.subscribe(chatA, site.url("b1"), admin)).kind).toBe(
			"subscribed",
		);
		const third = await relay.core.commands.subscribe(chatA, site.url("b2"), admin);
		expect(third.kind === "error" && third.error.code).toBe("limit-reached");
		expect(third.kind === "error" && third.error.message).toMatch(/most allowed \(2\)/);
		// Re-subscribing to a followed blog is not blocked by the cap.
		expect((await relay.core.commands.subscribe(chatA, site.url("b1"), admin)).kind).toBe(
			"subscribed",
		);
		expect(
			(
				await relay.core.commands.subscribe(chatB, site.url("b2"), {
					canManage: true,
					userId: "u2",
				})
			).kind,
		).toBe("subscribed");
		const global = await relay.core.commands.subscribe(chatB, site.url("b3"), {
			canManage: true,
			userId: "u2",
		});
		expect(global.kind === "error" && global.error.code).toBe("limit-reached");
	});

	it("rate-limits one user's subscribe requests", async () => {
		relay = await createRelay({ config: makeConfig({}, tmp.dir), schedule: false, adapters: [] });
		const actor = { canManage: true, userId: "spammer" };
		const codes: string[] = [];
		for (let i = 0; i < 8; i++) {
			const reply = await relay.core.commands.subscribe(
				{ platform: "telegram", id: String(i) },
				site.url("b0"),
				actor,
			);
			codes.push(reply.kind === "error" ? reply.error.code : reply.kind);
		}
		expect(codes).toEqual([...Array(6).fill("subscribed"), "rate-limited", "rate-limited"]);
	});
});
