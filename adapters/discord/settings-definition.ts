/**
 * The /settings slash command: subcommands, options and choices, each description and choice name
 * in every locale of the catalogue (Discord shows each user their client's language).
 */
import {
	InteractionContextType,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
	type SlashCommandBooleanOption,
	SlashCommandBuilder,
	type SlashCommandStringOption,
	type SlashCommandSubcommandBuilder,
} from "discord.js";
import { LANGUAGE_NAMES, LANGUAGES, type MessageKey } from "../../src/index.js";
import { choice, english, localized } from "./localized.js";

/** Names an option or subcommand and describes it in every locale. */
function described<
	T extends SlashCommandStringOption | SlashCommandBooleanOption | SlashCommandSubcommandBuilder,
>(builder: T, name: string, key: MessageKey): T {
	builder.setName(name).setDescription(english(key)).setDescriptionLocalizations(localized(key));
	return builder;
}

const blogOption = (s: SlashCommandSubcommandBuilder) =>
	s.addStringOption((o) =>
		described(o, "url", "slash.settings.url").setMaxLength(2000).setAutocomplete(true),
	);

const onOff = () => [choice("slash.settings.on", "on"), choice("slash.settings.off", "off")];

/** The /settings definition. */
export const SETTINGS_DEFINITION: RESTPostAPIChatInputApplicationCommandsJSONBody =
	new SlashCommandBuilder()
		.setName("settings")
		.setDescription(english("slash.settings"))
		.setDescriptionLocalizations(localized("slash.settings"))
		.setContexts(InteractionContextType.Guild)
		.addSubcommand((s) => blogOption(described(s, "view", "slash.settings.view")))
		.addSubcommand((s) =>
			blogOption(described(s, "mode", "slash.settings.mode")).addStringOption((o) =>
				described(o, "mode", "slash.settings.mode.mode")
					.setRequired(true)
					.addChoices(
						choice("slash.settings.mode.all", "all"),
						choice("slash.settings.mode.key", "key"),
						choice("slash.settings.mode.digest15", "digest 15"),
						choice("slash.settings.mode.digest30", "digest 30"),
						choice("slash.settings.mode.digest60", "digest 60"),
						choice("slash.settings.mode.digest120", "digest 120"),
					),
			),
		)
		.addSubcommand((s) =>
			blogOption(described(s, "keywords", "slash.settings.keywords"))
				.addStringOption((o) =>
					described(o, "include", "slash.settings.keywords.include").setMaxLength(500),
				)
				.addStringOption((o) =>
					described(o, "exclude", "slash.settings.keywords.exclude").setMaxLength(500),
				)
				.addBooleanOption((o) => described(o, "clear", "slash.settings.keywords.clear")),
		)
		.addSubcommand((s) =>
			blogOption(described(s, "quiet", "slash.settings.quiet"))
				.addStringOption((o) => described(o, "from", "slash.settings.quiet.from").setMaxLength(5))
				.addStringOption((o) => described(o, "to", "slash.settings.quiet.to").setMaxLength(5))
				.addBooleanOption((o) => described(o, "off", "slash.settings.quiet.off")),
		)
		.addSubcommand((s) =>
			blogOption(described(s, "keyevents", "slash.settings.keyevents"))
				.addStringOption((o) =>
					described(o, "pass", "slash.settings.keyevents.pass").addChoices(...onOff()),
				)
				.addStringOption((o) =>
					described(o, "breakthrough", "slash.settings.keyevents.breakthrough").addChoices(
						...onOff(),
					),
				),
		)
		.addSubcommand((s) =>
			blogOption(described(s, "changes", "slash.settings.changes"))
				.addStringOption((o) =>
					described(o, "edits", "slash.settings.changes.edits").addChoices(...onOff()),
				)
				.addStringOption((o) =>
					described(o, "retractions", "slash.settings.changes.retractions").addChoices(
						choice("slash.settings.changes.strike", "strike"),
						choice("slash.settings.changes.delete", "delete"),
						choice("slash.settings.changes.off", "off"),
					),
				)
				.addStringOption((o) =>
					described(o, "pin", "slash.settings.changes.pin").addChoices(...onOff()),
				),
		)
		.addSubcommand((s) => blogOption(described(s, "reset", "slash.settings.reset")))
		.addSubcommand((s) =>
			described(s, "timezone", "slash.settings.timezone").addStringOption((o) =>
				described(o, "zone", "slash.settings.timezone.zone").setRequired(true).setMaxLength(64),
			),
		)
		.addSubcommand((s) =>
			described(s, "language", "slash.settings.language").addStringOption((o) =>
				described(o, "language", "slash.settings.language.language")
					.setRequired(true)
					.addChoices(
						// Each language by its own name, the same in every client.
						...LANGUAGES.map((code) => ({ name: LANGUAGE_NAMES[code] ?? code, value: code })),
						choice("slash.settings.language.default", "reset"),
					),
			),
		)
		.toJSON();
