/**
 * Changes of posted entries through Discord, end to end: the real core (createRelay on a temp SQLite
 * store, an injected clock), the real discord.js client against the fake REST API and gateway, and
 * the fake live-blog site whose entries the tests edit, delete and mark as key events.
 */
import { type APIEmbed, ChannelType } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
	type ChangePreferences,
	DEFAULT_CHANGE_PREFERENCES,
} from "../../src/relay/change-preferences.js";
import type { Relay } from "../../src/relay/relay.js";
import type { Target } from "../../src/types.js";
import { type DiscordWorld, startDiscordRelay, startDiscordWorld } from "../discord-harness.js";
import type { DiscordFake } from "../fakes/discord-api.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";

const NEWS = "200000000000000071";
const TARGET: Target = { platform: "discord", id: NEWS };

let world: DiscordWorld;
let discord: DiscordFake;
let site: LiveblogServer;
let relay: Relay;
let clock: number;
let prefs: ChangePreferences;

beforeEach(async () => {
	world = await startDiscordWorld("discord-changes-", [
		{ id: NEWS, name: "news", type: ChannelType.GuildText },
	]);
	({ discord, site } = world);
	site.setBlog(makeFakeBlog("quake", 3, "Live: quake"));
	clock = Date.UTC(2026, 10, 30, 9, 0, 0);
	prefs = { ...DEFAULT_CHANGE_PREFERENCES };
	({ relay } = await startDiscordRelay(discord, world.tmp.dir, {
		relay: { now: () => clock, changePreferencesOf: async () => prefs },
	}));
	const reply = await relay.core.commands.subscribe(TARGET, site.url("quake"), { canManage: true });
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

/** The stored message whose embed (or struck content) names `headline`. */
function messageOf(headline: string) {
	const found = discord.messages.filter(
		(m) =>
			m.channel_id === NEWS &&
			(JSON.stringify((m.body.embeds as APIEmbed[] | undefined) ?? []).includes(headline) ||
				String(m.body.content ?? "").includes(headline)),
	);
	expect(found).toHaveLength(1);
	return found[0] as (typeof found)[number];
}

const patches = () =>
	discord.requests.filter((r) => r.method === "PATCH" && r.path.includes("/messages/"));

describe("Discord: changes of posted entries", () => {
	it("edits the posted embed in place (PATCH) with an 'updated' marker", async () => {
		site.addEntry("quake", {
			id: "q1",
			headline: "Aftershock felt",
			body: "A 4.1 aftershock.",
			publishedAt: new Date(clock),
		});
		await pollAndDeliver();
		const posted = messageOf("Aftershock felt");
		const entry = site.blog("quake").entries.find((e) => e.id === "q1");
		if (entry) entry.body = "A 4.3 aftershock, revised by the survey.";
		await pollAndDeliver();
		expect(discord.editsOf(posted.id)).toBe(1);
		expect(JSON.stringify(posted.body)).toContain("revised by the survey");
		expect(String(posted.body.content)).toMatch(/updated \d\d:\d\d UTC/);
		expect(discord.messages.filter((m) => m.channel_id === NEWS)).toHaveLength(1);
	});

	it("posts nothing instead when a moderator deleted the message (10008)", async () => {
		site.addEntry("quake", {
			id: "q1",
			headline: "Bridge damaged",
			body: "Cracks seen.",
			publishedAt: new Date(clock),
		});
		await pollAndDeliver();
		const posted = messageOf("Bridge damaged");
		discord.deleteByModerator(posted.id);
		const entry = site.blog("quake").entries.find((e) => e.id === "q1");
		if (entry) entry.body = "Cracks seen; bridge closed.";
		await pollAndDeliver();
		expect(patches()).toHaveLength(1);
		expect(discord.messages.filter((m) => m.channel_id === NEWS)).toHaveLength(1);
	});

	it("strikes a deleted entry through after two polls without it", async () => {
		for (const [id, headline] of [
			["a", "Alpha quake"],
			["b", "Bravo quake"],
			["c", "Charlie quake"],
		] as const) {
			site.addEntry("quake", { id, headline, body: `${headline}.`, publishedAt: new Date(clock) });
			await pollAndDeliver();
		}
		const bravo = messageOf("Bravo quake");
		const blog = site.blog("quake");
		blog.entries = blog.entries.filter((e) => e.id !== "b");
		await pollAndDeliver();
		expect(discord.editsOf(bravo.id)).toBe(0);
		await pollAndDeliver();
		expect(String(bravo.body.content)).toContain("~~Bravo quake~~");
		expect(String(bravo.body.content)).toContain("removed by the publisher");
		expect(bravo.body.embeds).toEqual([]);
	});

	it("moves the pin to the newest key event left when the pinned one is retracted, and takes it down when none is left", async () => {
		prefs = { ...prefs, pinKeyEvents: true };
		site.addEntry("quake", {
			id: "p1",
			headline: "Plain before",
			body: "Before.",
			publishedAt: new Date(clock),
		});
		for (const [id, headline, at] of [
			["k1", "Older key", clock + 1000],
			["k2", "Newer key", clock + 2000],
		] as const) {
			site.addEntry("quake", {
				id,
				headline,
				body: `${headline}.`,
				publishedAt: new Date(at),
				keyEvent: true,
			});
		}
		site.addEntry("quake", {
			id: "p2",
			headline: "Plain after",
			body: "After.",
			publishedAt: new Date(clock + 3000),
		});
		await pollAndDeliver();
		const older = messageOf("Older key");
		const newer = messageOf("Newer key");
		expect(discord.pinnedIn(NEWS)).toEqual([newer.id]);
		const drop = (id: string) => {
			const blog = site.blog("quake");
			blog.entries = blog.entries.filter((e) => e.id !== id);
		};
		drop("k2");
		await pollAndDeliver();
		await pollAndDeliver();
		expect(String(newer.body.content)).toContain("removed by the publisher");
		expect(discord.pinnedIn(NEWS)).toEqual([older.id]);
		drop("k1");
		await pollAndDeliver();
		await pollAndDeliver();
		expect(String(older.body.content)).toContain("removed by the publisher");
		expect(discord.pinnedIn(NEWS)).toEqual([]);
	});

	it("pins the newest key event where asked, and skips pins without Manage Messages", async () => {
		prefs = { ...prefs, pinKeyEvents: true };
		site.addEntry("quake", {
			id: "k1",
			headline: "Tsunami warning",
			body: "Warning issued.",
			publishedAt: new Date(clock),
			keyEvent: true,
		});
		await pollAndDeliver();
		expect(discord.pinnedIn(NEWS)).toEqual([messageOf("Tsunami warning").id]);
		discord.setPinRights(NEWS, false);
		site.addEntry("quake", {
			id: "k2",
			headline: "Warning lifted",
			body: "Lifted.",
			publishedAt: new Date(clock + 1000),
			keyEvent: true,
		});
		await pollAndDeliver();
		expect(messageOf("Warning lifted")).toBeDefined();
		expect(discord.pinnedIn(NEWS)).toEqual([messageOf("Tsunami warning").id]);
		const list = await relay.core.commands.list(TARGET);
		expect(list.kind === "list" && list.cannotPin).toBe(true);
	});
});
