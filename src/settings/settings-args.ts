/**
 * The text grammar of the settings commands (Telegram, and any client that types them): parses
 * arguments into a SettingsRequest or a plain-language reason. Every value is checked here, so an
 * invalid command changes nothing.
 *
 *   /settings                          show every subscription's settings
 *   /settings 2                        show one
 *   /settings [2|default] mode all|key|digest 15|30|60|120
 *   /settings [2|default] keywords +ceasefire -football +"peace talks" | clear
 *   /settings [2|default] keyevents on|off      key events pass the keyword lists
 *   /settings [2|default] quiet 23:00 07:00 | off
 *   /settings [2|default] breakthrough on|off   key events break through quiet hours
 *   /settings [2|default] edits on|off · retractions strike|delete|off · pin on|off
 *   /settings [2|default] reset
 *   /keywords [2|default] …   /quiet [2|default] …   /timezone <IANA>|reset   /language <code>|reset
 */

import { type Said, said } from "../i18n/catalogue.js";
import {
	DIGEST_MINUTES,
	type DigestMinutes,
	isTimeZone,
	LANGUAGES,
	type Language,
	MAX_KEYWORD_LENGTH,
	MAX_KEYWORDS,
	type SettingsPatch,
} from "./settings-model.js";
import { shown } from "./settings-words.js";

/** Which settings a request is about: the chat's defaults or one subscription by its /list number. */
export type ScopeArg = { kind: "defaults" } | { kind: "number"; n: number };

/** A keyword change: words to include, to exclude, or clear both lists first. */
export interface KeywordChange {
	clear: boolean;
	include: string[];
	exclude: string[];
}

/** What a settings command asks for. */
export type SettingsRequest =
	| { kind: "view"; scope?: ScopeArg | undefined }
	| { kind: "set"; scope: ScopeArg; patch: SettingsPatch }
	| { kind: "keywords"; scope: ScopeArg; change: KeywordChange }
	| { kind: "reset"; scope: ScopeArg }
	| { kind: "timezone"; timeZone: string | undefined }
	| { kind: "language"; language: Language | undefined }
	| { kind: "show-chat" };

/** A parsed request, or why the arguments don't parse (a reply for the user). */
export type ParsedRequest = { ok: true; request: SettingsRequest } | { ok: false; message: Said };

/** Longest argument string read (a longer one is refused before any work). */
export const MAX_ARGS_LENGTH = 1500;

const OPEN_QUOTES = new Set(['"', "“", "„", "«", "”"]);
const CLOSE_QUOTES = new Set(['"', "”", "“", "»"]);

/** Splits arguments on whitespace; a quoted run (straight or typographic quotes) is one token. */
export function tokenize(input: string): string[] | undefined {
	const tokens: string[] = [];
	let i = 0;
	const s = input.trim();
	while (i < s.length) {
		while (i < s.length && /\s/.test(s.charAt(i))) i++;
		if (i >= s.length) break;
		let token = "";
		// A sign may precede a quoted phrase: +"peace talks".
		if ((s[i] === "+" || s[i] === "-") && OPEN_QUOTES.has(s.charAt(i + 1))) token = s.charAt(i++);
		if (OPEN_QUOTES.has(s.charAt(i))) {
			i++;
			const start = i;
			while (i < s.length && !CLOSE_QUOTES.has(s.charAt(i))) i++;
			if (i >= s.length) return undefined; // unclosed quote
			token += `"${s.slice(start, i)}"`;
			i++;
		} else {
			const start = i;
			while (i < s.length && !/\s/.test(s.charAt(i))) i++;
			token += s.slice(start, i);
		}
		tokens.push(token);
	}
	return tokens;
}

const fail = (message: Said): ParsedRequest => ({ ok: false, message });
const ok = (request: SettingsRequest): ParsedRequest => ({ ok: true, request });

function parseScope(token: string | undefined): ScopeArg | undefined {
	if (token === undefined) return undefined;
	const t = token.toLowerCase();
	if (t === "default" || t === "defaults" || t === "*") return { kind: "defaults" };
	if (/^\d{1,3}$/.test(t) && Number(t) >= 1) return { kind: "number", n: Number(t) };
	return undefined;
}

function onOff(value: string | undefined): boolean | undefined {
	const v = value?.toLowerCase();
	if (v === "on" || v === "yes" || v === "true") return true;
	if (v === "off" || v === "no" || v === "false") return false;
	return undefined;
}

