/**
 * The zod checks of settings (every value read from the store or typed by a user passes one), apart
 * from settings-model.ts so that code needing only the shapes and defaults (the console adapter,
 * through the core's barrel, in `watch`) does not load zod.
 */
import { en } from "zod/locales";
import * as z from "zod/mini";
import { isTimeZone, LANGUAGES, MAX_KEYWORD_LENGTH, MAX_KEYWORDS } from "./settings-model.js";

// zod/mini loads no locale by itself: a refused change is logged with the messages full zod gave.
z.config(en());

const hhmm = z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/));

const modeSchema = z.discriminatedUnion("kind", [
	z.object({ kind: z.literal("all") }),
	z.object({ kind: z.literal("key") }),
	z.object({
		kind: z.literal("digest"),
		minutes: z.union([z.literal(15), z.literal(30), z.literal(60), z.literal(120)]),
	}),
]);

const keywordSchema = z.string().check(
	z.minLength(1),
	z.maxLength(MAX_KEYWORD_LENGTH),
	z.refine((k) => /[\p{L}\p{N}]/u.test(k), "a keyword needs a letter or digit"),
);

/** The quiet window: from..to in the chat's time zone; from > to wraps past midnight. */
export const quietSchema = z.object({ from: hhmm, to: hhmm }).check(
	z.refine((q) => q.from !== q.to, {
		message: "quiet hours must start and end at different times",
	}),
);

/** Every setting of one subscription, each one present. */
export const subscriptionSettingsSchema = z.object({
	mode: modeSchema,
	include: z.array(keywordSchema).check(z.maxLength(MAX_KEYWORDS)),
	exclude: z.array(keywordSchema).check(z.maxLength(MAX_KEYWORDS)),
	/** Key events pass the keyword lists whatever they say. */
	keyEventsPass: z.boolean(),
	/** Absent: no quiet hours. */
	quiet: z.nullable(quietSchema),
	/** Key events are sent during quiet hours instead of held. */
	quietBreak: z.boolean(),
	/** Edited entries are edited in place (issue 13). */
	edits: z.boolean(),
	/** What a retracted entry does to its post (issue 13). */
	retractions: z.enum(["strike", "delete", "off"]),
	/** Key events are pinned (issue 13). */
	pinKeyEvents: z.boolean(),
});

/** Every setting of one subscription. */
export type SubscriptionSettings = z.infer<typeof subscriptionSettingsSchema>;
/** A subscription's mode: every entry, key events only, or a digest every N minutes. */
export type Mode = SubscriptionSettings["mode"];
/** A quiet window. */
export type QuietHours = NonNullable<SubscriptionSettings["quiet"]>;

/** Some settings: what a chat default or a subscription's own choice overrides. */
export const settingsPatchSchema = z.partial(subscriptionSettingsSchema);
/** Some settings. */
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Chat-wide settings: time zone and language (the chat's, not per blog). */
export const chatSettingsSchema = z.object({
	timeZone: z.optional(z.string().check(z.refine(isTimeZone, "unknown time zone"))),
	language: z.optional(z.enum(LANGUAGES)),
});

/** Chat-wide settings. */
export type ChatSettings = z.infer<typeof chatSettingsSchema>;

/** What one target stores: its defaults, each subscription's own choices, its chat settings. */
export const targetSettingsSchema = z.object({
	defaults: settingsPatchSchema,
	blogs: z.record(z.string(), settingsPatchSchema),
});

/** What one target stores. */
export type TargetSettings = z.infer<typeof targetSettingsSchema>;
