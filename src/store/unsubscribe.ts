/**
 * The one place that ends subscriptions: remove the target ↔ blog links, drop the target's pending
 * deliveries of those blogs, forget a blog nobody follows any more, and keep the owner records right.
 * Commands (/unsubscribe), the core's forgetTarget (bot removed, channel deleted, target gone) and
 * the retirement of ended blogs all come here.
 */
import type { Target } from "../types.js";
import type { OutboxRepo } from "./outbox.js";
import type { OwnerRepo } from "./owners.js";
import type { SubscriptionRepo } from "./subscriptions.js";
import { parseTargetKey, type TargetKey, targetKey } from "./target-key.js";
import type { WatchStateRepo } from "./watch-state.js";

/** The repos an unsubscribe touches. */
export interface SubscriptionStores {
	subs: SubscriptionRepo;
	state: WatchStateRepo;
	outbox: OutboxRepo;
	/** The change queue (edits, retractions, pins); absent where changes are not relayed. */
	changes?: OutboxRepo | undefined;
	/** Owner records (per-owner limits); their counts follow the subscriptions, this only tidies. */
	owners?: OwnerRepo | undefined;
	/** What else a subscription owns (its settings and held entries, src/settings). */
	extras?: SubscriptionExtras | undefined;
}

/** State kept per subscription besides its link, which ends (or moves) with it. */
export interface SubscriptionExtras {
	/** The subscriptions to these blogs ended; `keepPending`: what they still hold goes out first. */
	dropBlogs(tKey: TargetKey, blogKeys: readonly string[], keepPending: boolean): Promise<void>;
	/** The target is gone. */
	dropTarget(tKey: TargetKey): Promise<void>;
	/** The target has a new id (Telegram group → supergroup). */
	move(from: TargetKey, to: TargetKey): Promise<void>;
}

/** Which subscriptions of a target end. */
export type UnsubscribeScope =
	/** These blogs only; `keepPending` leaves their queued deliveries (a retired blog's farewell). */
	| { blogKeys: readonly string[]; keepPending?: boolean }
	/** Every subscription, and the target's whole queue: the target itself is gone. */
	| { everything: true };

/** What an unsubscribe removed. */
export interface Unsubscribed {
	/** Blogs the target no longer follows. */
	blogKeys: string[];
	/** Of those, blogs nobody follows any more: no longer watched. */
	forgottenBlogs: string[];
	/** Pending deliveries dropped. */
	droppedDeliveries: number;
}

/** Ends the target's subscriptions in `scope`, in an order a crash between two writes cannot spoil. */
export async function unsubscribe(
	stores: SubscriptionStores,
	target: Target,
	scope: UnsubscribeScope,
): Promise<Unsubscribed> {
	const { subs, state, outbox } = stores;
	const tKey = targetKey(target);
	const everything = "everything" in scope;
	const wanted = everything ? await subs.blogsOf(tKey) : [...scope.blogKeys];
	const blogKeys: string[] = [];
	// Links first: once the target follows nothing, no new delivery is queued for it.
	for (const blogKey of wanted) {
		if (await subs.remove(tKey, blogKey)) blogKeys.push(blogKey);
	}
	let droppedDeliveries = 0;
	// A target with an empty queue costs no write (a deleted server forgets all its channels).
	if (everything) droppedDeliveries = (await outbox.size(tKey)) ? await outbox.clear(tKey) : 0;
	else if (!scope.keepPending) droppedDeliveries = await outbox.removeBlogs(tKey, new Set(wanted));
	// Changes to messages in a chat that no longer follows the blog are not sent.
	const { changes } = stores;
	if (changes && (await changes.size(tKey))) {
		if (everything) await changes.clear(tKey);
		else if (!scope.keepPending) await changes.removeBlogs(tKey, new Set(wanted));
	}
	const forgottenBlogs: string[] = [];
	// Only blogs this call unlinked: a blog a subscribe is just adding (no link yet) stays.
	for (const blogKey of blogKeys) {
		if ((await subs.countTargets(blogKey)) > 0) continue;
		await state.deleteBlog(blogKey);
		forgottenBlogs.push(blogKey);
	}
	// Settings go with the links: a later subscribe starts from the chat's defaults again.
	if (everything) await stores.extras?.dropTarget(tKey);
	else if (blogKeys.length)
		await stores.extras?.dropBlogs(tKey, blogKeys, scope.keepPending === true);
	if (everything) await forgetOwnership(stores.owners, target, tKey);
	return { blogKeys, forgottenBlogs, droppedDeliveries };
}

/** Ends every subscription to a blog (it ended or went quiet); queued notices still go out. */
export async function retireBlog(stores: SubscriptionStores, blogKey: string): Promise<number> {
	const targets = await stores.subs.targetsOf(blogKey);
	for (const key of targets) {
		await unsubscribe(stores, parseTargetKey(key), { blogKeys: [blogKey], keepPending: true });
	}
	// Also when nobody followed it: a retired blog is never watched again.
	await stores.state.deleteBlog(blogKey);
	return targets.length;
}

/** Moves a target's subscriptions, queue and owner to a new id (Telegram group → supergroup). */
export async function moveSubscriptions(
	stores: SubscriptionStores,
	from: Target,
	to: Target,
): Promise<void> {
	const fromKey = targetKey(from);
	const toKey = targetKey(to);
	await stores.subs.moveTarget(fromKey, toKey);
	await stores.outbox.move(fromKey, toKey);
	await stores.changes?.move(fromKey, toKey);
	await stores.extras?.move(fromKey, toKey);
	const owners = stores.owners;
	if (!owners) return;
	// The chat's recorded owner (keyed without the topic) follows the chat to its new id.
	const fromChat = targetKey({ platform: from.platform, id: from.id });
	const owner = await owners.ownerOf(fromChat);
	if (owner === undefined) return;
	await owners.setOwner(targetKey({ platform: to.platform, id: to.id }), owner);
	await owners.addTarget(owner, toKey);
	await owners.pruneTargets(owner, new Set([fromKey]));
	if (from.threadId === undefined) await owners.deleteOwner(fromChat);
}

/** A forgotten target leaves its owner's list; a forgotten chat also forgets who added the bot. */
async function forgetOwnership(
	owners: OwnerRepo | undefined,
	target: Target,
	tKey: string,
): Promise<void> {
	if (!owners) return;
	const chatKey = targetKey({ platform: target.platform, id: target.id });
	const owner = await owners.ownerOf(chatKey);
	if (owner !== undefined) await owners.pruneTargets(owner, new Set([tKey]));
	// A topic going away leaves the chat (and who added the bot to it) as it was.
	if (target.threadId === undefined && owner !== undefined) await owners.deleteOwner(chatKey);
}
