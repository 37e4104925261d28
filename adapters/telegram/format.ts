/** Telegram rendering: HTML parse mode with every piece of user or blog text escaped. */
import type { LinkPreviewOptions } from "grammy/types";
import {
	type BlogInfo,
	describeError,
	type EntryUpdate,
	errorChoices,
	type LatestReply,
	type ListReply,
	type RelayError,
	type SubscribeReply,
	type UnsubscribeReply,
} from "../../src/index.js";

/** Telegram rejects messages whose text is longer than this (UTF-16 code units). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

const HEADLINE_LIMIT = 300;
const TITLE_LIMIT = 200;
/** Longer hrefs (escaped) are dropped rather than sent: they would eat the message's budget. */
const URL_LIMIT = 1000;
const ELLIPSIS = "…";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A message ready for sendMessage with parse_mode HTML. */
export interface TelegramMessage {
	text: string;
	link_preview_options: LinkPreviewOptions;
}

/** Escapes text for Telegram HTML: & < > (enough outside attributes). */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/** Escapes an attribute value (href): & < > and the double quote that would end it. */
export function escapeAttribute(value: string): string {
	return escapeHtml(value).replace(/"/g, "&quot;");
}

/** Length of `text` once escaped with escapeHtml, without building the string. */
function escapedLength(text: string): number {
	let n = text.length;
	for (const c of text)
		if (c === "&") n += 4;
		else if (c === "<" || c === ">") n += 3;
	return n;
}

/**
 * Cuts plain text so that its escaped form fits `budget` code units, ellipsis included.
 * Cutting before escaping means no entity is ever split; whole code points keep surrogate pairs intact.
 */
export function truncateForHtml(text: string, budget: number): string {
	if (escapedLength(text) <= budget) return text;
	const room = budget - ELLIPSIS.length;
	if (room <= 0) return budget >= ELLIPSIS.length ? ELLIPSIS : "";
	let used = 0;
	let end = 0;
	for (const c of text) {
		const cost = escapedLength(c);
		if (used + cost > room) break;
		used += cost;
		end += c.length;
	}
	// Prefer a word boundary when one is reasonably close, so we don't end on half a word.
	const cut = text.slice(0, end);
	const space = cut.lastIndexOf(" ");
	const trimmed = space > end * 0.8 ? cut.slice(0, space) : cut;
	return `${trimmed.trimEnd()}${ELLIPSIS}`;
}

/** "11 Sep 2024, 09:23 UTC". */
export function formatUtcDateTime(date: Date): string {
	return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${formatUtcTime(date)}`;
}

/** "09:23 UTC". */
export function formatUtcTime(date: Date): string {
	const hh = String(date.getUTCHours()).padStart(2, "0");
	const mm = String(date.getUTCMinutes()).padStart(2, "0");
	return `${hh}:${mm} UTC`;
}

/** True for http(s) URLs short enough to put into an href or a link preview. */
function isLinkable(url: string | undefined): url is string {
	return (
		url !== undefined && /^https?:\/\/\S+$/i.test(url) && escapeAttribute(url).length <= URL_LIMIT
	);
}

/** An <a> tag, or just the escaped label when the URL is unusable. */
export function link(url: string | undefined, label: string): string {
	return isLinkable(url)
		? `<a href="${escapeAttribute(url)}">${escapeHtml(label)}</a>`
		: escapeHtml(label);
}

/** Link previews are off, except for the entry's own image. */
function previewOptions(imageUrl: string | undefined): LinkPreviewOptions {
	return isLinkable(imageUrl)
		? { is_disabled: false, url: imageUrl, prefer_small_media: true }
		: { is_disabled: true };
}

/** Options that keep Telegram from unfurling links in command replies. */
export const NO_PREVIEW: LinkPreviewOptions = { is_disabled: true };

/**
 * Renders one entry: bold headline, summary, time + link, italic blog title.
 * The summary is the only part cut to make room, so the result always fits one message.
 */
export function formatUpdate(update: EntryUpdate, limit = TELEGRAM_MESSAGE_LIMIT): TelegramMessage {
	return {
		text: renderEntry(update, { limit, withBlogTitle: true }),
		link_preview_options: previewOptions(update.imageUrl),
	};
}

/** The HTML of one entry; `withBlogTitle` false for lists under a blog heading. */
export function renderEntry(
	update: EntryUpdate,
	options: { limit: number; withBlogTitle: boolean },
): string {
	const marks = `${update.kind === "edited" ? "✏️ Updated: " : ""}${update.pinned ? "📌 " : ""}`;
	const headline = update.headline?.trim()
		? `${escapeHtml(marks)}<b>${escapeHtml(truncateForHtml(update.headline.trim(), HEADLINE_LIMIT))}</b>`
		: marks
			? escapeHtml(marks.trim())
			: "";
	const when = update.publishedAt ? `${formatUtcDateTime(update.publishedAt)} · ` : "";
	const meta = `${escapeHtml(when)}${link(update.entryUrl, "Read entry")}`;
	const title = options.withBlogTitle
		? `<i>${escapeHtml(truncateForHtml(update.blogTitle.trim(), TITLE_LIMIT))}</i>`
		: "";
	const fixed = [headline, meta, title].filter(Boolean);
	const separators = fixed.length * 2; // "\n\n" between every part, summary included
	const fixedLength = fixed.reduce((n, part) => n + part.length, 0) + separators;
	const summaryText = update.summary.trim();
	const summary = summaryText
		? escapeHtml(truncateForHtml(summaryText, Math.max(0, options.limit - fixedLength)))
		: "";
	const parts = headline ? [headline, summary, meta, title] : [summary, meta, title];
	return parts.filter(Boolean).join("\n\n");
}

/**
 * Packs pre-rendered HTML blocks into as few messages as fit the limit, never splitting a block.
 * Each block must already fit on its own (renderEntry guarantees that).
 */
export function packBlocks(
	header: string,
	blocks: string[],
	limit = TELEGRAM_MESSAGE_LIMIT,
): string[] {
	const messages: string[] = [];
	let current = header;
	for (const block of blocks) {
		const next = current ? `${current}\n\n${block}` : block;
		if (next.length <= limit) {
			current = next;
			continue;
		}
		if (current) messages.push(current);
		current = block;
	}
	if (current) messages.push(current);
	return messages;
}

/** "Title" linked to the blog, for replies. */
export function blogLink(blog: Pick<BlogInfo, "url" | "title">): string {
	return link(blog.url, truncateForHtml(blog.title.trim() || blog.url, TITLE_LIMIT));
}

/** Status suffix for /list: "unreachable since 10:42 UTC" (date added when not today), "ended". */
export function formatStatus(blog: BlogInfo, now: Date): string {
	if (blog.status === "ended") return "ended";
	if (blog.status === "unreachable") {
		const since = blog.unreachableSince;
		if (!since) return "unreachable";
		const sameDay = since.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
		return `unreachable since ${sameDay ? formatUtcTime(since) : formatUtcDateTime(since)}`;
	}
	return "";
}

// ---- Command replies -------------------------------------------------------------------------

/** The /start and /help text. */
export function formatHelp(options: { isGroup: boolean }): string {
	const lines = [
		"<b>Live blog relay</b>",
		"I watch news live blogs and post every new entry here as soon as it appears.",
		"",
		"/subscribe &lt;url&gt; — follow a live blog",
		"/unsubscribe &lt;url or number&gt; — stop following one",
		"/list — the live blogs followed here",
		"/latest [url] [n] — the newest n entries (default 3, at most 10)",
		"/settings — what and when each blog posts here: key events only, keywords, digests, quiet hours",
		"",
		"Example:",
		"<code>/subscribe https://www.theguardian.com/world/live/2024/sep/11/…</code>",
	];
	if (options.isGroup) lines.push("", "In groups, only admins can subscribe or unsubscribe.");
	return lines.join("\n");
}

/** ⚠️ plus the shared wording of a core error; its choices (numbered, URL in plain text) and `hint`. */
export function formatError(error: RelayError, hint?: string): string[] {
	const lines = [`⚠️ ${escapeHtml(describeError(error))}`];
	const choices = errorChoices(error);
	if (choices.length > 0) {
		lines.push("");
		for (const [i, choice] of choices.entries()) {
			const title = truncateForHtml(choice.title.trim() || choice.url, TITLE_LIMIT);
			const url = truncateForHtml(choice.url, URL_LIMIT);
			lines.push(`${i + 1}. ${escapeHtml(title)} — ${escapeHtml(url)}`);
		}
		if (hint) lines.push("", hint);
	}
	return packLines(lines);
}

/** Reply to /subscribe. */
export function formatSubscribeReply(reply: SubscribeReply): string[] {
	if (reply.kind === "error") return formatError(reply.error);
	const { blog, newest, alreadySubscribed } = reply;
	const head = alreadySubscribed
		? `This chat already follows ${blogLink(blog)}.`
		: `✅ Subscribed to ${blogLink(blog)}. New entries will be posted here.`;
	const note = blog.status === "ended" ? "\n\nNote: this live blog seems to have ended." : "";
	if (!newest) return [`${head}${note}`];
	const intro = `${head}${note}\n\nLatest entry:`;
	const entry = renderEntry(newest, {
		limit: TELEGRAM_MESSAGE_LIMIT - intro.length - 2,
		withBlogTitle: false,
	});
	return [`${intro}\n\n${entry}`];
}

/** Reply to /unsubscribe <url|n>. */
export function formatUnsubscribeReply(reply: UnsubscribeReply): string[] {
	if (reply.kind === "error") {
		return formatError(
			reply.error,
			"Send /list to see the numbers, then /unsubscribe &lt;number&gt;.",
		);
	}
	return [
		`Unsubscribed from ${blogLink(reply.blog)}. No more entries from it will be posted here.`,
	];
}

/** Reply to /list, or to a bare /unsubscribe (`forUnsubscribe`: ends with how to choose). */
export function formatListReply(reply: ListReply, now: Date, forUnsubscribe = false): string[] {
	if (reply.kind === "error") return formatError(reply.error);
	if (reply.blogs.length === 0) {
		return ["This chat doesn't follow any live blog yet. Send /subscribe &lt;url&gt; to start."];
	}
	const count = reply.blogs.length;
	const head = forUnsubscribe
		? "<b>Which live blog should I stop posting here?</b>"
		: `<b>This chat follows ${count} live blog${count === 1 ? "" : "s"}:</b>`;
	const lines = reply.blogs.map((blog, i) => {
		const status = formatStatus(blog, now);
		const settings =
			blog.settingsLine && !forUnsubscribe ? `\n   <i>${escapeHtml(blog.settingsLine)}</i>` : "";
		return `${i + 1}. ${blogLink(blog)}${status ? ` — ${escapeHtml(status)}` : ""}${settings}`;
	});
	const tail = forUnsubscribe
		? "Send /unsubscribe &lt;number&gt; (e.g. /unsubscribe 1) or /unsubscribe &lt;url&gt;."
		: "To stop one: /unsubscribe &lt;number&gt;";
	return packLines([head, ...lines, "", tail]);
}

/** Reply to /latest; `note` explains a clamped count. */
export function formatLatestReply(reply: LatestReply, note?: string): string[] {
	if (reply.kind === "error") {
		return formatError(reply.error, "Say which one: /latest &lt;url&gt; [n]");
	}
	const { blog, updates } = reply;
	const prefix = note ? `${escapeHtml(note)}\n\n` : "";
	if (updates.length === 0) return [`${prefix}No entries on ${blogLink(blog)} yet.`];
	const header = `${prefix}<b>Latest ${updates.length === 1 ? "entry" : `${updates.length} entries`} from</b> ${blogLink(blog)}`;
	// Each block must fit on its own next to the header, so packing never overflows.
	const blocks = updates.map((u) =>
		renderEntry(u, { limit: TELEGRAM_MESSAGE_LIMIT - header.length - 2, withBlogTitle: false }),
	);
	return packBlocks(header, blocks);
}

/** Packs lines (joined by newlines) into messages within the limit. */
function packLines(lines: string[]): string[] {
	const messages: string[] = [];
	let current: string | undefined;
	// Every line is far below the limit (titles and URLs are capped), so a line never needs splitting.
	for (const line of lines) {
		const next = current === undefined ? line : `${current}\n${line}`;
		if (next.length <= TELEGRAM_MESSAGE_LIMIT) {
			current = next;
			continue;
		}
		if (current !== undefined) messages.push(current);
		current = line;
	}
	if (current?.trim()) messages.push(current);
	return messages;
}
