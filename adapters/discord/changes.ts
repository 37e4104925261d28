/**
 * Changes to posted Discord messages: edit in place (PATCH of the message's embed, with an
 * "updated 10:42" line), retract (the headline struck through, or DELETE), and pin (unpinning the
 * bot's previous pin of the blog). 10008 Unknown Message (a moderator deleted it) completes the
 * change without posting anything; no Manage Messages right answers forbidden.
 */

import type { Client } from "discord.js";
import {
	DiscordAPIError,
	RESTJSONErrorCodes,
	type RESTPatchAPIChannelMessageJSONBody,
	type RESTPostAPIChannelMessageJSONBody,
	Routes,
} from "discord.js";
import {
	DEFAULT_LOCALE,
	type DeliveryResult,
	describeEditMarker,
	describeNotice,
	type EntryUpdate,
	type Locale,
	type MessageChange,
	type Notice,
	type Target,
	type TimeStyle,
	t,
} from "../../src/index.js";
import { toDeliveryResult } from "./errors.js";
import { buildEmbed, CONTENT_LIMIT, escapeText, httpUrl, NO_MENTIONS } from "./format.js";

/** The PATCH body of an edited entry: its embed as it now reads, and "✏️ updated 10:42" above it. */
export function editBody(
	update: EntryUpdate,
	editedAt: Date,
	timeZone?: string,
	locale: Locale = DEFAULT_LOCALE,
): RESTPatchAPIChannelMessageJSONBody {
	return {
		content: `✏️ ${describeEditMarker(editedAt, timeZone, locale)}`,
		embeds: [buildEmbed({ ...update, kind: "new" }, { locale, timeZone, now: editedAt })],
		allowed_mentions: NO_MENTIONS,
	};
}

/** The PATCH body of a retracted entry: the headline struck through, "removed by the publisher", no embed. */
export function retractionBody(
	update: EntryUpdate,
	locale: Locale = DEFAULT_LOCALE,
): RESTPatchAPIChannelMessageJSONBody {
	const headline = update.headline?.trim() || update.summary.trim().slice(0, 120) || "Entry";
	const link = httpUrl(update.blogUrl);
	const title = escapeText(update.blogTitle.trim(), 200);
	const struck = escapeText(headline, CONTENT_LIMIT - 300);
	const lines = [`~~${struck}~~`, `*${t(locale, "change.removed")}* · ${title}`];
	if (link) lines.push(`<${link}>`);
	return { content: lines.join("\n"), embeds: [], allowed_mentions: NO_MENTIONS };
}

/**
 * The closing recap: the farewell line, the blog's key events (headline + link, newest first, as
 * many as fit one message, then "and N more"), and the link to the page, links unfurled by none.
 */
export function formatRecap(
	notice: Notice,
	style: TimeStyle = {},
): RESTPostAPIChannelMessageJSONBody {
	const locale = style.locale ?? DEFAULT_LOCALE;
	const heading = t(locale, "change.recap-heading");
	const head = escapeText(describeNotice(notice, style), 400);
	const link = httpUrl(notice.blogUrl);
	const tail = link ? `<${link}>` : "";
	const events = notice.keyEvents ?? [];
	const lines: string[] = [];
	let used = head.length + tail.length + heading.length + 40;
	for (const [i, event] of events.entries()) {
		const url = httpUrl(event.url);
		const label = escapeText(event.headline, 200);
		const line = url ? `• [${label.replace(/[[\]]/g, "")}](<${url}>)` : `• ${label}`;
		const more = t(locale, "change.recap-more", { count: events.length - i });
		if (used + line.length + more.length + 2 > CONTENT_LIMIT) {
			lines.push(more);
			break;
		}
		lines.push(line);
		used += line.length + 1;
	}
	const list = [`**${heading}**`, ...lines].join("\n");
	return {
		content: [head, list, tail].filter(Boolean).join("\n\n"),
		allowed_mentions: NO_MENTIONS,
	};
}

/** What the change functions need from the adapter. */
export interface DiscordChangeDeps {
	client: Client;
	/** Waits for the adapter's send pace; false when it is stopping. */
	paced: () => Promise<boolean>;
}

/** Creates the adapter's apply(). */
export function createDiscordChanges(
	deps: DiscordChangeDeps,
): (target: Target, change: MessageChange) => Promise<DeliveryResult> {
	const { client } = deps;

	/** One paced REST call; Discord's answer as a DeliveryResult. */
	async function call(send: () => Promise<unknown>): Promise<DeliveryResult> {
		try {
			if (!(await deps.paced())) {
				return {
					status: "failed",
					reason: "The Discord adapter stopped before this change was sent",
				};
			}
			await send();
			return { status: "delivered" };
		} catch (error) {
			if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage) {
				return { status: "delivered", messageGone: true };
			}
			return toDeliveryResult(error);
		}
	}

	return async (target, change) => {
		const route = Routes.channelMessage(target.id, change.messageId);
		switch (change.kind) {
			case "edit":
				return call(() =>
					client.rest.patch(route, {
						body: editBody(change.update, change.editedAt, change.timeZone, change.locale),
					}),
				);
			case "retract":
				return change.mode === "delete"
					? call(() => client.rest.delete(route))
					: call(() =>
							client.rest.patch(route, { body: retractionBody(change.update, change.locale) }),
						);
			case "pin": {
				if (change.unpinMessageId) {
					const previous = change.unpinMessageId;
					const unpinned = await call(() =>
						client.rest.delete(Routes.channelMessagesPin(target.id, previous)),
					);
					if (unpinned.status !== "delivered") return unpinned;
				}
				return call(() => client.rest.put(Routes.channelMessagesPin(target.id, change.messageId)));
			}
			case "unpin":
				return call(() =>
					client.rest.delete(Routes.channelMessagesPin(target.id, change.messageId)),
				);
		}
	};
}
