/**
 * The one message catalogue of the bot's own words, for every adapter: typed keys and placeholders
 * (a missing key or an unfilled placeholder fails `tsc`), five locales, plural forms by Intl.PluralRules.
 * Entry text never passes through here: it is never translated.
 */
import type { Target } from "../types.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { uk } from "./uk.js";

/** The locales the bot speaks. */
export const LOCALES = ["en", "de", "fr", "es", "uk"] as const;
/** One of LOCALES. */
export type Locale = (typeof LOCALES)[number];
/** The locale used when a chat chose none and the platform tells us none. */
export const DEFAULT_LOCALE: Locale = "en";

type English = typeof en;
/** A key of the catalogue. */
export type MessageKey = keyof English;
/** Plural forms of one message, by Intl.PluralRules category; `other` is always there. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
/** One message: a text, or plural forms chosen by `{count}`. */
export type Message = string | PluralForms;
/** A full catalogue: every key of English. */
export type Catalogue = { readonly [K in MessageKey]: Message };

type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}`
	? P | Placeholders<Rest>
	: never;
type TextsOf<M> = M extends string ? M : M[keyof M];
/** The values a message's placeholders need, e.g. { blog: string }; plural messages need `count`. */
export type ParamsOf<K extends MessageKey> = {
	[P in Placeholders<TextsOf<English[K]>>]: string | number;
} & (English[K] extends string ? unknown : { count: number });
/** The arguments after a key: its placeholders' values, or none. */
export type ParamsArg<K extends MessageKey> = keyof ParamsOf<K> extends never
	? []
	: [params: ParamsOf<K>];

/** Every locale's catalogue. */
export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en, de, fr, es, uk };

/**
 * Where a target's chosen language comes from (the settings store's `/language`); undefined when the
 * chat chose none. The lead wires the settings store in; without it every chat gets the default.
 */
export type LocaleOf = (target: Target) => Promise<string | undefined>;

// Short forms people type (or platforms send) for a locale, beyond the locale's own code.
const ALIASES: Readonly<Record<string, Locale>> = { ua: "uk", ukr: "uk", ger: "de", deu: "de" };

/** The supported locale a language tag ("de-DE", "es-419", "uk", "UA") names, or undefined. */
export function matchLocale(tag: string | undefined): Locale | undefined {
	const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
	if (!primary) return undefined;
	if ((LOCALES as readonly string[]).includes(primary)) return primary as Locale;
	return ALIASES[primary];
}

/** The first of `tags` that names a supported locale (chat choice before platform locale), else English. */
export function resolveLocale(...tags: (string | undefined)[]): Locale {
	for (const tag of tags) {
		const locale = matchLocale(tag);
		if (locale) return locale;
	}
	return DEFAULT_LOCALE;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The text of `message` for `count` in `locale` (plural category, falling back to `other`). */
function pick(message: Message, locale: Locale, count: unknown): string {
	if (typeof message === "string") return message;
	let rules = pluralRules.get(locale);
	if (!rules) {
		rules = new Intl.PluralRules(locale);
		pluralRules.set(locale, rules);
	}
	const category = typeof count === "number" ? rules.select(count) : "other";
	return message[category] ?? message.other;
}

/**
 * Renders a message: literal text through `escape` (markup of the adapter), placeholders filled
 * with the given values as they are (the caller renders and escapes those).
 */
export function translate<K extends MessageKey>(
	locale: Locale,
	key: K,
	params: Partial<Record<string, string | number>>,
	escapeText: (text: string) => string = (text) => text,
): string {
	const text = pick(CATALOGUES[locale][key], locale, params.count);
	let out = "";
	let last = 0;
	for (const match of text.matchAll(/\{(\w+)\}/g)) {
		const value = params[match[1] ?? ""];
		out += escapeText(text.slice(last, match.index));
		// A placeholder with no value stays visible rather than vanish; the catalogue test forbids it.
		out += value === undefined ? escapeText(match[0]) : String(value);
		last = match.index + match[0].length;
	}
	return out + escapeText(text.slice(last));
}

/** A message as plain text in `locale`. */
export function t<K extends MessageKey>(locale: Locale, key: K, ...params: ParamsArg<K>): string {
	return translate(locale, key, params[0] ?? {});
}

/** A renderer bound to one locale and one escape function, for an adapter's markup. */
export interface Translator {
	readonly locale: Locale;
	/** The message with literal text escaped and placeholders filled as given. */
	<K extends MessageKey>(key: K, ...params: ParamsArg<K>): string;
}

/** Binds `locale` and `escapeText` (e.g. Telegram's escapeHtml) into a Translator. */
export function translator(locale: Locale, escapeText?: (text: string) => string): Translator {
	const fn = <K extends MessageKey>(key: K, ...params: ParamsArg<K>): string =>
		translate(locale, key, params[0] ?? {}, escapeText);
	return Object.assign(fn, { locale });
}

/**
 * A sentence decided now and worded later, in the language of the chat it is shown in: the core
 * decides what to say, the adapter knows the chat's language.
 */
export type Said = (locale: Locale) => string;

/** `key` with its values, worded when shown. */
export function said<K extends MessageKey>(key: K, ...params: ParamsArg<K>): Said {
	const values = params[0] ?? {};
	return (locale) => translate(locale, key, values);
}

/** Text that is the same in every language (a blog's title, a number). */
export const verbatim =
	(text: string): Said =>
	() =>
		text;
