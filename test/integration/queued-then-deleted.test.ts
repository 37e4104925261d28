/**
 * A crash between queuing a new entry for the chats and saving the seen set, then the publisher
 * deleting that entry before the next poll: the post went out, so it must be retracted like any other.
 * Found by the crash script (an entry posted in every chat, deleted, and never struck through). The
 * crash is the seen set's write failing once, right after the fan-out (the store is the only witness
 * of what a crashed process did); real grammY against the fake Bot API, the real core.
 */

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPageReader, type PageReader } from "../../src/relay/page-reader.js";
import { createRelay } from "../../src/relay/relay.js";
import type { Relay } from "../../src/relay/relay-api.js";
import { parseSettingsArgs } from "../../src/settings/settings-args.js";
import { KEYS } from "../../src/store/keys.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import type { SeenSet, Target } from "../../src/types.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { type FakeTelegram, group, startFakeTelegram } from "../fakes/telegram-bot-api.js";
import { makeConfig, makeTempDir } from "../helpers.js";
import { telegramAdapterOn } from "../telegram-harness.js";

const CHAT = group(-6262, "Crash window group");
const TARGET: Target = { platform: "telegram", id: String(CHAT.id) };

let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;
let reader: PageReader;
let store: Store;
let dir: { dir: string; cleanup: () => void };
let clock: number;
/** Armed: the next seen set written after a fan-out (no queuing list) fails, as if the process died. */
let crashBeforeSeen = false;

/** The store, failing the armed write of a seen set. */
function crashingStore(inner: Store): Store {
	return new Proxy(inner, {
		get(target, prop, receiver) {
			if (prop !== "set") return Reflect.get(target, prop, receiver);
			return async <V>(key: string, value: V, ttlMs?: number) => {
				const seen = key.startsWith(KEYS.seen("")) ? (value as SeenSet) : undefined;
				if (crashBeforeSeen && seen && seen.queuing === undefined) {
					crashBeforeSeen = false;
					throw new Error("simulated crash before the seen set was saved");
				}
				return target.set(key, value, ttlMs);
			};
		},
	});
}

beforeEach(async () => {
	site = await startLiveblogServer();
	tg = await startFakeTelegram();
	dir = makeTempDir("queued-then-deleted-");
	clock = Date.UTC(2026, 10, 30, 10, 0, 0);
	site.setBlog(makeFakeBlog("storm", 4, "Storm live"));
	const config = makeConfig(
		{ TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot },
		dir.dir,
	);
	store = await openStore(config.storeUrl);
	reader = createPageReader(config);
	relay = await createRelay({
		config,
		store: crashingStore(store),
		adapters: [telegramAdapterOn(tg)],
		schedule: false,
		now: () => clock,
		pageReader: reader,
	});
	await relay.start();
	const reply = await relay.core.commands.subscribe(TARGET, site.url("storm"), { canManage: true });
	expect(reply.kind).toBe("subscribed");
});

afterEach(async () => {
	tg.releaseAll();
	await relay.stop();
	await store.close();
	await reader.close();
	await tg.close();
	await site.close();
	dir.cleanup();
});

async function pollAndDeliver(): Promise<void> {
	clock += 5_000;
	await relay.pollAll();
	await relay.idle();
}

/** The chat's messages of one entry (its link), whatever they show now. */
const postsOf = (entryId: string) =>
	tg.sentTo(CHAT.id).filter((m) => m.text.includes(`#${entryId}"`));

describe("an entry queued, then deleted before the seen set knew it", () => {
	it("is retracted once the page has been without it for two polls between known entries", async () => {
		site.addEntry("storm", { id: "x", headline: "Queued then deleted" });
		crashBeforeSeen = true;
		await pollAndDeliver();
		expect(crashBeforeSeen).toBe(false);
		expect(postsOf("x")).toHaveLength(1);

		// The publisher deletes it and goes on; entries newer and older stay on the page.
		const blog = site.blog("storm");
		blog.entries = blog.entries.filter((e) => e.id !== "x");
		site.addEntry("storm", { id: "y", headline: "Later entry" });
		await pollAndDeliver();
		expect(postsOf("y")).toHaveLength(1);
		site.addEntry("storm", { id: "z", headline: "Even later entry" });
		await pollAndDeliver();
		await pollAndDeliver();

		const [post] = postsOf("x");
		expect(post?.text).toContain("removed by the publisher");
		// Posted once, never again: the entry is not new when it is seen again.
		expect(postsOf("x")).toHaveLength(1);
	});

	it("does not post an entry a digest chat held before the crash while its digest is on the way", async () => {
		const setMode = async (request: string) => {
			const parsed = parseSettingsArgs(request);
			if (!parsed.ok) throw new Error(parsed.message("en"));
			await relay.core.settings?.run(TARGET, { canManage: true }, parsed.request);
		};
		await setMode("mode digest 15");
		site.addEntry("storm", { id: "h", headline: "Held for the digest" });
		crashBeforeSeen = true;
		await pollAndDeliver();
		expect(crashBeforeSeen).toBe(false);
		expect(postsOf("h")).toHaveLength(0);
		// Back to every entry: the held batch goes out as a digest (on its way while the page is read),
		// and the entry is queued again.
		await setMode("mode all");
		const release = tg.hold("sendMessage", (p) => String(p.text).startsWith("🗞"));
		clock += 5_000;
		await relay.pollAll();
		release();
		await relay.idle();
		await pollAndDeliver();
		const shown = postsOf("h");
		expect(shown).toHaveLength(1);
		expect(shown[0]?.text).toMatch(/^🗞 <b>Digest<\/b>/);
	});

	it("shows the page's text after the crash in a post that was still on its way", async () => {
		site.addEntry("storm", { id: "v", headline: "First words" });
		const release = tg.hold("sendMessage", (p) => String(p.text).includes("#v"));
		crashBeforeSeen = true;
		clock += 5_000;
		await relay.pollAll();
		expect(crashBeforeSeen).toBe(false);
		// Corrected while the post waits for Telegram; the next poll queues the entry again.
		const entry = site.blog("storm").entries.find((e) => e.id === "v");
		if (!entry) throw new Error("no entry v");
		entry.headline = "Corrected words";
		clock += 5_000;
		await relay.pollAll();
		release();
		await relay.idle();
		await pollAndDeliver();
		const shown = postsOf("v");
		expect(shown).toHaveLength(1);
		expect(shown[0]?.text).toContain("<b>Corrected words</b>");
	});

	it("posts an entry once when the seen set was not saved after its fan-out (queued again, added once)", async () => {
		site.addEntry("storm", { id: "w", headline: "Still on the page" });
		crashBeforeSeen = true;
		await pollAndDeliver();
		await pollAndDeliver();
		await pollAndDeliver();
		expect(postsOf("w")).toHaveLength(1);
	});
});
