/**
 * Drains the outbox: per target, pending deliveries in order, one at a time; across targets, in
 * parallel. Each DeliveryResult becomes an action by decideDelivery (delivery-policy.ts); this only
 * executes actions.
 */
import type { Logger } from "pino";
import { StoreError, toError } from "../errors.js";
import { type Coordinator, type HeldLease, holdLease } from "../store/coordination.js";
import type { DeliveryFailureRepo } from "../store/delivery-failures.js";
import { KEYS } from "../store/keys.js";
import type { OutboxRepo, PendingDelivery } from "../store/outbox.js";
import { parseTargetKey, type TargetKey, targetKey } from "../store/target-key.js";
import type { DeliveryResult, Platform, Target } from "../types.js";
import type { PlatformAdapter } from "./adapter.js";
import { type DeliveryAction, decideDelivery, FAILURE_BACKOFF } from "./delivery-policy.js";
import type { ForgetTarget } from "./forget-target.js";
import { postDelivery } from "./post-delivery.js";
import type { ChangeSender } from "./send-change.js";
import { StorePause, type StorePauseStatus } from "./store-pause.js";

/** Longest single wait honoured in one go; longer Retry-After values are re-checked after it. */
const MAX_WAIT_MS = 10 * 60_000;

/** A delivery the platform accepted whose record could not be written yet (kept in memory only). */
interface Unrecorded {
	delivery: PendingDelivery;
	messageId: string | undefined;
	deliveredAt: number;
}

/** Collaborators of the dispatcher. */
export interface DispatcherDeps {
	outbox: OutboxRepo;
	coordinator: Coordinator;
	/** How long a dead sender's hold on a target lasts before another instance takes over. */
	leaseTtlMs: number;
	adapters: Map<Platform, PlatformAdapter>;
	/** Executes removeTarget: the core's one way to forget a target. */
	forgetTarget: ForgetTarget;
	/** Executes moveTarget: subscriptions, queue and owner to the new id. */
	moveTarget: (from: Target, to: Target) => Promise<void>;
	/** Where dropped (rejected) deliveries are recorded as data. */
	failures: DeliveryFailureRepo;
	log: Logger;
	now: () => number;
	/** Jitter of the retry back-off (default Math.random). */
	random?: () => number;
	/** Sends queued changes of posted messages once a target's outbox is empty; absent: none. */
	changes?: ChangeSender | undefined;
	/** Observes every delivery attempt (metrics). */
	onResult?: (
		platform: Platform,
		result: DeliveryResult,
		delivery: PendingDelivery,
		target: Target,
	) => void;
}

/** Sends pending deliveries and applies the result policy. */
export class Dispatcher {
	readonly #running = new Map<TargetKey, Promise<void>>();
	readonly #again = new Set<TargetKey>();
	readonly #timers = new Map<TargetKey, NodeJS.Timeout>();
	/** Targets whose next change is not due yet (coalesced edits): new entries still go at once. */
	readonly #changeTimers = new Map<TargetKey, NodeJS.Timeout>();
	readonly #idleWaiters: (() => void)[] = [];
	/** Sent but not recorded, per target: the target sends nothing more until this is written. */
	readonly #unrecorded = new Map<TargetKey, Unrecorded>();
	/** Leases kept while a target's sent delivery awaits its record, so no other instance resends it. */
	readonly #keptLeases = new Map<TargetKey, HeldLease>();
	readonly #pause: StorePause;
	#stopping = false;

