/**
 * Managing a Telegram channel from a private chat with the bot: `/subscribe @channel <url>`,
 * `/unsubscribe @channel <n|url>`, `/list @channel`. Setting up a channel this way posts no commands
 * or confirmations to its followers. Allowed when both the user and the bot are administrators of the
 * channel (getChatMember), the bot one that may post.
 */
import { type Context, GrammyError } from "grammy";
import type { Chat, ChatMember } from "grammy/types";
import type { Logger, RelayCore, Target } from "../../src/index.js";
import {
	blogLink,
	escapeHtml,
	formatError,
	formatStatus,
	NO_PREVIEW,
	renderEntry,
	TELEGRAM_MESSAGE_LIMIT,
} from "./format.js";

/** The commands that take a channel first. */
export type ChannelCommand = "subscribe" | "unsubscribe" | "list";

/** A public channel's @username (Telegram: 5–32 characters, letters, digits and _). */
const CHANNEL_NAME = /^@[A-Za-z][A-Za-z0-9_]{3,31}$/;

/** What the channel commands need. */
export interface ChannelCommandDeps {
	core: RelayCore;
	log: Logger;
	now: () => Date;
}

/** The channel named first in a command's arguments (`@name …`), and the rest; undefined otherwise. */
export function channelArgs(args: string[]): { channel: string; rest: string[] } | undefined {
	const [first, ...rest] = args;
	return first?.startsWith("@") ? { channel: first, rest } : undefined;
}

const usage: Record<ChannelCommand, string> = {
	subscribe: "/subscribe @channel &lt;url&gt;",
	unsubscribe: "/unsubscribe @channel &lt;number or url&gt;",
	list: "/list @channel",
};

/**
 * Runs `/<command> @channel …` sent in a private chat; returns false (nothing done) when the command
 * names no channel, so the caller handles it as a command for this chat.
 */
export async function handleChannelCommand(
	ctx: Context,
	command: ChannelCommand,
	args: string[],
	deps: ChannelCommandDeps,
): Promise<boolean> {
	const named = channelArgs(args);
	if (!named) return false;
	const reply = (messages: string[]) => replyAll(ctx, messages);
	if (ctx.chat?.type !== "private") {
		await reply([
			`To manage a channel, send ${usage[command]} in a private chat with me; in a group, commands change what the group follows.`,
		]);
		return true;
	}
	if (!CHANNEL_NAME.test(named.channel)) {
		await reply([
			`${escapeHtml(named.channel)} is not a channel name. Use the channel's public @username, e.g. ${usage[command]}.`,
		]);
		return true;
	}
	const checked = await checkChannel(ctx, named.channel, deps.log);
	if (checked.kind === "refused") {
		await reply([checked.message]);
		return true;
	}
	const { target, name } = checked;
	const actor = { userId: String(ctx.from?.id ?? ""), canManage: true };
	// The channel's own allow-list and command limits apply as if the command came from there.
	const admission = deps.core.admit(target, { userId: actor.userId });
	if (admission.kind !== "ok") {
		await reply([
			admission.kind === "slow-down"
				? `⏳ ${name} got a lot of commands in a short time. Please wait a minute, then try again.`
				: `Sorry, this bot only serves the chats its operator has allowed, and ${name} is not one of them.`,
		]);
		return true;
	}
	if (command === "list") {
		await reply(await listMessages(deps, target, name));
		return true;
	}
	const [choice] = named.rest;
	if (!choice) {
		await reply([`Say which live blog, e.g. ${usage[command]}.`]);
		return true;
	}
	if (command === "subscribe") {
		ctx.replyWithChatAction("typing").catch((error: unknown) => {
			deps.log.debug({ err: error }, "sendChatAction failed (cosmetic, ignored)");
		});
		const result = await deps.core.commands.subscribe(target, choice, actor);
		if (result.kind === "error") return reply(formatError(result.error)).then(() => true);
		const head = result.alreadySubscribed
			? `${name} already follows ${blogLink(result.blog)}.`
			: `✅ ${name} now follows ${blogLink(result.blog)}. New entries will be posted there.`;
		const newest = result.newest
			? `\n\nLatest entry:\n\n${renderEntry(result.newest, {
					limit: TELEGRAM_MESSAGE_LIMIT - head.length - 20,
					withBlogTitle: false,
				})}`
			: "";
		await reply([`${head}${newest}`]);
		return true;
	}
	const result = await deps.core.commands.unsubscribe(target, choice, actor);
	if (result.kind === "error") {
		await reply(formatError(result.error, `Send /list ${name} to see the numbers.`));
		return true;
	}
	await reply([`${name} no longer follows ${blogLink(result.blog)}.`]);
	return true;
}

