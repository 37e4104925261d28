/** The adapter contract for Discord: the real discord.js client against the fake REST API and gateway. */
import { ChannelType } from "discord.js";
import { describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createSilentLogger } from "../../src/log.js";
import {
	adapterContract,
	type ContractHarness,
	producibleOutcomes,
} from "../contract/adapter-contract.js";
import { DISCORD_DECLARATION } from "../contract/adapter-declarations.js";
import { changeContract } from "../contract/change-contract.js";
import { SCRIPTED_OUTCOMES } from "../contract/delivery-outcomes.js";
import { type InteractionRecord, startDiscordFake } from "../fakes/discord-api.js";
import { discordFailureFor } from "../fakes/outcome-dialects.js";

const CHANNEL = "200000000000004242";

/** The visible answer of an interaction: a follow-up, an immediate reply or the edited original. */
function answerOf(i: InteractionRecord): Record<string, unknown> | undefined {
	const immediate = i.callbacks.find((c) => c.data !== undefined && c.type === 4)?.data;
	const original = i.original && !i.original.deferred ? i.original : undefined;
	return i.followups.at(-1) ?? immediate ?? original;
}

/** A fresh Discord harness: the real discord.js client against a fresh fake. */
async function discordHarness(): Promise<ContractHarness> {
	{
		const discord = await startDiscordFake({
			heartbeatIntervalMs: 250,
			channels: [{ id: CHANNEL, name: "news", type: ChannelType.GuildText }],
		});
		const adapter = createDiscordAdapter({
			token: discord.token,
			apiRoot: discord.apiRoot,
			log: createSilentLogger(),
		});
		return {
			adapter,
			target: { platform: "discord", id: CHANNEL },
			script: (outcome) => discord.failNextAs(outcome, CHANNEL),
			received: () =>
				discord.messages
					.filter((m) => m.channel_id === CHANNEL)
					.map((m) => ({ id: m.id, text: JSON.stringify(m.body) })),
			secrets: [discord.token],
			async sendListCommand() {
				const interaction = discord.command("following", {}, { channelId: CHANNEL });
				await discord.waitFor(() => answerOf(interaction) !== undefined);
				return JSON.stringify(answerOf(interaction));
			},
			deleteByAdmin: (id) => discord.deleteByModerator(id),
			isDeleted: (id) => discord.isDeleted(id),
			pinned: () => discord.pinnedIn(CHANNEL),
			denyPins: () => discord.setPinRights(CHANNEL, false),
			async teardown() {
				await adapter.stop();
				await discord.close();
			},
		};
	}
}

adapterContract("discord", discordHarness, DISCORD_DECLARATION);
changeContract("discord", discordHarness, DISCORD_DECLARATION);

describe("Discord outcome dialect", () => {
	it("has an error answer for exactly the outcomes the adapter declares it can produce", () => {
		const spoken = SCRIPTED_OUTCOMES.filter((o) => discordFailureFor(o) !== undefined);
		expect(spoken).toEqual(producibleOutcomes(DISCORD_DECLARATION));
	});
});
