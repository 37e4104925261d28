/**
 * Slash commands: definitions (discord.js builders) and handlers that parse input into core.commands
 * and render the replies. Changes (/follow, /unfollow) answer publicly; queries (/following, /latest)
 * and every refusal answer ephemerally, so only the person who asked sees them.
 */
import {
	type AutocompleteInteraction,
	type ChannelType,
	type ChatInputCommandInteraction,
	EmbedBuilder,
	type Interaction,
	type InteractionEditReplyOptions,
	MessageFlags,
	PermissionFlagsBits,
	PermissionsBitField,
} from "discord.js";
import {
	type BlogInfo,
	type ChatStyle,
	type ChatStylePorts,
	type CommandActor,
	chatStyle,
	clampLatestCount,
	type Logger,
	type RelayCore,
	type RelayError,
	type Target,
	type Translator,
	t,
	translator,
} from "../../src/index.js";
import { POSTABLE_CHANNEL_TYPES, THREAD_TYPES } from "./definitions.js";
import {
	blogLine,
	buildEmbed,
	formatBlogList,
	formatError,
	NO_MENTIONS,
	packEmbeds,
	truncate,
} from "./format.js";
import { handleSettingsCommand } from "./settings-command.js";
import { followThread } from "./thread-placement.js";

export { COMMAND_DEFINITIONS, POSTABLE_CHANNEL_TYPES } from "./definitions.js";

// Discord caps autocomplete at 25 choices of at most 100 characters (name and value).
const CHOICES_MAX = 25;
const CHOICE_LENGTH = 100;

/** The one notice per minute for a user (or channel) over the command limit (English). */
export const SLOW_DOWN = t("en", "gate.slow-down");
/** The one refusal per minute for someone outside the operator's allow-lists (English). */
export const NOT_ALLOWED = t("en", "gate.not-allowed-server");

/** What the handlers need from the adapter. */
export interface CommandContext extends ChatStylePorts {
	core: RelayCore;
	log: Logger;
	summaryLimit: number;
}

/** The channel's chosen language, else the language of the user's Discord client, else English. */
async function styleOf(interaction: Interaction, ctx: CommandContext): Promise<ChatStyle> {
	const channelId = interaction.channelId;
	if (!channelId) return { locale: "en", timeZone: undefined, now: new Date() };
	return chatStyle(discordTarget(channelId), ctx, ctx.log, { fallbackLocale: interaction.locale });
}

/** Routes one interaction; never throws (failures are logged and, where possible, answered). */
export async function handleInteraction(
	interaction: Interaction,
	ctx: CommandContext,
): Promise<void> {
	let say = translator("en");
	try {
		if (interaction.isAutocomplete()) return await autocomplete(interaction, ctx);
		if (!interaction.isChatInputCommand()) return;
		const style = await styleOf(interaction, ctx);
		say = translator(style.locale);
		if (!interaction.inGuild()) return await refuse(interaction, say("discord.dm"));
		// Interaction answers use the interaction webhook, which Discord does not count against the
		// bot's global rate limit, so a flood of commands cannot slow posts; the gate still bounds
		// what a flood costs us (allow-lists, per-user and per-chat limits).
		const admission = ctx.core.admit(discordTarget(interaction.channelId), {
			userId: interaction.user.id,
			guildId: interaction.guildId,
		});
		if (admission.kind !== "ok") {
			// No answer at all after the one notice: Discord then shows the user "did not respond".
			if (!admission.notify) return;
			return await refuse(
				interaction,
				admission.kind === "slow-down" ? say("gate.slow-down") : say("gate.not-allowed-server"),
			);
		}
		switch (interaction.commandName) {
			case "follow":
				return await follow(interaction, ctx, style);
			case "unfollow":
				return await unfollow(interaction, ctx, style);
			case "following":
				return await following(interaction, ctx, style);
			case "latest":
				return await latest(interaction, ctx, style);
			case "settings":
				return await handleSettingsCommand(interaction, ctx);
			default:
				return await refuse(interaction, say("discord.unknown-command"));
		}
	} catch (error) {
		ctx.log.error(
			{ err: error, interaction: interaction.id },
			"handling a Discord interaction failed",
		);
		if (interaction.isChatInputCommand()) {
			// Best effort: the user should not be left with "The application did not respond".
			await refuse(interaction, say("error.something-wrong")).catch((e: unknown) =>
				ctx.log.warn({ err: e }, "could not report the failure to the user"),
			);
		}
	}
}

