/** Telegram command handlers: parse chat input into core commands and render the core's replies. */
import type { Bot, Context } from "grammy";
import type { BotCommand } from "grammy/types";
import {
	type ChatStyle,
	type ChatStylePorts,
	type CommandActor,
	chatStyle,
	clampLatestCount,
	LATEST_DEFAULT,
	LOCALES,
	type Locale,
	type Logger,
	type RelayCore,
	type Target,
	t,
	translator,
} from "../../src/index.js";
import { handleChannelCommand } from "./channel-commands.js";
import { escapeHtml, NO_PREVIEW } from "./format.js";
import {
	formatHelp,
	formatLatestReply,
	formatListReply,
	formatSubscribeReply,
	formatSubscribeUsage,
	formatUnsubscribeReply,
	type LatestRequest,
} from "./replies.js";
import { registerSettingsCommands, settingsCommandsFor } from "./settings-commands.js";
import { subscribeInTopic } from "./topic-placement.js";

/** The command menu registered with setMyCommands, in `locale`. */
export function commandsFor(locale: Locale): BotCommand[] {
	return [
		{ command: "start", description: t(locale, "menu.start") },
		{ command: "help", description: t(locale, "menu.help") },
		{ command: "subscribe", description: t(locale, "menu.subscribe") },
		{ command: "unsubscribe", description: t(locale, "menu.unsubscribe") },
		{ command: "list", description: t(locale, "menu.list") },
		{ command: "latest", description: t(locale, "menu.latest") },
		...settingsCommandsFor(locale),
	];
}

/** The command menu registered with setMyCommands (English: the default for every language). */
export const COMMANDS: readonly BotCommand[] = commandsFor("en");

/** The menus Telegram shows users whose app is in another supported language. */
export const LOCALIZED_COMMANDS: readonly { languageCode: Locale; commands: BotCommand[] }[] =
	LOCALES.filter((l) => l !== "en").map((languageCode) => ({
		languageCode,
		commands: commandsFor(languageCode),
	}));

/** What the handlers need. */
export interface CommandDeps extends ChatStylePorts {
	core: RelayCore;
	log: Logger;
	/** The adapter's summaryLimit; /latest with many entries asks for shorter ones. */
	summaryLimit: number;
	now?: () => Date;
}

/** Arguments of /latest: blog URL (optional) and count (clamped, and which way), or unusable. */
export type LatestArgs = ({ ok: true; url: string | undefined } & LatestRequest) | { ok: false };

/** Parses `/latest [url] [n]` with the two arguments in either order; clamps n to 1..10. */
export function parseLatestArgs(input: string): LatestArgs {
	const tokens = splitArgs(input);
	const numbers = tokens.filter((t) => /^[+-]?\d+$/.test(t));
	const urls = tokens.filter((t) => !/^[+-]?\d+$/.test(t));
	if (tokens.length > 2 || numbers.length > 1 || urls.length > 1) return { ok: false };
	const { count, clamped } = clampLatestCount(
		numbers[0] === undefined ? undefined : Number(numbers[0]),
	);
	return { ok: true, url: urls[0], count, clamped };
}

/**
 * The chat's style: its chosen language, else (private chats only) the user's Telegram language,
 * else English; a group speaks one language whoever writes.
 */
