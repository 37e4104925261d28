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
	type Translator,
	t,
	translate,
	translator,
} from "./i18n/catalogue.js";
export {
	type ChatStyle,
	type ChatStylePorts,
	chatStyle,
	type TimeZoneOf,
} from "./i18n/chat-style.js";
export { formatWhen, type TimeStyle, usableTimeZone } from "./i18n/time.js";
export { type Logger, redactSecrets } from "./log.js";
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
export { parseTargetKey, type TargetKey, targetKey } from "./store/target-key.js";
export { firstSentence, summarize } from "./summary/summarize.js";
export type {
	DeliveryResult,
	Entry,
	EntryUpdate,
	LiveBlog,
	Notice,
	Platform,
	Target,
} from "./types.js";