	constructor(private readonly deps: DispatcherDeps) {
		this.#pause = new StorePause({
			log: deps.log,
			now: deps.now,
			// A worker still running for the probe's target is the probe; its outcome decides.
			startProbe: (key) => {
				if (!this.#running.has(key)) this.#startWorker(key);
				this.#notifyIdle();
			},
			resume: (keys) => this.kick(keys),
			prefersAsProbe: (key) => this.#unrecorded.has(key),
		});
	}

	/** Why delivery is paused (the store keeps failing), or undefined while it runs. */
	get storePause(): StorePauseStatus | undefined {
		return this.#pause.status;
	}

	/** Deliveries the platforms accepted whose record is not written yet. */
	get unrecordedCount(): number {
		return this.#unrecorded.size;
	}

	/** Starts draining every target that has pending deliveries (start-up recovery, and each tick). */
	async resume(options: { quiet?: boolean } = {}): Promise<void> {
		const changed = (await this.deps.changes?.targetsWithPending()) ?? [];
		const keys = [...new Set([...(await this.deps.outbox.targetsWithPending()), ...changed])];
		if (keys.length && !options.quiet)
			this.deps.log.info({ targets: keys.length }, "resuming pending deliveries");
		this.kick(keys);
	}

	/** Makes sure a worker drains each of these targets. */
	kick(targetKeys: Iterable<TargetKey>): void {
		if (this.#stopping) return;
		for (const key of targetKeys) {
			const timer = this.#timers.get(key);
			if (timer) {
				// A newer entry must not overtake the waiting one; the timer will run the worker.
				continue;
			}
			const changeTimer = this.#changeTimers.get(key);
			if (changeTimer) {
				clearTimeout(changeTimer);
				this.#changeTimers.delete(key);
			}
			if (this.#pause.holds(key)) continue;
			if (this.#running.has(key)) {
				this.#again.add(key);
				continue;
			}
			this.#startWorker(key);
		}
	}

	/** Resolves when no worker runs and no retry is scheduled (a coalesced edit waiting its minute does not count). */
	idle(): Promise<void> {
		if (this.#isIdle()) return Promise.resolve();
		return new Promise((resolve) => this.#idleWaiters.push(resolve));
	}

	/** Stops scheduling new sends and waits for the ones in flight; pending deliveries stay stored. */
	async stop(): Promise<void> {
		this.#stopping = true;
		for (const timer of [...this.#timers.values(), ...this.#changeTimers.values()])
			clearTimeout(timer);
		this.#timers.clear();
		this.#changeTimers.clear();
		this.#pause.stop();
		await Promise.allSettled([...this.#running.values()]);
		await this.#recordBeforeStopping();
		await Promise.allSettled([...this.#keptLeases.values()].map((lease) => lease.release()));
		this.#keptLeases.clear();
		this.#notifyIdle();
	}

	/** Last chance for records of sent deliveries: what stays unrecorded may be sent again after a restart. */
	async #recordBeforeStopping(): Promise<void> {
		for (const [key, sent] of this.#unrecorded) {
			try {
				await this.#record(key, sent);
			} catch (error) {
				this.deps.log.error(
					{ err: toError(error), target: key, entry: sent.delivery.entryId },
					"stopping with a sent delivery unrecorded: it may be sent again after a restart",
				);
			}
		}
	}

	#isIdle(): boolean {
		return this.#running.size === 0 && this.#timers.size === 0 && !this.#pause.hasTimer;
	}

	#notifyIdle(): void {
		if (!this.#isIdle() && !this.#stopping) return;
		for (const resolve of this.#idleWaiters.splice(0)) resolve();
	}

	#startWorker(key: TargetKey): void {
		const run = this.#drain(key)
			.then(() => this.#pause.succeeded(key))
			.catch((error: unknown) => {
				// A store failure: the deliveries stay in the outbox, and every target waits, so a store that
				// keeps failing costs at most one unrecorded send per target.
				if (error instanceof StoreError) {
					this.#pause.failed(key, error);
					return;
				}
				// Anything else is a bug tied to this target: retry it alone, later.
				this.deps.log.error({ err: toError(error), target: key }, "delivery worker failed");
				this.#schedule(key, FAILURE_BACKOFF.maxMs / 10);
			})
			.finally(() => {
				this.#running.delete(key);
				if (this.#again.delete(key)) this.kick([key]);
				this.#notifyIdle();
			});
		this.#running.set(key, run);
	}

	/** Writes the record of a sent delivery; only then may the target send its next one. */
	async #record(key: TargetKey, sent: Unrecorded): Promise<void> {
		await this.deps.outbox.markDelivered(key, sent.delivery, sent.messageId, sent.deliveredAt);
		this.#unrecorded.delete(key);
		this.deps.log.info(
			{ target: key, entry: sent.delivery.entryId },
			"recorded a delivery that was sent while the store failed (not sent again)",
		);
	}

	#schedule(key: TargetKey, delayMs: number): void {
		if (this.#stopping) return;
		const existing = this.#timers.get(key);
		if (existing) clearTimeout(existing);
		const timer = setTimeout(
			() => {
				this.#timers.delete(key);
				this.kick([key]);
				this.#notifyIdle();
			},
			Math.max(0, Math.min(delayMs, MAX_WAIT_MS)),
		);
		this.#timers.set(key, timer);
	}

	async #drain(key: TargetKey): Promise<void> {
		const target = parseTargetKey(key);
		const adapter = this.deps.adapters.get(target.platform);
		if (!adapter) return; // Deliveries wait for the platform to be configured again.
		// The retry after a failed record writes the record; it never sends the entry again.
		const sent = this.#unrecorded.get(key);
		if (sent) await this.#record(key, sent);
		let lease = this.#keptLeases.get(key);
		this.#keptLeases.delete(key);
		if (lease?.lost) {
			await lease.release();
			lease = undefined;
		}
		// One sender per target across instances; a dead holder's lease lapses and a tick resumes it.
		lease ??= await holdLease(
			this.deps.coordinator,
			KEYS.deliverLease(key),
			this.deps.leaseTtlMs,
			(error) =>
				this.deps.log.warn(
					{ err: toError(error), target: key },
					"could not renew the delivery lease",
				),
		);
		if (!lease) return;
		try {
			await this.#drainLeased(key, target, adapter, lease);
		} finally {
			// While a sent delivery awaits its record, keep the target so no other instance sends it again.
			if (this.#unrecorded.has(key) && !this.#stopping && !lease.lost) {
				this.#keptLeases.set(key, lease);
			} else {
				await lease.release();
			}
		}
	}

	async #drainLeased(
		key: TargetKey,
		target: Target,
		adapter: PlatformAdapter,
		lease: HeldLease,
	): Promise<void> {
		while (!this.#stopping) {
			if (lease.lost) return;
			const next = await this.deps.outbox.peek(key);
			if (!next) {
				if (!(await this.#sendChange(key, target, adapter, lease))) return;
				continue;
			}
			const wait = (next.notBefore ?? 0) - this.deps.now();
			if (wait > 0) {
				this.#schedule(key, wait);
				return;
			}
			if (!(await this.#reserve(adapter, lease))) return;
			const result = await postDelivery(adapter, target, next);
			this.deps.onResult?.(target.platform, result, next, target);
			const action = decideDelivery(result, next, this.deps.now(), this.deps.random);
			const keepGoing = await this.#execute(key, target, next, action);
			if (!keepGoing) return;
		}
	}

	/** Takes a slot of the platform's shared send rate; false when the lease was lost meanwhile. */
	async #reserve(adapter: PlatformAdapter, lease: HeldLease): Promise<boolean> {
		if (adapter.globalRateLimit) {
			const { count, perMs } = adapter.globalRateLimit;
			await this.deps.coordinator.reserveSlot(KEYS.sendRate(adapter.platform), count, perMs);
		}
		// The wait can outlast a failed renewal; another instance may own this target by now.
		return !lease.lost;
	}

	/** One queued change of the target (its outbox is empty); returns whether to go on. */
	async #sendChange(
		key: TargetKey,
		target: Target,
		adapter: PlatformAdapter,
		lease: HeldLease,
	): Promise<boolean> {
		const step = await this.deps.changes?.step(
			key,
			target,
			adapter,
			() => this.#reserve(adapter, lease),
			async () => (await this.deps.outbox.size(key)) > 0,
		);
		if (step?.next === "continue") return true;
		if (step?.next === "retry") this.#schedule(key, step.at - this.deps.now());
		if (step?.next === "stop" && step.movedTo) this.kick([targetKey(step.movedTo)]);
		if (step?.next === "due" && !this.#stopping) {
			const wake = () => this.#changeTimers.delete(key) && this.kick([key]);
			const delay = Math.max(0, Math.min(step.at - this.deps.now(), MAX_WAIT_MS));
			this.#changeTimers.set(key, setTimeout(wake, delay));
		}
		return false;
	}

	/** Executes one action of the delivery policy; returns whether to go on with the next delivery now. */
	async #execute(
		key: TargetKey,
		target: Target,
		d: PendingDelivery,
		action: DeliveryAction,
	): Promise<boolean> {
		const { outbox, log, now } = this.deps;
		switch (action.kind) {
			case "done": {
				const sent: Unrecorded = { delivery: d, messageId: action.messageId, deliveredAt: now() };
				try {
					await outbox.markDelivered(key, d, action.messageId, sent.deliveredAt);
				} catch (error) {
					// The platform has it: sending it again would be a duplicate. Keep it "sent, unrecorded";
					// this target sends nothing more until the record is written.
					this.#unrecorded.set(key, sent);
					log.error(
						{ err: toError(error), target: key, entry: d.entryId },
						"sent, but recording it failed: this target waits for the store",
					);
					throw error;
				}
				return true;
			}
			case "retryAt": {
				const delay = action.at - now();
				if (action.cause === "failed") {
					log.warn(
						{
							target: key,
							entry: d.entryId,
							attempts: action.patch.attempts,
							retryInMs: delay,
							reason: action.reason,
						},
						"delivery failed; will retry",
					);
				} else if (action.cause === "forbidden") {
					log.warn(
						{ target: key, reason: action.reason, retryInMs: delay },
						"target forbids posting: paused",
					);
				}
				await outbox.reschedule(key, d, action.patch);
				this.#schedule(key, delay);
				return false;
			}
			case "drop":
				log.error(
					{ target: key, entry: d.entryId, reason: action.reason },
					"platform rejected the message (a formatting bug); dropping it",
				);
				await outbox.remove(key, d);
				await this.deps.failures.record(key, {
					status: action.status,
					reason: action.reason,
					entryId: d.entryId,
					blogKey: d.blogKey,
					at: now(),
				});
				return true;
			case "removeTarget":
				await this.deps.forgetTarget(target, action.reason, {
					status: action.status,
					reason: action.reason,
					entryId: d.entryId,
					blogKey: d.blogKey,
				});
				return false;
			case "moveTarget": {
				const to: Target = { ...target, id: action.newId };
				const toKey = targetKey(to);
				log.info({ from: key, to: toKey }, "chat migrated: moving subscriptions");
				await this.deps.moveTarget(target, to);
				this.kick([toKey]);
				return false;
			}
		}
	}
}
