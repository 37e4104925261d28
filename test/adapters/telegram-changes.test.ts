/**
 * Changes of posted entries through Telegram, end to end: the real core (createRelay on a temp
 * SQLite store, an injected clock), the real grammY client against the fake Bot API, and the fake
 * live-blog site whose entries the tests edit, delete and mark as key events.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
	type ChangePreferences,
	DEFAULT_CHANGE_PREFERENCES,
} from "../../src/relay/change-preferences.js";
import type { Relay } from "../../src/relay/relay-api.js";
import type { Target } from "../../src/types.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";
import { type FakeTelegram, group, type SentMessage } from "../fakes/telegram-bot-api.js";
import {
	startTelegramRelay,
	startTelegramWorld,
	type TelegramWorld,
	telegramAdapterOn,
} from "../telegram-harness.js";

const CHAT = group(-5151, "Changes group");
const TARGET: Target = { platform: "telegram", id: String(CHAT.id) };
const MINUTE = 60_000;

let world: TelegramWorld;
let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;
let clock: number;
let prefs: ChangePreferences;
let timeZone: string | undefined;

beforeEach(async () => {
	world = await startTelegramWorld("telegram-changes-");
	({ site, tg } = world);
	clock = Date.UTC(2026, 10, 30, 10, 0, 0);
	prefs = { ...DEFAULT_CHANGE_PREFERENCES };
	timeZone = undefined;
	site.setBlog(makeFakeBlog("storm", 4, "Storm live"));
	({ relay } = await startTelegramRelay(tg, world.tmp.dir, {
		relay: {
			now: () => clock,
			changePreferencesOf: async () => prefs,
			timeZoneOf: async () => timeZone,
		},
	}));
	const reply = await relay.core.commands.subscribe(TARGET, site.url("storm"), { canManage: true });
	expect(reply.kind).toBe("subscribed");
});

afterEach(async () => {
	await world.close(relay);
});

async function pollAndDeliver(advanceMs = 5_000): Promise<void> {
	clock += advanceMs;
	await relay.pollAll();
	await relay.idle();
}

/** The entries posted in the chat (not command replies). */
function posts(): SentMessage[] {
	return tg.sentTo(CHAT.id).filter((m) => m.text.includes("Storm live") || m.photo);
}

function postOf(headline: string): SentMessage {
	const found = posts().filter((m) => m.text.includes(headline));
	expect(found).toHaveLength(1);
	return found[0] as SentMessage;
}

function calls(method: string): number {
	return tg.requests.filter((r) => r.method === method).length;
}

/** Adds entry `id` to the blog and lets it be posted. */
async function postEntry(id: string, headline: string, body = `${headline}: first sentence.`) {
	site.addEntry("storm", { id, headline, body, publishedAt: new Date(clock) });
	await pollAndDeliver();
	return postOf(headline);
}

function editEntry(id: string, patch: { headline?: string; body?: string }): void {
	const entry = site.blog("storm").entries.find((e) => e.id === id);
	if (!entry) throw new Error(`no entry ${id}`);
	Object.assign(entry, patch, { updatedAt: new Date(clock) });
}

