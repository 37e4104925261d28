/** Typed errors of the core. The `code` picks the user-facing text; messages carry context, never tokens. */
import type { MessageKey } from "./i18n/catalogue.js";
import type { Platform } from "./types.js";

export type RelayErrorCode =
	| "config"
	| "invalid-url"
	| "blocked-url"
	| "fetch-failed"
	| "page-too-large"
	| "timeout"
	| "too-many-redirects"
	| "not-a-live-blog"
	| "page-too-complex"
	| "store"
	| "not-subscribed"
	| "ambiguous-blog"
	| "limit-reached"
	| "rate-limited"
	| "permission-denied"
	| "adapter-start";

/** Base class of every error the core raises on purpose. */
export class RelayError extends Error {
	override name = "RelayError";
	readonly code: RelayErrorCode;
	constructor(code: RelayErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.code = code;
	}
}

/** Invalid configuration; lists every bad variable at once. */
export class ConfigError extends RelayError {
	override name = "ConfigError";
	readonly issues: string[];
	constructor(issues: string[]) {
		super("config", `Invalid configuration:\n  - ${issues.join("\n  - ")}`);
		this.issues = issues;
	}
}

/** The text is not an http(s) URL we can fetch. */
export class InvalidUrlError extends RelayError {
	override name = "InvalidUrlError";
	readonly input: string;
	constructor(input: string, reason: string) {
		super("invalid-url", `Not a usable URL (${reason}): ${truncateForMessage(input)}`);
		this.input = input;
	}
}

/** The URL resolves to a private, loopback, link-local or metadata address. */
export class BlockedUrlError extends RelayError {
	override name = "BlockedUrlError";
	readonly url: string;
	readonly address: string;
	/** Which blocked range the address is in ("loopback", "private", "metadata", …). */
	readonly range: string;
	constructor(url: string, address: string, range: string) {
		super(
			"blocked-url",
			range === "metadata"
				? `Refusing ${truncateForMessage(url)}: it resolves to ${address}, a cloud metadata address, which is never fetched`
				: `Refusing ${truncateForMessage(url)}: it resolves to ${address} (${range}); set ALLOW_PRIVATE_NETWORK=1 to allow private addresses`,
		);
		this.url = url;
		this.address = address;
		this.range = range;
	}
}

/** The page could not be fetched (network error, bad status). */
export class FetchError extends RelayError {
	override name = "FetchError";
	readonly url: string;
	readonly status: number | undefined;
	/** Milliseconds the server asked us to wait (429/503 Retry-After). */
	readonly retryAfterMs: number | undefined;
	constructor(
		url: string,
		message: string,
		options: {
			status?: number;
			retryAfterMs?: number;
			cause?: unknown;
			code?: RelayErrorCode;
		} = {},
	) {
		super(options.code ?? "fetch-failed", message, { cause: options.cause });
		this.url = url;
		this.status = options.status;
		this.retryAfterMs = options.retryAfterMs;
	}
}

/** The page exceeded the byte cap. */
export class PageTooLargeError extends RelayError {
	override name = "PageTooLargeError";
	readonly url: string;
	readonly limitBytes: number;
	constructor(url: string, limitBytes: number) {
		super(
			"page-too-large",
			`Fetching ${url} stopped: the page is larger than ${formatBytes(limitBytes)}`,
		);
		this.url = url;
		this.limitBytes = limitBytes;
	}
}

/** The page holds no live-blog entries any extractor could find. */
export class NotALiveBlogError extends RelayError {
	override name = "NotALiveBlogError";
	readonly url: string;
	readonly tried: string[];
	/** The live-blog platform the page embeds (its entries load after the page opens), if known. */
	readonly embed: string | undefined;
	constructor(url: string, tried: string[], detail?: string, embed?: string) {
		super(
			"not-a-live-blog",
			`No live-blog entries found on ${url}${detail ? ` (${detail})` : ""}; tried ${tried.join(", ")}${
				embed
					? `; the page embeds its live blog from ${embed} (entries loaded by script later)`
					: ""
			}`,
		);
		this.url = url;
		this.tried = tried;
		this.embed = embed;
	}
}

