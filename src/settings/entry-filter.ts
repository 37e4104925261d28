/**
 * What a subscription does with one new entry, from its settings: send it now, hold it (digest or
 * quiet hours), or skip it (mode or keywords). Pure; the fan-out applies the answer.
 */
import type { Entry } from "../types.js";
import {
	type FoldedText,
	foldText,
	matchesAny,
	type PreparedKeywords,
	prepareKeywords,
} from "./keyword-match.js";
import { isQuiet } from "./quiet-hours.js";
import type { SubscriptionSettings } from "./settings-model.js";

/** What happens to one entry for one subscription. */
export type EntryVerdict = "send" | "hold" | "skip";

/** A subscription's settings prepared once per fan-out (keywords folded). */
export interface PreparedFilter {
	settings: SubscriptionSettings;
	include: PreparedKeywords;
	exclude: PreparedKeywords;
	timeZone: string;
}

/** Prepares settings for judging many entries. */
export function prepareFilter(settings: SubscriptionSettings, timeZone = "UTC"): PreparedFilter {
	return {
		settings,
		include: prepareKeywords(settings.include),
		exclude: prepareKeywords(settings.exclude),
		timeZone,
	};
}

/** Folded words per entry, shared by every subscription judging it (an entry is folded once per poll). */
const folded = new WeakMap<Entry, FoldedText>();

function wordsOf(entry: Entry): FoldedText {
	let text = folded.get(entry);
	if (!text) {
		text = foldText(`${entry.headline ?? ""} ${entry.bodyText}`);
		folded.set(entry, text);
	}
	return text;
}

/** Whether the entry passes the mode and keyword lists (key events may pass the lists whatever they say). */
export function passesFilters(entry: Entry, filter: PreparedFilter): boolean {
	const { settings } = filter;
	const key = entry.keyEvent === true;
	if (settings.mode.kind === "key" && !key) return false;
	if (key && settings.keyEventsPass) return true;
	if (!filter.include.length && !filter.exclude.length) return true;
	const words = wordsOf(entry);
	if (filter.exclude.length && matchesAny(words, filter.exclude)) return false;
	return !filter.include.length || matchesAny(words, filter.include);
}

/** The verdict on one entry at time `at`. */
export function judgeEntry(entry: Entry, filter: PreparedFilter, at: number): EntryVerdict {
	if (!passesFilters(entry, filter)) return "skip";
	const { settings } = filter;
	const key = entry.keyEvent === true;
	// Key events may break through quiet hours; in digest mode they still go in the digest (first).
	if (isQuiet(at, settings.quiet, filter.timeZone) && !(key && settings.quietBreak)) return "hold";
	return settings.mode.kind === "digest" ? "hold" : "send";
}