describe("Telegram: edited entries", () => {
	it("edits the posted message in place with an 'updated' marker, never a second copy", async () => {
		const posted = await postEntry("n1", "Bridge closed");
		editEntry("n1", { body: "Bridge closed: reopening expected at noon." });
		await pollAndDeliver();
		expect(posts()).toHaveLength(1);
		expect(posted.edits).toBe(1);
		expect(posted.text).toContain("reopening expected at noon");
		expect(posted.text).toMatch(/updated \d\d:\d\d UTC/);
		const edit = tg.requests.find((r) => r.method === "editMessageText");
		expect(edit?.payload.message_id).toBe(posted.message_id);
		expect(edit?.payload.parse_mode).toBe("HTML");
		expect(await relay.metrics.registry.metrics()).toMatch(
			/relay_changes_total\{platform="telegram",kind="edit",outcome="sent"\} 1\n/,
		);
	});

	it("says 'updated' in the chat's own time zone when it has one", async () => {
		timeZone = "Asia/Tokyo";
		const posted = await postEntry("n1", "Typhoon track");
		editEntry("n1", { body: "Typhoon track shifted east." });
		await pollAndDeliver();
		const tokyoHour = (new Date(clock).getUTCHours() + 9) % 24;
		expect(posted.text).toMatch(
			new RegExp(`updated ${String(tokyoHour).padStart(2, "0")}:\\d\\d</i>`),
		);
	});

	it("coalesces rapid edits: at most one per minute per message, and the last text wins", async () => {
		const posted = await postEntry("n1", "Storm names");
		editEntry("n1", { body: "Version two." });
		await pollAndDeliver();
		expect(posted.edits).toBe(1);
		editEntry("n1", { body: "Version three." });
		await pollAndDeliver(10_000);
		editEntry("n1", { body: "Version four." });
		await pollAndDeliver(10_000);
		// Within the minute after the first edit, nothing more is sent.
		expect(posted.edits).toBe(1);
		expect(posted.text).toContain("Version two");
		clock += MINUTE;
		await relay.pollAll();
		await tg.waitFor(() => posted.edits === 2);
		await relay.idle();
		expect(posted.text).toContain("Version four");
		expect(posted.text).not.toContain("Version three");
		expect(calls("editMessageText")).toBe(2);
		expect(posts()).toHaveLength(1);
	});

	it("sends nothing when the edit renders the same text as the message shows", async () => {
		const long = `${"Opening words of a long entry. ".repeat(40)}Tail A.`;
		await postEntry("n1", "Long read", long);
		// Only the part beyond the summary's cut changes: the message would read the same.
		editEntry("n1", { body: long.replace("Tail A.", "Tail B.") });
		await pollAndDeliver();
		expect(calls("editMessageText")).toBe(0);
	});

	it("does nothing when the chat's admins deleted the message: no error, no second copy", async () => {
		const posted = await postEntry("n1", "Fire at the docks");
		tg.deleteByAdmin(CHAT.id, posted.message_id);
		editEntry("n1", { body: "Fire at the docks: now under control." });
		await pollAndDeliver();
		expect(calls("editMessageText")).toBe(1);
		expect(posts()).toHaveLength(1);
		// The record says the message is gone: a later edit does not even try.
		editEntry("n1", { body: "Fire at the docks: out." });
		await pollAndDeliver(2 * MINUTE);
		expect(calls("editMessageText")).toBe(1);
		expect(calls("sendMessage")).toBe(1);
	});

	it("ignores edits of entries posted before the edit window", async () => {
		const posted = await postEntry("n1", "Old news");
		clock += 25 * 60 * MINUTE;
		editEntry("n1", { body: "Old news, corrected a day later." });
		await pollAndDeliver();
		expect(calls("editMessageText")).toBe(0);
		expect(posted.edits).toBe(0);
	});

	it("gives a post still queued the new text instead of editing it afterwards", async () => {
		site.addEntry("storm", {
			id: "n1",
			headline: "Queued",
			body: "First text.",
			publishedAt: new Date(clock),
		});
		const release = tg.hold("sendMessage", (p) => String(p.text).includes("Queued"));
		clock += 5_000;
		await relay.pollAll();
		await tg.waitFor(() => tg.requests.some((r) => String(r.payload.text).includes("Queued")));
		editEntry("n1", { body: "Second text." });
		clock += 5_000;
		await relay.pollAll();
		release();
		await relay.idle();
		// The held post went out with the first text; the edit then brings it up to date.
		await tg.waitFor(() => postOf("Queued").text.includes("Second text"));
		expect(posts()).toHaveLength(1);
	});
});

