/** Telegram command handlers: parse chat input into core commands and render the core's replies. */
import type { Bot, Context } from "grammy";
import type { BotCommand } from "grammy/types";
import {
	type CommandActor,
	clampLatestCount,
	LATEST_MAX,
	type Logger,
	type RelayCore,
	type Target,
} from "../../src/index.js";
import {
	escapeHtml,
	formatHelp,
	formatLatestReply,
	formatListReply,
	formatSubscribeReply,
	formatUnsubscribeReply,
	NO_PREVIEW,
} from "./format.js";
import { registerSettingsCommands, SETTINGS_COMMANDS } from "./settings-commands.js";
import { subscribeInTopic } from "./topic-placement.js";

/** The command menu registered with setMyCommands. */
export const COMMANDS: readonly BotCommand[] = [
	{ command: "start", description: "What this bot does" },
	{ command: "help", description: "How to use this bot" },
	{ command: "subscribe", description: "Follow a live blog: /subscribe <url>" },
	{
		command: "unsubscribe",
		description: "Stop following a live blog: /unsubscribe <url or number>",
	},
	{ command: "list", description: "Live blogs followed here" },
	{ command: "latest", description: "Newest entries: /latest [url] [n]" },
	...SETTINGS_COMMANDS,
];

/** What the handlers need. */
export interface CommandDeps {
	core: RelayCore;
	log: Logger;
	/** The adapter's summaryLimit; /latest with many entries asks for shorter ones. */
	summaryLimit: number;
	now?: () => Date;
}

/** Arguments of /latest: blog URL (optional) and count, or a reason they don't parse. */
export type LatestArgs =
	| { ok: true; url: string | undefined; count: number; note: string | undefined }
	| { ok: false; message: string };

/** Parses `/latest [url] [n]` with the two arguments in either order; clamps n to 1..10 and says so. */
export function parseLatestArgs(input: string): LatestArgs {
	const tokens = splitArgs(input);
	const numbers = tokens.filter((t) => /^[+-]?\d+$/.test(t));
	const urls = tokens.filter((t) => !/^[+-]?\d+$/.test(t));
	if (tokens.length > 2 || numbers.length > 1 || urls.length > 1) {
		return {
			ok: false,
			message: "Usage: /latest [url] [n], e.g. /latest 5 or /latest https://… 5",
		};
	}
	const { count, clamped } = clampLatestCount(
		numbers[0] === undefined ? undefined : Number(numbers[0]),
	);
	const note =
		clamped === "above"
			? `I show at most ${LATEST_MAX} entries at a time, so here are ${LATEST_MAX}.`
			: clamped === "below"
				? `The number of entries must be between 1 and ${LATEST_MAX}; here is 1.`
				: undefined;
	return { ok: true, url: urls[0], count, note };
}

/** Splits command arguments on whitespace, dropping the <…> some users wrap URLs in. */
export function splitArgs(input: string): string[] {
	return input
		.trim()
		.split(/\s+/)
		.filter(Boolean)
		.map((t) => t.replace(/^<(.+)>$/, "$1"));
}

/** The relay target of a message: the chat, plus the forum topic when the message is in one. */
export function targetOf(ctx: Context): Target | undefined {
	const chat = ctx.chat;
	if (!chat) return undefined;
	const msg = ctx.msg;
	const inTopic = msg?.is_topic_message === true && msg.message_thread_id !== undefined;
	return inTopic
		? { platform: "telegram", id: String(chat.id), threadId: String(msg.message_thread_id) }
		: { platform: "telegram", id: String(chat.id) };
}

/**
 * Who sent the command and whether they may change subscriptions here; undefined when Telegram
 * could not tell us (we then say so rather than claim the user isn't an admin).
 */
