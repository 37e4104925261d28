/**
 * Queued deliveries that failed their check on read, moved out of the queue so the ones behind them
 * keep flowing, and kept per target (bounded, expiring) so an operator can see and recover them.
 */
import type { StoredValueError } from "../errors.js";
import { KEYS } from "./keys.js";
import type { Store } from "./open-store.js";
import type { TargetKey } from "./target-key.js";

/** A corrupt delivery as recorded. */
export interface CorruptDelivery {
	/** The key it was read from. */
	key: string;
	/** What failed (StoredValueError.problems). */
	problems: string[];
	/** The value as read, JSON, cut to CORRUPT_RAW_MAX characters. */
	raw: string;
	/** When it was moved aside (ms since epoch). */
	at: number;
}

/** Records kept per target (the newest). */
export const CORRUPT_KEPT = 50;
/** A target's record expires this long after its last corrupt delivery. */
const CORRUPT_TTL_MS = 30 * 24 * 60 * 60_000;
/** Longest raw value kept: a corrupt value may be anything, nothing unbounded goes in the store. */
const CORRUPT_RAW_MAX = 4000;

/** Typed access to each target's record of corrupt deliveries. */
export class CorruptDeliveryRepo {
	constructor(private readonly store: Store) {}

	/** Records a corrupt value read from `error.key` (once per key: moving it again adds nothing). */
	async record(
		targetKey: TargetKey,
		raw: unknown,
		error: StoredValueError,
		at: number,
	): Promise<void> {
		const entry: CorruptDelivery = {
			key: error.key,
			problems: error.problems,
			raw: (JSON.stringify(raw) ?? String(raw)).slice(0, CORRUPT_RAW_MAX),
			at,
		};
		// Read then write, not update(): a ttl needs set(), and one target's queue is read by one sender.
		const current = await this.list(targetKey);
		await this.store.set(
			KEYS.outboxCorrupt(targetKey),
			[entry, ...current.filter((r) => r.key !== entry.key)].slice(0, CORRUPT_KEPT),
			CORRUPT_TTL_MS,
		);
	}

	/** The target's corrupt deliveries, newest first. */
	async list(targetKey: TargetKey): Promise<CorruptDelivery[]> {
		return (await this.store.get<CorruptDelivery[]>(KEYS.outboxCorrupt(targetKey))) ?? [];
	}
}
