/** Telegram rendering: HTML parse mode with every piece of user or blog text escaped. */
import type { LinkPreviewOptions } from "grammy/types";
import {
	type BlogInfo,
	DEFAULT_LOCALE,
	type EntryUpdate,
	formatWhen,
	type Locale,
	type TimeStyle,
	t,
} from "../../src/index.js";

/** Telegram rejects messages whose text is longer than this (UTF-16 code units). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

const HEADLINE_LIMIT = 300;
const TITLE_LIMIT = 200;
/** The blog title in a post's footer line: short, so the line stays one line on a phone. */
const FOOTER_TITLE_LIMIT = 60;
const AUTHOR_LIMIT = 80;
/** Longer hrefs (escaped) are dropped rather than sent: they would eat the message's budget. */
const URL_LIMIT = 1000;
const ELLIPSIS = "…";

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

/**
 * "11 Sept 2024, 09:23 UTC", in English and UTC whatever the chat chose. Kept for callers written before
 * chats had a language and a zone; new code uses formatWhen with the chat's style.
 */
export function formatUtcDateTime(date: Date): string {
	return formatWhen(date, { now: new Date(Date.UTC(1970, 0, 1)) });
}

/** "09:23 UTC" (English, UTC); new code uses formatWhen with the chat's style. */
export function formatUtcTime(date: Date): string {
	return formatWhen(date, { now: date });
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

/** Language, time zone and "now" of the chat a message is for; English, UTC and the clock by default. */
export type MessageStyle = TimeStyle;

/**
 * Renders one post: headline, summary paragraphs, then one footer line with time, author, link and
 * the blog's title. The summary is the only part cut to make room, so the result always fits one message.
 */
export function formatUpdate(
	update: EntryUpdate,
	limit = TELEGRAM_MESSAGE_LIMIT,
	style: MessageStyle = {},
): TelegramMessage {
	return {
		text: renderEntry(update, { limit, withBlogTitle: true, ...style }),
		link_preview_options: previewOptions(update.imageUrl),
	};
}

/** How renderEntry lays out one entry. */
export interface RenderOptions extends MessageStyle {
	/** Longest result (escaped HTML). */
	limit: number;
	/** False inside a reply whose heading names the blog already (then it is named once per message). */
	withBlogTitle: boolean;
}

/** The HTML of one entry; `withBlogTitle` false for lists under a blog heading. */
export function renderEntry(update: EntryUpdate, options: RenderOptions): string {
	const locale: Locale = options.locale ?? DEFAULT_LOCALE;
	const edited = update.kind === "edited" ? `✏️ ${t(locale, "entry.updated")}: ` : "";
	const marks = `${update.keyEvent ? `${t(locale, "change.key-event")} · ` : ""}${edited}${update.pinned ? "📌 " : ""}`;
	const headline = update.headline?.trim()
		? `${escapeHtml(marks)}<b>${escapeHtml(truncateForHtml(update.headline.trim(), HEADLINE_LIMIT))}</b>`
		: marks
			? escapeHtml(marks.trim())
			: "";
	const footer = footerLine(update, options, locale);
	const fixed = [headline, footer].filter(Boolean);
	const separators = fixed.length * 2; // "\n\n" between every part, summary included
	const fixedLength = fixed.reduce((n, part) => n + part.length, 0) + separators;
	const summary = summaryHtml(update.summary, Math.max(0, options.limit - fixedLength));
	return [headline, summary, footer].filter(Boolean).join("\n\n");
}

/** "09:23 UTC · Jane Smith · Read entry · Blog title": the entry's facts in one line. */
function footerLine(update: EntryUpdate, options: RenderOptions, locale: Locale): string {
	const parts: string[] = [];
	if (update.publishedAt && Number.isFinite(update.publishedAt.getTime())) {
		parts.push(escapeHtml(formatWhen(update.publishedAt, { ...options, locale })));
	}
	const author = update.author?.trim();
	if (author) parts.push(escapeHtml(truncateForHtml(author, AUTHOR_LIMIT)));
	parts.push(link(update.entryUrl, t(locale, "entry.read")));
	const title = update.blogTitle.trim();
	if (options.withBlogTitle && title) {
		parts.push(`<i>${escapeHtml(truncateForHtml(title, FOOTER_TITLE_LIMIT))}</i>`);
	}
	return parts.join(" · ");
}

/**
 * The summary with its paragraphs kept (a blank line between them), escaped and cut to `budget`.
 * Paragraphs past the budget are dropped whole; only the last one kept may be cut.
 */
function summaryHtml(summary: string, budget: number): string {
	const paragraphs = summary
		.split(/\n+/)
		.map((p) => p.replace(/\s+/g, " ").trim())
		.filter(Boolean);
	const out: string[] = [];
	let used = 0;
	for (const paragraph of paragraphs) {
		const room = budget - used - (out.length ? 2 : 0);
		if (room <= ELLIPSIS.length) break;
		const text = escapeHtml(truncateForHtml(paragraph, room));
		out.push(text);
		used += text.length + (out.length > 1 ? 2 : 0);
		if (text.endsWith(ELLIPSIS) && !paragraph.endsWith(ELLIPSIS)) break;
	}
	return out.join("\n\n");
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

/** Status suffix for /list: "unreachable since 10:42 UTC" (the date too when not today), "ended". */
export function formatStatus(blog: BlogInfo, now: Date, style: MessageStyle = {}): string {
	const locale = style.locale ?? DEFAULT_LOCALE;
	if (blog.status === "ended") return t(locale, "status.ended");
	if (blog.status === "unreachable") {
		const since = blog.unreachableSince;
		if (!since) return t(locale, "status.unreachable");
		return t(locale, "status.unreachable-since", {
			since: formatWhen(since, { ...style, locale, now }),
		});
	}
	return "";
}

// Command replies live in replies.ts; these names stay importable from here.
export {
	formatError,
	formatHelp,
	formatLatestReply,
	formatListReply,
	formatSubscribeReply,
	formatUnsubscribeReply,
} from "./replies.js";