export async function actorOf(ctx: Context, log: Logger): Promise<CommandActor | undefined> {
	const chat = ctx.chat;
	const userId = ctx.from ? String(ctx.from.id) : undefined;
	if (!chat) return undefined;
	// Private chats belong to the user; channel posts can only be written by the channel's admins.
	if (chat.type === "private" || chat.type === "channel") return { userId, canManage: true };
	const senderChat = ctx.msg?.sender_chat;
	// Anonymous admins post as the group itself; anyone posting as some other channel is not an admin.
	if (senderChat) return { userId, canManage: senderChat.id === chat.id };
	if (!ctx.from) return { userId, canManage: false };
	try {
		const member = await ctx.getChatMember(ctx.from.id);
		return { userId, canManage: member.status === "creator" || member.status === "administrator" };
	} catch (error) {
		log.warn({ err: error, chat: chat.id }, "getChatMember failed; cannot check admin rights");
		return undefined;
	}
}

/** Sends each message as an HTML reply (into the same forum topic, which ctx.reply handles). */
async function replyAll(ctx: Context, messages: string[]): Promise<void> {
	for (const text of messages) {
		await ctx.reply(text, { parse_mode: "HTML", link_preview_options: NO_PREVIEW });
	}
}

/** The one notice a user (or chat) over the command limit gets per minute; then silence. */
export const SLOW_DOWN =
	"⏳ That's a lot of commands in a short time. Please wait a minute, then try again.";
/** The one refusal per minute a private chat outside the operator's allow-lists gets. */
export const NOT_ALLOWED =
	"Sorry, this bot only serves the chats its operator has allowed. You can run your own copy: it is open source.";

/**
 * Passes the command through the core's gate (allow-lists, per-user and per-chat limits). On a
 * refusal nothing else happens; the notice goes out only when the gate says it may (once per
 * window), and a refusal for not being allowed is said only in private chats: in a group or channel
 * the bot stays silent rather than answer strangers' commands there.
 */
async function isAdmitted(ctx: Context, core: RelayCore): Promise<boolean> {
	const target = targetOf(ctx);
	if (!target) return false;
	// Anonymous admins and channels all write as one shared "user": count them per chat only.
	const userId = ctx.from && !ctx.msg?.sender_chat ? String(ctx.from.id) : undefined;
	const admission = core.admit(target, { userId });
	if (admission.kind === "ok") return true;
	if (!admission.notify) return false;
	if (admission.kind === "slow-down") await replyAll(ctx, [escapeHtml(SLOW_DOWN)]);
	else if (ctx.chat?.type === "private") await replyAll(ctx, [escapeHtml(NOT_ALLOWED)]);
	return false;
}

const CANNOT_CHECK_ADMIN =
	"⚠️ I couldn't check your admin rights in this chat just now. Please try again in a moment.";

