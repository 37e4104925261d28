/**
 * Seeded fuzzing of /settings option values through the real discord.js client and the fake Discord
 * API: every invocation gets one ephemeral answer, and one that is not a change changes nothing.
 */
import { ChannelType, MessageFlags } from "discord.js";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay.js";
import type { Target } from "../../src/types.js";
import { type DiscordWorld, startDiscordRelay, startDiscordWorld } from "../discord-harness.js";
import type { DiscordFake } from "../fakes/discord-api.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";

const SEED = 20_261_131;
const NEWS = "200000000000000021";
const target: Target = { platform: "discord", id: NEWS };

const junk = fc.oneof(
	fc.string({ unit: "grapheme", maxLength: 40 }),
	fc.constantFrom(
		"23:00",
		"7",
		"25:00",
		"Europe/Kyiv",
		"Mars/Base",
		"1",
		"99",
		'"a b',
		"+x -y",
		"",
	),
);
/** A subcommand with option values, valid or not. */
const invocation = fc.oneof(
	fc.record({
		sub: fc.constant("mode"),
		values: fc.record(
			{ mode: fc.constantFrom("all", "key", "digest 60", "digest 45", "sometimes"), url: junk },
			{ requiredKeys: ["mode"] },
		),
	}),
	fc.record({
		sub: fc.constant("keywords"),
		values: fc.record({ include: junk, exclude: junk, clear: fc.boolean() }, { requiredKeys: [] }),
	}),
	fc.record({
		sub: fc.constant("quiet"),
		values: fc.record({ from: junk, to: junk, off: fc.boolean() }, { requiredKeys: [] }),
	}),
	fc.record({
		sub: fc.constant("keyevents"),
		values: fc.record(
			{ pass: fc.constantFrom("on", "off", "maybe"), breakthrough: fc.constantFrom("on", "off") },
			{ requiredKeys: [] },
		),
	}),
	fc.record({
		sub: fc.constant("changes"),
		values: fc.record(
			{
				edits: fc.constantFrom("on", "off", "x"),
				retractions: fc.constantFrom("strike", "delete", "off", "shred"),
				pin: fc.constantFrom("on", "off"),
			},
			{ requiredKeys: [] },
		),
	}),
	fc.record({ sub: fc.constant("timezone"), values: fc.record({ zone: junk }) }),
	fc.record({
		sub: fc.constant("language"),
		values: fc.record({ language: fc.constantFrom("en", "uk", "reset", "tlh") }),
	}),
	fc.record({
		sub: fc.constantFrom("view", "reset"),
		values: fc.record({ url: junk }, { requiredKeys: [] }),
	}),
);

describe("fuzzing /settings through the real discord.js client", () => {
	let world: DiscordWorld;
	let discord: DiscordFake;
	let site: LiveblogServer;
	let relay: Relay;
	beforeAll(async () => {
		world = await startDiscordWorld("discord-settings-fuzz-", [
			{ id: NEWS, name: "news", type: ChannelType.GuildText },
		]);
		({ discord, site } = world);
		site.setBlog(makeFakeBlog("war", 2, "Live: war"));
		({ relay } = await startDiscordRelay(discord, world.tmp.dir, {
			env: {
				// Far more commands a minute than a person sends: the gate is tested elsewhere.
				COMMANDS_PER_USER_PER_MINUTE: "1000",
				COMMANDS_PER_CHAT_PER_MINUTE: "1000",
			},
		}));
		expect(
			(await relay.core.commands.subscribe(target, site.url("war"), { canManage: true })).kind,
		).toBe("subscribed");
	});
	afterAll(async () => {
		await world.close(relay);
	});

	it("answers each invocation once, privately; only a confirmed change changes anything", async () => {
		for (const { sub, values } of fc.sample(invocation, { seed: SEED, numRuns: 150 })) {
			const before = JSON.stringify(await relay.core.settings?.view(target));
			const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
			const i = discord.command("settings", clean, { channelId: NEWS, subcommand: sub });
			await discord.waitFor(() => i.callbacks.length > 0);
			const answer = i.callbacks[0]?.data as { content?: string; flags?: number } | undefined;
			expect(i.callbacks).toHaveLength(1);
			expect(((answer?.flags ?? 0) & MessageFlags.Ephemeral) !== 0).toBe(true);
			expect(answer?.content?.length ?? 0).toBeGreaterThan(5);
			expect(answer?.content?.length ?? 0).toBeLessThanOrEqual(2000);
			if (!answer?.content?.includes("✅")) {
				expect(
					JSON.stringify(await relay.core.settings?.view(target)),
					`${sub} ${JSON.stringify(clean)}`,
				).toBe(before);
			}
		}
	}, 120_000);
});
