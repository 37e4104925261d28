/** Opens the keyv store named by STORE_URL (SQLite file by default, Redis for scale-out). */
import { mkdirSync } from "node:fs";
import path from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import type { Logger } from "pino";
import { StoreError, StoreLockedError } from "../errors.js";
import {
	type Coordinator,
	createMemoryCoordinator,
	createRedisCoordinator,
	type RedisLike,
} from "./coordination.js";
import { KeyedLock } from "./keyed-lock.js";
import { KEYS } from "./keys.js";
import { redisOpenError, sqliteOpenError } from "./open-errors.js";
import { lockStoreFile, type StoreLock } from "./store-lock.js";
import { withTimeout } from "./with-timeout.js";

/** Typed key-value access with per-key read-modify-write; every failure throws StoreError. */
export interface Store {
	readonly kind: "sqlite" | "redis";
	/** Leases, locks and rate slots shared by the instances on this store. */
	readonly coordinator: Coordinator;
	get<T>(key: string): Promise<T | undefined>;
	getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
	/** Writes a value; with `ttlMs` it expires (Redis PX; SQLite drops it on read, and sweepExpired deletes it). */
	set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
	delete(key: string): Promise<void>;
	/** Reads, transforms and writes one key under a lock (shared by instances on Redis); undefined deletes it. */
	update<T>(key: string, fn: (current: T | undefined) => T | undefined): Promise<T | undefined>;
	/** Runs fn while holding the lock of `key` (in-process on SQLite, across instances on Redis). */
	withLock<R>(key: string, fn: () => Promise<R>): Promise<R>;
	/** Runs fn while holding an in-process lock of `key` only (no I/O). */
	withLocalLock<R>(key: string, fn: () => Promise<R>): Promise<R>;
	/** One bounded write round trip (health checks); throws StoreError when it fails or times out. */
	probe(timeoutMs: number): Promise<void>;
	/** The most recent failed write (never cleared: callers judge how recent matters). */
	readonly lastWriteFailure: { at: number; message: string } | undefined;
	/**
	 * Deletes up to `limit` expired values whose key starts with `prefix`; returns how many. SQLite only
	 * (keyv keeps expired rows until they are read); Redis expires keys itself, so there it returns 0.
	 */
	sweepExpired(prefix: string, limit: number, now: number): Promise<number>;
	/** Closes the connection and releases the SQLite lock file; idempotent. */
	close(): Promise<void>;
}

/** Options of openStore. */
export interface OpenStoreOptions {
	/** Isolates tests (and deployments) sharing one Redis. */
	namespace?: string;
	log?: Logger;
	/** Longest a single store operation may take before it fails as a StoreError (default 5 s). */
	timeoutMs?: number;
	/** Cap of the SQLite file in MB: beyond it writes fail as on a full disk (SQLITE_FULL). */
	sqliteMaxMb?: number | undefined;
}

const GET_MANY_CHUNK = 256;
/** Default bound of one store operation: a frozen Redis must not hang commands and deliveries. */
export const DEFAULT_STORE_TIMEOUT_MS = 5_000;

