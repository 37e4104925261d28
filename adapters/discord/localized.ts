/** Slash-command words in every locale: Discord shows each user the one of their client's language. */
import type { LocalizationMap } from "discord.js";
import { LATEST_DEFAULT, type MessageKey, translate } from "../../src/index.js";

// Discord's locale codes for our languages (Spanish has two).
const DISCORD_LOCALES = [
	["de", "de"],
	["fr", "fr"],
	["es-ES", "es"],
	["es-419", "es"],
	["uk", "uk"],
] as const;

// The only placeholder slash-command texts use.
const PARAMS = { default: LATEST_DEFAULT };

/** A description's (or choice name's) translations, by Discord locale. */
export function localized(key: MessageKey): LocalizationMap {
	return Object.fromEntries(
		DISCORD_LOCALES.map(([discord, ours]) => [discord, translate(ours, key, PARAMS)]),
	);
}

/** The English text (Discord's default) of a command, option or choice. */
export function english(key: MessageKey): string {
	return translate("en", key, PARAMS);
}

/** A choice with its name in every locale. */
export function choice(key: MessageKey, value: string) {
	return { name: english(key), name_localizations: localized(key), value };
}
