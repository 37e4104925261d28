/** Configuration: the only reader of process.env; validated with zod into a frozen Config. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { type LOG_LEVELS, schema } from "./config-schema.js";
import { ConfigError } from "./errors.js";

export {
	DEFAULT_DISCORD_API_ROOT,
	DEFAULT_POLL_SCHEDULE,
	DEFAULT_STORE_URL,
	DEFAULT_TELEGRAM_API_ROOT,
} from "./config-schema.js";

/** The Telegram adapter's settings, from the TELEGRAM_* variables. */
export interface TelegramConfig {
	readonly token: string | undefined;
	readonly apiRoot: string;
	/** Webhook mode (instead of long polling) when set. */
	readonly webhook:
		| {
				readonly url: string;
				readonly port: number;
				readonly host: string;
				readonly secretToken: string;
		  }
		| undefined;
}

/** The Discord adapter's settings, from the DISCORD_* variables. */
export interface DiscordConfig {
	readonly token: string | undefined;
	readonly apiRoot: string;
	/** Register the slash commands in this guild only (instant, for testing); undefined = globally. */
	readonly guildId: string | undefined;
	/** Gateway shards of this instance: "auto", or ids out of a total count. */
	readonly shards: "auto" | { readonly ids: number[]; readonly count: number };
}

/** Validated, frozen configuration passed down explicitly. */
export interface Config {
	/** Telegram settings (TELEGRAM_*); the adapter is on when `token` is set. */
	readonly telegram: TelegramConfig;
	/** Discord settings (DISCORD_*); the adapter is on when `token` is set. */
	readonly discord: DiscordConfig;
	/** sqlite://<absolute path> or redis://… */
	readonly storeUrl: string;
	/** Whether STORE_URL was set (environment or .env) rather than defaulted; `watch` keys off it. */
	readonly storeUrlIsExplicit: boolean;
	/** LOG_LEVEL was set (watch then shows log lines; by default it shows news and status only). */
	readonly logLevelIsExplicit: boolean;
	/** Longest one store operation may take before it fails (a frozen Redis must not hang us). */
	readonly storeTimeoutMs: number;
	/** Cap of the SQLite file in MB (writes beyond it fail as on a full disk); undefined = none. */
	readonly sqliteMaxMb: number | undefined;
	readonly pollSchedule: string;
	readonly allowPrivateNetwork: boolean;
	readonly logLevel: (typeof LOG_LEVELS)[number];
	readonly fetchTimeoutMs: number;
	readonly maxPageBytes: number;
	readonly pollConcurrency: number;
	/** Worker threads that parse pages off the event loop (default: min(2, CPUs)). */
	readonly extractWorkers: number;
	/** A page whose parse + extraction runs longer fails like a source fault. */
	readonly extractDeadlineMs: number;
	readonly maxSubscriptionsPerChat: number;
	readonly maxWatchedBlogs: number;
	/** Distinct blogs the chats of one owner (Telegram user who added the bot, Discord server) may follow. */
	readonly maxBlogsPerOwner: number;
	/** Page reads (polls and subscribes together) in flight at once. */
	readonly maxConcurrentReads: number;
	/** Commands (of any kind) one user may send per minute, and one chat may receive per minute. */
	readonly commandsPerUserPerMinute: number;
	readonly commandsPerChatPerMinute: number;
	/** Subscribe attempts (each fetches a page) one user may make per minute. */
	readonly subscribesPerUserPerMinute: number;
	/** Operator allow-lists: when either is set, only these chats (or servers) and users are served. */
	readonly allowedChats: ReadonlySet<string> | undefined;
	readonly allowedUsers: ReadonlySet<string> | undefined;
	/** How long a dead instance's poll or delivery lease lasts before another instance takes over. */
	readonly leaseTtlMs: number;
	/** New entries posted per poll of one blog; older ones are marked seen and summed up in one line. */
	readonly maxNewEntriesPerPoll: number;
	/** How long a post's delivery record (its message id, for edits) is kept. */
	readonly editWindowMs: number;
	/** Key prefix in the store (several deployments can share one Redis). */
	readonly storeNamespace: string;
	/** Port of /healthz and /metrics; undefined = off. */
	readonly healthPort: number | undefined;
	readonly healthHost: string;
	/** Token for the status page (Bearer or ?token=); required when HEALTH_HOST is not loopback. */
	readonly statusToken: string | undefined;
	/** After SIGTERM, how long in-flight sends may take before the process exits anyway. */
	readonly shutdownGraceMs: number;
}

