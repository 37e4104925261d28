/**
 * Every sentence the settings commands say, in plain text (adapters escape and mark up). English for
 * now: kept in this one module so the message catalogue can take them over in one move.
 */
import type { ChatSettings, SettingsPatch, SubscriptionSettings } from "./settings-model.js";

const LANGUAGE_NAMES: Record<string, string> = {
	en: "English",
	de: "Deutsch",
	fr: "Français",
	es: "Español",
	uk: "Українська",
};

/** User input echoed back: no control characters, bounded length. */
function shown(input: string, max: number): string {
	const clean = [...input].filter((c) => c >= " " && c !== "\u007f").join("");
	return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** Fixed replies and usage lines. */
export const SETTINGS_TEXT = {
	settingsUsage:
		"Usage: /settings [number|default] <setting> <value>, e.g. /settings 2 mode digest 60. Settings: mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.",
	modeUsage: "Mode is one of: all, key, digest 15, digest 30, digest 60, digest 120.",
	keywordsUsage:
		'Usage: /keywords [number|default] +word -word +"a phrase", or clear. Words match whole words, in any case and with or without accents.',
	keywordTooLong: "A keyword or phrase can be at most 60 characters long.",
	tooManyKeywords: "At most 20 keywords to include and 20 to exclude.",
	quietUsage:
		"Usage: /quiet [number|default] 23:00 07:00 (start and end, in the chat's time zone), or /quiet off.",
	quietSame: "Quiet hours must start and end at different times.",
	retractionsUsage: "Retractions is one of: strike, delete, off.",
	timeZoneUsage:
		"Usage: /timezone Europe/Kyiv (an IANA time zone name), or /timezone reset for UTC.",
	languageUsage: "Usage: /language en|de|fr|es|uk, or /language reset.",
	tooLong: "That's too long for a settings command.",
	unclosedQuote: 'A quote is not closed: put phrases in "double quotes".',
	adminsOnly: "Only administrators can change the settings here; anyone can view them.",
	noBlogs:
		"This chat doesn't follow any live blog yet, so there is nothing to set for a blog. Defaults (/settings default …) apply to blogs followed later.",
	onOffUsage: (name: string) => `Usage: ${name} on or ${name} off.`,
	unknownSetting: (name: string) =>
		`I don't know the setting "${shown(name, 40)}". Settings: mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.`,
	badNumber: (n: string) => `There is no blog number ${shown(n, 10)} here; /settings lists them.`,
	keywordEmpty: (raw: string) => `"${shown(raw, 40)}" has no letters or digits to match.`,
	unknownTimeZone: (name: string) =>
		`I don't know the time zone "${shown(name, 64)}". Use an IANA name such as Europe/Kyiv, America/New_York or UTC.`,
	unknownLanguage: (code: string) =>
		`I don't speak "${shown(code, 10)}" yet. Choose en, de, fr, es or uk.`,
	timeZoneSet: (zone: string | undefined) =>
		zone ? `Times here are now shown in ${zone}.` : "Times here are now shown in UTC.",
	languageSet: (code: string | undefined) =>
		code
			? `The bot now speaks ${LANGUAGE_NAMES[code] ?? code} here.`
			: "The bot speaks the default language here again.",
	chatLine: (chat: ChatSettings) =>
		`Time zone: ${chat.timeZone ?? "UTC"} · language: ${chat.language ? (LANGUAGE_NAMES[chat.language] ?? chat.language) : "default"}`,
	defaultsHeader: "Defaults for this chat (blogs without their own choice follow them):",
	changedDefaults: "Saved as this chat's default:",
	changedBlog: (title: string) => `Saved for "${title}":`,
	resetDefaults: "This chat's defaults are back to the built-in ones.",
	resetBlog: (title: string) => `"${title}" follows this chat's defaults again.`,
	// Discord's /settings options and the Telegram keyboard's taps
	notFollowedHere: "This channel doesn't follow that blog; pick one from the list.",
	keywordsMissing: "Give words to include or exclude, or clear:true.",
	unknownPart: "I don't know that part of /settings.",
	nothingChosen: "Choose at least one option to change.",
	unavailable: "Settings are not available on this bot.",
	cannotCheckAdminTap: "I couldn't check your admin rights; try again.",
	adminsOnlyTap: "Only administrators can change the settings here.",
} as const;

/** Placement (a topic or thread per blog): every sentence, plain text. */
export const PLACEMENT_TEXT = {
	notAForum:
		"This chat has no topics, so entries will be posted here. (Turn on topics in the group's settings to give each blog its own.)",
	noTopicRight:
		"I can't create topics here (I need the Manage Topics right), so entries will be posted in this topic.",
	postedInTopic: (name: string) => `Entries will be posted in the topic “${name}”.`,
	/** Before and after the blog's link in the General topic's notice. */
	topicClosed: [
		"I can't post new entries of",
		"in its topic: the topic is closed. Reopen it within a day to get them there, or send /unsubscribe in that topic.",
	] as const,
	topicDeleted: [
		"The topic of",
		"was deleted, so I've stopped posting it. Send /subscribe <url> topic to give it a new topic.",
	] as const,
	threadChannelTypes: "Threads can be made in text, announcement and forum channels only.",
	threadMissingRights: (channel: string, missing: string[]) =>
		`I can't make a thread in ${channel}: I need the ${missing.join(", ")} permission there.`,
	threadStarter: "New entries of this live blog are posted here.",
	threadFollows: "New entries will be posted there.",
} as const;

function describeMode(s: SubscriptionSettings): string {
	switch (s.mode.kind) {
		case "all":
			return "every entry";
		case "key":
			return "key events only";
		case "digest":
			return `digest every ${s.mode.minutes} min`;
	}
}

function describeKeywords(s: SubscriptionSettings): string | undefined {
	const words = [
		...s.include.map((w) => `+${/\s/.test(w) ? `"${w}"` : w}`),
		...s.exclude.map((w) => `−${/\s/.test(w) ? `"${w}"` : w}`),
	];
	if (!words.length) return undefined;
	return `keywords ${words.join(" ")}${s.keyEventsPass ? " (key events always pass)" : ""}`;
}

/** One line with every setting in force, e.g. "digest every 60 min · keywords +ceasefire · quiet 23:00–07:00". */
export function describeSettingsLine(s: SubscriptionSettings): string {
	const parts = [describeMode(s)];
	const keywords = describeKeywords(s);
	if (keywords) parts.push(keywords);
	if (s.quiet) {
		parts.push(
			`quiet ${s.quiet.from}–${s.quiet.to}${s.quietBreak ? " (key events break through)" : ""}`,
		);
	}
	parts.push(
		`edits ${s.edits ? "on" : "off"}, retractions ${s.retractions}, pin ${s.pinKeyEvents ? "on" : "off"}`,
	);
	return parts.join(" · ");
}

/** What a change changed, in words ("mode: digest every 60 min"). */
export function describePatch(patch: SettingsPatch, after: SubscriptionSettings): string {
	const parts: string[] = [];
	if (patch.mode) parts.push(`mode: ${describeMode(after)}`);
	if (patch.include || patch.exclude) parts.push(describeKeywords(after) ?? "no keywords");
	if (patch.keyEventsPass !== undefined)
		parts.push(
			`key events ${patch.keyEventsPass ? "always pass" : "are filtered like other entries"}`,
		);
	if (patch.quiet !== undefined)
		parts.push(
			patch.quiet ? `quiet hours ${patch.quiet.from}–${patch.quiet.to}` : "no quiet hours",
		);
	if (patch.quietBreak !== undefined)
		parts.push(`key events ${patch.quietBreak ? "break through" : "wait out"} quiet hours`);
	if (patch.edits !== undefined) parts.push(`edits ${patch.edits ? "on" : "off"}`);
	if (patch.retractions !== undefined) parts.push(`retractions: ${patch.retractions}`);
	if (patch.pinKeyEvents !== undefined)
		parts.push(`pin key events ${patch.pinKeyEvents ? "on" : "off"}`);
	return parts.join("; ");
}
