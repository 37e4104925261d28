import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChannelType } from "discord.js";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createSilentLogger } from "../../src/log.js";
import { type DiscordFake, startDiscordFake } from "../fakes/discord-api.js";

const NEWS = "200000000000000001";

describe("smoke", () => {
	let discord: DiscordFake;
	beforeEach(async () => {
		discord = await startDiscordFake({ channels: [{ id: NEWS, name: "news", type: ChannelType.GuildText }], heartbeatIntervalMs: 200 });
	});
	afterEach(async () => {
		await discord.close();
	});
	it("connects", async () => {
		const adapter = createDiscordAdapter({ token: discord.token, apiRoot: discord.apiRoot, log: createSilentLogger() });
		adapter.client.on("debug", (m) => console.log(m));
		await adapter.start({ commands: {} as never, log: createSilentLogger(), blogsOf: async () => [] });
		await discord.waitFor(() => discord.gateway.heartbeats >= 2);
		console.log(discord.requests.map((r) => `${r.method} ${r.path} ${r.status}`));
		await adapter.stop();
	});
});
