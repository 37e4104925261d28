/**
 * Telegram's settings commands: /settings (text forms, and the inline keyboard when bare),
 * /keywords, /quiet, /timezone and /language. Parsing and rules are the core's (settings-args,
 * core.settings); this renders replies and checks who may change (admins in groups; anyone views).
 */
import type { Bot, Context } from "grammy";
import type { BotCommand } from "grammy/types";
import {
	type CommandActor,
	type Locale,
	type Logger,
	type ParsedRequest,
	parseKeywordsArgs,
	parseLanguageArgs,
	parseQuietArgs,
	parseSettingsArgs,
	parseTimeZoneArgs,
	type RelayCore,
	type SettingsReply,
	type Target,
	t,
} from "../../src/index.js";
import { escapeHtml, NO_PREVIEW } from "./format.js";
import { registerSettingsKeyboard, sendSettingsKeyboard } from "./settings-keyboard.js";
import { createSettingsPrompts } from "./settings-prompts.js";

/** The settings commands in the command menu, in `locale`. */
export function settingsCommandsFor(locale: Locale): BotCommand[] {
	return [
		{ command: "settings", description: t(locale, "menu.settings") },
		{ command: "keywords", description: t(locale, "menu.keywords") },
		{ command: "quiet", description: t(locale, "menu.quiet") },
		{ command: "timezone", description: t(locale, "menu.timezone") },
		{ command: "language", description: t(locale, "menu.language") },
	];
}

/** What the settings handlers need from commands.ts. */
export interface SettingsCommandDeps {
	core: RelayCore;
	log: Logger;
	/** Runs the handler only for commands the gate admits. */
	gated: <C extends Context>(handler: (ctx: C) => Promise<unknown>) => (ctx: C) => Promise<void>;
	targetOf: (ctx: Context) => Target | undefined;
	actorOf: (ctx: Context, log: Logger) => Promise<CommandActor | undefined>;
	/** What to say (HTML, in the chat's language) when the admin check itself failed. */
	cannotCheckAdmin: (ctx: Context) => Promise<string>;
	/** The chat's language (its choice, else the user's app language in private chats, else English). */
	localeOf: (ctx: Context) => Promise<Locale>;
	/** The clock of the keyboard's questions. */
	now?: () => number;
}

/** A settings reply as Telegram HTML in `locale` (plain lines, escaped). */
export function formatSettingsReply(reply: SettingsReply, locale: Locale): string {
	if (reply.kind === "refused") return `⚠️ ${escapeHtml(reply.message(locale))}`;
	const [first = "", ...rest] = reply.lines.map((line) => line(locale));
	const head = reply.kind === "changed" ? `✅ ${escapeHtml(first)}` : `<b>${escapeHtml(first)}</b>`;
	return [head, ...rest.map(escapeHtml)].join("\n");
}

/** Registers the settings commands (before the private-chat fallback in commands.ts). */
export function registerSettingsCommands(bot: Bot, deps: SettingsCommandDeps): void {
	const { core, log } = deps;
	const settings = core.settings;
	if (!settings) return;

	const handle = (parse: (input: string) => ParsedRequest, keyboardWhenBare: boolean) =>
		deps.gated(async (ctx: Context) => {
			const target = deps.targetOf(ctx);
			if (!target) return;
			const input = typeof ctx.match === "string" ? ctx.match : "";
			const parsed = parse(input);
			const reply = async (text: string) => {
				await ctx.reply(text, { parse_mode: "HTML", link_preview_options: NO_PREVIEW });
			};
			if (!parsed.ok) return reply(`⚠️ ${escapeHtml(parsed.message(await deps.localeOf(ctx)))}`);
			const request = parsed.request;
			if (request.kind === "view" && !request.scope && keyboardWhenBare) {
				return sendSettingsKeyboard(ctx, settings, target, await deps.localeOf(ctx));
			}
			// Only a change needs to know who asks (a getChatMember call in groups).
			let actor: CommandActor | undefined;
			if (request.kind !== "view" && request.kind !== "show-chat") {
				actor = await deps.actorOf(ctx, log);
				if (!actor) return reply(await deps.cannotCheckAdmin(ctx));
			}
			const answer = await settings.run(target, actor, request);
			// Asked after the change: "/language de" is answered in German.
			return reply(formatSettingsReply(answer, await deps.localeOf(ctx)));
		});

	const prompts = createSettingsPrompts({ ...deps, settings });
	// Before the commands and the private-chat fallback: an answer to a keyboard question is taken here.
	bot.on("message:text", (ctx, next) => prompts.middleware(ctx, next));
	bot.command("settings", handle(parseSettingsArgs, true));
	bot.command("keywords", handle(parseKeywordsArgs, false));
	bot.command("quiet", handle(parseQuietArgs, false));
	bot.command("timezone", handle(parseTimeZoneArgs, false));
	bot.command("language", handle(parseLanguageArgs, false));
	registerSettingsKeyboard(bot, { ...deps, settings, prompts });
}
