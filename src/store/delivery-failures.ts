/**
 * Deliveries that did not arrive for good (rejected payloads, gone or forbidden targets), kept as data
 * per target: the last few, so the status page can say why a chat stopped getting updates.
 */
import { KEYS } from "./keys.js";
import type { Store } from "./open-store.js";

/** Records kept per target (the newest). */
export const DELIVERY_FAILURES_KEPT = 20;
/** A target's record expires this long after its last failure (the target may be long gone). */
export const DELIVERY_FAILURES_TTL_MS = 30 * 24 * 60 * 60_000;
/** Longest reason stored: platform descriptions are short, but nothing unbounded goes in the store. */
const REASON_MAX = 300;

/** One delivery (or target) that was given up on. */
export interface DeliveryFailure {
	/** "rejected": the payload was dropped; "gone"/"forbidden": the target was forgotten. */
	status: "rejected" | "gone" | "forbidden";
	reason: string;
	/** The entry (or notice id) that failed; absent when the platform told us without a post. */
	entryId?: string | undefined;
	blogKey?: string | undefined;
	/** When it happened (ms since epoch). */
	at: number;
}

/** Typed access to each target's bounded failure record. */
export class DeliveryFailureRepo {
	constructor(private readonly store: Store) {}

	/** Adds a failure to the target's record, keeping the newest DELIVERY_FAILURES_KEPT. */
	async record(targetKey: string, failure: DeliveryFailure): Promise<void> {
		const entry: DeliveryFailure = { ...failure, reason: failure.reason.slice(0, REASON_MAX) };
		const current =
			(await this.store.get<DeliveryFailure[]>(KEYS.deliveryFailures(targetKey))) ?? [];
		// Read then write, not update(): a lost record of two simultaneous failures of one target is
		// harmless, and a ttl needs set(). The dispatcher sends one delivery per target at a time anyway.
		await this.store.set(
			KEYS.deliveryFailures(targetKey),
			[entry, ...current].slice(0, DELIVERY_FAILURES_KEPT),
			DELIVERY_FAILURES_TTL_MS,
		);
	}

	/** The target's failures, newest first. */
	async list(targetKey: string): Promise<DeliveryFailure[]> {
		return (await this.store.get<DeliveryFailure[]>(KEYS.deliveryFailures(targetKey))) ?? [];
	}
}
