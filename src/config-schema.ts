/**
 * The environment variables' checks (zod/mini) and defaults, which loadConfig (config.ts) applies.
 * zod/mini rather than "zod": the same checks and messages, but only the checks used are bundled;
 * `watch --once` loads this module, and full zod's classic API cost it CPU at every start.
 */
import cron from "node-cron";
import { en } from "zod/locales";
import * as z from "zod/mini";

/** Every 60 seconds (node-cron with a seconds field). */
export const DEFAULT_POLL_SCHEDULE = "*/60 * * * * *";
/** Embedded default store: a SQLite file under ./data. */
export const DEFAULT_STORE_URL = "sqlite://./data/liveblog-relay.sqlite";
export const DEFAULT_TELEGRAM_API_ROOT = "https://api.telegram.org";
export const DEFAULT_DISCORD_API_ROOT = "https://discord.com/api";

/** Levels LOG_LEVEL accepts (pino's, and silent). */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

// zod/mini loads no locale by itself; English gives the messages full zod gives.
z.config(en());

const booleanFlag = z.pipe(
	z.string().check(
		z.trim(),
		z.toLowerCase(),
		z.refine((v) => ["1", "0", "true", "false", "yes", "no", "on", "off"].includes(v), {
			message: "expected 1/0, true/false, yes/no or on/off",
		}),
	),
	z.transform((v) => ["1", "true", "yes", "on"].includes(v)),
);

const positiveInt = (name: string) =>
	z.coerce
		.number({ message: `${name} must be a number` })
		.check(z.int(`${name} must be a whole number`), z.positive(`${name} must be positive`));

const httpUrl = z.pipe(
	z.string().check(
		z.trim(),
		z.refine((v) => /^https?:\/\/[^/\s]+/i.test(v), { message: "expected an http(s) URL" }),
	),
	z.transform((v) => {
		// A loop, not /\/+$/: that regex is quadratic on a run of slashes (issue 10 §2 regex rule).
		let end = v.length;
		while (end > 0 && v.charAt(end - 1) === "/") end--;
		return v.slice(0, end);
	}),
);

const storeUrl = z.string().check(
	z.trim(),
	z.refine((v) => /^(sqlite:\/\/.+|rediss?:\/\/.+)$/i.test(v), {
		message: "expected sqlite://<path> or redis://host:port[/db]",
	}),
);

/** Comma-separated platform ids (Telegram chat ids may be negative); undefined = no allow-list. */
const idList = z.optional(
	z.pipe(
		z.string().check(
			z.trim(),
			z.refine((v) => v.split(",").every((id) => /^-?\d{1,25}$/.test(id.trim())), {
				message: "expected comma-separated numeric ids, e.g. 12345,-1001234567890",
			}),
		),
		z.transform((v) => new Set(v.split(",").map((id) => id.trim())) as ReadonlySet<string>),
	),
);

/** A bot token as @BotFather gives it: the bot's numeric id, a colon, 35 characters. */
const TELEGRAM_TOKEN_SHAPE = /^\d{1,20}:[A-Za-z0-9_-]{35}$/;

/**
 * Checked before any network call, so a pasted fragment or stray quote is named at once instead of
 * coming back as a 404 from the Bot API. Never quotes the token: only its shape.
 */
const telegramToken = z.string().check(
	z.trim(),
	z.superRefine((v, ctx) => {
		if (TELEGRAM_TOKEN_SHAPE.test(v)) return;
		const colon = v.indexOf(":");
		const found =
			colon < 0
				? "it has no colon"
				: `it has ${colon} character${colon === 1 ? "" : "s"} before the colon and ${v.length - colon - 1} after it`;
		ctx.addIssue({
			code: "custom",
			message: `not a bot token: expected <digits>:<35 letters, digits, _ or -> as @BotFather gives it, but ${found}; copy it again from @BotFather (/mybots → your bot → API Token), without quotes or spaces`,
		});
	}),
);

const trimmed = () => z.string().check(z.trim());

const port = (name: string) =>
	z.coerce
		.number({ message: `${name} must be a port number` })
		.check(z.int(), z.minimum(0), z.maximum(65_535));

