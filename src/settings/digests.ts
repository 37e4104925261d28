/**
 * Digests: when a subscription's held batch is due (its digest interval has come round and quiet
 * hours are over), it is sealed, queued in the outbox as one or more digest messages (key events
 * first, each entry a headline with its link, split between entries to fit the platform), and cut
 * off the held list. Queued under the seal's id, so a crash repeats at most one message, never loses one.
 */
import type { Logger } from "pino";
import { digestCodec, type StoredUpdate } from "../store/delivery-values.js";
import type { OutboxRepo, PendingDelivery } from "../store/outbox.js";
import type { SubscriptionRepo } from "../store/subscriptions.js";
import { parseTargetKey, type TargetKey } from "../store/target-key.js";
import type { Digest, DigestItem, Platform } from "../types.js";
import type { HeldBatch, HeldRef, HeldRepo } from "./held-entries.js";
import { isQuiet } from "./quiet-hours.js";
import type { SubscriptionSettings } from "./settings-model.js";
import type { SettingsRepo } from "./settings-repo.js";

/** Characters of headlines and links per digest message when the adapter does not say. */
export const DEFAULT_DIGEST_BUDGET = 3000;
/** Longest headline shown in a digest. */
export const DIGEST_HEADLINE_MAX = 200;
/** What each line costs beside its headline and link (bullet, time, markup). */
const LINE_OVERHEAD = 40;

/** When a batch held since `since` is due in digest mode: the next multiple of the interval (UTC). */
export function digestDueAt(since: number, minutes: number): number {
	const step = minutes * 60_000;
	return Math.floor(since / step) * step + step;
}

/** Whether a held batch goes out now. */
export function isDue(
	batch: Pick<HeldBatch, "since">,
	settings: SubscriptionSettings,
	timeZone: string,
	now: number,
): boolean {
	if (isQuiet(now, settings.quiet, timeZone)) return false;
	return settings.mode.kind !== "digest" || now >= digestDueAt(batch.since, settings.mode.minutes);
}

function cut(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Digest lines of held updates: key events first, then in publication (else holding) order. */
export function digestItems(updates: StoredUpdate[]): DigestItem[] {
	return updates
		.map((u, i) => ({ u, i }))
		.sort((a, b) => {
			const key = Number(b.u.keyEvent === true) - Number(a.u.keyEvent === true);
			if (key) return key;
			const ta = a.u.publishedAt ?? Number.POSITIVE_INFINITY;
			const tb = b.u.publishedAt ?? Number.POSITIVE_INFINITY;
			return ta !== tb ? (ta < tb ? -1 : 1) : a.i - b.i;
		})
		.map(({ u }) => ({
			headline: cut(u.headline?.trim() || u.summary.trim() || "(no headline)", DIGEST_HEADLINE_MAX),
			url: u.entryUrl,
			publishedAt: u.publishedAt === undefined ? undefined : new Date(u.publishedAt),
			keyEvent: u.keyEvent,
		}));
}

/** Splits lines into messages of at most `budget` characters of headline + link (at least one line each). */
export function splitDigest(items: DigestItem[], budget: number): DigestItem[][] {
	const parts: DigestItem[][] = [];
	let current: DigestItem[] = [];
	let used = 0;
	for (const item of items) {
		const cost = item.headline.length + item.url.length + LINE_OVERHEAD;
		if (current.length && used + cost > budget) {
			parts.push(current);
			current = [];
			used = 0;
		}
		current.push(item);
		used += cost;
	}
	if (current.length) parts.push(current);
	return parts;
}

/** The outbox deliveries of one sealed batch. */
export function digestDeliveries(
	blogKey: string,
	batch: HeldBatch,
	sealed: { id: string; count: number; dropped: number },
	reason: Digest["reason"],
	budget: number,
	now: number,
	timeZone?: string,
): PendingDelivery[] {
	const parts = splitDigest(digestItems(batch.entries.slice(0, sealed.count)), budget);
	return parts.map((items, i) => ({
		blogKey,
		entryId: `digest:${sealed.id}:${i + 1}`,
		digest: digestCodec.encode({
			blogUrl: batch.blogUrl,
			blogTitle: batch.blogTitle,
			items,
			part: i + 1,
			parts: parts.length,
			dropped: i === parts.length - 1 ? sealed.dropped : 0,
			reason,
			timeZone,
		}),
		enqueuedAt: now,
		attempts: 0,
	}));
}

/** Collaborators of the digest run. */
export interface DigestDeps {
	held: HeldRepo;
	settings: SettingsRepo;
	subs: SubscriptionRepo;
	outbox: OutboxRepo;
	log: Logger;
	now: () => number;
	/** Characters per digest message on a platform (the adapter's digestBudget). */
	budgetFor: (platform: Platform) => number;
	onEnqueued: (targetKeys: TargetKey[]) => void;
}

/** Queues every due digest (and finishes any a crash interrupted); returns how many messages were queued. */
export async function runDueDigests(deps: DigestDeps): Promise<number> {
	let queued = 0;
	for (const ref of await deps.held.list()) {
		try {
			queued += await runOne(deps, ref);
		} catch (error) {
			// One subscription's failure must not hold up the others; it is tried again next tick.
			deps.log.error({ err: error, target: ref.targetKey, blog: ref.blogKey }, "digest failed");
		}
	}
	return queued;
}

/**
 * Queues a subscription's held entries now, due or not (its blog ended: they go out with the
 * farewell, not lost with the subscription); returns how many messages.
 */
export function flushHeld(deps: DigestDeps, ref: HeldRef): Promise<number> {
	return runOne(deps, ref, true);
}

async function runOne(deps: DigestDeps, ref: HeldRef, force = false): Promise<number> {
	const batch = await deps.held.get(ref);
	// A forced flush comes right after the link was removed: following no longer matters.
	const following = force || (await deps.subs.blogsOf(ref.targetKey)).includes(ref.blogKey);
	if (!batch || !following) {
		// Unsubscribed (or an index entry a crash left behind): nothing to send.
		await deps.held.drop(ref);
		return 0;
	}
	const now = deps.now();
	const settings = await deps.settings.effective(ref.targetKey, ref.blogKey);
	const timeZone = await deps.settings.timeZoneOf(ref.targetKey);
	let sealed = batch;
	if (!batch.seal) {
		if (!force && !isDue(batch, settings, timeZone ?? "UTC", now)) return 0;
		sealed = (await deps.held.seal(ref, String(now))) ?? batch;
	}
	const seal = sealed.seal;
	if (!seal) return 0;
	// Held for quiet hours only when the mode holds nothing itself and quiet hours are set.
	const reason = settings.mode.kind !== "digest" && settings.quiet ? "quiet" : "digest";
	const { platform } = parseTargetKey(ref.targetKey);
	const deliveries = digestDeliveries(
		ref.blogKey,
		sealed,
		seal,
		reason,
		deps.budgetFor(platform),
		now,
		timeZone,
	);
	const added = deliveries.length ? await deps.outbox.enqueue(ref.targetKey, deliveries) : 0;
	await deps.held.releaseSeal(ref, now);
	if (added) deps.onEnqueued([ref.targetKey]);
	deps.log.info(
		{ target: ref.targetKey, blog: ref.blogKey, entries: seal.count, messages: added, reason },
		"digest queued",
	);
	return added;
}