async function styleOf(ctx: Context, deps: CommandDeps): Promise<ChatStyle> {
	const target = targetOf(ctx);
	const now = deps.now?.() ?? new Date();
	if (!target) return { locale: "en", timeZone: undefined, now };
	const personal = ctx.chat?.type === "private" ? ctx.from?.language_code : undefined;
	return chatStyle(target, deps, deps.log, { fallbackLocale: personal, now });
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
export const SLOW_DOWN = `⏳ ${t("en", "gate.slow-down")}`;
/** The one refusal per minute a private chat outside the operator's allow-lists gets. */
export const NOT_ALLOWED = t("en", "gate.not-allowed-chat");

/**
 * Passes the command through the core's gate (allow-lists, per-user and per-chat limits). On a
 * refusal nothing else happens; the notice goes out only when the gate says it may (once per
 * window), and a refusal for not being allowed is said only in private chats: in a group or channel
 * the bot stays silent rather than answer strangers' commands there.
 */
async function isAdmitted(ctx: Context, deps: CommandDeps): Promise<boolean> {
	const { core } = deps;
	const target = targetOf(ctx);
	if (!target) return false;
	// Anonymous admins and channels all write as one shared "user": count them per chat only.
	const userId = ctx.from && !ctx.msg?.sender_chat ? String(ctx.from.id) : undefined;
	const admission = core.admit(target, { userId });
	if (admission.kind === "ok") return true;
	if (!admission.notify) return false;
	const say = translator((await styleOf(ctx, deps)).locale, escapeHtml);
	if (admission.kind === "slow-down") await replyAll(ctx, [`⏳ ${say("gate.slow-down")}`]);
	else if (ctx.chat?.type === "private") await replyAll(ctx, [say("gate.not-allowed-chat")]);
	return false;
}

/** The reply when Telegram could not tell us whether the sender is an admin. */
function cannotCheckAdmin(style: ChatStyle): string {
	return `⚠️ ${translator(style.locale, escapeHtml)("error.admin-check-failed")}`;
}

/** Registers every command handler (call before bot.start). */
export function registerCommands(bot: Bot, deps: CommandDeps): void {
	const { core, log } = deps;
	const now = deps.now ?? (() => new Date());
	// `/subscribe @channel <url>` and friends, from a private chat (channel-commands.ts).
	const forChannel = (ctx: Context, command: "subscribe" | "unsubscribe" | "list") =>
		handleChannelCommand(ctx, command, splitArgs(ctx.match as string), { core, log, now });
	/** Runs `handler` only for commands the gate admits. */
	const gated =
		<C extends Context>(handler: (ctx: C) => Promise<unknown>) =>
		async (ctx: C): Promise<void> => {
			if (await isAdmitted(ctx, deps)) await handler(ctx);
		};

	bot.command(
		["start", "help"],
		gated(async (ctx) => {
			const type = ctx.chat.type;
			const style = await styleOf(ctx, deps);
			await replyAll(ctx, [
				formatHelp({ ...style, isGroup: type === "group" || type === "supergroup" }),
			]);
		}),
	);

	bot.command(
		"subscribe",
		gated(async (ctx) => {
			if (await forChannel(ctx, "subscribe")) return;
			const target = targetOf(ctx);
			if (!target) return;
			const [url, placement] = splitArgs(ctx.match);
			const style = await styleOf(ctx, deps);
			if (!url) return replyAll(ctx, [formatSubscribeUsage(style)]);
			const actor = await actorOf(ctx, log);
			if (!actor) return replyAll(ctx, [cannotCheckAdmin(style)]);
			if (actor.canManage) {
				// Fetching the page can take seconds; show that something is happening.
				ctx.replyWithChatAction("typing").catch((error: unknown) => {
					log.debug({ err: error }, "sendChatAction failed (cosmetic, ignored)");
				});
			}
			if (placement?.toLowerCase() === "topic") {
				// The blog gets its own forum topic (topic-placement.ts).
				const placed = await subscribeInTopic(ctx, core, target, url, actor, log);
				const [first = "", ...rest] = formatSubscribeReply(placed.reply, style);
				const note =
					placed.reply.kind === "subscribed" && placed.note
						? `\n${escapeHtml(placed.note(style.locale))}`
						: "";
				return replyAll(ctx, [first + note, ...rest]);
			}
			const reply = await core.commands.subscribe(target, url, actor);
			await replyAll(ctx, formatSubscribeReply(reply, style));
		}),
	);

	bot.command(
		"unsubscribe",
		gated(async (ctx) => {
			if (await forChannel(ctx, "unsubscribe")) return;
			const target = targetOf(ctx);
			if (!target) return;
			const [choice] = splitArgs(ctx.match);
			const style = await styleOf(ctx, deps);
			if (!choice) {
				const list = await core.commands.list(target);
				await replyAll(ctx, formatListReply(list, now(), true, style));
				return;
			}
			const actor = await actorOf(ctx, log);
			if (!actor) return replyAll(ctx, [cannotCheckAdmin(style)]);
			await replyAll(
				ctx,
				formatUnsubscribeReply(await core.commands.unsubscribe(target, choice, actor), style),
			);
		}),
	);

	bot.command(
		"list",
		gated(async (ctx) => {
			if (await forChannel(ctx, "list")) return;
			const target = targetOf(ctx);
			if (!target) return;
			const style = await styleOf(ctx, deps);
			await replyAll(ctx, formatListReply(await core.commands.list(target), now(), false, style));
		}),
	);

	bot.command(
		"latest",
		gated(async (ctx) => {
			const target = targetOf(ctx);
			if (!target) return;
			const parsed = parseLatestArgs(ctx.match);
			const style = await styleOf(ctx, deps);
			if (!parsed.ok) return replyAll(ctx, [translator(style.locale, escapeHtml)("latest.usage")]);
			const args = await limitForMembers(ctx, parsed, log);
			// Ten full summaries would need several messages; shorter ones keep /latest to one.
			const limit = Math.min(deps.summaryLimit, Math.max(200, Math.floor(3000 / args.count)));
			const reply = await core.commands.latest(target, args.url, args.count, limit);
			await replyAll(ctx, formatLatestReply(reply, args, style));
		}),
	);

	registerSettingsCommands(bot, {
		core,
		log,
		gated,
		targetOf,
		actorOf,
		cannotCheckAdmin: async (ctx) => cannotCheckAdmin(await styleOf(ctx, deps)),
		localeOf: async (ctx) => (await styleOf(ctx, deps)).locale,
		now: () => now().getTime(),
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
			const style = await chatStyle(target, deps, log, { now: now() });
			await replyAll(ctx, [formatHelp({ ...style, isGroup: true })]);
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
			const say = translator((await styleOf(ctx, deps)).locale, escapeHtml);
			const hint = text.startsWith("/")
				? say("private.unknown-command")
				: /https?:\/\//i.test(text)
					? say("private.url-hint")
					: say("private.help-hint");
			await replyAll(ctx, [hint]);
		}),
	);
}

/**
 * In a group, a member who is not an admin gets at most LATEST_DEFAULT entries, so one member cannot
 * flood everyone with ten full entries. Limited in place rather than answered privately: a bot may
 * only write to users who started a private chat with it, which most group members never did.
 */
async function limitForMembers<A extends LatestRequest>(
	ctx: Context,
	args: A,
	log: Logger,
): Promise<A> {
	const type = ctx.chat?.type;
	if ((type !== "group" && type !== "supergroup") || args.count <= LATEST_DEFAULT) return args;
	const actor = await actorOf(ctx, log);
	// Unknown rights count as a member's: the cheaper answer is the safe one.
	if (actor?.canManage) return args;
	return { ...args, count: LATEST_DEFAULT, membersLimit: LATEST_DEFAULT };
}
