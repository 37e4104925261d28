/**
 * A forum topic that was closed or deleted under a subscription: the chat's General topic is told
 * once (per topic, per process) what happened and what to do, in the chat's language. A closed topic
 * pauses its deliveries (forbidden: retried, then given up after a day); a deleted one ends its
 * subscriptions (gone).
 */
import type { Bot } from "grammy";
import {
	type DeliveryResult,
	type EntryUpdate,
	type Locale,
	type Logger,
	type Target,
	translator,
} from "../../src/index.js";
import { blogLink, escapeHtml } from "./format.js";

const CLOSED = /topic_closed/i;
const DELETED = /message thread not found|topic_deleted/i;

/** Remembers which topics were told about, so the General topic hears it once. */
export function createTopicNotices(
	bot: Bot,
	log: Logger,
	localeOf: (target: Target) => Promise<Locale>,
) {
	const told = new Set<string>();
	async function tell(
		target: Target,
		update: Pick<EntryUpdate, "blogUrl" | "blogTitle">,
		closed: boolean,
	): Promise<void> {
		const say = translator(await localeOf(target), escapeHtml);
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
			// Best effort; the delivery outcome stands either way.
			tell(target, update, closed).catch((error: unknown) =>
				log.warn({ err: error, chat: target.id }, "could not tell the General topic"),
			);
		},
	};
}