/** Registers every command handler (call before bot.start). */
export function registerCommands(bot: Bot, deps: CommandDeps): void {
	const { core, log } = deps;
	const now = deps.now ?? (() => new Date());
	/** Runs `handler` only for commands the gate admits. */
	const gated =
		<C extends Context>(handler: (ctx: C) => Promise<unknown>) =>
		async (ctx: C): Promise<void> => {
			if (await isAdmitted(ctx, core)) await handler(ctx);
		};

	bot.command(
		["start", "help"],
		gated(async (ctx) => {
			const type = ctx.chat.type;
			await replyAll(ctx, [formatHelp({ isGroup: type === "group" || type === "supergroup" })]);
		}),
	);

	bot.command(
		"subscribe",
		gated(async (ctx) => {
			const target = targetOf(ctx);
			if (!target) return;
			const [url, placement] = splitArgs(ctx.match);
			if (!url) {
				await replyAll(ctx, [
					"Send the live blog's address after the command, e.g.\n<code>/subscribe https://www.theguardian.com/world/live/…</code>",
				]);
				return;
			}
			const actor = await actorOf(ctx, log);
			if (!actor) return replyAll(ctx, [CANNOT_CHECK_ADMIN]);
			if (actor.canManage) {
				// Fetching the page can take seconds; show that something is happening.
				ctx.replyWithChatAction("typing").catch((error: unknown) => {
					log.debug({ err: error }, "sendChatAction failed (cosmetic, ignored)");
				});
			}
			if (placement?.toLowerCase() === "topic") {
				// The blog gets its own forum topic (topic-placement.ts).
				const placed = await subscribeInTopic(ctx, core, target, url, actor, log);
				const [first = "", ...rest] = formatSubscribeReply(placed.reply);
				const note =
					placed.reply.kind === "subscribed" && placed.note ? `\n${escapeHtml(placed.note)}` : "";
				return replyAll(ctx, [first + note, ...rest]);
			}
			const reply = await core.commands.subscribe(target, url, actor);
			await replyAll(ctx, formatSubscribeReply(reply));
		}),
	);

	bot.command(
		"unsubscribe",
		gated(async (ctx) => {
			const target = targetOf(ctx);
			if (!target) return;
			const [choice] = splitArgs(ctx.match);
			if (!choice) {
				await replyAll(ctx, formatListReply(await core.commands.list(target), now(), true));
				return;
			}
			const actor = await actorOf(ctx, log);
			if (!actor) return replyAll(ctx, [CANNOT_CHECK_ADMIN]);
			await replyAll(
				ctx,
				formatUnsubscribeReply(await core.commands.unsubscribe(target, choice, actor)),
			);
		}),
	);

	bot.command(
		"list",
		gated(async (ctx) => {
			const target = targetOf(ctx);
			if (!target) return;
			await replyAll(ctx, formatListReply(await core.commands.list(target), now()));
		}),
	);

	bot.command(
		"latest",
		gated(async (ctx) => {
			const target = targetOf(ctx);
			if (!target) return;
			const args = parseLatestArgs(ctx.match);
			if (!args.ok) return replyAll(ctx, [escapeHtml(args.message)]);
			// Ten full summaries would need several messages; shorter ones keep /latest to one.
			const limit = Math.min(deps.summaryLimit, Math.max(200, Math.floor(3000 / args.count)));
			const reply = await core.commands.latest(target, args.url, args.count, limit);
			await replyAll(ctx, formatLatestReply(reply, args.note));
		}),
	);

	registerSettingsCommands(bot, {
		core,
		log,
		gated,
		targetOf,
		actorOf,
		cannotCheckAdmin: CANNOT_CHECK_ADMIN,
	});

	bot.on("my_chat_member", async (ctx) => {
		const { chat, old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
		const isIn = (m: typeof after) =>
			m.status === "member" ||
			m.status === "administrator" ||
			m.status === "creator" ||
			(m.status === "restricted" && m.is_member);
		if (!isIn(before) && isIn(after) && chat.type !== "private") {
			const target: Target = { platform: "telegram", id: String(chat.id) };
			const adder = ctx.myChatMember.from;
			// Whoever adds the bot owns the chat's subscriptions for the per-owner limit, so a hundred
			// channels made by one person count as one owner (channel posts carry no sender).
			if (!adder.is_bot) await core.recordChatOwner(target, String(adder.id));
			if (chat.type === "channel") return;
			// The welcome is an answer like any other: not for chats outside the allow-lists.
			if (core.admit(target, { userId: String(adder.id) }).kind !== "ok") return;
			await replyAll(ctx, [formatHelp({ isGroup: true })]);
			return;
		}
		if (isIn(before) && !isIn(after)) {
			// Removed or blocked: stop watching for this chat now instead of at the next failed post.
			const target: Target = { platform: "telegram", id: String(chat.id) };
			await core.forgetTarget(target, `bot ${after.status} (my_chat_member)`);
			log.info({ chat: chat.id, status: after.status }, "bot removed from chat");
		}
	});

	// In a private chat, anything else gets a pointer instead of silence; groups are left alone.
	bot.chatType("private").on(
		"message:text",
		gated(async (ctx) => {
			const text = ctx.message.text.trim();
			const hint = text.startsWith("/")
				? "I don't know that command. Send /help to see what I can do."
				: /https?:\/\//i.test(text)
					? "To follow that live blog, send /subscribe followed by its address."
					: "Send /help to see what I can do.";
			await replyAll(ctx, [hint]);
		}),
	);
}
