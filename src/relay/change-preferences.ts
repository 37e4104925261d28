/** How a subscription (target × blog) wants changes to posted entries handled: a port the settings store fills. */
import type { TargetKey } from "../store/target-key.js";

/** One subscription's choices about edits, retractions and pins. */
export interface ChangePreferences {
	/** Edit posted messages in place when the publisher edits an entry. */
	edits: boolean;
	/** A deleted entry's message: struck through, deleted, or left alone. */
	retractions: "strike" | "delete" | "off";
	/** Pin the newest key event (where the bot may pin). */
	pinKeyEvents: boolean;
}

/** What a subscription gets until it chooses otherwise. */
export const DEFAULT_CHANGE_PREFERENCES: ChangePreferences = {
	edits: true,
	retractions: "strike",
	pinKeyEvents: false,
};

/** Preferences of one subscription (target × blog). */
export type ChangePreferencesOf = (
	targetKey: TargetKey,
	blogKey: string,
) => Promise<ChangePreferences>;

/** The time zone a target shows times in (IANA name), undefined for UTC; also the shape of its language port. */
export type TargetTimeZoneOf = (targetKey: TargetKey) => Promise<string | undefined>;

/** Every subscription on the defaults (until the settings store is wired in). */
export const defaultChangePreferences: ChangePreferencesOf = async () => DEFAULT_CHANGE_PREFERENCES;
