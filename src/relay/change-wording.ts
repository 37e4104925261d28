/**
 * Plain-text wording of changes to posted messages (edits, retractions, key events, the recap), from
 * the catalogue in the chat's language; adapters add markup. The constants are the English texts.
 */
import { DEFAULT_LOCALE, type Locale, t } from "../i18n/catalogue.js";

/** The tag of an entry the publisher marks as a key event. */
export const KEY_EVENT_TAG = t(DEFAULT_LOCALE, "change.key-event");

/** What a retracted entry's message says under its struck-through headline. */
export const REMOVED_BY_PUBLISHER = t(DEFAULT_LOCALE, "change.removed");

/** Heading of the closing recap's list of key events. */
export const RECAP_HEADING = t(DEFAULT_LOCALE, "change.recap-heading");

/** Said once in the blog list when the bot may not pin in a chat that asked for pins. */
export const CANNOT_PIN_NOTE = t(DEFAULT_LOCALE, "change.cannot-pin");

/** "updated 10:42 UTC", or "updated 10:42" in the chat's own time zone, in the chat's language. */
export function describeEditMarker(
	editedAt: Date,
	timeZone?: string,
	locale: Locale = DEFAULT_LOCALE,
): string {
	return t(locale, "change.updated-at", { time: clockTime(editedAt, timeZone) });
}

/** "10:42 UTC" (no zone given, or an unknown one), else "10:42" in `timeZone`. */
export function clockTime(at: Date, timeZone?: string): string {
	if (timeZone) {
		try {
			return new Intl.DateTimeFormat("en-GB", {
				hour: "2-digit",
				minute: "2-digit",
				hourCycle: "h23",
				timeZone,
			}).format(at);
		} catch {
			// An unknown zone name falls back to UTC, said as such.
		}
	}
	const hh = String(at.getUTCHours()).padStart(2, "0");
	const mm = String(at.getUTCMinutes()).padStart(2, "0");
	return `${hh}:${mm} UTC`;
}