/** Every variable loadConfig reads, with its check and default. */
export const schema = z.object({
	TELEGRAM_BOT_TOKEN: z.optional(telegramToken),
	TELEGRAM_API_ROOT: z._default(httpUrl, DEFAULT_TELEGRAM_API_ROOT),
	TELEGRAM_WEBHOOK_URL: z.optional(
		z.string().check(
			z.trim(),
			z.refine((v) => /^https:\/\/[^/\s]+/i.test(v), {
				message: "expected an https:// URL Telegram can reach",
			}),
		),
	),
	TELEGRAM_WEBHOOK_PORT: z._default(port("TELEGRAM_WEBHOOK_PORT"), 8443),
	TELEGRAM_WEBHOOK_HOST: z._default(trimmed(), "0.0.0.0"),
	TELEGRAM_WEBHOOK_SECRET: z.optional(
		z
			.string()
			.check(
				z.trim(),
				z.regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters A-Z, a-z, 0-9, _ and -"),
			),
	),
	DISCORD_BOT_TOKEN: z.optional(trimmed()),
	DISCORD_API_ROOT: z._default(httpUrl, DEFAULT_DISCORD_API_ROOT),
	DISCORD_GUILD_ID: z.optional(
		z.string().check(z.trim(), z.regex(/^\d+$/, "expected a numeric guild id")),
	),
	DISCORD_SHARDS: z._default(
		z
			.string()
			.check(z.trim(), z.regex(/^(auto|\d+(,\d+)*)$/, 'expected "auto" or shard ids like 0,1')),
		"auto",
	),
	DISCORD_SHARD_COUNT: z.optional(positiveInt("DISCORD_SHARD_COUNT")),
	STORE_URL: z._default(storeUrl, DEFAULT_STORE_URL),
	STORE_TIMEOUT_MS: z._default(positiveInt("STORE_TIMEOUT_MS"), 5_000),
	SQLITE_MAX_MB: z.optional(positiveInt("SQLITE_MAX_MB")),
	POLL_SCHEDULE: z._default(
		z.string().check(
			z.trim(),
			z.refine((v) => cron.validate(v), {
				message: `not a valid node-cron expression; for example "${DEFAULT_POLL_SCHEDULE}" (every 60 seconds, the default) or "*/2 * * * *" (every 2 minutes)`,
			}),
		),
		DEFAULT_POLL_SCHEDULE,
	),
	ALLOW_PRIVATE_NETWORK: z._default(booleanFlag, false),
	LOG_LEVEL: z._default(z.enum(LOG_LEVELS), "info"),
	FETCH_TIMEOUT_MS: z._default(positiveInt("FETCH_TIMEOUT_MS"), 15_000),
	MAX_PAGE_BYTES: z._default(positiveInt("MAX_PAGE_BYTES"), 5 * 1024 * 1024),
	POLL_CONCURRENCY: z._default(positiveInt("POLL_CONCURRENCY"), 4),
	EXTRACT_WORKERS: z.optional(positiveInt("EXTRACT_WORKERS").check(z.maximum(64))),
	EXTRACT_DEADLINE_MS: z._default(positiveInt("EXTRACT_DEADLINE_MS"), 10_000),
	MAX_SUBSCRIPTIONS_PER_CHAT: z._default(positiveInt("MAX_SUBSCRIPTIONS_PER_CHAT"), 50),
	MAX_WATCHED_BLOGS: z._default(positiveInt("MAX_WATCHED_BLOGS"), 5_000),
	MAX_BLOGS_PER_OWNER: z._default(positiveInt("MAX_BLOGS_PER_OWNER"), 100),
	MAX_CONCURRENT_READS: z._default(positiveInt("MAX_CONCURRENT_READS"), 8),
	COMMANDS_PER_USER_PER_MINUTE: z._default(positiveInt("COMMANDS_PER_USER_PER_MINUTE"), 20),
	COMMANDS_PER_CHAT_PER_MINUTE: z._default(positiveInt("COMMANDS_PER_CHAT_PER_MINUTE"), 30),
	SUBSCRIBES_PER_USER_PER_MINUTE: z._default(positiveInt("SUBSCRIBES_PER_USER_PER_MINUTE"), 6),
	ALLOWED_CHATS: idList,
	ALLOWED_USERS: idList,
	LEASE_TTL_MS: z._default(positiveInt("LEASE_TTL_MS"), 15_000),
	MAX_NEW_ENTRIES_PER_POLL: z._default(positiveInt("MAX_NEW_ENTRIES_PER_POLL"), 50),
	EDIT_WINDOW_HOURS: z._default(positiveInt("EDIT_WINDOW_HOURS"), 24),
	STORE_NAMESPACE: z._default(
		z
			.string()
			.check(z.trim(), z.regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . - (at most 64)")),
		"relay",
	),
	HEALTH_PORT: z.optional(port("HEALTH_PORT")),
	HEALTH_HOST: z._default(trimmed(), "127.0.0.1"),
	STATUS_TOKEN: z.optional(
		z.string().check(z.trim(), z.minLength(16, "STATUS_TOKEN must be at least 16 characters")),
	),
	SHUTDOWN_GRACE_MS: z._default(positiveInt("SHUTDOWN_GRACE_MS"), 10_000),
});
