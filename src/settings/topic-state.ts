/**
 * What happened to a chat's forum topics (Telegram) under its subscriptions, kept in the store so a
 * restart or another instance remembers it: a closed topic was told to the General topic once; a
 * deleted topic pauses its subscriptions (entries are skipped, never posted into nothing) until
 * they are moved to a new topic. One record per chat: { threadId: { closedTold?, deletedAt? } }.
 */
import * as z from "zod/mini";
import { KEYS } from "../store/keys.js";
import type { Store } from "../store/open-store.js";
import { versionedValue } from "../store/stored-value.js";
import { parseTargetKey, type TargetKey } from "../store/target-key.js";
import { chatKeyOf } from "./settings-repo.js";

const topicSchema = z.object({
	/** When the General topic was told the topic is closed. */
	closedTold: z.optional(z.number()),
	/** When a post found the topic deleted: its subscriptions are paused since. */
	deletedAt: z.optional(z.number()),
});
const chatTopicsSchema = z.object({ topics: z.record(z.string(), topicSchema) });
type ChatTopics = z.infer<typeof chatTopicsSchema>;

const chatTopicsValue = versionedValue<ChatTopics>({
	kind: "topic state",
	current: chatTopicsSchema,
	legacy: chatTopicsSchema,
});

/** What went wrong with a topic. */
export type TopicTrouble = "closed" | "deleted";

/** Typed access to the topic records; every value read is checked. */
export class TopicStateRepo {
	constructor(private readonly store: Store) {}

	/**
	 * Records that a target's topic is closed or deleted; true the first time (the one time the General
	 * topic is told). A target without a topic has nothing to record.
	 */
	async mark(tKey: TargetKey, trouble: TopicTrouble, now: number): Promise<boolean> {
		const threadId = parseTargetKey(tKey).threadId;
		if (!threadId) return false;
		let first = false;
		await this.rewrite(tKey, (topics) => {
			const current = topics[threadId] ?? {};
			const field = trouble === "closed" ? "closedTold" : "deletedAt";
			if (current[field] !== undefined) return topics;
			first = true;
			return { ...topics, [threadId]: { ...current, [field]: now } };
		});
		return first;
	}

	/** Forgets a topic (its subscriptions moved or ended). */
	async forget(tKey: TargetKey): Promise<void> {
		const threadId = parseTargetKey(tKey).threadId;
		if (!threadId) return;
		await this.rewrite(tKey, (topics) => {
			const { [threadId]: _gone, ...rest } = topics;
			return rest;
		});
	}

	/** The targets among `tKeys` whose topic was deleted (one read per chat with topics). */
	async pausedAmong(tKeys: TargetKey[]): Promise<Set<TargetKey>> {
		const inTopics = tKeys.filter((t) => parseTargetKey(t).threadId !== undefined);
		if (!inTopics.length) return new Set();
		const chats = [...new Set(inTopics.map(chatKeyOf))];
		const records = await this.store.getMany<unknown>(chats.map((c) => KEYS.topicState(c)));
		const byChat = new Map(chats.map((c, i) => [c, this.parse(c, records[i])]));
		return new Set(
			inTopics.filter((t) => {
				const threadId = parseTargetKey(t).threadId ?? "";
				return byChat.get(chatKeyOf(t))?.topics[threadId]?.deletedAt !== undefined;
			}),
		);
	}

	/** The thread ids of a chat's deleted topics. */
	async deletedTopics(chatTarget: TargetKey): Promise<string[]> {
		const chat = chatKeyOf(chatTarget);
		const record = this.parse(chat, await this.store.get<unknown>(KEYS.topicState(chat)));
		return Object.entries(record.topics)
			.filter(([, topic]) => topic.deletedAt !== undefined)
			.map(([threadId]) => threadId);
	}

	private parse(chatKey: string, raw: unknown): ChatTopics {
		return raw === undefined
			? { topics: {} }
			: chatTopicsValue.parse(KEYS.topicState(chatKey), raw);
	}

	private async rewrite(
		tKey: TargetKey,
		fn: (topics: ChatTopics["topics"]) => ChatTopics["topics"],
	): Promise<void> {
		const chat = chatKeyOf(tKey);
		await this.store.update<unknown>(KEYS.topicState(chat), (raw) => {
			const topics = fn(this.parse(chat, raw).topics);
			return Object.keys(topics).length ? chatTopicsValue.wrap({ topics }) : undefined;
		});
	}
}
