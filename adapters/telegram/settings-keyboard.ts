/**
 * The /settings inline keyboard: a home screen listing the chat's blogs, and one screen per blog
 * (or the chat's defaults) whose buttons choose each setting. Every tap is answered
 * (answerCallbackQuery) and the same message is edited in place. Taps change settings through the
 * same text grammar as the typed commands, so both are checked the same way. Keywords and quiet
 * hours are asked for in a message of their own (settings-prompts.ts); the time zone has a screen of
 * common zones (any other is typed with /timezone). Every word is the catalogue's, in the chat's language.
 */
import { type Bot, type Context, InlineKeyboard } from "grammy";
import {
	describeSettingsLine,
	keywordList,
	LANGUAGES,
	type Locale,
	type Logger,
	type ParsedRequest,
	parseLanguageArgs,
	parseSettingsArgs,
	parseTimeZoneArgs,
	type SettingsCommands,
	type SettingsView,
	type SubscriptionSettings,
	type Target,
	t,
	translator,
} from "../../src/index.js";
import { escapeHtml } from "./format.js";
import { formatSettingsReply } from "./settings-commands.js";
import type { SettingsPrompts } from "./settings-prompts.js";

/** Prefix of every callback_data this keyboard sends (64 bytes at most in all). */
const PREFIX = "st";
/** Scope of the chat's defaults in callback data (a blog is named by its key). */
const DEFAULTS = "-";

/** What the keyboard needs. */
export interface SettingsKeyboardDeps {
	settings: SettingsCommands;
	log: Logger;
	gated: <C extends Context>(handler: (ctx: C) => Promise<unknown>) => (ctx: C) => Promise<void>;
	targetOf: (ctx: Context) => Target | undefined;
	/** The chat's language. */
	localeOf: (ctx: Context) => Promise<Locale>;
	/** Asks for typed values (keywords, quiet hours) and takes the answer. */
	prompts: SettingsPrompts;
}

/** The screen a message shows: home, the chat's time zone, or one blog's (or the defaults') settings. */
type Screen = { kind: "home" } | { kind: "zones" } | { kind: "scope"; key: string };

/** Zones offered as buttons (any other is typed: /timezone Europe/Paris). */
export const COMMON_ZONES = [
	"UTC",
	"Europe/London",
	"Europe/Paris",
	"Europe/Berlin",
	"Europe/Madrid",
	"Europe/Kyiv",
	"America/New_York",
	"America/Chicago",
	"America/Los_Angeles",
	"America/Sao_Paulo",
	"Asia/Kolkata",
	"Asia/Tokyo",
	"Australia/Sydney",
] as const;

const mark = (on: boolean, label: string) => (on ? `• ${label}` : label);

