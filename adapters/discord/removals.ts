/**
 * Channels, threads and servers that go away: each followed target in them is forgotten by the core
 * as soon as the gateway says so, instead of at the next failed post.
 */
import {
	type Client,
	Events,
	GatewayDispatchEvents,
	type GatewayGuildDeleteDispatchData,
} from "discord.js";
import type { Logger, RelayCore } from "../../src/index.js";

/** Calls core.forgetTarget for every deleted channel or thread and every server the bot left. */
export function forgetRemovedTargets(client: Client, core: RelayCore, log: Logger): void {
	const forget = (ids: Iterable<string>, reason: string) => {
		for (const id of ids) {
			core.forgetTarget({ platform: "discord", id }, reason).catch((error: unknown) => {
				// The next post to it answers Unknown Channel, which forgets it then.
				log.error({ err: error, channel: id }, "could not forget a removed Discord channel");
			});
		}
	};
	client.on(Events.ChannelDelete, (channel) => {
		if (channel.isDMBased()) return;
		// Discord deletes a channel's threads with it and sends no event for them.
		const threads = "threads" in channel ? [...channel.threads.cache.keys()] : [];
		forget([channel.id, ...threads], "channel deleted");
	});
	client.on(Events.ThreadDelete, (thread) => {
		// A blog's own thread is made again once, at its next post (thread-placement.ts); a thread
		// made again and deleted too, or any other thread, ends its follows now.
		const settings = core.settings;
		if (!settings) return forget([thread.id], "thread deleted");
		settings
			.threadGone({ platform: "discord", id: thread.id })
			.then((next) => {
				if (next === "end") forget([thread.id], "thread deleted");
			})
			.catch((error: unknown) => {
				log.error({ err: error, thread: thread.id }, "could not record a deleted thread");
				forget([thread.id], "thread deleted");
			});
	});
	// discord.js empties a deleted guild's channel cache before it emits guildDelete, but it hands
	// the raw dispatch to client.ws listeners first: read the channels there.
	client.ws.on(GatewayDispatchEvents.GuildDelete, (data: GatewayGuildDeleteDispatchData) => {
		// "unavailable" is an outage: the server and its channels come back with it.
		if (data.unavailable) return;
		const guild = client.guilds.cache.get(data.id);
		if (!guild) return;
		log.info({ guild: data.id }, "removed from a Discord server: forgetting its channels");
		forget([...guild.channels.cache.keys()], "removed from the server");
	});
}
