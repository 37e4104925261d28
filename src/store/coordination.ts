/**
 * Coordination between instances sharing one store: leases (one poller per blog, one sender per target),
 * short locks for read-modify-write, and a shared rate gate (Telegram's 30 msg/s is per token, not per
 * process). In memory for the embedded SQLite store (one process); in Redis when STORE_URL is redis://.
 */
import { randomUUID } from "node:crypto";
import { KeyedLock } from "./keyed-lock.js";

/** A held lease; it lapses by itself after its TTL if its holder dies. */
export interface Lease {
	/** Extends the lease; false when it was lost (expired and taken by another instance). */
	renew(ttlMs: number): Promise<boolean>;
	/** Gives the lease up (only if still ours). */
	release(): Promise<void>;
}

/** Leases, locks and rate gates shared by every instance on the store. */
export interface Coordinator {
	/** This instance's id (lease owner). */
	readonly owner: string;
	/** Takes a named lease for ttlMs, or returns undefined when another holder has it. */
	tryAcquire(name: string, ttlMs: number): Promise<Lease | undefined>;
	/** Runs fn holding a short lock (waits for it); for read-modify-write of one key. */
	withLock<R>(name: string, fn: () => Promise<R>): Promise<R>;
	/** Reserves the next slot of a rate limit shared by all instances; resolves when it is due. */
	reserveSlot(name: string, count: number, perMs: number): Promise<void>;
}

/** Minimal Redis client surface used here (node-redis v5). */
export interface RedisLike {
	set(key: string, value: string, options: { NX?: boolean; PX?: number }): Promise<string | null>;
	eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One process: leases and slots live in memory. */
export function createMemoryCoordinator(now: () => number = Date.now): Coordinator {
	const leases = new Map<string, { owner: string; until: number }>();
	const locks = new KeyedLock();
	const nextSlot = new Map<string, number>();
	const owner = `mem-${randomUUID().slice(0, 8)}`;
	return {
		owner,
		async tryAcquire(name, ttlMs) {
			const token = randomUUID();
			const current = leases.get(name);
			if (current && current.until > now()) return undefined;
			leases.set(name, { owner: token, until: now() + ttlMs });
			return {
				async renew(ttl) {
					const held = leases.get(name);
					if (!held || held.owner !== token) return false;
					held.until = now() + ttl;
					return true;
				},
				async release() {
					if (leases.get(name)?.owner === token) leases.delete(name);
				},
			};
		},
		withLock: (name, fn) => locks.run(name, fn),
		async reserveSlot(name, count, perMs) {
			const interval = perMs / count;
			const t = Date.now();
			const slot = Math.max(t, nextSlot.get(name) ?? 0);
			nextSlot.set(name, slot + interval);
			if (slot > t) await sleep(slot - t);
		},
	};
}

const RELEASE_IF_OWNER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const RENEW_IF_OWNER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
// GCRA-style reservation on Redis time: every caller gets the next free slot, spaced perMs/count apart.
const RESERVE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextFree)
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', math.ceil(slot + interval - now) + 1000)
return math.ceil(slot - now)`;

/** Several instances on one Redis: SET NX PX leases, owner-checked release, Lua rate slots. */
export function createRedisCoordinator(client: RedisLike, prefix: string): Coordinator {
	const owner = `inst-${randomUUID().slice(0, 8)}`;
	const local = new KeyedLock();
	const key = (name: string) => `${prefix}:coord:${name}`;

	async function tryAcquire(name: string, ttlMs: number): Promise<Lease | undefined> {
		const token = `${owner}:${randomUUID().slice(0, 8)}`;
		const ok = await client.set(key(name), token, { NX: true, PX: Math.max(1, Math.round(ttlMs)) });
		if (ok !== "OK") return undefined;
		return {
			async renew(ttl) {
				const res = await client.eval(RENEW_IF_OWNER, {
					keys: [key(name)],
					arguments: [token, String(Math.round(ttl))],
				});
				return Number(res) === 1;
			},
			async release() {
				await client.eval(RELEASE_IF_OWNER, { keys: [key(name)], arguments: [token] });
			},
		};
	}

	return {
		owner,
		tryAcquire,
		// In-process queueing first, so one instance does not spin against itself.
		withLock: (name, fn) =>
			local.run(name, async () => {
				let lease: Lease | undefined;
				for (let attempt = 0; !lease; attempt++) {
					lease = await tryAcquire(`lock:${name}`, 10_000);
					if (!lease) await sleep(Math.min(50, 2 + attempt * 2));
				}
				try {
					return await fn();
				} finally {
					await lease.release();
				}
			}),
		// One reservation at a time per instance: an instance then holds at most one future slot, so the
		// instances interleave and a dead one leaves no long run of booked slots behind.
		reserveSlot: (name, count, perMs) =>
			local.run(`rate:${name}`, async () => {
				const wait = Number(
					await client.eval(RESERVE_SLOT, {
						keys: [key(`rate:${name}`)],
						arguments: [String(perMs / count)],
					}),
				);
				if (wait > 0) await sleep(wait);
			}),
	};
}

/** A lease kept alive by a heartbeat until released; `lost` turns true if a renewal failed. */
export interface HeldLease {
	readonly lost: boolean;
	release(): Promise<void>;
}

/**
 * Takes a lease and renews it every ttl/3 while the work runs, so a live holder never loses it to a
 * slow send, and a dead one (no heartbeat) loses it within ttlMs.
 */
export async function holdLease(
	coordinator: Coordinator,
	name: string,
	ttlMs: number,
	onError: (error: unknown) => void,
): Promise<HeldLease | undefined> {
	const lease = await coordinator.tryAcquire(name, ttlMs);
	if (!lease) return undefined;
	let lost = false;
	const timer = setInterval(
		() => {
			lease.renew(ttlMs).then(
				(ok) => {
					if (!ok) lost = true;
				},
				(error: unknown) => {
					// A store hiccup: the lease may lapse; the holder checks `lost` before each send.
					onError(error);
				},
			);
		},
		Math.max(50, Math.floor(ttlMs / 3)),
	);
	timer.unref();
	return {
		get lost() {
			return lost;
		},
		async release() {
			clearInterval(timer);
			await lease.release();
		},
	};
}
