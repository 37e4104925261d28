/**
 * The per-owner blog limit under concurrency, through the real core and the fake live-blog site:
 * subscribes of one owner racing each other cannot all pass the check at N-1.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import type { Target } from "../../src/types.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { makeConfig, makeTempDir } from "../helpers.js";

let site: LiveblogServer;
let tmp: { dir: string; cleanup: () => void };
let relay: Relay;

beforeEach(async () => {
	site = await startLiveblogServer();
	tmp = makeTempDir("owner-limits-");
	for (let i = 0; i < 6; i++) site.setBlog(makeFakeBlog(`blog${i}`, 2));
	relay = await createRelay({
		config: makeConfig({ MAX_BLOGS_PER_OWNER: "2", SUBSCRIBES_PER_USER_PER_MINUTE: "50" }, tmp.dir),
		adapters: [],
		schedule: false,
	});
	await relay.start();
});

afterEach(async () => {
	await relay.stop();
	await site.close();
	tmp.cleanup();
});

const chat = (id: string): Target => ({ platform: "telegram", id });

describe("per-owner blog limit", () => {
	it("lets exactly MAX_BLOGS_PER_OWNER of one owner's racing subscribes through", async () => {
		const replies = await Promise.all(
			Array.from({ length: 6 }, (_, i) =>
				relay.core.commands.subscribe(chat(`-${100 + i}`), site.url(`blog${i}`), {
					userId: "42",
					canManage: true,
				}),
			),
		);
		const kinds = replies.map((r) => (r.kind === "error" ? r.error.code : r.kind));
		expect(kinds.filter((k) => k === "subscribed")).toHaveLength(2);
		expect(kinds.filter((k) => k === "limit-reached")).toHaveLength(4);
		// Other owners are not affected.
		const other = await relay.core.commands.subscribe(chat("-200"), site.url("blog5"), {
			userId: "43",
			canManage: true,
		});
		expect(other.kind).toBe("subscribed");
	});

	it("counts a Discord server's channels together, whoever subscribes", async () => {
		const inGuild = (channel: string, slug: string, userId: string) =>
			relay.core.commands.subscribe({ platform: "discord", id: channel }, site.url(slug), {
				userId,
				guildId: "900",
				canManage: true,
			});
		expect((await inGuild("1", "blog0", "a")).kind).toBe("subscribed");
		expect((await inGuild("2", "blog1", "b")).kind).toBe("subscribed");
		const third = await inGuild("3", "blog2", "c");
		expect(third.kind === "error" && third.error.message).toMatch(
			/^This server's channels already follow 2 live blogs/,
		);
		expect((await inGuild("3", "blog1", "c")).kind).toBe("subscribed");
	});
});
