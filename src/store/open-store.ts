/** Opens the keyv store named by STORE_URL (SQLite file by default, Redis for scale-out). */
import { mkdirSync } from "node:fs";
import path from "node:path";
import KeyvRedis from "@keyv/redis";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import type { Logger } from "pino";
import { StoreError } from "../errors.js";
import {
	type Coordinator,
	createMemoryCoordinator,
	createRedisCoordinator,
	type RedisLike,
} from "./coordination.js";
import { KeyedLock } from "./keyed-lock.js";

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
	/**
	 * Deletes up to `limit` expired values whose key starts with `prefix`; returns how many. SQLite only
	 * (keyv keeps expired rows until they are read); Redis expires keys itself, so there it returns 0.
	 */
	sweepExpired(prefix: string, limit: number, now: number): Promise<number>;
	/** Closes the connection; idempotent. */
	close(): Promise<void>;
}

const GET_MANY_CHUNK = 256;

/** Opens a store; `namespace` isolates tests sharing one Redis. */
export async function openStore(
	url: string,
	options: { namespace?: string; log?: Logger } = {},
): Promise<Store> {
	const namespace = options.namespace ?? "relay";
	let keyv: Keyv;
	let kind: Store["kind"];
	let coordinator: Coordinator;
	let sqlite: KeyvSqlite | undefined;
	if (/^rediss?:\/\//i.test(url)) {
		kind = "redis";
		const adapter = new KeyvRedis(url, {
			namespace,
			throwOnConnectError: true,
			connectionTimeout: 5000,
		});
		keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true, useKeyPrefix: false });
		coordinator = createRedisCoordinator(adapter.client as unknown as RedisLike, namespace);
	} else if (/^sqlite:\/\//i.test(url)) {
		kind = "sqlite";
		const file = url.slice("sqlite://".length);
		if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
		const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 });
		// WAL with NORMAL sync: a committed write survives a process crash (our failure model), at a
		// fifth of the default journal's cost per write. Not for ":memory:".
		if (file !== ":memory:") {
			await adapter.query("PRAGMA journal_mode=WAL");
			await adapter.query("PRAGMA synchronous=NORMAL");
		}
		keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
		coordinator = createMemoryCoordinator();
		sqlite = adapter;
	} else {
		throw new StoreError(`Unsupported STORE_URL ${url}: use sqlite://<path> or redis://host:port`);
	}
	// keyv emits errors as events too; log them so nothing fails silently (they also throw).
	keyv.on("error", (error: unknown) => options.log?.error({ err: error }, "store error"));
	let closing: Promise<void> | undefined;
	const localLock = new KeyedLock();
	const where = kind === "redis" ? "Redis" : "SQLite";

	async function guard<R>(what: string, fn: () => Promise<R>): Promise<R> {
		try {
			return await fn();
		} catch (error) {
			if (error instanceof StoreError) throw error;
			throw new StoreError(`${where} store ${what} failed: ${(error as Error)?.message ?? error}`, {
				cause: error,
			});
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
			guard(`write of ${key}`, async () => {
				await keyv.set(key, value, ttlMs);
			}),
		delete: (key: string) =>
			guard(`delete of ${key}`, async () => {
				await keyv.delete(key);
			}),
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
		close: () => {
			closing ??= guard("close", async () => {
				await keyv.disconnect();
			});
			return closing;
		},
	};
	// Fail fast on a store we cannot reach, rather than at the first poll.
	await store.get("meta:v1:ping");
	return store;
}

/** The smallest string greater than every string starting with `prefix` (its last character + 1). */
function prefixEnd(prefix: string): string {
	return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
