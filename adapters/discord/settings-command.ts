/**
 * Discord's /settings: subcommands with choices, the blog picked by the `url` option (which
 * autocompletes like /unfollow's), or the channel's defaults when left out. Options are turned into
 * the same text grammar Telegram uses, so both platforms check values the same way. Anyone may view;
 * changes need Manage Channels. Every reply is ephemeral.
 */
import { type ChatInputCommandInteraction, MessageFlags, PermissionFlagsBits } from "discord.js";
import {
	type ChatStylePorts,
	chatStyle,
	type Locale,
	type Logger,
	type ParsedRequest,
	parseLanguageArgs,
	parseSettingsArgs,
	parseTimeZoneArgs,
	type RelayCore,
	type Said,
	type SettingsReply,
	said,
	type Target,
} from "../../src/index.js";
import { NO_MENTIONS, truncate } from "./format.js";

/** What the handler needs. */
export interface SettingsCommandContext extends ChatStylePorts {
	core: RelayCore;
	log: Logger;
}

/** The scope word of the text grammar for the `url` option: "default", or the blog's number. */
async function scopeOf(
	interaction: ChatInputCommandInteraction,
	ctx: SettingsCommandContext,
	target: Target,
): Promise<string | { error: Said }> {
	const value = interaction.options.getString("url")?.trim();
	if (!value) return "default";
	if (/^\d{1,3}$/.test(value)) return value;
	const view = await ctx.core.settings?.view(target);
	const wanted = comparableUrl(value);
	const blog = view?.blogs.find((b) => comparableUrl(b.blog.url) === wanted);
	return blog ? String(blog.n) : { error: said("settings.not-followed-here") };
}

/** Text-grammar requests the options stand for (one per changed setting). */
function requestsOf(
	interaction: ChatInputCommandInteraction,
	scope: string,
): ParsedRequest[] | Said {
	const o = interaction.options;
	const sub = o.getSubcommand();
	const texts: string[] = [];
	switch (sub) {
		case "view":
			return [parseSettingsArgs(scope === "default" ? "" : scope)];
		case "mode":
			texts.push(`mode ${o.getString("mode", true)}`);
			break;
		case "keywords": {
			const words = (text: string | null, sign: string) =>
				(text ?? "")
					.match(/"[^"]*"|“[^”]*”|\S+/g)
					?.map((w) => `${sign}${w.replace(/^[+-]/, "")}`)
					.join(" ") ?? "";
			const all = [
				o.getBoolean("clear") ? "clear" : "",
				words(o.getString("include"), "+"),
				words(o.getString("exclude"), "-"),
			]
				.filter(Boolean)
				.join(" ");
			if (!all) return said("settings.keywords-missing");
			texts.push(`keywords ${all}`);
			break;
		}
		case "quiet":
			if (o.getBoolean("off")) texts.push("quiet off");
			else texts.push(`quiet ${o.getString("from") ?? ""} ${o.getString("to") ?? ""}`);
			break;
		case "keyevents":
			for (const [name, word] of [
				["pass", "keyevents"],
				["breakthrough", "breakthrough"],
			] as const) {
				const v = o.getString(name);
				if (v) texts.push(`${word} ${v}`);
			}
			break;
		case "changes":
			for (const name of ["edits", "retractions", "pin"] as const) {
				const v = o.getString(name);
				if (v) texts.push(`${name} ${v}`);
			}
			break;
		case "reset":
			texts.push("reset");
			break;
		case "timezone":
			return [parseTimeZoneArgs(o.getString("zone", true))];
		case "language":
			return [parseLanguageArgs(o.getString("language", true))];
		default:
			return said("settings.unknown-part");
	}
	if (!texts.length) return said("settings.nothing-chosen");
	return texts.map((t) => parseSettingsArgs(`${scope} ${t}`));
}

/** A settings reply as plain Discord content in `locale` (markdown-safe lines). */
export function formatSettingsContent(reply: SettingsReply, locale: Locale): string {
	if (reply.kind === "refused") return reply.message(locale);
	const [first = "", ...rest] = reply.lines.map((l) => l(locale).replace(/[*_~`|>[\]]/g, "\\$&"));
	return truncate(
		[reply.kind === "view" ? `**${first}**` : `✅ ${first}`, ...rest].join("\n"),
		2000,
	);
}

/** Handles /settings; every answer is ephemeral. */
export async function handleSettingsCommand(
	interaction: ChatInputCommandInteraction,
	ctx: SettingsCommandContext,
): Promise<void> {
	const answer = (content: string) =>
		interaction.reply({
			content: truncate(content, 2000),
			flags: MessageFlags.Ephemeral,
			allowedMentions: NO_MENTIONS,
		});
	const target: Target = { platform: "discord", id: interaction.channelId };
	// The channel's language, else the user's client's: asked again after a change of language.
	const localeNow = async () =>
		(await chatStyle(target, ctx, ctx.log, { fallbackLocale: interaction.locale })).locale;
	const refuse = async (message: Said) => void (await answer(message(await localeNow())));
	const settings = ctx.core.settings;
	if (!settings) return refuse(said("settings.unavailable"));
	const scope = await scopeOf(interaction, ctx, target);
	if (typeof scope !== "string") return refuse(scope.error);
	const requests = requestsOf(interaction, scope);
	if (typeof requests === "function") return refuse(requests);
	const bad = requests.find((r) => !r.ok);
	if (bad && !bad.ok) return refuse(bad.message);
	const canManage = interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
	const actor = {
		userId: interaction.user.id,
		guildId: interaction.guildId ?? undefined,
		canManage,
	};
	const replies: SettingsReply[] = [];
	// All checked before the first is applied: one invalid option changes nothing.
	for (const parsed of requests) {
		if (!parsed.ok) continue;
		const reply = await settings.run(target, actor, parsed.request);
		replies.push(reply);
		if (reply.kind === "refused") break;
	}
	const locale = await localeNow();
	await answer(replies.map((reply) => formatSettingsContent(reply, locale)).join("\n"));
}

/** A URL without scheme, "www." and trailing slashes, lower-cased: how a typed blog address is matched. */
function comparableUrl(url: string): string {
	let end = url.length;
	// A loop, not /\/+$/: a pattern scanning for a trailing run is quadratic on hostile input.
	while (end > 0 && url[end - 1] === "/") end--;
	return url
		.slice(0, end)
		.replace(/^https?:\/\/(www\.)?/i, "")
		.toLowerCase();
}
