/**
 * A forum topic that was closed or deleted under a subscription: the chat's General topic is told
 * once (per topic, per process) what happened and what to do. A closed topic pauses its deliveries
 * (forbidden: retried, then given up after a day); a deleted one ends its subscriptions (gone).
 */
import type { Bot } from "grammy";
import {
	type DeliveryResult,
	type EntryUpdate,
	type Logger,
	PLACEMENT_TEXT,
	type Target,
} from "../../src/index.js";
import { blogLink, escapeHtml } from "./format.js";

const CLOSED = /topic_closed/i;
const DELETED = /message thread not found|topic_deleted/i;

/** Remembers which topics were told about, so the General topic hears it once. */
export function createTopicNotices(bot: Bot, log: Logger) {
	const told = new Set<string>();
	return {
		/** Tells the General topic when `result` says the target's topic is closed or gone. */
		after(
			target: Target,
			update: Pick<EntryUpdate, "blogUrl" | "blogTitle">,
			result: DeliveryResult,
		): void {
			if (!target.threadId || (result.status !== "forbidden" && result.status !== "gone")) return;
			const closed = CLOSED.test(result.reason);
			if (!closed && !DELETED.test(result.reason)) return;
			const key = `${target.id}/${target.threadId}`;
			if (told.has(key)) return;
			told.add(key);
			const blog = blogLink({ url: update.blogUrl, title: update.blogTitle });
			const [before, after] = closed ? PLACEMENT_TEXT.topicClosed : PLACEMENT_TEXT.topicDeleted;
			const text = `ℹ️ ${escapeHtml(before)} ${blog} ${escapeHtml(after)}`;
			// Without message_thread_id: the General topic. Best effort; the delivery outcome stands either way.
			bot.api
				.sendMessage(target.id, text, {
					parse_mode: "HTML",
					link_preview_options: { is_disabled: true },
				})
				.catch((error: unknown) =>
					log.warn({ err: error, chat: target.id }, "could not tell the General topic"),
				);
		},
	};
}
