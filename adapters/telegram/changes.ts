/**
 * Changes to posted Telegram messages: edit in place (editMessageText, or editMessageCaption where
 * the post is a photo), retract (strike through, or deleteMessage), and pin silently (unpinning the
 * bot's previous pin of the blog). Telegram's answers map to DeliveryResults: "message is not
 * modified" is success, a message that is gone is done without posting anything.
 */
import { type Bot, GrammyError } from "grammy";
import {
	DEFAULT_LOCALE,
	type DeliveryResult,
	describeEditMarker,
	describeNotice,
	type EntryUpdate,
	type Locale,
	type Logger,
	type MessageChange,
	type Notice,
	type Target,
	type TimeStyle,
	t,
} from "../../src/index.js";
import { toDeliveryResult } from "./errors.js";
import {
	blogLink,
	escapeHtml,
	formatUpdate,
	link,
	TELEGRAM_MESSAGE_LIMIT,
	truncateForHtml,
} from "./format.js";
import type { Pacer } from "./pacing.js";

/** Telegram's limit of a photo's caption. */
export const TELEGRAM_CAPTION_LIMIT = 1024;

/** The edit changed nothing Telegram can see: what we wanted is what the message shows. */
const NOT_MODIFIED = /message is not modified/i;
/** The message is gone (deleted by the chat's admins) or was never there. */
const MESSAGE_GONE =
	/message to (edit|delete|pin|unpin) not found|message_id_invalid|message not found/i;
/** A photo (or other media) post: its text is a caption. */
const NO_TEXT = /there is no text in the message to edit|message has no text/i;
/** Bots may not delete messages older than 48 hours in groups: strike it through instead. */
const CANNOT_DELETE = /message can't be deleted/i;

/** What the change functions need from the adapter. */
export interface TelegramChangeDeps {
	bot: Bot;
	pacer: Pacer;
	log: Logger;
	/** True once the adapter is stopping: nothing more is sent. */
	stopping: () => boolean;
}

/** The HTML of an edited entry: the entry as it now reads, then "✏️ updated 10:42". */
export function renderEdit(
	update: EntryUpdate,
	editedAt: Date,
	timeZone?: string,
	limit = TELEGRAM_MESSAGE_LIMIT,
	locale: Locale = DEFAULT_LOCALE,
): string {
	const marker = `<i>✏️ ${escapeHtml(describeEditMarker(editedAt, timeZone, locale))}</i>`;
	const style = { locale, timeZone, now: editedAt };
	const body = formatUpdate({ ...update, kind: "new" }, limit - marker.length - 2, style).text;
	return `${body}\n\n${marker}`;
}

/** The HTML of a retracted entry: its headline struck through, "removed by the publisher", the blog. */
export function renderRetraction(
	update: EntryUpdate,
	limit = TELEGRAM_MESSAGE_LIMIT,
	locale: Locale = DEFAULT_LOCALE,
): string {
	const removed = t(locale, "change.removed");
	const headline = update.headline?.trim() || update.summary.trim().slice(0, 120) || "Entry";
	const title = truncateForHtml(update.blogTitle.trim(), 200);
	const fixed = removed.length + title.length + 30;
	const struck = link(
		update.entryUrl,
		truncateForHtml(headline, Math.max(20, Math.min(300, limit - fixed - 1000))),
	);
	// The struck headline keeps its link: a reader can still see where the entry stood.
	return `<s>${struck}</s>\n\n<i>${escapeHtml(removed)}</i>\n\n<i>${escapeHtml(title)}</i>`;
}

/**
 * The closing recap: the farewell line, the blog's key events (headline + link, newest first, as
 * many as fit one message, then "and N more"), and the link to the page.
 */
export function renderRecap(
	notice: Notice,
	style: TimeStyle = {},
	limit = TELEGRAM_MESSAGE_LIMIT,
): string {
	const locale = style.locale ?? DEFAULT_LOCALE;
	const heading = t(locale, "change.recap-heading");
	const head = `ℹ️ ${escapeHtml(describeNotice(notice, style))}`;
	const tail = blogLink({ url: notice.blogUrl, title: notice.blogTitle });
	const events = notice.keyEvents ?? [];
	if (events.length === 0)
		return `${head}

${tail}`;
	const lines: string[] = [];
	let used = head.length + tail.length + heading.length + 40;
	for (const [i, event] of events.entries()) {
		const line = `• ${link(event.url, truncateForHtml(event.headline, 200))}`;
		const more = t(locale, "change.recap-more", { count: events.length - i });
		if (used + line.length + 1 + more.length + 1 > limit) {
			lines.push(escapeHtml(more));
			break;
		}
		lines.push(line);
		used += line.length + 1;
	}
	const list = [`<b>${escapeHtml(heading)}</b>`, ...lines].join("\n");
	return [head, list, tail].join("\n\n");
}