/** Parses "HH:MM" (or "H:MM", "HH.MM", "HH") into "HH:MM". */
export function parseTime(value: string | undefined): string | undefined {
	const m = /^(\d{1,2})(?:[:.h](\d{2}))?$/i.exec(value ?? "");
	if (!m) return undefined;
	const h = Number(m[1]);
	const min = Number(m[2] ?? "0");
	if (h > 23 || min > 59) return undefined;
	return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** Parses keyword tokens: +word, -word, bare word (= include), quoted phrases, or "clear". */
export function parseKeywords(
	tokens: string[],
): { ok: true; change: KeywordChange } | { ok: false; message: Said } {
	const change: KeywordChange = { clear: false, include: [], exclude: [] };
	if (!tokens.length) return { ok: false, message: said("settings.keywords-usage") };
	for (const raw of tokens) {
		if (raw.toLowerCase() === "clear" || raw.toLowerCase() === "none") {
			change.clear = true;
			continue;
		}
		const sign = raw.startsWith("-") ? "-" : "+";
		let word = raw.startsWith("+") || raw.startsWith("-") ? raw.slice(1) : raw;
		if (word.startsWith('"') && word.endsWith('"') && word.length >= 2) word = word.slice(1, -1);
		word = word.trim().replace(/\s+/g, " ");
		if (!word || !/[\p{L}\p{N}]/u.test(word))
			return { ok: false, message: said("settings.keyword-empty", { word: shown(raw, 40) }) };
		if (word.length > MAX_KEYWORD_LENGTH)
			return { ok: false, message: said("settings.keyword-too-long", { max: MAX_KEYWORD_LENGTH }) };
		(sign === "-" ? change.exclude : change.include).push(word);
	}
	if (change.include.length > MAX_KEYWORDS || change.exclude.length > MAX_KEYWORDS) {
		return { ok: false, message: said("settings.too-many-keywords", { max: MAX_KEYWORDS }) };
	}
	return { ok: true, change };
}

/** Parses the value of one setting named `name`. */
function parseSetting(scope: ScopeArg, name: string, values: string[]): ParsedRequest {
	const [first, second] = values;
	switch (name) {
		case "mode": {
			const mode = first?.toLowerCase();
			if (values.length === 1 && (mode === "all" || mode === "every"))
				return ok({ kind: "set", scope, patch: { mode: { kind: "all" } } });
			if (values.length === 1 && (mode === "key" || mode === "keyevents"))
				return ok({ kind: "set", scope, patch: { mode: { kind: "key" } } });
			if (mode === "digest" && values.length === 2) {
				const minutes = Number(second);
				if ((DIGEST_MINUTES as readonly number[]).includes(minutes)) {
					return ok({
						kind: "set",
						scope,
						patch: { mode: { kind: "digest", minutes: minutes as DigestMinutes } },
					});
				}
			}
			return fail(said("settings.mode-usage"));
		}
		case "keywords":
		case "keyword": {
			const parsed = parseKeywords(values);
			return parsed.ok ? ok({ kind: "keywords", scope, change: parsed.change }) : parsed;
		}
		case "quiet": {
			if (values.length === 1 && onOff(first) === false)
				return ok({ kind: "set", scope, patch: { quiet: null } });
			const from = parseTime(first);
			const to = parseTime(second);
			if (values.length !== 2 || !from || !to) return fail(said("settings.quiet-usage"));
			if (from === to) return fail(said("settings.quiet-same"));
			return ok({ kind: "set", scope, patch: { quiet: { from, to } } });
		}
		case "edits":
		case "pin":
		case "keyevents":
		case "breakthrough": {
			const flag = values.length === 1 ? onOff(first) : undefined;
			if (flag === undefined) return fail(said("settings.on-off-usage", { name }));
			const field = {
				edits: "edits",
				pin: "pinKeyEvents",
				keyevents: "keyEventsPass",
				breakthrough: "quietBreak",
			}[name] as "edits" | "pinKeyEvents" | "keyEventsPass" | "quietBreak";
			return ok({ kind: "set", scope, patch: { [field]: flag } });
		}
		case "retractions": {
			const v = first?.toLowerCase();
			if (values.length === 1 && (v === "strike" || v === "delete" || v === "off"))
				return ok({ kind: "set", scope, patch: { retractions: v } });
			return fail(said("settings.retractions-usage"));
		}
		case "reset":
			return values.length ? fail(said("settings.usage")) : ok({ kind: "reset", scope });
		default:
			return fail(said("settings.unknown-setting", { name: shown(name, 40) }));
	}
}

/** Parses `/settings …`. */
export function parseSettingsArgs(input: string): ParsedRequest {
	if (input.length > MAX_ARGS_LENGTH) return fail(said("settings.too-long"));
	const tokens = tokenize(input);
	if (!tokens) return fail(said("settings.unclosed-quote"));
	if (!tokens.length) return ok({ kind: "view" });
	let scope = parseScope(tokens[0]);
	let rest = tokens.slice(1);
	if (!scope) {
		// No number: the setting applies to the chat's defaults (every subscription without its own choice).
		if (/^\d+$/.test(tokens[0] ?? ""))
			return fail(said("settings.bad-number", { number: shown(tokens[0] ?? "", 10) }));
		scope = { kind: "defaults" };
		rest = tokens;
	}
	const [name, ...values] = rest;
	if (name === undefined) return ok({ kind: "view", scope });
	return parseSetting(scope, name.toLowerCase(), values);
}

/** Parses `/keywords [n|default] …` (bare: show the settings). */
export function parseKeywordsArgs(input: string): ParsedRequest {
	return parseShortcut(input, "keywords");
}

/** Parses `/quiet [n|default] HH:MM HH:MM | off` (bare: show the settings). */
export function parseQuietArgs(input: string): ParsedRequest {
	return parseShortcut(input, "quiet");
}

function parseShortcut(input: string, name: string): ParsedRequest {
	if (input.length > MAX_ARGS_LENGTH) return fail(said("settings.too-long"));
	const tokens = tokenize(input);
	if (!tokens) return fail(said("settings.unclosed-quote"));
	if (!tokens.length) return ok({ kind: "view" });
	const scope = parseScope(tokens[0]);
	if (!scope && /^\d+$/.test(tokens[0] ?? ""))
		return fail(said("settings.bad-number", { number: shown(tokens[0] ?? "", 10) }));
	return parseSetting(scope ?? { kind: "defaults" }, name, scope ? tokens.slice(1) : tokens);
}

/** Parses `/timezone <IANA name> | reset` (bare: show). */
export function parseTimeZoneArgs(input: string): ParsedRequest {
	const tokens = input.trim().split(/\s+/).filter(Boolean);
	if (!tokens.length) return ok({ kind: "show-chat" });
	const [name] = tokens;
	if (tokens.length > 1 || !name) return fail(said("settings.timezone-usage"));
	if (["reset", "utc", "default"].includes(name.toLowerCase()))
		return ok({ kind: "timezone", timeZone: undefined });
	if (!isTimeZone(name)) return fail(said("settings.unknown-timezone", { zone: shown(name, 64) }));
	return ok({ kind: "timezone", timeZone: spellTimeZone(name) });
}

/** Parses `/language <code> | reset` (bare: show). */
export function parseLanguageArgs(input: string): ParsedRequest {
	const tokens = input.trim().split(/\s+/).filter(Boolean);
	if (!tokens.length) return ok({ kind: "show-chat" });
	const code = tokens[0]?.toLowerCase() ?? "";
	if (tokens.length > 1) return fail(said("settings.language-usage"));
	if (code === "reset" || code === "default") return ok({ kind: "language", language: undefined });
	if (!(LANGUAGES as readonly string[]).includes(code))
		return fail(said("settings.unknown-language", { code: shown(code, 10) }));
	return ok({ kind: "language", language: code as Language });
}

/**
 * The usual spelling of a zone the user typed in any case: Intl's list, else each part capitalised
 * ("europe/kyiv" → "Europe/Kyiv": Node's ICU would answer the old "Europe/Kiev"), else as typed.
 */
export function spellTimeZone(name: string): string {
	const lower = name.toLowerCase();
	const listed = Intl.supportedValuesOf("timeZone").find((z) => z.toLowerCase() === lower);
	if (listed) return listed;
	if (name !== lower && isTimeZone(name)) return name;
	if (lower === "utc" || lower === "etc/utc") return "UTC";
	const titled = lower.replace(
		/(^|[/_-])([a-z])/g,
		(_m, sep: string, c: string) => sep + c.toUpperCase(),
	);
	return isTimeZone(titled) ? titled : name;
}
