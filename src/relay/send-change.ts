/**
 * Sends one target's queued changes (edits, retractions, pins) once its outbox is empty: new entries
 * always go first. Each change is checked against the delivery record when it is sent (the post may
 * have been re-sent, deleted by admins, or edited under a minute ago), then applied by the adapter,
 * and the record is rewritten before the change leaves the queue: a crash in between repeats an
 * edit, which shows the same text again, and never posts anything.
 */
import type { Logger } from "pino";
import { toError } from "../errors.js";
import { DEFAULT_LOCALE, type Locale, resolveLocale } from "../i18n/catalogue.js";
import type { ChangeKind, ChangeOutcome } from "../observe/metrics.js";
import type { DeliveryFailureRepo } from "../store/delivery-failures.js";
import type { StoredChange } from "../store/delivery-values.js";
import {
	type DeliveredRecord,
	EDIT_INTERVAL_MS,
	type MessageRecordRepo,
	renderHash,
} from "../store/message-records.js";
import type { OutboxRepo, PendingDelivery } from "../store/outbox.js";
import type { TargetKey } from "../store/target-key.js";
import type { DeliveryResult, MessageChange, Platform, Target } from "../types.js";
import type { PlatformAdapter } from "./adapter.js";
import type { TargetTimeZoneOf } from "./change-preferences.js";
import { decideDelivery } from "./delivery-policy.js";
import { changeable } from "./fan-out-changes.js";
import type { ForgetTarget } from "./forget-target.js";
import { loadUpdate } from "./updates.js";

/** Collaborators of the change sender. */
export interface ChangeSenderDeps {
	changes: OutboxRepo;
	records: MessageRecordRepo;
	failures: DeliveryFailureRepo;
	forgetTarget: ForgetTarget;
	moveTarget: (from: Target, to: Target) => Promise<void>;
	timeZoneOf?: TargetTimeZoneOf | undefined;
	/** The chat's chosen language (a tag), for the "updated" marker and "removed by the publisher". */
	languageOf?: TargetTimeZoneOf | undefined;
	log: Logger;
	now: () => number;
	random?: (() => number) | undefined;
	/** Told how each change ended (metrics). */
	onChange?: ((platform: Platform, kind: ChangeKind, outcome: ChangeOutcome) => void) | undefined;
}

/** What the dispatcher does after one step. */
export type ChangeStep =
	/** Go on with the target's next change. */
	| { next: "continue" }
	/** Nothing queued. */
	| { next: "idle" }
	/** Nothing due before `at` (coalescing): come back then; new entries may go meanwhile. */
	| { next: "due"; at: number }
	/** The platform asked to wait (429, failure, forbidden): the whole target waits until `at`. */
	| { next: "retry"; at: number }
	/** The target moved or is gone: stop here. */
	| { next: "stop"; movedTo?: Target | undefined };

/** A change ready to send, with the record it was checked against (none for an unpin). */
interface Prepared {
	change: MessageChange;
	record?: DeliveredRecord | undefined;
	entryId: string;
}

/** Why a queued change is dropped without being sent (counted in the metrics). */
interface Skip {
	skip: Extract<ChangeOutcome, "same-text" | "outside-window" | "not-changeable">;
}

const NOT_CHANGEABLE: Skip = { skip: "not-changeable" };

/** Why a record's message may not change: past the edit window, or nothing there to change. */
function skipOf(
	deps: Pick<ChangeSenderDeps, "records">,
	record: DeliveredRecord | undefined,
	t: number,
): Skip {
	const late = record && !record.gone && !record.retracted && !deps.records.inWindow(record, t);
	return late ? { skip: "outside-window" } : NOT_CHANGEABLE;
}

/** Sends queued changes, one per step. */
export class ChangeSender {
	constructor(private readonly deps: ChangeSenderDeps) {}

	/** Targets with queued changes (start-up recovery, and each tick). */
	targetsWithPending(): Promise<TargetKey[]> {
		return this.deps.changes.targetsWithPending();
	}

