/** Discord rendering: entry updates as embeds, command replies as plain content; mentions never ping. */
import {
	type APIAllowedMentions,
	type APIEmbed,
	EmbedBuilder,
	escapeMarkdown,
	type RESTPostAPIChannelMessageJSONBody,
	TimestampStyles,
	time,
} from "discord.js";
import {
	type BlogInfo,
	DEFAULT_LOCALE,
	describeNotice,
	type EntryUpdate,
	errorChoices,
	errorText,
	type Notice,
	type RelayError,
	type TimeStyle,
	t,
	translate,
} from "../../src/index.js";

/** Discord's per-embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED_LIMITS = {
	title: 256,
	description: 4096,
	footer: 2048,
	author: 256,
	total: 6000,
	perMessage: 10,
} as const;
/** Longest plain `content` of a message. */
export const CONTENT_LIMIT = 2000;
/** Mentions are disabled on everything we send: hostile live-blog text must never ping anyone. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

const COLOR_NEW = 0x2b6cb0;
const COLOR_EDITED = 0x718096;
const COLOR_PINNED = 0xc53030;
// The footer carries the blog title; a short one keeps the embed readable.
const FOOTER_TITLE_MAX = 200;

/**
 * The language (and time zone) of the channel a message is for. Embed timestamps are shown by each
 * reader's Discord client in that reader's own time zone, so only the bot's words use it.
 */
export type MessageStyle = TimeStyle;

/** The message body posted for one update: one embed, mentions disabled. */
export function formatUpdate(
	update: EntryUpdate,
	style: MessageStyle = {},
): RESTPostAPIChannelMessageJSONBody {
	return { embeds: [buildEmbed(update, style)], allowed_mentions: NO_MENTIONS };
}

/** One update as an embed within Discord's limits; text is escaped so it renders literally. */
export function buildEmbed(update: EntryUpdate, style: MessageStyle = {}): APIEmbed {
	const embed = new EmbedBuilder().setColor(
		update.pinned ? COLOR_PINNED : update.kind === "edited" ? COLOR_EDITED : COLOR_NEW,
	);
	const locale = style.locale ?? DEFAULT_LOCALE;
	const edited = update.kind === "edited" ? `(${t(locale, "entry.updated").toLowerCase()}) ` : "";
	const prefix = `${update.keyEvent ? `${t(locale, "change.key-event")} · ` : ""}${edited}`;
	const headline = update.headline?.trim();
	if (headline) embed.setTitle(prefix + escapeText(headline, EMBED_LIMITS.title - prefix.length));
	const url = httpUrl(update.entryUrl);
	// Discord ignores a url on an embed without a title; it is still useful to keep when present.
	if (url) embed.setURL(url);
	const author = update.author?.trim();
	if (author) embed.setAuthor({ name: truncate(author, EMBED_LIMITS.author) });
	const footer = footerText(update.blogTitle, update.blogUrl);
	if (footer) embed.setFooter({ text: footer });
	if (update.publishedAt && Number.isFinite(update.publishedAt.getTime())) {
		embed.setTimestamp(update.publishedAt);
	}
	const image = update.imageUrl ? httpUrl(update.imageUrl) : undefined;
	if (image) embed.setImage(image);
	const room = Math.min(EMBED_LIMITS.description, EMBED_LIMITS.total - embedLength(embed.data));
	// Paragraphs of the summary (one per line) get a blank line between them, as on the page.
	const summary = update.summary
		.split(/\n+/)
		.map((p) => p.trim())
		.filter(Boolean)
		.join("\n\n");
	const description = summary ? escapeText(summary, room) : "";
	if (description) embed.setDescription(description);
	return embed.toJSON();
}

/** A notice about a blog (outage, recovery, end) as a short plain message with the blog's link. */
export function formatNotice(
	notice: Notice,
	style: MessageStyle = {},
): RESTPostAPIChannelMessageJSONBody {
	const link = httpUrl(notice.blogUrl);
	const room = CONTENT_LIMIT - (link ? link.length + 3 : 0);
	// An outage's start as a Discord timestamp: each reader's client shows it in their own zone.
	const text =
		notice.kind === "source-unreachable" && notice.since
			? truncate(
					translate(style.locale ?? DEFAULT_LOCALE, "notice.unreachable-since", {
						title: escapeText(notice.blogTitle, FOOTER_TITLE_MAX),
						since: time(notice.since, TimestampStyles.ShortDateTime),
					}),
					room,
				)
			: escapeText(describeNotice(notice, style), room);
	// <url> keeps Discord from unfurling a preview of the blog under every notice.
	return { content: link ? `${text}\n<${link}>` : text, allowed_mentions: NO_MENTIONS };
}

