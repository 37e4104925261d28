/**
 * Per-owner limits: the chats of one owner together may follow at most MAX_BLOGS_PER_OWNER distinct
 * blogs, so no single actor can fill MAX_WATCHED_BLOGS for everyone.
 *
 * The owner of a subscription is, in this order: the Discord server of the channel; the user who
 * added the bot to the Telegram chat (recorded from my_chat_member); the user who sent the command;
 * the chat itself (a Telegram channel whose adder we never saw). A person who creates a hundred
 * channels and adds the bot to each is therefore one owner, not a hundred.
 */
import type { Logger } from "pino";
import { CommandError, type UserText } from "../errors.js";
import { KEYS } from "../store/keys.js";
import type { Store } from "../store/open-store.js";
import type { OwnerRepo } from "../store/owners.js";
import type { SubscriptionRepo } from "../store/subscriptions.js";
import { type TargetKey, targetKey } from "../store/target-key.js";
import type { Target } from "../types.js";
import type { CommandActor } from "./adapter.js";

/** How long a reserved (not yet committed) blog counts for its owner: longer than a subscribe takes. */
const RESERVATION_TTL_MS = 120_000;

/** A blog counted for an owner while its subscribe finishes; commit once the subscription is stored. */
export interface OwnerReservation {
	readonly ownerKey: string;
	/** Records the target under the owner and ends the reservation. */
	commit(): Promise<void>;
}

/** The per-owner blog limit. */
export interface OwnerLimits {
	/** The key the target's subscriptions count against for this actor. */
	ownerKeyOf(target: Target, actor: CommandActor): Promise<string>;
	/** Records who added the bot to a chat (Telegram my_chat_member). */
	recordOwner(target: Target, userId: string): Promise<void>;
	/**
	 * Counts `blogKey` for the owner, or throws a limit-reached CommandError. The reservation ends
	 * when `until` settles (the subscribe is over, committed or not) or after a safety timeout.
	 */
	reserve(
		target: Target,
		actor: CommandActor,
		blogKey: string,
		until?: Promise<unknown>,
	): Promise<OwnerReservation>;
}

/** Collaborators of the owner limits. */
export interface OwnerLimitDeps {
	store: Store;
	owners: OwnerRepo;
	subs: SubscriptionRepo;
	maxBlogsPerOwner: number;
	now: () => number;
	log: Logger;
}

/** Creates the per-owner limits over the store. */
export function createOwnerLimits(deps: OwnerLimitDeps): OwnerLimits {
	const { store, owners, subs, now } = deps;
	/** Blogs being subscribed per owner (this process), with when the reservation lapses. */
	const pending = new Map<string, Map<string, number>>();

	function pendingOf(ownerKey: string): Map<string, number> {
		const t = now();
		const mine = pending.get(ownerKey) ?? new Map<string, number>();
		for (const [blog, until] of mine) if (until <= t) mine.delete(blog);
		if (mine.size) pending.set(ownerKey, mine);
		else pending.delete(ownerKey);
		return mine;
	}

	async function ownerKeyOf(target: Target, actor: CommandActor): Promise<string> {
		if (actor.guildId !== undefined) return `${target.platform}:guild:${actor.guildId}`;
		const recorded = await owners.ownerOf(targetKey({ platform: target.platform, id: target.id }));
		if (recorded !== undefined) return recorded;
		if (actor.userId !== undefined) return `${target.platform}:user:${actor.userId}`;
		return `${target.platform}:chat:${target.id}`;
	}

	/** Distinct blogs followed by the owner's chats; forgets chats that follow nothing. */
	async function blogsOfOwner(ownerKey: string, current: TargetKey): Promise<Set<string>> {
		const keys = [...new Set([...(await owners.targetsOf(ownerKey)), current])];
		const lists = await Promise.all(keys.map((k) => subs.blogsOf(k)));
		const empty = new Set(keys.filter((k, i) => k !== current && !lists[i]?.length));
		await owners.pruneTargets(ownerKey, empty);
		return new Set(lists.flat());
	}

	return {
		ownerKeyOf,
		async recordOwner(target, userId) {
			const key = targetKey({ platform: target.platform, id: target.id });
			await owners.setOwner(key, `${target.platform}:user:${userId}`);
		},
		async reserve(target, actor, blogKey, until) {
			const ownerKey = await ownerKeyOf(target, actor);
			const tKey = targetKey(target);
			// Under the owner's lock (shared on Redis), so concurrent subscribes cannot all pass at N-1.
			await store.withLock(KEYS.ownerLock(ownerKey), async () => {
				const blogs = await blogsOfOwner(ownerKey, tKey);
				const reserved = pendingOf(ownerKey);
				if (blogs.has(blogKey) || reserved.has(blogKey)) return;
				const count = new Set([...blogs, ...reserved.keys()]).size;
				if (count >= deps.maxBlogsPerOwner) {
					deps.log.info({ owner: ownerKey, count }, "per-owner blog limit reached");
					throw new CommandError(
						"limit-reached",
						`${whose(ownerKey)} already follow ${count} live blogs, the most allowed (${deps.maxBlogsPerOwner}). Unsubscribe from one first.`,
						[],
						{ key: ownerLimitKey(ownerKey), params: { max: deps.maxBlogsPerOwner } },
					);
				}
				reserved.set(blogKey, now() + RESERVATION_TTL_MS);
				pending.set(ownerKey, reserved);
				// A subscribe refused after this point (bot-wide cap, store error) frees its place.
				const free = () => pending.get(ownerKey)?.delete(blogKey);
				void until?.then(free, free);
			});
			return {
				ownerKey,
				async commit() {
					// Under the lock too: a reserve that read the owner's targets before this one was added
					// must still see the reservation, or a racing subscribe passes at N-1.
					await store.withLock(KEYS.ownerLock(ownerKey), async () => {
						await owners.addTarget(ownerKey, tKey);
						pending.get(ownerKey)?.delete(blogKey);
					});
				},
			};
		},
	};
}

/** Who the limit counts for, in words: "This server's channels", "The chats you added me to", … */
/** The chat wording of the per-owner limit, by the kind of owner. */
function ownerLimitKey(ownerKey: string): UserText["key"] {
	const kind = ownerKey.split(":")[1];
	if (kind === "guild") return "error.owner-limit-server";
	if (kind === "user") return "error.owner-limit-user";
	return "error.owner-limit-chat";
}

function whose(ownerKey: string): string {
	const kind = ownerKey.split(":")[1];
	if (kind === "guild") return "This server's channels";
	if (kind === "user") return "The chats added by the same person";
	return "This chat and its topics";
}