	/**
	 * Sends the target's first due change; `reserve` takes a send slot (false: give up for now), and
	 * `newsWaiting` says whether a new entry was queued for the target meanwhile: the slot then goes
	 * to it (the step returns "continue" and the dispatcher takes the outbox first).
	 */
	async step(
		key: TargetKey,
		target: Target,
		adapter: PlatformAdapter,
		reserve: () => Promise<boolean>,
		newsWaiting: () => Promise<boolean> = async () => false,
	): Promise<ChangeStep> {
		const { changes, now } = this.deps;
		const pending = await changes.pending(key);
		if (pending.length === 0) return { next: "idle" };
		const t = now();
		const due = pending.find((d) => (d.notBefore ?? 0) <= t);
		if (!due) return { next: "due", at: Math.min(...pending.map((d) => d.notBefore ?? t)) };
		const prepared = await this.prepare(key, due, t);
		if (prepared === "deferred") return { next: "continue" };
		const kind = due.change?.kind ?? "edit";
		if ("skip" in prepared || !adapter.apply) {
			this.deps.onChange?.(
				target.platform,
				kind,
				"skip" in prepared ? prepared.skip : "not-changeable",
			);
			// Nothing to change (never posted, gone, outside the window, same text) or a platform
			// that cannot change messages: done without a word.
			await changes.removeIfUnchanged(key, due);
			return { next: "continue" };
		}
		if (!(await reserve())) return { next: "stop" };
		// Waiting for the slot can take a while in a big fan-out: breaking news queued meanwhile goes first.
		if (await newsWaiting()) return { next: "continue" };
		const result = await this.apply(adapter, target, prepared.change);
		return this.settle(key, target, due, prepared, result);
	}

	/** The chat's zone and language; a failing settings read costs this one change its style only. */
	private async chatStyle(
		key: TargetKey,
	): Promise<{ timeZone?: string | undefined; locale: Locale }> {
		try {
			const [timeZone, language] = await Promise.all([
				this.deps.timeZoneOf?.(key),
				this.deps.languageOf?.(key),
			]);
			return { timeZone, locale: resolveLocale(language) };
		} catch (err) {
			this.deps.log.warn(
				{ err, target: key },
				"chat settings unreadable; change shown in UTC, English",
			);
			return { locale: DEFAULT_LOCALE };
		}
	}

	/** The change to send, "deferred" (an edit within a minute of the last), or undefined (skip). */
	private async prepare(
		key: TargetKey,
		d: PendingDelivery,
		t: number,
	): Promise<Prepared | "deferred" | Skip> {
		const { records, changes } = this.deps;
		const change = d.change;
		if (change?.kind === "pin") return this.preparePin(key, d.blogKey, change, t);
		if (!change?.update) return NOT_CHANGEABLE;
		const entryId = d.entryId;
		const record = await records.get(key, d.blogKey, entryId);
		if (!record?.messageId || !changeable(this.deps, record, t))
			return skipOf(this.deps, record, t);
		const update = loadUpdate(change.update);
		switch (change.kind) {
			case "edit": {
				if (record.rendered === renderHash(change.update)) return { skip: "same-text" };
				const earliest = (record.editedAt ?? 0) + EDIT_INTERVAL_MS;
				if (record.editedAt !== undefined && t < earliest) {
					await changes.reschedule(key, d, { notBefore: earliest });
					return "deferred";
				}
				const { timeZone, locale } = await this.chatStyle(key);
				return {
					change: {
						kind: "edit",
						messageId: record.messageId,
						update,
						editedAt: new Date(t),
						timeZone,
						locale,
					},
					record,
					entryId,
				};
			}
			case "retract":
				return {
					change: {
						kind: "retract",
						messageId: record.messageId,
						mode: change.mode ?? "strike",
						locale: (await this.chatStyle(key)).locale,
						// An entry gone from the recent ones keeps its headline and link in the record of its post.
						update: {
							...update,
							headline: update.headline ?? record.headline,
							entryUrl: update.entryUrl || record.url || update.blogUrl,
						},
					},
					record,
					entryId,
				};
		}
	}

	/**
	 * The pin to send: the key event's message (unpinning the bot's current pin of the blog), or, when
	 * it replaces a retracted or unmarked key event's pin and there is nothing (left) to pin, the unpin.
	 */
	private async preparePin(
		key: TargetKey,
		blogKey: string,
		change: StoredChange,
		t: number,
	): Promise<Prepared | Skip> {
		const { records } = this.deps;
		const current = await records.getPin(key, blogKey);
		const entryId = change.update?.entryId;
		const record = entryId === undefined ? undefined : await records.get(key, blogKey, entryId);
		if (entryId !== undefined && record?.messageId && changeable(this.deps, record, t)) {
			if (current?.messageId === record.messageId) return { skip: "same-text" };
			return {
				change: { kind: "pin", messageId: record.messageId, unpinMessageId: current?.messageId },
				record,
				entryId,
			};
		}
		if (!current || change.replacing === undefined || current.entryId !== change.replacing)
			return entryId === undefined ? NOT_CHANGEABLE : skipOf(this.deps, record, t);
		return { change: { kind: "unpin", messageId: current.messageId }, entryId: current.entryId };
	}