type ChannelCheck =
	| { kind: "ok"; target: Target; name: string }
	| { kind: "refused"; message: string };

/** Finds the channel and checks that the bot and the sender are its administrators. */
async function checkChannel(ctx: Context, channel: string, log: Logger): Promise<ChannelCheck> {
	const name = escapeHtml(channel);
	let chat: Chat;
	try {
		chat = (await ctx.api.getChat(channel)) as Chat;
	} catch (error) {
		if (error instanceof GrammyError && error.error_code === 400) {
			return {
				kind: "refused",
				message: `I can't find the channel ${name}. Check the name, and add me to the channel as an administrator first.`,
			};
		}
		log.warn({ err: error, channel }, "getChat failed for a channel command");
		return { kind: "refused", message: CANNOT_CHECK };
	}
	if (chat.type !== "channel") {
		return {
			kind: "refused",
			message: `${name} is not a channel. To set up a group, send the command in the group itself.`,
		};
	}
	const botIsAdmin = await memberOf(ctx, chat.id, ctx.me.id, log);
	if (botIsAdmin === "unknown") return { kind: "refused", message: CANNOT_CHECK };
	const botMayPost =
		botIsAdmin?.status === "administrator" && botIsAdmin.can_post_messages !== false;
	if (!botMayPost) {
		return {
			kind: "refused",
			message: `I'm not an administrator of ${name} who may post messages. Add me as one (channel info → Administrators), then try again.`,
		};
	}
	const userId = ctx.from?.id;
	const sender = userId === undefined ? undefined : await memberOf(ctx, chat.id, userId, log);
	if (sender === "unknown") return { kind: "refused", message: CANNOT_CHECK };
	if (!sender || (sender.status !== "creator" && sender.status !== "administrator")) {
		return {
			kind: "refused",
			message: `Only administrators of ${name} can change what it follows.`,
		};
	}
	return { kind: "ok", target: { platform: "telegram", id: String(chat.id) }, name };
}

const CANNOT_CHECK =
	"⚠️ I couldn't check the channel's administrators just now. Please try again in a moment.";

/**
 * The member record of `userId` in `chatId`: undefined when Telegram says they are not one it can
 * show (a 400 or 403: not a member, or the bot may not see the member list), "unknown" on other failures.
 */
async function memberOf(
	ctx: Context,
	chatId: number,
	userId: number,
	log: Logger,
): Promise<ChatMember | undefined | "unknown"> {
	try {
		return await ctx.api.getChatMember(chatId, userId);
	} catch (error) {
		if (error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403))
			return undefined;
		log.warn({ err: error, chat: chatId }, "getChatMember failed for a channel command");
		return "unknown";
	}
}

/** `/list @channel`: the channel's blogs, numbered as /unsubscribe @channel N takes them. */
async function listMessages(
	deps: ChannelCommandDeps,
	target: Target,
	name: string,
): Promise<string[]> {
	const list = await deps.core.commands.list(target);
	if (list.kind === "error") return formatError(list.error);
	if (list.blogs.length === 0) {
		return [
			`${name} doesn't follow any live blog yet. Send /subscribe ${name} &lt;url&gt; to start.`,
		];
	}
	const count = list.blogs.length;
	const lines = list.blogs.map((blog, i) => {
		const status = formatStatus(blog, deps.now());
		return `${i + 1}. ${blogLink(blog)}${status ? ` — ${escapeHtml(status)}` : ""}`;
	});
	return [
		[
			`<b>${name} follows ${count} live blog${count === 1 ? "" : "s"}:</b>`,
			...lines,
			"",
			`To stop one: /unsubscribe ${name} &lt;number&gt;`,
		].join("\n"),
	];
}

async function replyAll(ctx: Context, messages: string[]): Promise<void> {
	for (const text of messages) {
		await ctx.reply(text, { parse_mode: "HTML", link_preview_options: NO_PREVIEW });
	}
}
