/**
 * Discord's /settings: subcommands with choices, the blog picked by the `url` option (which
 * autocompletes like /unfollow's), or the channel's defaults when left out. Options are turned into
 * the same text grammar Telegram uses, so both platforms check values the same way. Anyone may view;
 * changes need Manage Channels. Every reply is ephemeral.
 */
import {
	type ChatInputCommandInteraction,
	InteractionContextType,
	MessageFlags,
	PermissionFlagsBits,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
	SlashCommandBuilder,
	type SlashCommandSubcommandBuilder,
} from "discord.js";
import {
	LANGUAGES,
	type Logger,
	type ParsedRequest,
	parseLanguageArgs,
	parseSettingsArgs,
	parseTimeZoneArgs,
	type RelayCore,
	SETTINGS_TEXT,
	type SettingsReply,
	type Target,
} from "../../src/index.js";
import { NO_MENTIONS, truncate } from "./format.js";

const blogOption = (s: SlashCommandSubcommandBuilder) =>
	s.addStringOption((o) =>
		o
			.setName("url")
			.setDescription("The blog (leave out for this channel's defaults)")
			.setMaxLength(2000)
			.setAutocomplete(true),
	);

const onOff = [
	{ name: "on", value: "on" },
	{ name: "off", value: "off" },
];

/** The /settings definition. */
export const SETTINGS_DEFINITION: RESTPostAPIChatInputApplicationCommandsJSONBody =
	new SlashCommandBuilder()
		.setName("settings")
		.setDescription("What and when each followed blog posts in this channel")
		.setContexts(InteractionContextType.Guild)
		.addSubcommand((s) => blogOption(s.setName("view").setDescription("Show the settings")))
		.addSubcommand((s) =>
			blogOption(
				s.setName("mode").setDescription("Every entry, key events only, or a digest"),
			).addStringOption((o) =>
				o
					.setName("mode")
					.setDescription("What to post")
					.setRequired(true)
					.addChoices(
						{ name: "every entry", value: "all" },
						{ name: "key events only", value: "key" },
						{ name: "digest every 15 minutes", value: "digest 15" },
						{ name: "digest every 30 minutes", value: "digest 30" },
						{ name: "digest every hour", value: "digest 60" },
						{ name: "digest every 2 hours", value: "digest 120" },
					),
			),
		)
		.addSubcommand((s) =>
			blogOption(s.setName("keywords").setDescription("Only entries with (or without) these words"))
				.addStringOption((o) =>
					o
						.setName("include")
						.setDescription('Words or "quoted phrases" an entry must contain')
						.setMaxLength(500),
				)
				.addStringOption((o) =>
					o
						.setName("exclude")
						.setDescription('Words or "quoted phrases" that rule an entry out')
						.setMaxLength(500),
				)
				.addBooleanOption((o) => o.setName("clear").setDescription("Empty both lists first")),
		)
		.addSubcommand((s) =>
			blogOption(
				s.setName("quiet").setDescription("Hold entries during quiet hours, then send one digest"),
			)
				.addStringOption((o) =>
					o.setName("from").setDescription("Start, e.g. 23:00").setMaxLength(5),
				)
				.addStringOption((o) => o.setName("to").setDescription("End, e.g. 07:00").setMaxLength(5))
				.addBooleanOption((o) => o.setName("off").setDescription("No quiet hours")),
		)
		.addSubcommand((s) =>
			blogOption(s.setName("keyevents").setDescription("How key events are treated"))
				.addStringOption((o) =>
					o
						.setName("pass")
						.setDescription("Key events pass the keyword lists")
						.addChoices(...onOff),
				)
				.addStringOption((o) =>
					o
						.setName("breakthrough")
						.setDescription("Key events break through quiet hours")
						.addChoices(...onOff),
				),
		)
		.addSubcommand((s) =>
			blogOption(s.setName("changes").setDescription("Edits, retractions and pins"))
				.addStringOption((o) =>
					o
						.setName("edits")
						.setDescription("Edit posts when entries change")
						.addChoices(...onOff),
				)
				.addStringOption((o) =>
					o
						.setName("retractions")
						.setDescription("A retracted entry's post is…")
						.addChoices(
							{ name: "struck through", value: "strike" },
							{ name: "deleted", value: "delete" },
							{ name: "left alone", value: "off" },
						),
				)
				.addStringOption((o) =>
					o
						.setName("pin")
						.setDescription("Pin key events")
						.addChoices(...onOff),
				),
		)
		.addSubcommand((s) => blogOption(s.setName("reset").setDescription("Back to the defaults")))
		.addSubcommand((s) =>
			s
				.setName("timezone")
				.setDescription("Time zone of the times the bot shows here")
				.addStringOption((o) =>
					o
						.setName("zone")
						.setDescription("IANA name, e.g. Europe/Kyiv, or reset")
						.setRequired(true)
						.setMaxLength(64),
				),
		)
		.addSubcommand((s) =>
			s
				.setName("language")
				.setDescription("Language of the bot's own words here")
				.addStringOption((o) =>
					o
						.setName("language")
						.setDescription("Default: your Discord language")
						.setRequired(true)
						.addChoices(...LANGUAGES.map((code) => ({ name: code, value: code })), {
							name: "default",
							value: "reset",
						}),
				),
		)
		.toJSON();