/** Builds a Config from an environment map (process.env by default); empty values count as unset. */
export function loadConfig(
	env: Record<string, string | undefined> = process.env,
	cwd = process.cwd(),
): Config {
	const cleaned: Record<string, string> = {};
	for (const key of Object.keys(schema.shape)) {
		const value = env[key];
		if (value !== undefined && value.trim() !== "") cleaned[key] = value;
	}
	const parsed = schema.safeParse(cleaned);
	if (!parsed.success) {
		throw new ConfigError(
			parsed.error.issues.map((issue) => `${issue.path.join(".") || "config"}: ${issue.message}`),
		);
	}
	const e = parsed.data;
	if (e.DISCORD_SHARDS !== "auto" && e.DISCORD_SHARD_COUNT !== undefined) {
		const tooHigh = e.DISCORD_SHARDS.split(",").filter(
			(id) => Number(id) >= (e.DISCORD_SHARD_COUNT ?? 0),
		);
		if (tooHigh.length) {
			throw new ConfigError([
				`DISCORD_SHARDS: shard ids ${tooHigh.join(", ")} are not below DISCORD_SHARD_COUNT (${e.DISCORD_SHARD_COUNT})`,
			]);
		}
	}
	if (e.HEALTH_PORT !== undefined && !isLoopbackHost(e.HEALTH_HOST) && !e.STATUS_TOKEN) {
		throw new ConfigError([
			`STATUS_TOKEN: required when HEALTH_HOST (${e.HEALTH_HOST}) is not a loopback address: the status page lists chats and blogs`,
		]);
	}
	return Object.freeze({
		telegram: Object.freeze({
			token: e.TELEGRAM_BOT_TOKEN || undefined,
			apiRoot: e.TELEGRAM_API_ROOT,
			webhook: e.TELEGRAM_WEBHOOK_URL
				? Object.freeze({
						url: e.TELEGRAM_WEBHOOK_URL,
						port: e.TELEGRAM_WEBHOOK_PORT,
						host: e.TELEGRAM_WEBHOOK_HOST,
						// Derived from the token when unset, so every instance agrees without more config.
						secretToken:
							e.TELEGRAM_WEBHOOK_SECRET ??
							createHash("sha256")
								.update(`webhook:${e.TELEGRAM_BOT_TOKEN ?? ""}`)
								.digest("hex")
								.slice(0, 48),
					})
				: undefined,
		}),
		discord: Object.freeze({
			token: e.DISCORD_BOT_TOKEN || undefined,
			apiRoot: e.DISCORD_API_ROOT,
			guildId: e.DISCORD_GUILD_ID,
			shards:
				e.DISCORD_SHARDS === "auto"
					? ("auto" as const)
					: Object.freeze({
							ids: e.DISCORD_SHARDS.split(",").map(Number),
							count:
								e.DISCORD_SHARD_COUNT ?? Math.max(...e.DISCORD_SHARDS.split(",").map(Number)) + 1,
						}),
		}),
		storeUrl: resolveStoreUrl(e.STORE_URL, cwd),
		storeUrlIsExplicit: cleaned.STORE_URL !== undefined,
		logLevelIsExplicit: cleaned.LOG_LEVEL !== undefined,
		storeTimeoutMs: e.STORE_TIMEOUT_MS,
		sqliteMaxMb: e.SQLITE_MAX_MB,
		pollSchedule: e.POLL_SCHEDULE,
		allowPrivateNetwork: e.ALLOW_PRIVATE_NETWORK,
		logLevel: e.LOG_LEVEL,
		fetchTimeoutMs: e.FETCH_TIMEOUT_MS,
		maxPageBytes: e.MAX_PAGE_BYTES,
		pollConcurrency: e.POLL_CONCURRENCY,
		extractWorkers: e.EXTRACT_WORKERS ?? Math.min(2, availableParallelism()),
		extractDeadlineMs: e.EXTRACT_DEADLINE_MS,
		maxSubscriptionsPerChat: e.MAX_SUBSCRIPTIONS_PER_CHAT,
		maxWatchedBlogs: e.MAX_WATCHED_BLOGS,
		maxBlogsPerOwner: e.MAX_BLOGS_PER_OWNER,
		maxConcurrentReads: e.MAX_CONCURRENT_READS,
		commandsPerUserPerMinute: e.COMMANDS_PER_USER_PER_MINUTE,
		commandsPerChatPerMinute: e.COMMANDS_PER_CHAT_PER_MINUTE,
		subscribesPerUserPerMinute: e.SUBSCRIBES_PER_USER_PER_MINUTE,
		allowedChats: e.ALLOWED_CHATS,
		allowedUsers: e.ALLOWED_USERS,
		leaseTtlMs: e.LEASE_TTL_MS,
		maxNewEntriesPerPoll: e.MAX_NEW_ENTRIES_PER_POLL,
		editWindowMs: e.EDIT_WINDOW_HOURS * 3_600_000,
		storeNamespace: e.STORE_NAMESPACE,
		healthPort: e.HEALTH_PORT,
		healthHost: e.HEALTH_HOST,
		statusToken: e.STATUS_TOKEN,
		shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
	});
}

/** 127.0.0.0/8, ::1 or localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
	const h = host.toLowerCase().replace(/^\[|\]$/g, "");
	return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** SQLite's name for a database in memory; resolved as a path it would become a file named so. */
const SQLITE_MEMORY = ":memory:";

/** Makes a relative sqlite:// path absolute against cwd so the store does not move with the shell. */
function resolveStoreUrl(url: string, cwd: string): string {
	if (!/^sqlite:\/\//i.test(url)) return url;
	const rest = url.slice("sqlite://".length);
	if (rest === SQLITE_MEMORY) return `sqlite://${SQLITE_MEMORY}`;
	return `sqlite://${path.resolve(cwd, rest)}`;
}

/** Reads KEY=VALUE lines from a .env file into a map (no override of real environment variables). */
export function readDotEnv(file: string): Record<string, string> {
	if (!existsSync(file)) return {};
	const out: Record<string, string> = {};
	for (const raw of readFileSync(file, "utf8").split(/\r?\n/)) {
		const line = raw.trim();
		if (!line || line.startsWith("#")) continue;
		const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
		if (!match?.[1]) continue;
		let value = (match[2] ?? "").trim();
		const quoted = /^(["'])(.*)\1$/.exec(value);
		if (quoted) value = quoted[2] ?? "";
		else {
			// An unquoted value ends at " #" (a comment); indexOf, since /\s+#.*$/ is quadratic.
			const comment = value.search(/\s#/);
			if (comment >= 0) value = value.slice(0, comment).trimEnd();
		}
		out[match[1]] = value;
	}
	return out;
}

/** process.env merged over ./.env (real environment wins). */
export function environmentWithDotEnv(cwd = process.cwd()): Record<string, string | undefined> {
	return { ...readDotEnv(path.join(cwd, ".env")), ...process.env };
}
