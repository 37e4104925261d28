/** The language and time zone of one chat, from the settings ports (wired by the relay) with safe defaults. */
import type { Logger } from "pino";
import type { Target } from "../types.js";
import { type Locale, type LocaleOf, resolveLocale } from "./catalogue.js";

/** Where a target's chosen IANA time zone comes from (the settings store); undefined: none chosen (UTC). */
export type TimeZoneOf = (target: Target) => Promise<string | undefined>;

/** The ports an adapter reads a chat's style from; both optional (English, UTC). */
export interface ChatStylePorts {
	localeOf?: LocaleOf | undefined;
	timeZoneOf?: TimeZoneOf | undefined;
}

/** Where a chat's chosen language and zone are stored: the relay's settings (RelayCore.settings). */
export interface ChatSettingsSource {
	languageOf(target: Target): Promise<string | undefined>;
	timeZoneOf(target: Target): Promise<string | undefined>;
}

/**
 * The ports an adapter reads a chat's style from: those it was given, else the chat's settings in the
 * core. The core is known only once the adapter starts, hence `source` is asked at each read; before
 * that (or with a core without settings) every chat gets English and UTC.
 */
export function settingsPorts(
	given: ChatStylePorts,
	source: () => ChatSettingsSource | undefined,
): ChatStylePorts {
	return {
		localeOf: given.localeOf ?? (async (target) => source()?.languageOf(target)),
		timeZoneOf: given.timeZoneOf ?? (async (target) => source()?.timeZoneOf(target)),
	};
}

/** A chat's resolved style: what render functions take. */
export interface ChatStyle {
	locale: Locale;
	timeZone: string | undefined;
	now: Date;
}

/**
 * The chat's style: its chosen language, else `fallbackLocale` (Discord: the interaction's locale),
 * else English; its time zone, else UTC. A failing port costs the chat its settings for this one
 * message (logged), never the message itself.
 */
export async function chatStyle(
	target: Target,
	ports: ChatStylePorts,
	log: Logger,
	options: { fallbackLocale?: string | undefined; now?: Date } = {},
): Promise<ChatStyle> {
	const ask = async (
		port: ((t: Target) => Promise<string | undefined>) | undefined,
		what: string,
	) => {
		if (!port) return undefined;
		try {
			return await port(target);
		} catch (error) {
			log.warn(
				{ err: error, target, setting: what },
				"could not read a chat setting; using the default",
			);
			return undefined;
		}
	};
	const [chosen, timeZone] = await Promise.all([
		ask(ports.localeOf, "language"),
		ask(ports.timeZoneOf, "time zone"),
	]);
	return {
		locale: resolveLocale(chosen, options.fallbackLocale),
		timeZone,
		now: options.now ?? new Date(),
	};
}