async function follow(
	interaction: ChatInputCommandInteraction,
	ctx: CommandContext,
	style: ChatStyle,
): Promise<void> {
	const say = translator(style.locale);
	const option = interaction.options.get("channel");
	const picked = interaction.options.getChannel("channel");
	// An option Discord sent without its resolved channel must never fall back to this channel.
	if (option && !picked) {
		return refuse(interaction, say("discord.channel-unresolved"));
	}
	const channelId = picked?.id ?? interaction.channelId;
	const type = picked?.type ?? interaction.channel?.type;
	// With a channel option, what counts is the member's (and our) permissions *there*.
	const memberPermissions = picked
		? permissionsOf(picked, "permissions")
		: interaction.memberPermissions;
	const appPermissions = picked
		? permissionsOf(picked, "appPermissions")
		: interaction.appPermissions;
	const threaded = interaction.options.getBoolean("thread") === true;
	// A forum channel takes only a thread per blog; thread-placement.ts checks its own channel types.
	if (
		!threaded &&
		type !== undefined &&
		!(POSTABLE_CHANNEL_TYPES as readonly ChannelType[]).includes(type)
	) {
		return refuse(interaction, say("discord.channel-type"));
	}
	if (picked && (!memberPermissions || !appPermissions)) {
		return refuse(interaction, say("discord.permissions-unknown", { channel: `<#${channelId}>` }));
	}
	const actor = actorOf(interaction, memberPermissions);
	if (threaded) {
		const describe = (error: RelayError) => formatError(error, style);
		const request = { channelId, type, appPermissions, actor, describe, locale: style.locale };
		return followThread(interaction, ctx.core, request, refuse);
	}
	const refusal = missingPermissionsText(say, channelId, appPermissions, type);
	if (refusal) return refuse(interaction, refusal);
	// A refusal is likely without Manage Channels; answering privately then avoids a public flash.
	await interaction.deferReply(actor.canManage ? {} : { flags: MessageFlags.Ephemeral });
	const url = interaction.options.getString("url", true);
	const reply = await ctx.core.commands.subscribe(discordTarget(channelId), url, actor);
	if (reply.kind === "error") return refuse(interaction, formatError(reply.error, style));
	const params = { channel: `<#${channelId}>`, blog: blogLine(reply.blog) };
	const lead = reply.alreadySubscribed
		? picked
			? say("discord.already.there", params)
			: say("discord.already.here", params)
		: picked
			? say("discord.follow.there", params)
			: say("discord.follow.here", params);
	await interaction.editReply({
		content: `${lead}\n${reply.newest ? say("discord.newest") : say("discord.no-entries")}`,
		embeds: reply.newest ? [buildEmbed(reply.newest, style)] : [],
		allowedMentions: NO_MENTIONS,
	});
}

/** The refusal naming the permissions we lack to post in the channel, or undefined when we hold them. */
function missingPermissionsText(
	say: Translator,
	channelId: string,
	permissions: Readonly<PermissionsBitField> | null,
	type: ChannelType | undefined,
): string | undefined {
	const missing = missingBotPermissions(permissions, type !== undefined && THREAD_TYPES.has(type));
	if (!missing.length) return undefined;
	return say("discord.missing-permissions", {
		count: missing.length,
		channel: `<#${channelId}>`,
		permissions: missing.join(", "),
	});
}

async function unfollow(
	interaction: ChatInputCommandInteraction,
	ctx: CommandContext,
	style: ChatStyle,
): Promise<void> {
	const actor = actorOf(interaction, interaction.memberPermissions);
	await interaction.deferReply(actor.canManage ? {} : { flags: MessageFlags.Ephemeral });
	const urlOrIndex = interaction.options.getString("url", true);
	const reply = await ctx.core.commands.unsubscribe(
		discordTarget(interaction.channelId),
		urlOrIndex,
		actor,
	);
	if (reply.kind === "error") return refuse(interaction, formatError(reply.error, style));
	await interaction.editReply({
		content: translator(style.locale)("discord.unfollow.done", { blog: blogLine(reply.blog) }),
		allowedMentions: NO_MENTIONS,
	});
}

async function following(
	interaction: ChatInputCommandInteraction,
	ctx: CommandContext,
	style: ChatStyle,
): Promise<void> {
	const say = translator(style.locale);
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const reply = await ctx.core.commands.list(discordTarget(interaction.channelId));
	if (reply.kind === "error") return refuse(interaction, formatError(reply.error, style));
	if (!reply.blogs.length) return edit(interaction, { content: say("discord.following.empty") });
	const embed = new EmbedBuilder()
		.setTitle(say("discord.following.title", { count: reply.blogs.length }))
		.setDescription(formatBlogList(reply.blogs, style));
	// Said once after a pin was refused: the bot lacks Manage Messages here.
	if (reply.cannotPin) embed.setFooter({ text: say("change.cannot-pin") });
	await edit(interaction, { embeds: [embed.toJSON()] });
}