/** What the handler needs. */
export interface SettingsCommandContext {
	core: RelayCore;
	log: Logger;
}

/** The scope word of the text grammar for the `url` option: "default", or the blog's number. */
async function scopeOf(
	interaction: ChatInputCommandInteraction,
	ctx: SettingsCommandContext,
	target: Target,
): Promise<string | { error: string }> {
	const value = interaction.options.getString("url")?.trim();
	if (!value) return "default";
	if (/^\d{1,3}$/.test(value)) return value;
	const view = await ctx.core.settings?.view(target);
	const wanted = comparableUrl(value);
	const blog = view?.blogs.find((b) => comparableUrl(b.blog.url) === wanted);
	return blog ? String(blog.n) : { error: SETTINGS_TEXT.notFollowedHere };
}

/** Text-grammar requests the options stand for (one per changed setting). */
function requestsOf(
	interaction: ChatInputCommandInteraction,
	scope: string,
): ParsedRequest[] | string {
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
			if (!all) return SETTINGS_TEXT.keywordsMissing;
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
			return SETTINGS_TEXT.unknownPart;
	}
	if (!texts.length) return SETTINGS_TEXT.nothingChosen;
	return texts.map((t) => parseSettingsArgs(`${scope} ${t}`));
}

/** A settings reply as plain Discord content (markdown-safe lines). */
export function formatSettingsContent(reply: SettingsReply): string {
	if (reply.kind === "refused") return reply.message;
	const [first = "", ...rest] = reply.lines.map((l) => l.replace(/[*_~`|>[\]]/g, "\\$&"));
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
	const settings = ctx.core.settings;
	if (!settings) return void (await answer(SETTINGS_TEXT.unavailable));
	const target: Target = { platform: "discord", id: interaction.channelId };
	const scope = await scopeOf(interaction, ctx, target);
	if (typeof scope !== "string") return void (await answer(scope.error));
	const requests = requestsOf(interaction, scope);
	if (typeof requests === "string") return void (await answer(requests));
	const bad = requests.find((r) => !r.ok);
	if (bad && !bad.ok) return void (await answer(bad.message));
	const canManage = interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
	const actor = {
		userId: interaction.user.id,
		guildId: interaction.guildId ?? undefined,
		canManage,
	};
	const out: string[] = [];
	// All checked before the first is applied: one invalid option changes nothing.
	for (const parsed of requests) {
		if (!parsed.ok) continue;
		const reply = await settings.run(target, actor, parsed.request);
		out.push(formatSettingsContent(reply));
		if (reply.kind === "refused") break;
	}
	await answer(out.join("\n"));
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
