/**
 * One-line reasons for a store that cannot be opened, naming the store and the setting (STORE_URL),
 * e.g. "Cannot open the SQLite file /data/db.sqlite (STORE_URL): permission denied". Never the Redis
 * password: only host and port.
 */
import { StoreError } from "../errors.js";

/** What a system or SQLite error code means for opening a file. */
const SQLITE_REASONS: Record<string, string> = {
	EACCES: "permission denied",
	EPERM: "permission denied",
	EROFS: "the file system is read-only",
	ENOTDIR: "a part of the path is not a directory",
	EEXIST: "a part of the path is a file, not a directory",
	EISDIR: "the path is a directory",
	ENOSPC: "the disk is full",
	EDQUOT: "the disk quota is used up",
	SQLITE_CANTOPEN: "unable to open the file (check the path and its permissions)",
	SQLITE_NOTADB: "the file is not a SQLite database",
	SQLITE_CORRUPT: "the database file is corrupt",
	SQLITE_READONLY: "the file is read-only",
	SQLITE_PERM: "permission denied",
	SQLITE_FULL: "the disk is full",
	SQLITE_BUSY: "another process holds the database locked",
};

/** The first string `code` down an error's cause chain. */
function codeOf(error: unknown): string | undefined {
	for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
		const c = e as { code?: unknown; cause?: unknown; errors?: unknown };
		if (typeof c.code === "string") return c.code;
		// Node's "connect ECONNREFUSED" for a host with several addresses is an AggregateError.
		if (Array.isArray(c.errors) && c.errors.length > 0) e = c.errors[0];
		else e = c.cause;
	}
	return undefined;
}

function messageOf(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split("\n")[0] ?? text;
}

/** Why the SQLite file at `file` could not be opened, as one line. */
export function sqliteOpenError(file: string, error: unknown): StoreError {
	const code = codeOf(error);
	const reason = (code && SQLITE_REASONS[code]) ?? messageOf(error);
	return new StoreError(`Cannot open the SQLite file ${file} (STORE_URL): ${reason}`, {
		cause: error,
	});
}

/** host:port of a redis:// URL (never its user or password). */
export function redisLocation(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.hostname}:${parsed.port || "6379"}`;
	} catch {
		// config validated the scheme only; an unparsable rest is named as "the Redis server".
		return "the configured address";
	}
}

/** Why Redis at `url` could not be used at start-up, as one line. */
export function redisOpenError(url: string, error: unknown): StoreError {
	const at = `Redis at ${redisLocation(url)} (STORE_URL)`;
	const code = codeOf(error);
	const text = messageOf(error);
	let message: string;
	if (code === "ECONNREFUSED") message = `${at} refused the connection`;
	else if (code === "ENOTFOUND" || code === "EAI_AGAIN")
		message = `${at}: the host name was not found`;
	else if (code === "ETIMEDOUT" || /timed out|no answer/i.test(text))
		message = `${at} did not answer`;
	else if (code === "ECONNRESET" || code === "EPIPE") message = `${at} closed the connection`;
	else if (/NOAUTH|WRONGPASS|invalid password|AUTH/i.test(text))
		message = `${at} refused the login (check the user and password in STORE_URL)`;
	else message = `${at} could not be used: ${text}`;
	return new StoreError(message, { cause: error });
}