async function latest(
	interaction: ChatInputCommandInteraction,
	ctx: CommandContext,
	style: ChatStyle,
): Promise<void> {
	const say = translator(style.locale);
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const target = discordTarget(interaction.channelId);
	// Discord enforces the option's range too; the core's clamp covers a client that does not.
	const { count, clamped } = clampLatestCount(interaction.options.getInteger("count") ?? undefined);
	// A number is a position in the channel's list; the core resolves it (autocomplete sends one for long URLs).
	const url = interaction.options.getString("url")?.trim() || undefined;
	const reply = await ctx.core.commands.latest(target, url, count, ctx.summaryLimit);
	if (reply.kind === "error") return refuse(interaction, formatError(reply.error, style));
	const blog = blogLine(reply.blog);
	const n = reply.updates.length;
	if (!n) return edit(interaction, { content: say("latest.none", { blog }) });
	// Said once: what follows is the newest n, or all there are (fewer than asked).
	const header =
		n < count
			? say("latest.all", { count: n, blog })
			: clamped === "above"
				? `${say("latest.newest", { count: n, blog })} ${say("latest.at-most", { max: count })}`
				: say("latest.newest", { count: n, blog });
	// Ten embeds may exceed the 6,000-character message total: spill into ephemeral follow-ups.
	const [first = [], ...rest] = packEmbeds(reply.updates.map((u) => buildEmbed(u, style)));
	await edit(interaction, { content: header, embeds: first });
	for (const embeds of rest) {
		await interaction.followUp({
			embeds,
			flags: MessageFlags.Ephemeral,
			allowedMentions: NO_MENTIONS,
		});
	}
}

async function autocomplete(
	interaction: AutocompleteInteraction,
	ctx: CommandContext,
): Promise<void> {
	const focused = interaction.options.getFocused(true);
	if (!interaction.inGuild() || focused.name !== "url") return interaction.respond([]);
	const blogs = await ctx.core
		.blogsOf(discordTarget(interaction.channelId))
		.catch((error: unknown) => {
			ctx.log.warn({ err: error }, "autocomplete could not read the channel's blogs");
			return [] as BlogInfo[];
		});
	await interaction.respond(blogChoices(blogs, String(focused.value)));
}

/** Autocomplete choices: blogs whose title or URL contains the typed text. */
export function blogChoices(blogs: BlogInfo[], typed: string): { name: string; value: string }[] {
	const needle = typed.trim().toLowerCase();
	return blogs
		.map((blog, i) => ({ blog, position: i + 1 }))
		.filter(({ blog }) => !needle || `${blog.title} ${blog.url}`.toLowerCase().includes(needle))
		.slice(0, CHOICES_MAX)
		.map(({ blog, position }) => ({
			name: truncate(
				`${blog.title} — ${blog.url.replace(/^https?:\/\/(www\.)?/, "")}`,
				CHOICE_LENGTH,
			),
			// A choice value holds at most 100 characters; longer URLs go by their list position.
			value: blog.url.length <= CHOICE_LENGTH ? blog.url : String(position),
		}));
}

function discordTarget(channelId: string): Target {
	return { platform: "discord", id: channelId };
}

function actorOf(
	interaction: ChatInputCommandInteraction,
	permissions: Readonly<PermissionsBitField> | null,
): CommandActor {
	return {
		userId: interaction.user.id,
		// The server owns its channels' follows: the per-owner limit counts per guild.
		guildId: interaction.guildId ?? undefined,
		canManage: permissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
	};
}

/** The member's (`permissions`) or our (`appPermissions`) permissions in a resolved channel option. */
function permissionsOf(
	channel: object,
	key: "permissions" | "appPermissions",
): Readonly<PermissionsBitField> | null {
	const value: unknown = (channel as Record<string, unknown>)[key];
	if (value instanceof PermissionsBitField) return value;
	return typeof value === "string" ? new PermissionsBitField(BigInt(value)) : null;
}

/** Names of the permissions we lack to post updates; unknown permissions are not held against us. */
function missingBotPermissions(
	permissions: Readonly<PermissionsBitField> | null,
	isThread: boolean,
): string[] {
	if (!permissions) return [];
	const needed: [bigint, string][] = [
		[PermissionFlagsBits.ViewChannel, "View Channel"],
		isThread
			? [PermissionFlagsBits.SendMessagesInThreads, "Send Messages in Threads"]
			: [PermissionFlagsBits.SendMessages, "Send Messages"],
		[PermissionFlagsBits.EmbedLinks, "Embed Links"],
	];
	return needed.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
}

async function edit(
	interaction: ChatInputCommandInteraction,
	options: InteractionEditReplyOptions,
): Promise<void> {
	await interaction.editReply({ ...options, allowedMentions: NO_MENTIONS });
}

/** Answers with a refusal only the invoking user sees, whatever state the interaction is in. */
async function refuse(interaction: ChatInputCommandInteraction, text: string): Promise<void> {
	const content = truncate(text, 2000);
	if (!interaction.deferred && !interaction.replied) {
		await interaction.reply({
			content,
			flags: MessageFlags.Ephemeral,
			allowedMentions: NO_MENTIONS,
		});
	} else if (interaction.ephemeral) {
		await interaction.editReply({ content, embeds: [], allowedMentions: NO_MENTIONS });
	} else {
		// A public "thinking…" placeholder must not turn into a public refusal: drop it, answer privately.
		await interaction.deleteReply();
		await interaction.followUp({
			content,
			flags: MessageFlags.Ephemeral,
			allowedMentions: NO_MENTIONS,
		});
	}
}
