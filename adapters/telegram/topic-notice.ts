/**
 * A forum topic that was closed or deleted under a subscription: the chat's General topic is told
 * once per topic what happened and what to do, in the chat's language. "Once" is kept in the store
 * (core.settings.topicTrouble), so a restart or another instance does not tell it again. A closed
 * topic's deliveries wait (forbidden: retried, given up after a day); a deleted topic pauses its
 * subscriptions (its posts are dropped, new entries skipped) until `/subscribe <url> topic` moves
 * them to a new topic (topic-placement.ts).
 */
import type { Bot } from "grammy";
import {
	type DeliveryResult,
	type EntryUpdate,
	type Locale,
	type Logger,
	type SettingsCommands,
	type Target,
	translator,
} from "../../src/index.js";
import { blogLink, escapeHtml } from "./format.js";

const CLOSED = /topic_closed/i;
const DELETED = /message thread not found|topic_deleted/i;

/** What the notices need. */
export interface TopicNoticeDeps {
	bot: Bot;
	log: Logger;
	localeOf: (target: Target) => Promise<Locale>;
	/** The core's settings (known once the adapter started); without them, once per process. */
	settings: () => SettingsCommands | undefined;
}

/** Tells the General topic about closed and deleted topics, once each. */
export function createTopicNotices(deps: TopicNoticeDeps) {
	const { bot, log } = deps;
	// Only without the settings store (a core without settings): once per process.
	const told = new Set<string>();

	async function firstTime(target: Target, closed: boolean): Promise<boolean> {
		const settings = deps.settings();
		if (settings) return settings.topicTrouble(target, closed ? "closed" : "deleted");
		const key = `${target.id}/${target.threadId}/${closed}`;
		if (told.has(key)) return false;
		told.add(key);
		return true;
	}

	async function tell(
		target: Target,
		update: Pick<EntryUpdate, "blogUrl" | "blogTitle">,
		closed: boolean,
	): Promise<void> {
		if (!(await firstTime(target, closed))) return;
		const say = translator(await deps.localeOf(target), escapeHtml);
		const blog = blogLink({ url: update.blogUrl, title: update.blogTitle });
		const text = closed
			? say("placement.topic-closed", { blog })
			: say("placement.topic-deleted", { blog, url: escapeHtml(update.blogUrl) });
		// Without message_thread_id: the General topic.
		await bot.api.sendMessage(target.id, `ℹ️ ${text}`, {
			parse_mode: "HTML",
			link_preview_options: { is_disabled: true },
		});
	}

	/** Whether `result` says the target's topic was deleted (its post is dropped, not our bug). */
	function isDeletedTopic(target: Target, result: DeliveryResult): boolean {
		return (
			target.threadId !== undefined && result.status === "rejected" && DELETED.test(result.reason)
		);
	}

	return {
		isDeletedTopic,
		/** Tells the General topic when `result` says the target's topic is closed or deleted. */
		after(
			target: Target,
			update: Pick<EntryUpdate, "blogUrl" | "blogTitle">,
			result: DeliveryResult,
		): void {
			if (!target.threadId || !("reason" in result)) return;
			const closed = result.status === "forbidden" && CLOSED.test(result.reason);
			if (!closed && !isDeletedTopic(target, result)) return;
			// Best effort; the delivery outcome stands either way.
			tell(target, update, closed).catch((error: unknown) =>
				log.warn({ err: error, chat: target.id }, "could not tell the General topic"),
			);
		},
	};
}
