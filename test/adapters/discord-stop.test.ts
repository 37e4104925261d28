/**
 * Stopping the Discord adapter while its gateway is still connecting (a SIGTERM right after start):
 * discord.js's destroy() then never settles, which held the bot's graceful stop until the grace ran
 * out. The fake gateway takes Identify and never sends READY.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createLogger } from "../../src/log.js";
import type { RelayCore } from "../../src/relay/adapter.js";
import { type DiscordFake, startDiscordFake } from "../fakes/discord-api.js";
import { MemoryStream, STEP_DEADLINE_MS, waitFor } from "../helpers.js";

let discord: DiscordFake | undefined;

afterEach(async () => {
	await discord?.close();
});

describe("the Discord adapter's stop", () => {
	it("returns while the gateway is still connecting, and says it went on without the client", async () => {
		discord = await startDiscordFake({ neverReady: true });
		const logs = new MemoryStream();
		const adapter = createDiscordAdapter({
			token: discord.token,
			apiRoot: discord.apiRoot,
			log: createLogger("info", { stream: logs }),
		});
		// start() waits for READY, which never comes; it is abandoned by the stop.
		void adapter.start({} as RelayCore).catch(() => undefined);
		const gateway = discord.gateway;
		await waitFor(() => gateway.identifies > 0, "the client to identify", STEP_DEADLINE_MS);
		await adapter.stop();
		expect(logs.text).toContain("did not close in time");
	});
});
