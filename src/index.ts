/** The public core surface that adapters import (and nothing else from src/). */

// Configuration and logging types adapters receive
export type { Config } from "./config.js";
// Errors
export {
	AdapterStartError,
	BlockedUrlError,
	CommandError,
	ConfigError,
	FetchError,
	InvalidUrlError,
	NotALiveBlogError,
	PageTooLargeError,
	RelayError,
	type RelayErrorCode,
	StoreError,
	truncateForMessage,
	type UserText,
} from "./errors.js";
// The message catalogue and the times the bot shows
export {
	CATALOGUES,
	DEFAULT_LOCALE,
	LOCALES,
	type Locale,
	type LocaleOf,
	type MessageKey,
	matchLocale,
	resolveLocale,
	type Said,
	said,
	type Translator,
	t,
	translate,
	translator,
	verbatim,
} from "./i18n/catalogue.js";
export {
	type ChatSettingsSource,
	type ChatStyle,
	type ChatStylePorts,
	chatStyle,
	settingsPorts,
	type TimeZoneOf,
} from "./i18n/chat-style.js";
export { formatWhen, type TimeStyle, usableTimeZone } from "./i18n/time.js";
export type { Logger } from "./log.js";
export { redactSecrets } from "./redact.js";
// Commonly used: the port and its vocabulary
export type {
	BlogInfo,
	CommandActor,
	LatestReply,
	ListReply,
	PlatformAdapter,
	RelayCommands,
	RelayCore,
	SubscribeReply,
	UnsubscribeReply,
} from "./relay/adapter.js";
export type {
	ChangePreferences,
	ChangePreferencesOf,
	TargetTimeZoneOf,
} from "./relay/change-preferences.js";
export {
	CANNOT_PIN_NOTE,
	clockTime,
	describeEditMarker,
	KEY_EVENT_TAG,
	RECAP_HEADING,
	REMOVED_BY_PUBLISHER,
} from "./relay/change-wording.js";
export type { Admission, CommandSender } from "./relay/command-gate.js";
export {
	clampLatestCount,
	LATEST_DEFAULT,
	LATEST_MAX,
	type LatestCount,
} from "./relay/latest-count.js";
export { describeError, describeNotice, errorChoices, errorText } from "./relay/messages.js";
export {
	connectWithRetry,
	START_RETRY_BACKOFF,
	type StartFailure,
	type StartRetryOptions,
} from "./relay/start-retry.js";
// Settings (issue 14): the text grammar, the commands' replies, and their wording
export {
	MAX_ARGS_LENGTH,
	type ParsedRequest,
	parseKeywordsArgs,
	parseLanguageArgs,
	parseQuietArgs,
	parseSettingsArgs,
	parseTimeZoneArgs,
	type ScopeArg,
	type SettingsRequest,
} from "./settings/settings-args.js";
export {
	DIGEST_MINUTES,
	LANGUAGES,
	type SettingsPatch,
	type SubscriptionSettings,
} from "./settings/settings-model.js";
export type {
	SettingsCommands,
	SettingsReply,
	SettingsView,
	SubscriptionView,
} from "./settings/settings-service.js";
export {
	describeSettingsLine,
	keywordList,
	LANGUAGE_NAMES,
} from "./settings/settings-words.js";
export { parseTargetKey, type TargetKey, targetKey } from "./store/target-key.js";
export { firstSentence, summarize } from "./summary/summarize.js";
export type {
	DeliveryResult,
	Digest,
	DigestItem,
	Entry,
	EntryUpdate,
	LiveBlog,
	MessageChange,
	Notice,
	Platform,
	Target,
} from "./types.js";
