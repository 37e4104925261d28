/** Subscriptions written into a bot's store before the bot process starts, as its chats left them. */
import { loadConfig } from "../src/config.js";
import { createRelay } from "../src/relay/relay.js";
import type { Target } from "../src/types.js";

/**
 * Subscribes each target to each of its URLs through the core, on the store the environment `env`
 * names (relative to `dir`), then closes it; throws with the core's reason if one is refused.
 */
export async function seedSubscriptions(
	env: Record<string, string>,
	dir: string,
	subscriptions: { target: Target; url: string }[],
): Promise<void> {
	const seeding = await createRelay({
		config: loadConfig(env, dir),
		adapters: [],
		schedule: false,
	});
	try {
		for (const { target, url } of subscriptions) {
			const reply = await seeding.core.commands.subscribe(target, url, { canManage: true });
			if (reply.kind !== "subscribed") {
				throw new Error(`seeding ${target.platform}:${target.id} → ${url}: ${reply.error.message}`);
			}
		}
	} finally {
		await seeding.stop();
	}
}
