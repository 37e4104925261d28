/**
 * Deletes expired delivery records (and failure records) from the SQLite store. keyv writes their
 * expiry time but only drops an expired value when it is read, and a delivery record is rarely read
 * again: without a sweep the rows would pile up forever. Redis expires the keys itself.
 */
import type { Logger } from "pino";
import { toError } from "../errors.js";
import { KEYS } from "./keys.js";
import type { Store } from "./open-store.js";

/** How often a sweep runs at most (unless the last one hit its batch limit). */
export const SWEEP_INTERVAL_MS = 10 * 60_000;
/** Rows one sweep deletes at most, so one sweep never holds the database for long. */
export const SWEEP_BATCH = 2_000;

/** Keys that carry a ttl: delivery records, then the per-target failure records. */
const EXPIRING_PREFIXES = [KEYS.messagePrefix, KEYS.deliveryFailuresPrefix];

/** Runs bounded sweeps when due. */
export interface ExpirySweeper {
	/** Sweeps if the interval passed (or the last sweep was cut short); never throws, returns rows deleted. */
	maybeSweep(): Promise<number>;
}

/** A sweeper of expired delivery records (a no-op on Redis). */
export function createExpirySweeper(deps: {
	store: Store;
	log: Logger;
	now: () => number;
	intervalMs?: number;
	batch?: number;
}): ExpirySweeper {
	const interval = deps.intervalMs ?? SWEEP_INTERVAL_MS;
	const batch = deps.batch ?? SWEEP_BATCH;
	let nextAt = Number.NEGATIVE_INFINITY;
	let running: Promise<number> | undefined;
	const sweep = async (): Promise<number> => {
		const t = deps.now();
		if (deps.store.kind !== "sqlite" || t < nextAt) return 0;
		try {
			let deleted = 0;
			for (const prefix of EXPIRING_PREFIXES) {
				if (deleted < batch) deleted += await deps.store.sweepExpired(prefix(), batch - deleted, t);
			}
			// A full batch means more are waiting: go on at the next tick instead of after the interval.
			nextAt = deleted >= batch ? t : t + interval;
			if (deleted) deps.log.debug({ deleted }, "expired delivery records swept");
			return deleted;
		} catch (error) {
			// Only disk space is at stake: log it and try again after the interval.
			nextAt = t + interval;
			deps.log.error({ err: toError(error) }, "sweeping expired delivery records failed");
			return 0;
		}
	};
	return {
		maybeSweep() {
			running ??= sweep().finally(() => {
				running = undefined;
			});
			return running;
		},
	};
}