/** Text and keyboard of a screen, in `locale`. */
export function renderScreen(
	view: SettingsView,
	screen: Screen,
	locale: Locale,
): { text: string; keyboard: InlineKeyboard } {
	const say = translator(locale);
	const state = (on: boolean) => say(on ? "settings.on" : "settings.off");
	const kb = new InlineKeyboard();
	const zone = view.chat.timeZone ?? "UTC";
	if (screen.kind === "home") {
		const text = `<b>${escapeHtml(say("keyboard.title"))}</b> — ${escapeHtml(say(view.blogs.length ? "keyboard.pick" : "keyboard.empty"))}`;
		for (const b of view.blogs) {
			kb.text(truncate(`${b.n}. ${b.blog.title}`, 60), `${PREFIX}:o:${b.blogKey}`).row();
		}
		kb.text(say("keyboard.defaults"), `${PREFIX}:o:${DEFAULTS}`).row();
		kb.text(say("keyboard.timezone", { zone }), `${PREFIX}:z:${DEFAULTS}`).row();
		// The bot's language for this chat (entry text is never translated).
		for (const code of LANGUAGES) {
			kb.text(mark(view.chat.language === code, code), `${PREFIX}:l:${DEFAULTS}:${code}`);
		}
		return { text, keyboard: kb };
	}
	if (screen.kind === "zones") {
		COMMON_ZONES.forEach((name, i) => {
			kb.text(mark(zone === name, name), `${PREFIX}:Z:${DEFAULTS}:${i}`);
			if (i % 2 === 0) kb.row();
		});
		kb.row().text(say("keyboard.back"), `${PREFIX}:h`);
		return { text: escapeHtml(say("keyboard.timezone-title", { zone })), keyboard: kb };
	}
	const blog = view.blogs.find((b) => b.blogKey === screen.key);
	const s: SubscriptionSettings = blog?.settings ?? view.defaults;
	const key = blog ? blog.blogKey : DEFAULTS;
	const title = blog ? `${blog.n}. ${blog.blog.title}` : say("keyboard.defaults");
	const cb = (action: string, value = "") =>
		`${PREFIX}:${action}:${key}${value ? `:${value}` : ""}`;
	kb.text(mark(s.mode.kind === "all", say("keyboard.every")), cb("m", "all"))
		.text(mark(s.mode.kind === "key", say("keyboard.key")), cb("m", "key"))
		.row();
	for (const minutes of [15, 30, 60, 120]) {
		const on = s.mode.kind === "digest" && s.mode.minutes === minutes;
		kb.text(mark(on, say("keyboard.digest", { minutes })), cb("m", String(minutes)));
	}
	kb.row()
		.text(say("keyboard.edits", { state: state(s.edits) }), cb("t", "edits"))
		.text(say("keyboard.pin", { state: state(s.pinKeyEvents) }), cb("t", "pin"))
		.row();
	for (const r of ["strike", "delete", "off"] as const) {
		const how = say(`settings.retraction.${r}`);
		kb.text(mark(s.retractions === r, say("keyboard.retracted", { how })), cb("r", r));
	}
	kb.row()
		.text(say("keyboard.keyevents-pass", { state: state(s.keyEventsPass) }), cb("t", "keyevents"))
		.row()
		.text(say("keyboard.break", { state: state(s.quietBreak) }), cb("t", "breakthrough"))
		.row()
		.text(say("keyboard.set-keywords"), cb("a", "keywords"))
		.text(say("keyboard.set-quiet"), cb("a", "quiet"))
		.row();
	if (s.quiet) {
		kb.text(
			say("keyboard.quiet-off", { from: s.quiet.from, to: s.quiet.to }),
			cb("q", "off"),
		).row();
	}
	kb.text(say("keyboard.reset"), cb("x")).text(say("keyboard.back"), `${PREFIX}:h`);
	const summary = say("keyboard.summary", {
		keywords: keywordList(s) || say("settings.none"),
		quiet: s.quiet ? `${s.quiet.from}–${s.quiet.to}` : say("settings.none"),
	});
	const text = [
		`<b>${escapeHtml(title)}</b>`,
		escapeHtml(describeSettingsLine(s, locale)),
		"",
		escapeHtml(summary),
	].join("\n");
	return { text, keyboard: kb };
}

