/**
 * What a follower can choose per subscription (target × blog) and per chat: the shapes and the
 * defaults. Their zod checks live in settings-schemas.ts (loaded only where values are checked).
 */
import type { SettingsPatch, SubscriptionSettings, TargetSettings } from "./settings-schemas.js";

export type {
	ChatSettings,
	Mode,
	QuietHours,
	SettingsPatch,
	SubscriptionSettings,
	TargetSettings,
} from "./settings-schemas.js";

/** Digest intervals a subscription may choose, in minutes. */
export const DIGEST_MINUTES = [15, 30, 60, 120] as const;
/** One of DIGEST_MINUTES. */
export type DigestMinutes = (typeof DIGEST_MINUTES)[number];

/** Languages of the bot's own words (entry text is never translated). */
export const LANGUAGES = ["en", "de", "fr", "es", "uk"] as const;
/** One of LANGUAGES. */
export type Language = (typeof LANGUAGES)[number];

/** Most keywords in one list (include or exclude): enough for a topic, bounded work per entry. */
export const MAX_KEYWORDS = 20;
/** Longest keyword or quoted phrase, in characters. */
export const MAX_KEYWORD_LENGTH = 60;

/** What the bot does when nobody chose: every entry, at once, no filters, changes on (strike). */
export const DEFAULT_SETTINGS: Readonly<SubscriptionSettings> = Object.freeze<SubscriptionSettings>(
	{
		mode: { kind: "all" },
		include: [],
		exclude: [],
		keyEventsPass: true,
		quiet: null,
		quietBreak: false,
		edits: true,
		retractions: "strike",
		pinKeyEvents: false,
	},
);

/** True when `name` is an IANA time zone this runtime knows (Intl.DateTimeFormat accepts it). */
export function isTimeZone(name: string): boolean {
	if (!name || name.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
	try {
		new Intl.DateTimeFormat("en", { timeZone: name });
		return true;
	} catch {
		// RangeError is Intl's way of saying "unknown zone": that is the answer, not a failure.
		return false;
	}
}

/** Removes undefined fields (so a spread of the patch never blanks a default). */
function defined(patch: SettingsPatch): SettingsPatch {
	return Object.fromEntries(
		Object.entries(patch).filter(([, v]) => v !== undefined),
	) as SettingsPatch;
}

/** The settings in force: built-in defaults, then the target's defaults, then the subscription's own. */
export function effectiveSettings(
	stored: TargetSettings | undefined,
	blogKey: string | undefined,
): SubscriptionSettings {
	const own = blogKey === undefined ? {} : (stored?.blogs[blogKey] ?? {});
	return { ...DEFAULT_SETTINGS, ...defined(stored?.defaults ?? {}), ...defined(own) };
}