/** Reading a page took longer than the per-page deadline, or crashed its worker: a source fault. */
export class PageTooComplexError extends RelayError {
	override name = "PageTooComplexError";
	readonly url: string;
	/** What stopped it: the CPU deadline, the worker's memory cap, or a worker crash. */
	readonly reason: "deadline" | "memory" | "crashed";
	constructor(url: string, reason: PageTooComplexError["reason"], detail: string) {
		super("page-too-complex", `Reading ${truncateForMessage(url)} was stopped: ${detail}`);
		this.url = url;
		this.reason = reason;
	}
}

/** The store failed; never treated as "nothing stored". */
export class StoreError extends RelayError {
	override name = "StoreError";
	constructor(message: string, options?: { cause?: unknown }) {
		super("store", message, options);
	}
}

/**
 * A stored value failed its check on read (corrupt, hand-edited, or written by a newer release).
 * Names the key and what failed; never carries the value itself (it may be large).
 */
export class StoredValueError extends StoreError {
	override name = "StoredValueError";
	/** The store key the value was read from. */
	readonly key: string;
	/** What the value is ("queued delivery", "recent entries"). */
	readonly valueKind: string;
	/** What failed, e.g. "update.entryId: expected string" (the first few). */
	readonly problems: string[];
	/** "invalid": not readable at any version; "newer": written by a newer release. */
	readonly reason: "invalid" | "newer";
	constructor(key: string, valueKind: string, problems: string[], reason: "invalid" | "newer") {
		super(
			`Stored ${valueKind} at ${truncateForMessage(key)} is ${reason === "newer" ? "from a newer release" : "invalid"}: ${problems.join("; ")}`,
		);
		this.key = key;
		this.valueKind = valueKind;
		this.problems = problems;
		this.reason = reason;
	}
}

/** Another process holds the SQLite store's lock file: two processes on one file send duplicates. */
export class StoreLockedError extends StoreError {
	override name = "StoreLockedError";
	readonly lockFile: string;
	readonly holderPid: number | undefined;
	constructor(message: string, lockFile: string, holderPid: number | undefined) {
		super(message);
		this.lockFile = lockFile;
		this.holderPid = holderPid;
	}
}

/**
 * A chat platform refused to start (bad token, API unreachable). The adapter that knows the platform
 * builds it with a hint saying what to check; the message never quotes a token or a request URL.
 */
export class AdapterStartError extends RelayError {
	override name = "AdapterStartError";
	/** Which platform refused. */
	readonly platform: Platform;
	/** What the operator should check, e.g. "check TELEGRAM_BOT_TOKEN (from @BotFather)". */
	readonly hint: string;
	constructor(platform: Platform, reason: string, hint: string, options?: { cause?: unknown }) {
		super("adapter-start", `The ${platform} adapter did not start: ${reason}; ${hint}`, options);
		this.platform = platform;
		this.hint = hint;
	}
}

/** What a chat is told: a catalogue key and its placeholder values. */
export interface UserText {
	key: MessageKey;
	params?: Record<string, string | number>;
}

/**
 * A user-facing refusal that is not a fault: not subscribed, ambiguous choice, limit, permission.
 * The message is for the log; `say` picks the chat's wording (else the code does).
 */
export class CommandError extends RelayError {
	override name = "CommandError";
	/** Extra data the adapter may render (e.g. the choices for an ambiguous blog). */
	readonly choices: { url: string; title: string }[];
	/** The catalogue message shown in the chat. */
	readonly say: UserText | undefined;
	constructor(
		code: Extract<
			RelayErrorCode,
			"not-subscribed" | "ambiguous-blog" | "limit-reached" | "rate-limited" | "permission-denied"
		>,
		message: string,
		choices: { url: string; title: string }[] = [],
		say?: UserText,
	) {
		super(code, message);
		this.choices = choices;
		this.say = say;
	}
}

/** Shortens user input quoted in an error so a 1 MB argument does not become a 1 MB message. */
export function truncateForMessage(text: string, max = 120): string {
	// Control characters in echoed input could break a log line or a chat message.
	const oneLine = text.replace(/[\u0000-\u001f\u007f]/g, "?");
	return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/** Human form of a byte count, e.g. 5 MB. */
export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
	if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${bytes} B`;
}

/** Turns anything thrown into a RelayError-or-Error with a message, for logging and replies. */
export function toError(value: unknown): Error {
	return value instanceof Error ? value : new Error(String(value));
}
