/**
 * The /settings inline keyboard: a home screen listing the chat's blogs, and one screen per blog
 * (or the chat's defaults) whose buttons choose each setting. Every tap is answered
 * (answerCallbackQuery) and the same message is edited in place. Taps change settings through the
 * same text grammar as the typed commands, so both are checked the same way.
 */
import { type Bot, type Context, InlineKeyboard } from "grammy";
import {
	LANGUAGES,
	type Logger,
	parseLanguageArgs,
	parseSettingsArgs,
	SETTINGS_TEXT,
	type SettingsCommands,
	type SettingsView,
	type SubscriptionSettings,
	type Target,
} from "../../src/index.js";
import { escapeHtml } from "./format.js";
import { formatSettingsReply } from "./settings-commands.js";

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
}

/** The screen a message shows: home, or one blog's (or the defaults') settings. */
type Screen = { kind: "home" } | { kind: "scope"; key: string };

const mark = (on: boolean, label: string) => (on ? `• ${label}` : label);
const onOff = (v: boolean) => (v ? "on" : "off");

/** Text and keyboard of a screen. */
export function renderScreen(
	view: SettingsView,
	screen: Screen,
): { text: string; keyboard: InlineKeyboard } {
	const kb = new InlineKeyboard();
	if (screen.kind === "home") {
		const lines = [
			`<b>Settings</b> — ${escapeHtml(view.blogs.length ? "pick a blog, or the defaults for this chat." : "this chat follows no blog yet; defaults apply to blogs followed later.")}`,
		];
		for (const b of view.blogs) {
			kb.text(truncate(`${b.n}. ${b.blog.title}`, 60), `${PREFIX}:o:${b.blogKey}`).row();
		}
		kb.text("Defaults for this chat", `${PREFIX}:o:${DEFAULTS}`).row();
		// The bot's language for this chat (entry text is never translated).
		for (const code of LANGUAGES) {
			kb.text(mark(view.chat.language === code, code), `${PREFIX}:l:${DEFAULTS}:${code}`);
		}
		return { text: lines.join("\n"), keyboard: kb };
	}
	const blog = view.blogs.find((b) => b.blogKey === screen.key);
	const s: SubscriptionSettings = blog?.settings ?? view.defaults;
	const key = blog ? blog.blogKey : DEFAULTS;
	const title = blog ? `${blog.n}. ${blog.blog.title}` : "Defaults for this chat";
	const cb = (action: string, value = "") =>
		`${PREFIX}:${action}:${key}${value ? `:${value}` : ""}`;
	kb.text(mark(s.mode.kind === "all", "Every entry"), cb("m", "all"))
		.text(mark(s.mode.kind === "key", "Key events"), cb("m", "key"))
		.row();
	for (const minutes of [15, 30, 60, 120]) {
		const on = s.mode.kind === "digest" && s.mode.minutes === minutes;
		kb.text(mark(on, `Digest ${minutes}′`), cb("m", String(minutes)));
	}
	kb.row()
		.text(`Edits: ${onOff(s.edits)}`, cb("t", "edits"))
		.text(`Pin key events: ${onOff(s.pinKeyEvents)}`, cb("t", "pin"))
		.row();
	for (const r of ["strike", "delete", "off"] as const) {
		kb.text(mark(s.retractions === r, `Retracted: ${r}`), cb("r", r));
	}
	kb.row()
		.text(`Key events pass keywords: ${onOff(s.keyEventsPass)}`, cb("t", "keyevents"))
		.row()
		.text(`Key events break quiet: ${onOff(s.quietBreak)}`, cb("t", "breakthrough"))
		.row();
	if (s.quiet) kb.text(`Quiet ${s.quiet.from}–${s.quiet.to}: turn off`, cb("q", "off")).row();
	kb.text("Reset", cb("x")).text("« Back", `${PREFIX}:h`);
	const scopeArg = blog ? String(blog.n) : "default";
	const text = [
		`<b>${escapeHtml(title)}</b>`,
		escapeHtml(describe(s)),
		"",
		escapeHtml(
			`Keywords: /keywords ${scopeArg} +word -word · quiet hours: /quiet ${scopeArg} 23:00 07:00`,
		),
	].join("\n");
	return { text, keyboard: kb };
}

function describe(s: SubscriptionSettings): string {
	const words = [...s.include.map((w) => `+${w}`), ...s.exclude.map((w) => `−${w}`)].join(" ");
	return `Keywords: ${words || "none"} · quiet hours: ${s.quiet ? `${s.quiet.from}–${s.quiet.to}` : "none"}`;
}

function truncate(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Sends the home screen as a new message (bare /settings). */
export async function sendSettingsKeyboard(
	ctx: Context,
	settings: SettingsCommands,
	target: Target,
): Promise<void> {
	const { text, keyboard } = renderScreen(await settings.view(target), { kind: "home" });
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
			// A language tap stands for /language (its own grammar, below).
			return `language ${value}`;
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
async function mayChange(ctx: Context, log: Logger): Promise<boolean | undefined> {
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
				let view = await settings.view(target);
				let screen: Screen =
					action === "h" || action === "l" ? { kind: "home" } : { kind: "scope", key };
				const command = commandOfTap(view, action, key, value);
				if (command !== undefined) {
					const allowed = await mayChange(ctx, log);
					const parsed = command.startsWith("language ")
						? parseLanguageArgs(command.slice("language ".length))
						: parseSettingsArgs(command);
					if (allowed !== true) {
						notice =
							allowed === undefined
								? SETTINGS_TEXT.cannotCheckAdminTap
								: SETTINGS_TEXT.adminsOnlyTap;
						alert = true;
					} else if (!parsed.ok) {
						notice = parsed.message;
						alert = true;
					} else {
						const reply = await settings.run(
							target,
							{ canManage: true, userId: String(ctx.from?.id) },
							parsed.request,
						);
						if (reply.kind === "refused") {
							notice = reply.message;
							alert = true;
						} else {
							view = reply.view;
							notice = formatSettingsReply(reply)
								.replace(/<[^>]+>/g, "")
								.slice(0, 190);
						}
					}
				}
				// A blog unfollowed since the keyboard was sent: back to the list.
				const shownKey = screen.kind === "scope" ? screen.key : DEFAULTS;
				if (shownKey !== DEFAULTS && !view.blogs.some((b) => b.blogKey === shownKey)) {
					screen = { kind: "home" };
				}
				const { text, keyboard } = renderScreen(view, screen);
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
					.answerCallbackQuery(notice ? { text: notice, show_alert: alert } : {})
					.catch((error: unknown) => log.warn({ err: error }, "answerCallbackQuery failed"));
			}
		}),
	);
}