	private async apply(
		adapter: PlatformAdapter,
		target: Target,
		change: MessageChange,
	): Promise<DeliveryResult> {
		try {
			return (await adapter.apply?.(target, change)) ?? { status: "delivered" };
		} catch (error) {
			// Adapters must not throw; if one does, it is a transient failure, never done.
			return { status: "failed", reason: toError(error).message, cause: error };
		}
	}

	/** Acts on the platform's answer: record and dequeue, wait, drop, or hand the target on. */
	private async settle(
		key: TargetKey,
		target: Target,
		d: PendingDelivery,
		prepared: Prepared,
		result: DeliveryResult,
	): Promise<ChangeStep> {
		const { changes, records, log, now } = this.deps;
		const { change } = prepared;
		const count = (outcome: ChangeOutcome) =>
			this.deps.onChange?.(target.platform, change.kind, outcome);
		if ((change.kind === "pin" || change.kind === "unpin") && result.status === "forbidden") {
			count("not-allowed");
			// No right to pin is the chat's choice, not a fault: skip, and say so in the blog list.
			log.info({ target: key, reason: result.reason }, "may not pin in this chat; skipping pins");
			await records.setPinRefused(key, now());
			await changes.removeIfUnchanged(key, d);
			return { next: "continue" };
		}
		const action = decideDelivery(result, d, now(), this.deps.random);
		switch (action.kind) {
			case "done": {
				const gone = result.status === "delivered" && result.messageGone === true;
				count(gone ? "not-changeable" : "sent");
				await this.record(key, d, prepared, gone);
				await changes.removeIfUnchanged(key, d);
				return { next: "continue" };
			}
			case "retryAt":
				count(action.cause === "rate-limited" ? "rate-limited" : "failed");
				if (action.cause !== "rate-limited") {
					log.warn(
						{ target: key, entry: d.entryId, change: change.kind, reason: action.reason },
						"change of a posted message failed; will retry",
					);
				}
				await changes.reschedule(key, d, action.patch);
				return { next: "retry", at: action.at };
			case "drop":
				count("failed");
				log.error(
					{ target: key, entry: d.entryId, change: change.kind, reason: action.reason },
					"platform rejected a change of a posted message; dropping it",
				);
				await changes.removeIfUnchanged(key, d);
				await this.deps.failures.record(key, {
					status: action.status,
					reason: action.reason,
					entryId: d.entryId,
					blogKey: d.blogKey,
					at: now(),
				});
				return { next: "continue" };
			case "removeTarget":
				await this.deps.forgetTarget(target, action.reason, {
					status: action.status,
					reason: action.reason,
					entryId: d.entryId,
					blogKey: d.blogKey,
				});
				return { next: "stop" };
			case "moveTarget": {
				const to: Target = { ...target, id: action.newId };
				await this.deps.moveTarget(target, to);
				return { next: "stop", movedTo: to };
			}
		}
	}

	/** Rewrites the delivery record (and the pin record) after an applied change. */
	private async record(
		key: TargetKey,
		d: PendingDelivery,
		{ change, record, entryId }: Prepared,
		gone: boolean,
	): Promise<void> {
		const { records, now } = this.deps;
		const t = now();
		if (change.kind === "unpin" || !record) {
			// Taken down (or already gone by hand): the blog has no pin of the bot's any more.
			await records.deletePin(key, d.blogKey);
			return;
		}
		if (gone) {
			// The admins deleted it: nothing is posted instead, and no later change tries again.
			await records.put(key, d.blogKey, entryId, { ...record, gone: true }, t);
			return;
		}
		switch (change.kind) {
			case "edit":
				await records.put(
					key,
					d.blogKey,
					entryId,
					{ ...record, rendered: renderHash(d.change?.update), editedAt: t },
					t,
				);
				return;
			case "retract":
				await records.put(key, d.blogKey, entryId, { ...record, retracted: true }, t);
				return;
			case "pin":
				await records.putPin(key, d.blogKey, { messageId: change.messageId, entryId });
				if (await records.pinRefusal(key)) await records.setPinRefused(key, undefined);
				return;
		}
	}
}