/** Creates the adapter's apply(). */
export function createTelegramChanges(
	deps: TelegramChangeDeps,
): (target: Target, change: MessageChange) => Promise<DeliveryResult> {
	const { bot, pacer, log } = deps;

	/** One paced Bot API call; Telegram's answer as a DeliveryResult. */
	async function call(target: Target, send: () => Promise<unknown>): Promise<DeliveryResult> {
		if (deps.stopping()) return { status: "failed", reason: "Telegram adapter is stopping" };
		const release = await pacer.acquire(target.id);
		if (!release) return { status: "failed", reason: "Telegram adapter stopped before sending" };
		try {
			await send();
			return { status: "delivered" };
		} catch (error) {
			if (error instanceof GrammyError) {
				if (NOT_MODIFIED.test(error.description)) return { status: "delivered" };
				if (MESSAGE_GONE.test(error.description)) return { status: "delivered", messageGone: true };
			}
			const result = toDeliveryResult(error);
			if (result.status === "rate-limited") pacer.penalize(target.id, result.retryAfterMs);
			return result;
		} finally {
			release();
		}
	}

	/** Replaces a message's text, or its caption when it is a photo post. */
	async function replaceText(
		target: Target,
		messageId: number,
		text: string,
		caption: string,
		update: EntryUpdate,
	): Promise<DeliveryResult> {
		let noText = false;
		const result = await call(target, async () => {
			try {
				await bot.api.editMessageText(target.id, messageId, text, {
					parse_mode: "HTML",
					link_preview_options: formatUpdate(update).link_preview_options,
				});
			} catch (error) {
				if (!(error instanceof GrammyError && NO_TEXT.test(error.description))) throw error;
				noText = true;
			}
		});
		if (!noText) return result;
		return call(target, () =>
			bot.api.editMessageCaption(target.id, messageId, { caption, parse_mode: "HTML" }),
		);
	}

	return async (target, change) => {
		const messageId = Number(change.messageId);
		if (!Number.isSafeInteger(messageId)) {
			return { status: "rejected", reason: `not a Telegram message id: ${change.messageId}` };
		}
		switch (change.kind) {
			case "edit": {
				const { update, editedAt, timeZone, locale } = change;
				return replaceText(
					target,
					messageId,
					renderEdit(update, editedAt, timeZone, TELEGRAM_MESSAGE_LIMIT, locale),
					renderEdit(update, editedAt, timeZone, TELEGRAM_CAPTION_LIMIT, locale),
					update,
				);
			}
			case "retract": {
				if (change.mode === "delete") {
					let cannot = false;
					const result = await call(target, async () => {
						try {
							await bot.api.deleteMessage(target.id, messageId);
						} catch (error) {
							if (!(error instanceof GrammyError && CANNOT_DELETE.test(error.description)))
								throw error;
							cannot = true;
						}
					});
					if (!cannot) return result;
					log.info(
						{ chat: target.id, messageId },
						"cannot delete a retracted entry; striking it through",
					);
				}
				const text = renderRetraction(change.update, TELEGRAM_MESSAGE_LIMIT, change.locale);
				return replaceText(
					target,
					messageId,
					text,
					renderRetraction(change.update, TELEGRAM_CAPTION_LIMIT, change.locale),
					{
						...change.update,
						imageUrl: undefined,
					},
				);
			}
			case "pin": {
				if (change.unpinMessageId) {
					const previous = Number(change.unpinMessageId);
					const unpinned = await call(target, () => bot.api.unpinChatMessage(target.id, previous));
					// A previous pin already removed by hand is fine; anything else waits and retries.
					if (unpinned.status !== "delivered") return unpinned;
				}
				return call(target, () =>
					bot.api.pinChatMessage(target.id, messageId, { disable_notification: true }),
				);
			}
			case "unpin":
				// A pin already removed by hand answers "not found": done, like a deleted message.
				return call(target, () => bot.api.unpinChatMessage(target.id, messageId));
		}
	};
}