describe("Telegram: photo posts", () => {
	it("edits a photo post's caption (editMessageCaption)", async () => {
		const adapter = telegramAdapterOn(tg);
		try {
			const photo = await adapter.bot.api.sendPhoto(CHAT.id, "https://img.example/a.jpg", {
				caption: "Old caption",
			});
			const result = await adapter.apply?.(TARGET, {
				kind: "edit",
				messageId: String(photo.message_id),
				editedAt: new Date(Date.UTC(2026, 0, 1, 10, 42)),
				update: {
					kind: "edited",
					blogUrl: "https://news.example/live",
					blogTitle: "Storm live",
					entryId: "p1",
					entryUrl: "https://news.example/live#p1",
					headline: "Harbour photo",
					summary: "Waves over the wall.",
					publishedAt: new Date(Date.UTC(2026, 0, 1, 10, 0)),
				},
			});
			expect(result).toEqual({ status: "delivered" });
			const held = tg.sent.find((m) => m.message_id === photo.message_id);
			expect(held?.text).toContain("Waves over the wall.");
			expect(held?.text).toContain("updated 10:42 UTC");
			expect(held?.text.length).toBeLessThanOrEqual(1024);
			expect(calls("editMessageCaption")).toBe(1);
		} finally {
			await adapter.stop();
		}
	});
});

describe("Telegram: deleted entries", () => {
	async function threePosts() {
		await postEntry("a", "Alpha");
		await postEntry("b", "Bravo");
		await postEntry("c", "Charlie");
	}
	const removeEntry = (id: string) => {
		const blog = site.blog("storm");
		blog.entries = blog.entries.filter((e) => e.id !== id);
	};

	it("strikes the message through after two polls without the entry, between entries still there", async () => {
		await threePosts();
		removeEntry("b");
		await pollAndDeliver();
		expect(postOf("Bravo").edits).toBe(0);
		await pollAndDeliver();
		const bravo = postOf("Bravo");
		expect(bravo.edits).toBe(1);
		expect(bravo.text).toMatch(/<s><a href="[^"]*#b">Bravo<\/a><\/s>/);
		expect(bravo.text).toContain("removed by the publisher");
		expect(posts()).toHaveLength(3);
	});

	it("retracts the oldest new entry, just above older entries", async () => {
		await threePosts();
		removeEntry("a");
		await pollAndDeliver();
		await pollAndDeliver();
		expect(postOf("Alpha").text).toContain("removed by the publisher");
	});

	it("deletes the message instead when the target asked for that", async () => {
		prefs = { ...prefs, retractions: "delete" };
		await threePosts();
		removeEntry("b");
		await pollAndDeliver();
		await pollAndDeliver();
		expect(postOf("Bravo").deleted).toBe(true);
		expect(calls("editMessageText")).toBe(0);
	});

	it("leaves the message alone when retractions are off", async () => {
		prefs = { ...prefs, retractions: "off" };
		await threePosts();
		removeEntry("b");
		await pollAndDeliver();
		await pollAndDeliver();
		expect(calls("editMessageText") + calls("deleteMessage")).toBe(0);
	});

	it("retracts nothing for entries that paged off the bottom or a short page", async () => {
		await threePosts();
		const blog = site.blog("storm");
		const full = [...blog.entries];
		// The oldest entries fall off the page.
		blog.entries = full.slice(0, 4);
		await pollAndDeliver();
		await pollAndDeliver();
		// A short response: only the newest two, twice.
		blog.entries = full.slice(0, 2);
		await pollAndDeliver();
		await pollAndDeliver();
		blog.entries = full;
		await pollAndDeliver();
		expect(calls("editMessageText") + calls("deleteMessage")).toBe(0);
	});

	it("does not retract an entry missing from one poll only (an A/B variant)", async () => {
		await threePosts();
		const blog = site.blog("storm");
		const full = [...blog.entries];
		removeEntry("b");
		await pollAndDeliver();
		blog.entries = full;
		await pollAndDeliver();
		removeEntry("b");
		await pollAndDeliver();
		expect(calls("editMessageText")).toBe(0);
	});
});