function truncate(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Sends the home screen as a new message (bare /settings). */
export async function sendSettingsKeyboard(
	ctx: Context,
	settings: SettingsCommands,
	target: Target,
	locale: Locale,
): Promise<void> {
	const { text, keyboard } = renderScreen(await settings.view(target), { kind: "home" }, locale);
	await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

/** The text command a tap stands for, or undefined for navigation. */
function commandOfTap(
	view: SettingsView,
	action: string,
	key: string,
	value: string | undefined,
): string | undefined {
	const blog = view.blogs.find((b) => b.blogKey === key);
	const scope = blog ? String(blog.n) : "default";
	const s = blog?.settings ?? view.defaults;
	switch (action) {
		case "m":
			return value === "all" || value === "key"
				? `${scope} mode ${value}`
				: `${scope} mode digest ${value}`;
		case "r":
			return `${scope} retractions ${value}`;
		case "q":
			return `${scope} quiet off`;
		case "l":
			// A language or zone tap stands for /language or /timezone (their own grammars, below).
			return `language ${value}`;
		case "Z": {
			const zone = COMMON_ZONES[Number(value)];
			return zone ? `timezone ${zone}` : undefined;
		}
		case "x":
			return `${scope} reset`;
		case "t": {
			const current = {
				edits: s.edits,
				pin: s.pinKeyEvents,
				keyevents: s.keyEventsPass,
				breakthrough: s.quietBreak,
			}[value as "edits" | "pin" | "keyevents" | "breakthrough"];
			return current === undefined ? undefined : `${scope} ${value} ${current ? "off" : "on"}`;
		}
		default:
			return undefined;
	}
}

/** Whether the user who tapped may change settings here (channels: their admins, not readers). */
export async function mayChange(ctx: Context, log: Logger): Promise<boolean | undefined> {
	if (ctx.chat?.type === "private") return true;
	if (!ctx.from) return false;
	try {
		const member = await ctx.getChatMember(ctx.from.id);
		return member.status === "creator" || member.status === "administrator";
	} catch (error) {
		log.warn({ err: error, chat: ctx.chat?.id }, "getChatMember failed on a settings tap");
		return undefined;
	}
}

/** Registers the callback handler of the keyboard. */
export function registerSettingsKeyboard(bot: Bot, deps: SettingsKeyboardDeps): void {
	const { settings, log } = deps;
	bot.callbackQuery(
		new RegExp(`^${PREFIX}:`),
		deps.gated(async (ctx: Context) => {
			const target = deps.targetOf(ctx);
			const data = ctx.callbackQuery?.data ?? "";
			const [, action = "", key = DEFAULTS, value] = data.split(":");
			let notice: string | undefined;
			let alert = false;
			try {
				if (!target) return;
				let locale = await deps.localeOf(ctx);
				let view = await settings.view(target);
				let screen: Screen =
					action === "h" || action === "l"
						? { kind: "home" }
						: action === "z" || action === "Z"
							? { kind: "zones" }
							: { kind: "scope", key };
				const command = commandOfTap(view, action, key, value);
				if (command !== undefined || action === "a") {
					const allowed = await mayChange(ctx, log);
					if (allowed !== true) {
						notice = t(
							locale,
							allowed === undefined
								? "settings.cannot-check-admin-tap"
								: "settings.admins-only-tap",
						);
						alert = true;
					} else if (action === "a") {
						// Keywords and quiet hours are typed: ask for them in a message of their own.
						const blog = view.blogs.find((b) => b.blogKey === key);
						const kind = value === "quiet" ? "quiet" : "keywords";
						const scope = blog
							? { arg: String(blog.n), name: `${blog.n}. ${blog.blog.title}` }
							: { arg: "default", name: t(locale, "keyboard.defaults") };
						notice = await deps.prompts.ask(ctx, kind, scope, locale);
						alert = notice !== undefined;
					} else if (command !== undefined) {
						const parsed = parseTap(command);
						if (!parsed.ok) {
							notice = parsed.message(locale);
							alert = true;
						} else {
							const reply = await settings.run(
								target,
								{ canManage: true, userId: String(ctx.from?.id) },
								parsed.request,
							);
							// A language tap answers in the new language.
							locale = await deps.localeOf(ctx);
							if (reply.kind === "refused") {
								notice = reply.message(locale);
								alert = true;
							} else {
								view = reply.view;
								notice = formatSettingsReply(reply, locale)
									.replace(/<[^>]+>/g, "")
									.slice(0, 190);
							}
						}
					}
				}
				// A blog unfollowed since the keyboard was sent: back to the list.
				const shownKey = screen.kind === "scope" ? screen.key : DEFAULTS;
				if (shownKey !== DEFAULTS && !view.blogs.some((b) => b.blogKey === shownKey)) {
					screen = { kind: "home" };
				}
				const { text, keyboard } = renderScreen(view, screen, locale);
				await ctx
					.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard })
					.catch((error: unknown) => {
						// "message is not modified" (a tap that changed nothing) is expected; anything else is logged.
						if (!String(error).includes("message is not modified"))
							log.warn({ err: error }, "could not edit the settings keyboard");
					});
			} finally {
				// Always answered, so the user's client stops its spinner (Telegram waits for this).
				await ctx
					// Telegram takes at most 200 characters here (a usage line in German may be longer).
					.answerCallbackQuery(notice ? { text: truncate(notice, 200), show_alert: alert } : {})
					.catch((error: unknown) => log.warn({ err: error }, "answerCallbackQuery failed"));
			}
		}),
	);
}

/** Parses the text command a tap stands for with its command's grammar. */
function parseTap(command: string): ParsedRequest {
	if (command.startsWith("language ")) return parseLanguageArgs(command.slice("language ".length));
	if (command.startsWith("timezone ")) return parseTimeZoneArgs(command.slice("timezone ".length));
	return parseSettingsArgs(command);
}
