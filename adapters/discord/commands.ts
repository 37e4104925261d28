/**
 * Slash commands: definitions (discord.js builders) and handlers that parse input into core.commands
 * and render the replies. Changes (/follow, /unfollow) answer publicly; queries (/following, /latest)
 * and every refusal answer ephemerally, so only the person who asked sees them.
 */
import {
	ApplicationIntegrationType,
	type AutocompleteInteraction,
	ChannelType,
	type ChatInputCommandInteraction,
	EmbedBuilder,
	type Interaction,
	InteractionContextType,
	type InteractionEditReplyOptions,
	MessageFlags,
	PermissionFlagsBits,
	PermissionsBitField,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
	SlashCommandBuilder,
	type SlashCommandStringOption,
} from "discord.js";
import {
	type BlogInfo,
	type CommandActor,
	clampLatestCount,
	LATEST_DEFAULT,
	LATEST_MAX,
	type Logger,
	type RelayCore,
	type Target,
} from "../../src/index.js";
import {
	blogLine,
	buildEmbed,
	formatBlogList,
	formatError,
	NO_MENTIONS,
	packEmbeds,
	truncate,
} from "./format.js";
import { handleSettingsCommand, SETTINGS_DEFINITION } from "./settings-command.js";
import { followThread, threadOption } from "./thread-placement.js";

/** Channel types an update can be posted to with POST /channels/:id/messages. */
export const POSTABLE_CHANNEL_TYPES = [
	ChannelType.GuildText,
	ChannelType.GuildAnnouncement,
	ChannelType.PublicThread,
	ChannelType.PrivateThread,
	ChannelType.AnnouncementThread,
] as const;
const THREAD_TYPES: ReadonlySet<ChannelType> = new Set([
	ChannelType.PublicThread,
	ChannelType.PrivateThread,
	ChannelType.AnnouncementThread,
]);
// Discord caps autocomplete at 25 choices of at most 100 characters (name and value).
const CHOICES_MAX = 25;
const CHOICE_LENGTH = 100;

const guildOnly = (builder: SlashCommandBuilder) =>
	builder
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

const urlOption =
	(required: boolean, description: string, autocomplete: boolean) =>
	(o: SlashCommandStringOption) =>
		o
			.setName("url")
			.setDescription(description)
			.setRequired(required)
			.setMaxLength(2000)
			.setAutocomplete(autocomplete);

/** The command definitions sent with PUT /applications/:app/commands. */
export const COMMAND_DEFINITIONS: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
	guildOnly(new SlashCommandBuilder())
		.setName("follow")
		.setDescription("Post every new entry of a live blog in this channel")
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
		.addStringOption(urlOption(true, "Address of the live blog", false))
		.addChannelOption((o) =>
			o
				.setName("channel")
				.setDescription("Post there instead of here")
				.addChannelTypes(...POSTABLE_CHANNEL_TYPES, ChannelType.GuildForum),
		)
		.addBooleanOption(threadOption)
		.toJSON(),
	guildOnly(new SlashCommandBuilder())
		.setName("unfollow")
		.setDescription("Stop posting a live blog in this channel")
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
		.addStringOption(urlOption(true, "The blog to stop following", true))
		.toJSON(),
	guildOnly(new SlashCommandBuilder())
		.setName("following")
		.setDescription("List the live blogs this channel follows")
		.toJSON(),
	guildOnly(new SlashCommandBuilder())
		.setName("latest")
		.setDescription("Show the newest entries of a followed live blog")
		.addStringOption(urlOption(false, "The blog (optional when the channel follows one)", true))
		.addIntegerOption((o) =>
			o
				.setName("count")
				.setDescription(`How many entries (default ${LATEST_DEFAULT})`)
				.setMinValue(1)
				.setMaxValue(LATEST_MAX),
		)
		.toJSON(),
	SETTINGS_DEFINITION,
];

/** The one notice per minute for a user (or channel) over the command limit. */
export const SLOW_DOWN =
	"That's a lot of commands in a short time. Please wait a minute, then try again.";
/** The one refusal per minute for someone outside the operator's allow-lists. */
export const NOT_ALLOWED =
	"Sorry, this bot only serves the servers and channels its operator has allowed.";

/** What the handlers need from the adapter. */
export interface CommandContext {
	core: RelayCore;
	log: Logger;
	summaryLimit: number;
}

/** Routes one interaction; never throws (failures are logged and, where possible, answered). */
export async function handleInteraction(
	interaction: Interaction,
	ctx: CommandContext,
): Promise<void> {
	try {
		if (interaction.isAutocomplete()) return await autocomplete(interaction, ctx);
		if (!interaction.isChatInputCommand()) return;
		if (!interaction.inGuild()) {
			return await refuse(
				interaction,
				"These commands work in server channels, not in direct messages.",
			);
		}
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
			return await refuse(interaction, admission.kind === "slow-down" ? SLOW_DOWN : NOT_ALLOWED);
		}
		switch (interaction.commandName) {
			case "follow":
				return await follow(interaction, ctx);
			case "unfollow":
				return await unfollow(interaction, ctx);
			case "following":
				return await following(interaction, ctx);
			case "latest":
				return await latest(interaction, ctx);
			case "settings":
				return await handleSettingsCommand(interaction, ctx);
			default:
				return await refuse(interaction, "I don't know that command any more.");
		}
	} catch (error) {
		ctx.log.error(
			{ err: error, interaction: interaction.id },
			"handling a Discord interaction failed",
		);
		if (interaction.isChatInputCommand()) {
			// Best effort: the user should not be left with "The application did not respond".
			await refuse(interaction, "Something went wrong on my side; please try again.").catch(
				(e: unknown) => ctx.log.warn({ err: e }, "could not report the failure to the user"),
			);
		}
	}
}

