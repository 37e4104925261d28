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
import { LATEST_DEFAULT, LATEST_MAX } from "../../src/index.js";

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
				.addChannelTypes(...POSTABLE_CHANNEL_TYPES),
		)
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
];