describe("Telegram: key events", () => {
	it("tags a key event in its message", async () => {
		site.addEntry("storm", {
			id: "k1",
			headline: "Evacuation ordered",
			body: "Evacuation ordered for the coast.",
			publishedAt: new Date(clock),
			keyEvent: true,
		});
		await pollAndDeliver();
		expect(postOf("Evacuation ordered").text).toContain("⭐ Key event");
		expect(tg.pinnedIn(CHAT.id)).toEqual([]);
	});

	it("pins the newest key event silently and unpins the bot's previous pin, when asked", async () => {
		prefs = { ...prefs, pinKeyEvents: true };
		site.addEntry("storm", {
			id: "k1",
			headline: "First key",
			body: "First key.",
			publishedAt: new Date(clock),
			keyEvent: true,
		});
		await pollAndDeliver();
		const first = postOf("First key");
		expect(tg.pinnedIn(CHAT.id)).toEqual([first.message_id]);
		const pin = tg.requests.find((r) => r.method === "pinChatMessage");
		expect(pin?.payload.disable_notification).toBe(true);
		site.addEntry("storm", {
			id: "k2",
			headline: "Second key",
			body: "Second key.",
			publishedAt: new Date(clock + 1000),
			keyEvent: true,
		});
		await pollAndDeliver();
		expect(tg.pinnedIn(CHAT.id)).toEqual([postOf("Second key").message_id]);
		expect(calls("unpinChatMessage")).toBe(1);
	});

	it("keeps the pin on the newest key event when an older one is corrected", async () => {
		prefs = { ...prefs, pinKeyEvents: true };
		const at = new Date(clock);
		site.addEntry("storm", {
			id: "k1",
			headline: "Older key",
			body: "Older.",
			publishedAt: at,
			keyEvent: true,
		});
		site.addEntry("storm", {
			id: "k2",
			headline: "Newer key",
			body: "Newer.",
			publishedAt: new Date(clock + 1000),
			keyEvent: true,
		});
		await pollAndDeliver();
		const newer = postOf("Newer key");
		expect(tg.pinnedIn(CHAT.id)).toEqual([newer.message_id]);
		editEntry("k1", { body: "Older, corrected." });
		await pollAndDeliver();
		expect(postOf("Older key").text).toContain("Older, corrected.");
		expect(tg.pinnedIn(CHAT.id)).toEqual([newer.message_id]);
		expect(calls("pinChatMessage")).toBe(1);
	});

	/** Key events k1 (older) and k2 (newer) between plain entries, posted; k2 pinned. */
	async function twoKeyEventsPinned(): Promise<{ older: SentMessage; newer: SentMessage }> {
		prefs = { ...prefs, pinKeyEvents: true };
		await postEntry("p1", "Plain before");
		for (const [id, headline, at] of [
			["k1", "Older key", clock],
			["k2", "Newer key", clock + 1000],
		] as const) {
			site.addEntry("storm", {
				id,
				headline,
				body: `${headline}.`,
				publishedAt: new Date(at),
				keyEvent: true,
			});
		}
		await pollAndDeliver();
		await postEntry("p2", "Plain after");
		const newer = postOf("Newer key");
		expect(tg.pinnedIn(CHAT.id)).toEqual([newer.message_id]);
		return { older: postOf("Older key"), newer };
	}
	const dropEntry = (id: string) => {
		const blog = site.blog("storm");
		blog.entries = blog.entries.filter((e) => e.id !== id);
	};

	it("moves the pin to the newest key event left when the pinned one is retracted", async () => {
		const { older, newer } = await twoKeyEventsPinned();
		dropEntry("k2");
		await pollAndDeliver();
		await pollAndDeliver();
		expect(postOf("Newer key").text).toContain("removed by the publisher");
		expect(tg.pinnedIn(CHAT.id)).toEqual([older.message_id]);
		expect(
			tg.requests.filter((r) => r.method === "unpinChatMessage").map((r) => r.payload.message_id),
		).toEqual([newer.message_id]);
	});

	it("moves the pin when the pinned entry stops being a key event", async () => {
		const { older } = await twoKeyEventsPinned();
		const k2 = site.blog("storm").entries.find((e) => e.id === "k2");
		if (!k2) throw new Error("no k2");
		k2.keyEvent = false;
		await pollAndDeliver();
		expect(postOf("Newer key").text).not.toContain("⭐ Key event");
		expect(tg.pinnedIn(CHAT.id)).toEqual([older.message_id]);
	});

	it("unpins and pins nothing when the last key event is retracted", async () => {
		await twoKeyEventsPinned();
		dropEntry("k1");
		await pollAndDeliver();
		await pollAndDeliver();
		dropEntry("k2");
		await pollAndDeliver();
		await pollAndDeliver();
		expect(postOf("Newer key").text).toContain("removed by the publisher");
		expect(tg.pinnedIn(CHAT.id)).toEqual([]);
		expect(calls("pinChatMessage")).toBe(1);
		expect(await relay.metrics.registry.metrics()).toMatch(
			/relay_changes_total\{platform="telegram",kind="unpin",outcome="sent"\} 1\n/,
		);
	});

	it("leaves the pin where it is when an entry that is not pinned is retracted", async () => {
		const { newer } = await twoKeyEventsPinned();
		dropEntry("k1");
		await pollAndDeliver();
		await pollAndDeliver();
		expect(postOf("Older key").text).toContain("removed by the publisher");
		expect(tg.pinnedIn(CHAT.id)).toEqual([newer.message_id]);
		expect(calls("unpinChatMessage")).toBe(0);
	});

	it("skips the pin where the bot may not pin, and says so once in /list", async () => {
		prefs = { ...prefs, pinKeyEvents: true };
		tg.setPinRights(CHAT.id, false);
		site.addEntry("storm", {
			id: "k1",
			headline: "Key without rights",
			body: "Text.",
			publishedAt: new Date(clock),
			keyEvent: true,
		});
		await pollAndDeliver();
		expect(postOf("Key without rights").text).toContain("⭐ Key event");
		expect(tg.pinnedIn(CHAT.id)).toEqual([]);
		expect(await relay.metrics.registry.metrics()).toMatch(
			/relay_changes_total\{platform="telegram",kind="pin",outcome="not-allowed"\} 1\n/,
		);
		const list = await relay.core.commands.list(TARGET);
		expect(list.kind === "list" && list.cannotPin).toBe(true);
		const again = await relay.core.commands.list(TARGET);
		expect(again.kind === "list" && again.cannotPin).toBeFalsy();
	});
});

describe("Telegram: the closing recap", () => {
	it("posts the blog's key events, newest first, with the link, when the blog ends", async () => {
		site.addEntry("storm", {
			id: "k1",
			headline: "Landfall",
			body: "Landfall.",
			publishedAt: new Date(clock),
			keyEvent: true,
		});
		site.addEntry("storm", {
			id: "k2",
			headline: "All clear",
			body: "All clear.",
			publishedAt: new Date(clock + 60_000),
			keyEvent: true,
		});
		await pollAndDeliver();
		site.blog("storm").coverageEndTime = new Date(clock);
		await pollAndDeliver();
		clock += 25 * 60 * MINUTE;
		await pollAndDeliver();
		const recap = tg.sentTo(CHAT.id).find((m) => m.text.includes("has ended"));
		expect(recap?.text).toContain("Key events");
		const text = recap?.text ?? "";
		expect(text.indexOf("All clear")).toBeGreaterThan(0);
		expect(text.indexOf("All clear")).toBeLessThan(text.indexOf("Landfall"));
		expect(text).toContain(site.url("storm"));
		expect(await relay.core.blogsOf(TARGET)).toEqual([]);
	});
});