/** Characters of an embed that count towards Discord's 6,000 per-message total. */
export function embedLength(embed: APIEmbed): number {
	return (
		(embed.title?.length ?? 0) +
		(embed.description?.length ?? 0) +
		(embed.footer?.text.length ?? 0) +
		(embed.author?.name.length ?? 0) +
		(embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
	);
}

/** Splits embeds into groups that each fit one message (≤10 embeds, ≤6,000 characters). */
export function packEmbeds(embeds: APIEmbed[]): APIEmbed[][] {
	const groups: APIEmbed[][] = [];
	let current: APIEmbed[] = [];
	let size = 0;
	for (const embed of embeds) {
		const length = embedLength(embed);
		if (
			current.length &&
			(current.length >= EMBED_LIMITS.perMessage || size + length > EMBED_LIMITS.total)
		) {
			groups.push(current);
			current = [];
			size = 0;
		}
		current.push(embed);
		size += length;
	}
	if (current.length) groups.push(current);
	return groups;
}

/**
 * Escapes markdown (including masked links, headings and lists) and mention syntax so the text
 * renders literally, then cuts it to `max` characters without splitting an escape or a surrogate pair.
 */
export function escapeText(text: string, max: number): string {
	const escaped = escapeMarkdown(text, {
		heading: true,
		bulletedList: true,
		numberedList: true,
		maskedLink: true,
	})
		// `\<@123>` shows the raw text instead of a user/role/channel pill or a timestamp.
		.replace(/<(?=[@#:/]|a:|t:)/g, "\\<");
	if (escaped.length <= max) return escaped;
	const cut = truncate(escaped, max);
	// A cut that ends on an odd run of backslashes would escape the ellipsis; drop the dangling one.
	return cut.replace(/(^|[^\\])((?:\\\\)*)\\…$/, "$1$2…");
}

/** Cuts text to `max` characters (preferring a word boundary), with "…" when anything was cut. */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	if (max <= 1) return "…".slice(0, max);
	let slice = text.slice(0, max - 1);
	// Never leave half of a surrogate pair (an emoji) at the end.
	if (/[\uD800-\uDBFF]$/.test(slice)) slice = slice.slice(0, -1);
	const space = slice.lastIndexOf(" ");
	const cut = space > slice.length * 0.7 ? slice.slice(0, space) : slice;
	return `${cut.trimEnd()}…`;
}

/** The URL if it is http(s) (Discord rejects the whole message otherwise), else undefined. */
export function httpUrl(value: string): string | undefined {
	try {
		const url = new URL(value);
		return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
	} catch {
		// Not a URL at all: the embed simply has no link.
		return undefined;
	}
}

function footerText(blogTitle: string, blogUrl: string): string | undefined {
	const title = truncate(blogTitle.trim(), FOOTER_TITLE_MAX);
	const host = hostOf(blogUrl);
	// Footers render no markdown, so the title is shown as is.
	const text = [title, host].filter(Boolean).join(" · ");
	return text ? truncate(text, EMBED_LIMITS.footer) : undefined;
}

function hostOf(url: string): string | undefined {
	try {
		return new URL(url).hostname.replace(/^www\./, "");
	} catch {
		// A blog URL that is not a URL only loses the host in the footer.
		return undefined;
	}
}

/** A blog as inline text: escaped title and the URL in angle brackets (no link preview). */
export function blogLine(blog: Pick<BlogInfo, "title" | "url">): string {
	return `**${escapeText(blog.title, 200)}** <${blog.url}>`;
}

/** Status suffix for /following: "unreachable since …" (shown in each reader's time zone) or "ended". */
export function blogStatus(blog: BlogInfo, style: MessageStyle = {}): string {
	const locale = style.locale ?? DEFAULT_LOCALE;
	if (blog.status === "ended") return ` — ${t(locale, "status.ended")}`;
	if (blog.status === "unreachable") {
		const since = blog.unreachableSince;
		return since
			? ` — ${t(locale, "status.unreachable-since", { since: `${time(since, TimestampStyles.ShortDateTime)} (${time(since, TimestampStyles.RelativeTime)})` })}`
			: ` — ${t(locale, "status.unreachable")}`;
	}
	return "";
}

/** The numbered /following list, cut to fit an embed description. */
export function formatBlogList(blogs: BlogInfo[], style: MessageStyle = {}): string {
	const locale = style.locale ?? DEFAULT_LOCALE;
	// A blog's own settings (issue 14) go on a second line, when they differ from the defaults.
	const lines = blogs.map(
		(blog, i) =>
			`${i + 1}. ${blogLine(blog)}${blogStatus(blog, style)}${blog.settingsLine ? `\n   *${escapeText(blog.settingsLine(locale), 300)}*` : ""}`,
	);
	let text = "";
	for (const [i, line] of lines.entries()) {
		const more = `\n${t(locale, "discord.more", { count: lines.length - i })}`;
		if (text.length + line.length + 1 + more.length > EMBED_LIMITS.description) return text + more;
		text = text ? `${text}\n${line}` : line;
	}
	return text;
}

/**
 * A core refusal as reply text in plain words, with the choices of an ambiguous request listed.
 * A refused change names the permission Discord actually asks for (Manage Channels).
 */
export function formatError(error: RelayError, style: MessageStyle = {}): string {
	const locale = style.locale ?? DEFAULT_LOCALE;
	const choices = errorChoices(error)
		.slice(0, 10)
		.map((c) => `• ${blogLine(c)}`);
	const { key, params } =
		error.code === "permission-denied"
			? { key: "error.manage-channels" as const, params: {} }
			: errorText(error);
	const text = [escapeText(translate(locale, key, params), 1000), ...choices].join("\n");
	return truncate(text, CONTENT_LIMIT);
}
