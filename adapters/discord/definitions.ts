/** Slash command definitions (discord.js builders) sent with PUT /applications/:app/commands. */
import {
	ApplicationIntegrationType,
	ChannelType,
	InteractionContextType,
	PermissionFlagsBits,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
	SlashCommandBuilder,
	type SlashCommandStringOption,
} from "discord.js";
import { LATEST_MAX, type MessageKey } from "../../src/index.js";
import { english, localized } from "./localized.js";
import { SETTINGS_DEFINITION } from "./settings-definition.js";

/** Channel types an update can be posted to with POST /channels/:id/messages. */
export const POSTABLE_CHANNEL_TYPES = [
	ChannelType.GuildText,
	ChannelType.GuildAnnouncement,
	ChannelType.PublicThread,
	ChannelType.PrivateThread,
	ChannelType.AnnouncementThread,
] as const;
/** Thread channel types: posting there needs Send Messages in Threads. */
export const THREAD_TYPES: ReadonlySet<ChannelType> = new Set([
	ChannelType.PublicThread,
	ChannelType.PrivateThread,
	ChannelType.AnnouncementThread,
]);

const guildOnly = (builder: SlashCommandBuilder) =>
	builder
		.setContexts(InteractionContextType.Guild)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

const urlOption =
	(required: boolean, description: MessageKey, autocomplete: boolean) =>
	(o: SlashCommandStringOption) =>
		o
			.setName("url")
			.setDescription(english(description))
			.setDescriptionLocalizations(localized(description))
			.setRequired(required)
			.setMaxLength(2000)
			.setAutocomplete(autocomplete);

/** The command definitions sent with PUT /applications/:app/commands. */
export const COMMAND_DEFINITIONS: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
	guildOnly(new SlashCommandBuilder())
		.setName("follow")
		.setDescription(english("slash.follow"))
		.setDescriptionLocalizations(localized("slash.follow"))
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
		.addStringOption(urlOption(true, "slash.follow.url", false))
		.addChannelOption((o) =>
			o
				.setName("channel")
				.setDescription(english("slash.follow.channel"))
				.setDescriptionLocalizations(localized("slash.follow.channel"))
				// A forum channel takes a follow only with thread:true (a post per blog).
				.addChannelTypes(...POSTABLE_CHANNEL_TYPES, ChannelType.GuildForum),
		)
		.addBooleanOption((o) =>
			o
				.setName("thread")
				.setDescription(english("slash.follow.thread"))
				.setDescriptionLocalizations(localized("slash.follow.thread")),
		)
		.toJSON(),
	guildOnly(new SlashCommandBuilder())
		.setName("unfollow")
		.setDescription(english("slash.unfollow"))
		.setDescriptionLocalizations(localized("slash.unfollow"))
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
		.addStringOption(urlOption(true, "slash.unfollow.url", true))
		.toJSON(),
	guildOnly(new SlashCommandBuilder())
		.setName("following")
		.setDescription(english("slash.following"))
		.setDescriptionLocalizations(localized("slash.following"))
		.toJSON(),
	guildOnly(new SlashCommandBuilder())
		.setName("latest")
		.setDescription(english("slash.latest"))
		.setDescriptionLocalizations(localized("slash.latest"))
		.addStringOption(urlOption(false, "slash.latest.url", true))
		.addIntegerOption((o) =>
			o
				.setName("count")
				.setDescription(english("slash.latest.count"))
				.setDescriptionLocalizations(localized("slash.latest.count"))
				.setMinValue(1)
				.setMaxValue(LATEST_MAX),
		)
		.toJSON(),
	SETTINGS_DEFINITION,
];
