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
	/**
	 * Takes a named lease for ttlMs, waiting up to waitMs for its holder to give it up (woken by a
	 * release in this process, else by polling with backoff); undefined when the wait ran out.
	 */
	acquire(name: string, ttlMs: number, waitMs: number): Promise<Lease | undefined>;
	/**
	 * Claims schedule tick `tickAt` of `name` for this instance: false when an instance already
	 * claimed that tick or a later one (every instance's cron fires on the same ticks; one polls).
	 */
	claimTick(name: string, tickAt: number): Promise<boolean>;
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

/**
 * Cron fires on whole seconds; every instance's tick for one schedule slot fires within ±500 ms of
 * it, so ticks rounded to the nearest second name the slot.
 */
export const TICK_SLOT_MS = 1_000;
/** A claimed tick is remembered this long: far longer than any instance's tick runs late. */
export const TICK_CLAIM_TTL_MS = 60 * 60_000;

/** The schedule slot of a tick (see TICK_SLOT_MS). */
export function tickSlot(tickAt: number): number {
	return Math.round(tickAt / TICK_SLOT_MS);
}

/** Longest pause between two tries of a waited-for lease held by another instance. */
const MAX_LEASE_POLL_MS = 1_000;

/**
 * In-process wake-ups for lease waiters: a release here wakes the waiters here at once; a waiter
 * otherwise wakes after `ms` (the lease's expiry, or the next try against another instance).
 */
class LeaseWaiters {
	readonly #waiting = new Map<string, Set<() => void>>();

	/** Resolves on the next release of `name` in this process, or after ms. */
	wait(name: string, ms: number): Promise<void> {
		return new Promise((resolve) => {
			let set = this.#waiting.get(name);
			if (!set) {
				set = new Set();
				this.#waiting.set(name, set);
			}
			const waiters = set;
			const done = () => {
				clearTimeout(timer);
				waiters.delete(done);
				if (waiters.size === 0 && this.#waiting.get(name) === waiters) this.#waiting.delete(name);
				resolve();
			};
			const timer = setTimeout(done, Math.max(1, ms));
			waiters.add(done);
		});
	}

	/** Wakes every waiter of `name`. */
	released(name: string): void {
		for (const wake of [...(this.#waiting.get(name) ?? [])]) wake();
	}
}

/**
 * tryAcquire, retried until waitMs has passed. `pauseFor(attempt)` is how long to wait before the
 * next try when no release in this process wakes the waiter first.
 */
async function acquireWithWait(
	tryAcquire: (name: string, ttlMs: number) => Promise<Lease | undefined>,
	waiters: LeaseWaiters,
	name: string,
	ttlMs: number,
	waitMs: number,
	pauseFor: (attempt: number) => number,
): Promise<Lease | undefined> {
	// Real elapsed time: the wait is a real wait even where a test injects a frozen clock.
	const deadline = performance.now() + Math.max(0, waitMs);
	for (let attempt = 0; ; attempt++) {
		const lease = await tryAcquire(name, ttlMs);
		const left = deadline - performance.now();
		if (lease || left <= 0) return lease;
		await waiters.wait(name, Math.min(left, pauseFor(attempt)));
	}
}

/** One process: leases and slots live in memory. */
export function createMemoryCoordinator(now: () => number = Date.now): Coordinator {
	const leases = new Map<string, { owner: string; until: number }>();
	const locks = new KeyedLock();
	const nextSlot = new Map<string, number>();
	const waiters = new LeaseWaiters();
	const owner = `mem-${randomUUID().slice(0, 8)}`;
	async function tryAcquire(name: string, ttlMs: number): Promise<Lease | undefined> {
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
				if (leases.get(name)?.owner !== token) return;
				leases.delete(name);
				waiters.released(name);
			},
		};
	}
	return {
		owner,
		tryAcquire,
		// Every holder is in this process: a release wakes the waiter; an unreleased lease at its expiry.
		acquire: (name, ttlMs, waitMs) =>
			acquireWithWait(tryAcquire, waiters, name, ttlMs, waitMs, () =>
				Math.max(1, (leases.get(name)?.until ?? now()) - now()),
			),
		// One process polls every blog once per tick by itself: there is nobody to share a tick with.
		claimTick: async () => true,
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
// A tick is claimed once, and never after a later one was: a late instance does not re-poll.
const CLAIM_TICK = `
local claimed = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) <= claimed then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Several instances on one Redis: SET NX PX leases, owner-checked release, Lua rate slots. */
export function createRedisCoordinator(client: RedisLike, prefix: string): Coordinator {
	const owner = `inst-${randomUUID().slice(0, 8)}`;
	const local = new KeyedLock();
	const waiters = new LeaseWaiters();
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
				waiters.released(name);
			},
		};
	}

	return {
		owner,
		tryAcquire,
		// Another instance's release is not seen here: poll with backoff (25 ms doubling, capped).
		acquire: (name, ttlMs, waitMs) =>
			acquireWithWait(tryAcquire, waiters, name, ttlMs, waitMs, (attempt) =>
				Math.min(MAX_LEASE_POLL_MS, 25 * 2 ** attempt),
			),
		async claimTick(name, tickAt) {
			const claimed = await client.eval(CLAIM_TICK, {
				keys: [key(`tick:${name}`)],
				arguments: [String(tickSlot(tickAt)), String(TICK_CLAIM_TTL_MS)],
			});
			return Number(claimed) === 1;
		},
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
 * slow send, and a dead one (no heartbeat) loses it within ttlMs. With `waitMs`, waits that long
 * for the current holder to give it up.
 */
export async function holdLease(
	coordinator: Coordinator,
	name: string,
	ttlMs: number,
	onError: (error: unknown) => void,
	options: { waitMs?: number } = {},
): Promise<HeldLease | undefined> {
	const lease = options.waitMs
		? await coordinator.acquire(name, ttlMs, options.waitMs)
		: await coordinator.tryAcquire(name, ttlMs);
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