async function follow(
	interaction: ChatInputCommandInteraction,
	ctx: CommandContext,
): Promise<void> {
	const picked = interaction.options.getChannel("channel");
	const channelId = picked?.id ?? interaction.channelId;
	const type = picked?.type ?? interaction.channel?.type;
	// With a channel option, what counts is the member's (and our) permissions *there*.
	const memberPermissions = picked
		? permissionsOf(picked, "permissions")
		: interaction.memberPermissions;
	const appPermissions = picked
		? permissionsOf(picked, "appPermissions")
		: interaction.appPermissions;
	const actor = actorOf(interaction, memberPermissions);
	if (interaction.options.getBoolean("thread")) {
		return followThread(interaction, ctx.core, { channelId, type, appPermissions, actor }, refuse);
	}
	if (type !== undefined && !(POSTABLE_CHANNEL_TYPES as readonly ChannelType[]).includes(type)) {
		return refuse(
			interaction,
			"I can only post in text channels, announcement channels and threads.",
		);
	}
	const missing = missingBotPermissions(
		appPermissions,
		type !== undefined && THREAD_TYPES.has(type),
	);
	if (missing.length) {
		return refuse(
			interaction,
			`I can't post in <#${channelId}>: I need the ${missing.join(", ")} permission${missing.length > 1 ? "s" : ""} there.`,
		);
	}
	// A refusal is likely without Manage Channels; answering privately then avoids a public flash.
	await interaction.deferReply(actor.canManage ? {} : { flags: MessageFlags.Ephemeral });
	const url = interaction.options.getString("url", true);
	const reply = await ctx.core.commands.subscribe(discordTarget(channelId), url, actor);
	if (reply.kind === "error") return refuse(interaction, formatError(reply.error));
	const where = picked ? `<#${channelId}>` : "This channel";
	const lead = reply.alreadySubscribed
		? `${where} already follows ${blogLine(reply.blog)}.`
		: `${where} now follows ${blogLine(reply.blog)}. New entries will be posted as they appear.`;
	await interaction.editReply({
		content: reply.newest ? `${lead}\nNewest entry:` : `${lead}\nNo entries yet.`,
		embeds: reply.newest ? [buildEmbed(reply.newest)] : [],
		allowedMentions: NO_MENTIONS,
	});
}

async function unfollow(
	interaction: ChatInputCommandInteraction,
	ctx: CommandContext,
): Promise<void> {
	const actor = actorOf(interaction, interaction.memberPermissions);
	await interaction.deferReply(actor.canManage ? {} : { flags: MessageFlags.Ephemeral });
	const urlOrIndex = interaction.options.getString("url", true);
	const reply = await ctx.core.commands.unsubscribe(
		discordTarget(interaction.channelId),
		urlOrIndex,
		actor,
	);
	if (reply.kind === "error") return refuse(interaction, formatError(reply.error));
	await interaction.editReply({
		content: `This channel no longer follows ${blogLine(reply.blog)}.`,
		allowedMentions: NO_MENTIONS,
	});
}

async function following(
	interaction: ChatInputCommandInteraction,
	ctx: CommandContext,
): Promise<void> {
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const reply = await ctx.core.commands.list(discordTarget(interaction.channelId));
	if (reply.kind === "error") return refuse(interaction, formatError(reply.error));
	if (!reply.blogs.length) {
		return edit(interaction, {
			content: "This channel doesn't follow any live blog yet. Use `/follow url:` to add one.",
		});
	}
	const embed = new EmbedBuilder()
		.setTitle(`Live blogs this channel follows (${reply.blogs.length})`)
		.setDescription(formatBlogList(reply.blogs));
	await edit(interaction, { embeds: [embed.toJSON()] });
}

async function latest(
	interaction: ChatInputCommandInteraction,
	ctx: CommandContext,
): Promise<void> {
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const target = discordTarget(interaction.channelId);
	// Discord enforces the option's range too; the core's clamp covers a client that does not.
	const { count } = clampLatestCount(interaction.options.getInteger("count") ?? undefined);
	// A number is a position in the channel's list; the core resolves it (autocomplete sends one for long URLs).
	const url = interaction.options.getString("url")?.trim() || undefined;
	const reply = await ctx.core.commands.latest(target, url, count, ctx.summaryLimit);
	if (reply.kind === "error") return refuse(interaction, formatError(reply.error));
	const header = `Latest from ${blogLine(reply.blog)}`;
	if (!reply.updates.length) return edit(interaction, { content: `${header}: no entries yet.` });
	// Ten embeds may exceed the 6,000-character message total: spill into ephemeral follow-ups.
	const [first = [], ...rest] = packEmbeds(reply.updates.map(buildEmbed));
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
