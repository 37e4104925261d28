/**
 * The gate every chat command passes before anything else happens: the operator's allow-lists and
 * the per-user and per-chat command rate limits. Shared by all adapters; wording stays in them.
 */
import type { Config } from "../config.js";
import type { Target } from "../types.js";
import { SlidingWindowLimiter } from "./rate-limit.js";

/** The rate-limit window of commands and of the notices about them. */
export const COMMAND_WINDOW_MS = 60_000;

/** Who sent a command, as far as the gate needs to know. */
export interface CommandSender {
	/** Platform user id; absent for Telegram channel posts. */
	userId?: string | undefined;
	/** The Discord server the channel belongs to. */
	guildId?: string | undefined;
}

/**
 * The gate's verdict. `notify` says whether the adapter may send its one short notice ("slow down",
 * "not for you") now: at most one per user (or chat) per window, then silence, so the limiter's own
 * answers cannot be used to flood.
 */
export type Admission =
	| { kind: "ok" }
	| { kind: "not-allowed"; notify: boolean }
	| { kind: "slow-down"; notify: boolean };

/** Checks and counts one command. */
export interface CommandGate {
	/** Admits (and counts) a command to `target` from `sender`, or says why not. */
	admit(target: Target, sender: CommandSender): Admission;
}

/** Whether the allow-lists (if any) let `sender` use the bot in `target`. */
export function isAllowed(config: Config, target: Target, sender: CommandSender): boolean {
	const { allowedChats, allowedUsers } = config;
	if (!allowedChats && !allowedUsers) return true;
	if (allowedChats?.has(target.id)) return true;
	if (sender.guildId !== undefined && allowedChats?.has(sender.guildId)) return true;
	return sender.userId !== undefined && allowedUsers?.has(sender.userId) === true;
}

/** Creates the gate from the config's limits; `now` is injectable for tests. */
export function createCommandGate(config: Config, now: () => number): CommandGate {
	const perUser = new SlidingWindowLimiter(config.commandsPerUserPerMinute, COMMAND_WINDOW_MS, now);
	const perChat = new SlidingWindowLimiter(config.commandsPerChatPerMinute, COMMAND_WINDOW_MS, now);
	const notices = new SlidingWindowLimiter(1, COMMAND_WINDOW_MS, now);
	return {
		admit(target, sender) {
			const userKey =
				sender.userId === undefined ? undefined : `${target.platform}:${sender.userId}`;
			// Topics of one forum share the chat's budget: they are one chat to the platform.
			const chatKey = `${target.platform}:${target.id}`;
			if (!isAllowed(config, target, sender)) {
				// Per chat and user: a refusal an adapter kept to itself in a group still lets the
				// user hear it once in their private chat.
				return { kind: "not-allowed", notify: notices.tryHit(`deny:${chatKey}:${userKey}`) };
			}
			const userOk = userKey === undefined || perUser.isAllowed(userKey);
			const chatOk = perChat.isAllowed(chatKey);
			if (userOk && chatOk) {
				if (userKey !== undefined) perUser.hit(userKey);
				perChat.hit(chatKey);
				return { kind: "ok" };
			}
			// A chat over its limit hears it once for everyone; a user over theirs, once for them.
			const limited = chatOk && userKey !== undefined ? `user:${userKey}` : `chat:${chatKey}`;
			return { kind: "slow-down", notify: notices.tryHit(`slow:${limited}`) };
		},
	};
}
