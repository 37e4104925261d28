/**
 * Typed values from the /settings keyboard: "Keywords…" and "Quiet hours…" send a question with
 * ForceReply, and the answer is taken as `/settings <scope> keywords|quiet <answer>` — the same
 * grammar and checks as the typed commands, so an invalid answer gets a plain reply and changes
 * nothing. An answer counts when it replies to the question, or (private chats only, where nobody
 * else talks) is the asker's next plain message; within PROMPT_MINUTES, else it is ordinary chat.
 * The open questions live in this process: a restart forgets them and the user taps again.
 */
import type { Context, NextFunction } from "grammy";
import {
	type Locale,
	type Logger,
	parseSettingsArgs,
	type SettingsCommands,
	type Target,
	t,
} from "../../src/index.js";
import { escapeHtml } from "./format.js";
import { formatSettingsReply } from "./settings-commands.js";
import { mayChange } from "./settings-keyboard.js";

/** How long an answer is waited for. */
export const PROMPT_MINUTES = 5;
/** At most this many open questions are kept (oldest dropped first): a bound on memory. */
const MAX_OPEN = 10_000;

/** What is asked: a blog's keywords or quiet hours, or the chat's defaults'. */
export type PromptKind = "keywords" | "quiet";

/** The settings a question is about: its scope word in the grammar ("2", "default") and its name. */
export interface PromptScope {
	arg: string;
	name: string;
}

interface OpenQuestion {
	kind: PromptKind;
	scope: string;
	questionId: number;
	until: number;
}

/** Questions asked from the keyboard, and the middleware that takes their answers. */
export interface SettingsPrompts {
	/** Sends the question; returns a notice for the tap when it could not be asked. */
	ask(
		ctx: Context,
		kind: PromptKind,
		scope: PromptScope,
		locale: Locale,
	): Promise<string | undefined>;
	/** Takes an answer to an open question; anything else goes on to the next handler. */
	middleware(ctx: Context, next: NextFunction): Promise<void>;
}

/** What the prompts need. */
export interface SettingsPromptDeps {
	settings: SettingsCommands;
	log: Logger;
	targetOf: (ctx: Context) => Target | undefined;
	localeOf: (ctx: Context) => Promise<Locale>;
	/** The clock (tests inject one). */
	now?: () => number;
}

/** Creates the question memory of one bot. */
export function createSettingsPrompts(deps: SettingsPromptDeps): SettingsPrompts {
	const open = new Map<string, OpenQuestion>();
	const now = deps.now ?? Date.now;
	const keyOf = (chatId: number, userId: number) => `${chatId}:${userId}`;

	return {
		async ask(ctx, kind, scope, locale) {
			const chat = ctx.chat;
			const from = ctx.from;
			// A channel's posts carry no sender to wait for: the text commands are the way there.
			if (!chat || !from || chat.type === "channel") {
				return t(locale, kind === "quiet" ? "settings.quiet-usage" : "settings.keywords-usage");
			}
			const text = t(locale, kind === "quiet" ? "keyboard.ask-quiet" : "keyboard.ask-keywords", {
				scope: scope.name,
				minutes: PROMPT_MINUTES,
			});
			// Times are written the same in every language.
			const placeholder = kind === "quiet" ? "23:00 07:00" : t(locale, "keyboard.ask-placeholder");
			const sent = await ctx.api.sendMessage(chat.id, escapeHtml(text), {
				parse_mode: "HTML",
				// selective: in a group only the one who tapped is asked.
				reply_markup: { force_reply: true, selective: true, input_field_placeholder: placeholder },
				...(ctx.callbackQuery?.message?.message_thread_id
					? { message_thread_id: ctx.callbackQuery.message.message_thread_id }
					: {}),
			});
			const key = keyOf(chat.id, from.id);
			open.delete(key);
			if (open.size >= MAX_OPEN) {
				const oldest = open.keys().next().value;
				if (oldest !== undefined) open.delete(oldest);
			}
			open.set(key, {
				kind,
				scope: scope.arg,
				questionId: sent.message_id,
				until: now() + PROMPT_MINUTES * 60_000,
			});
			return undefined;
		},

		async middleware(ctx, next) {
			const message = ctx.message;
			const chat = ctx.chat;
			const from = ctx.from;
			// A command is a command, even sent as a reply.
			if (!message?.text || message.text.startsWith("/") || !chat || !from) return next();
			const key = keyOf(chat.id, from.id);
			const question = open.get(key);
			if (!question) return next();
			if (question.until < now()) {
				open.delete(key);
				return next();
			}
			const isReply = message.reply_to_message?.message_id === question.questionId;
			const isNext = chat.type === "private";
			if (!isReply && !isNext) return next();
			open.delete(key);
			const target = deps.targetOf(ctx);
			if (!target) return;
			const answer = (html: string) =>
				ctx.reply(html, {
					parse_mode: "HTML",
					reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
				});
			// Rights may have changed since the tap (a demoted admin).
			const allowed = await mayChange(ctx, deps.log);
			const locale = await deps.localeOf(ctx);
			if (allowed !== true) {
				const refusal =
					allowed === undefined ? "settings.cannot-check-admin-tap" : "settings.admins-only-tap";
				await answer(`⚠️ ${escapeHtml(t(locale, refusal))}`);
				return;
			}
			const parsed = parseSettingsArgs(
				`${question.scope} ${question.kind} ${message.text.slice(0, 1500)}`,
			);
			if (!parsed.ok) {
				await answer(`⚠️ ${escapeHtml(parsed.message(locale))}`);
				return;
			}
			const reply = await deps.settings.run(
				target,
				{ canManage: true, userId: String(from.id) },
				parsed.request,
			);
			await answer(formatSettingsReply(reply, locale));
		},
	};
}