/** Opens a store; a SQLite file is locked against a second process (see store-lock.ts). */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
	const namespace = options.namespace ?? "relay";
	const timeoutMs = options.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
	let keyv: Keyv;
	let kind: Store["kind"];
	let coordinator: Coordinator;
	let fileLock: StoreLock | undefined;
	let forceClose: (() => Promise<void>) | undefined;
	let sqlite: KeyvSqlite | undefined;
	if (/^rediss?:\/\//i.test(url)) {
		kind = "redis";
		// No lock: several instances on one Redis is the supported scale-out (leases coordinate them).
		// Imported only for redis:// (the Redis client is a large share of start-up for SQLite users).
		const { default: KeyvRedis } = await import("@keyv/redis");
		const adapter = new KeyvRedis(url, {
			namespace,
			throwOnConnectError: true,
			// Without it @keyv/redis swallows a failed command: a failed write passes as done (an OOM
			// Redis then repeats deliveries) and a failed read as "no value" (keyv's own flag is not enough).
			throwOnErrors: true,
			connectionTimeout: 5000,
		});
		keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true, useKeyPrefix: false });
		coordinator = createRedisCoordinator(
			boundedRedis(adapter.client as unknown as RedisLike, timeoutMs),
			namespace,
		);
		forceClose = () => adapter.disconnect(true);
	} else if (/^sqlite:\/\//i.test(url)) {
		kind = "sqlite";
		const file = url.slice("sqlite://".length);
		let adapter: KeyvSqlite;
		try {
			if (file !== ":memory:") {
				mkdirSync(path.dirname(file), { recursive: true });
				fileLock = lockStoreFile(file, options.log);
			}
			adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 });
			// WAL with NORMAL sync: a committed write survives a process crash (our failure model), at a
			// fifth of the default journal's cost per write. Not for ":memory:".
			if (file !== ":memory:") {
				await adapter.query("PRAGMA journal_mode=WAL");
				await adapter.query("PRAGMA synchronous=NORMAL");
			}
			if (options.sqliteMaxMb !== undefined) {
				const [row] = (await adapter.query("PRAGMA page_size")) as { page_size: number }[];
				const pages = Math.floor((options.sqliteMaxMb * 1024 * 1024) / (row?.page_size ?? 4096));
				await adapter.query(`PRAGMA max_page_count=${pages}`);
			}
		} catch (error) {
			fileLock?.release();
			// Another process holding the file has its own message (who holds it).
			if (error instanceof StoreLockedError) throw error;
			throw sqliteOpenError(file, error);
		}
		keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
		coordinator = createMemoryCoordinator();
		sqlite = adapter;
	} else {
		throw new StoreError(`Unsupported STORE_URL ${url}: use sqlite://<path> or redis://host:port`);
	}
	// keyv emits errors as events too; log them so nothing fails silently (they also throw). While
	// opening, the first check below reports the failure as one line instead (a down Redis would
	// otherwise log a stack per reconnect attempt before it).
	let opened = false;
	let openFailure: unknown;
	keyv.on("error", (error: unknown) => {
		if (opened) options.log?.error({ err: error }, "store error");
		else openFailure ??= error;
	});
	let closing: Promise<void> | undefined;
	let lastWriteFailure: Store["lastWriteFailure"];
	const localLock = new KeyedLock();
	const where = kind === "redis" ? "Redis" : "SQLite";

	/** Runs one operation with a deadline; any failure becomes a StoreError, failed writes are kept. */
	async function guard<R>(what: string, fn: () => Promise<R>, isWrite = false): Promise<R> {
		try {
			return await withTimeout(
				fn(),
				timeoutMs,
				() => new StoreError(`${where} store ${what} gave no answer within ${timeoutMs} ms`),
			);
		} catch (error) {
			const failure =
				error instanceof StoreError
					? error
					: new StoreError(`${where} store ${what} failed: ${(error as Error)?.message ?? error}`, {
							cause: error,
						});
			if (isWrite) lastWriteFailure = { at: Date.now(), message: failure.message };
			throw failure;
		}
	}

	const store: Store = {
		kind,
		coordinator,
		get: <T>(key: string) =>
			guard(`read of ${key}`, async () => (await keyv.get(key)) as T | undefined),
		getMany: <T>(keys: string[]) =>
			guard(`read of ${keys.length} keys`, async () => {
				// @keyv/sqlite matches rows to keys with a linear search per key: chunks keep it cheap.
				const out: (T | undefined)[] = [];
				for (let i = 0; i < keys.length; i += GET_MANY_CHUNK) {
					out.push(
						...((await keyv.getMany(keys.slice(i, i + GET_MANY_CHUNK))) as (T | undefined)[]),
					);
				}
				return out;
			}),
		set: <T>(key: string, value: T, ttlMs?: number) =>
			guard(
				`write of ${key}`,
				async () => {
					await keyv.set(key, value, ttlMs);
				},
				true,
			),
		delete: (key: string) =>
			guard(
				`delete of ${key}`,
				async () => {
					await keyv.delete(key);
				},
				true,
			),
		update: <T>(key: string, fn: (current: T | undefined) => T | undefined) =>
			coordinator.withLock(key, async () => {
				const current = await store.get<T>(key);
				const next = fn(current);
				if (next === current) return next; // unchanged: spare the write
				if (next === undefined) {
					if (current !== undefined) await store.delete(key);
				} else {
					await store.set(key, next);
				}
				return next;
			}),
		sweepExpired: (prefix, limit, now) =>
			guard(`sweep of expired ${prefix}* values`, async () => {
				if (!sqlite) return 0;
				// keyv stores "<namespace>:<key>"; a key range (not LIKE) walks the primary-key index only
				// over this prefix, and LIMIT bounds one sweep's work.
				const from = `${namespace}:${prefix}`;
				const rows = (await sqlite.query(
					`DELETE FROM keyv WHERE key IN (SELECT key FROM keyv WHERE key >= ? AND key < ? AND json_extract(value, '$.expires') < ? LIMIT ?) RETURNING key`,
					from,
					prefixEnd(from),
					now,
					limit,
				)) as unknown[];
				return rows.length;
			}),
		withLock: (key, fn) => coordinator.withLock(key, fn),
		withLocalLock: (key, fn) => localLock.run(key, fn),
		probe: (probeTimeoutMs) =>
			withTimeout(
				store.set(KEYS.probe(), { at: Date.now() }),
				probeTimeoutMs,
				() => new StoreError(`${where} store gave no answer within ${probeTimeoutMs} ms`),
			),
		get lastWriteFailure() {
			return lastWriteFailure;
		},
		close: () => {
			closing ??= guard("close", async () => {
				await keyv.disconnect();
			})
				.catch(async (error: unknown) => {
					// A store that does not answer cannot be closed politely; drop the connection.
					options.log?.warn({ err: error }, "store did not close cleanly; disconnecting");
					await forceClose?.();
				})
				.finally(() => fileLock?.release());
			return closing;
		},
	};
	// Fail fast on a store we cannot reach, rather than at the first poll.
	try {
		await store.get(KEYS.ping());
	} catch (error) {
		await store.close();
		throw kind === "redis"
			? redisOpenError(url, openFailure ?? error)
			: sqliteOpenError(url.slice("sqlite://".length), openFailure ?? error);
	}
	opened = true;
	return store;
}

/** The coordinator's Redis calls with the same deadline and error type as every other store operation. */
function boundedRedis(client: RedisLike, timeoutMs: number): RedisLike {
	const bounded = <T>(what: string, call: () => Promise<T>): Promise<T> =>
		withTimeout(
			call(),
			timeoutMs,
			() => new StoreError(`Redis ${what} gave no answer within ${timeoutMs} ms`),
		).catch((error: unknown) => {
			if (error instanceof StoreError) throw error;
			throw new StoreError(`Redis ${what} failed: ${(error as Error)?.message ?? error}`, {
				cause: error,
			});
		});
	return {
		set: (key, value, options) => bounded("SET", () => client.set(key, value, options)),
		eval: (script, options) => bounded("EVAL", () => client.eval(script, options)),
	};
}

/** The smallest string greater than every string starting with `prefix` (its last character + 1). */
function prefixEnd(prefix: string): string {
	return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
