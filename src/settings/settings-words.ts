/**
 * How settings are put in words: one line with every setting in force, and what a change changed.
 * The words themselves are the catalogue's (src/i18n/settings-*.ts); this only composes them.
 */
import { type Locale, type Said, t } from "../i18n/catalogue.js";
import type { SettingsPatch, SubscriptionSettings } from "./settings-model.js";

/** Each language's own name, as a chat shows it whatever language it speaks. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
	en: "English",
	de: "Deutsch",
	fr: "Français",
	es: "Español",
	uk: "Українська",
};

/** User input echoed back: no control characters, bounded length. */
export function shown(input: string, max: number): string {
	const clean = [...input].filter((c) => c >= " " && c !== "\u007f").join("");
	return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

const onOff = (locale: Locale, on: boolean) => t(locale, on ? "settings.on" : "settings.off");

function describeMode(s: SubscriptionSettings, locale: Locale): string {
	switch (s.mode.kind) {
		case "all":
			return t(locale, "settings.mode.all");
		case "key":
			return t(locale, "settings.mode.key");
		case "digest":
			return t(locale, "settings.mode.digest", { minutes: s.mode.minutes });
	}
}

/** The keyword lists as typed: +word −word +"a phrase" (empty when none). */
export function keywordList(s: Pick<SubscriptionSettings, "include" | "exclude">): string {
	return [
		...s.include.map((w) => `+${/\s/.test(w) ? `"${w}"` : w}`),
		...s.exclude.map((w) => `−${/\s/.test(w) ? `"${w}"` : w}`),
	].join(" ");
}

function describeKeywords(s: SubscriptionSettings, locale: Locale): string | undefined {
	const words = keywordList(s);
	if (!words) return undefined;
	return t(locale, s.keyEventsPass ? "settings.keywords-pass" : "settings.keywords", { words });
}

/** One line with every setting in force, e.g. "digest every 60 min · keywords +ceasefire · quiet 23:00–07:00". */
export function describeSettingsLine(s: SubscriptionSettings, locale: Locale): string {
	const parts = [describeMode(s, locale)];
	const keywords = describeKeywords(s, locale);
	if (keywords) parts.push(keywords);
	if (s.quiet) {
		const key = s.quietBreak ? "settings.quiet-break" : "settings.quiet";
		parts.push(t(locale, key, { from: s.quiet.from, to: s.quiet.to }));
	}
	parts.push(
		t(locale, "settings.changes", {
			edits: onOff(locale, s.edits),
			retractions: t(locale, `settings.retraction.${s.retractions}`),
			pin: onOff(locale, s.pinKeyEvents),
		}),
	);
	return parts.join(" · ");
}

/** The settings line, worded in the chat's language when shown. */
export const settingsLine =
	(s: SubscriptionSettings): Said =>
	(locale) =>
		describeSettingsLine(s, locale);

/** What a change changed, in words ("mode: digest every 60 min"). */
export function describePatch(
	patch: SettingsPatch,
	after: SubscriptionSettings,
	locale: Locale,
): string {
	const parts: string[] = [];
	const say = (text: string) => parts.push(text);
	if (patch.mode) say(t(locale, "settings.patch.mode", { mode: describeMode(after, locale) }));
	if (patch.include || patch.exclude)
		say(describeKeywords(after, locale) ?? t(locale, "settings.patch.no-keywords"));
	if (patch.keyEventsPass !== undefined)
		say(
			t(
				locale,
				patch.keyEventsPass ? "settings.patch.keyevents-pass" : "settings.patch.keyevents-filtered",
			),
		);
	if (patch.quiet !== undefined)
		say(
			patch.quiet
				? t(locale, "settings.patch.quiet", { from: patch.quiet.from, to: patch.quiet.to })
				: t(locale, "settings.patch.no-quiet"),
		);
	if (patch.quietBreak !== undefined)
		say(t(locale, patch.quietBreak ? "settings.patch.break" : "settings.patch.wait"));
	if (patch.edits !== undefined)
		say(t(locale, "settings.patch.edits", { state: onOff(locale, patch.edits) }));
	if (patch.retractions !== undefined)
		say(
			t(locale, "settings.patch.retractions", {
				retractions: t(locale, `settings.retraction.${patch.retractions}`),
			}),
		);
	if (patch.pinKeyEvents !== undefined)
		say(t(locale, "settings.patch.pin", { state: onOff(locale, patch.pinKeyEvents) }));
	return parts.join("; ");
}
