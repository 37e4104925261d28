/** Telegram replies to commands, in the chat's language: HTML with every piece of outside text escaped. */
import {
	DEFAULT_LOCALE,
	errorChoices,
	errorText,
	LATEST_DEFAULT,
	LATEST_MAX,
	type LatestReply,
	type ListReply,
	type RelayError,
	type SubscribeReply,
	translate,
	translator,
	type UnsubscribeReply,
} from "../../src/index.js";
import {
	blogLink,
	escapeHtml,
	formatStatus,
	type MessageStyle,
	packBlocks,
	renderEntry,
	TELEGRAM_MESSAGE_LIMIT,
	truncateForHtml,
} from "./format.js";

const TITLE_LIMIT = 200;
const URL_LIMIT = 1000;

/** A whole, real live-blog address: the help's example must work when tapped or copied. */
export const EXAMPLE_URL =
	"https://www.theguardian.com/world/live/2024/sep/11/ukraine-russia-war-live";

/** The chat's translator: catalogue text escaped for HTML, placeholders filled as given. */
function tr(style: MessageStyle) {
	return translator(style.locale ?? DEFAULT_LOCALE, escapeHtml);
}

/** The /start and /help text. */
export function formatHelp(options: { isGroup: boolean } & MessageStyle): string {
	const say = tr(options);
	const lines = [
		`<b>${say("help.title")}</b>`,
		say("help.intro"),
		"",
		say("help.subscribe"),
		say("help.unsubscribe"),
		say("help.list"),
		say("help.latest", { default: LATEST_DEFAULT, max: LATEST_MAX }),
		say("help.settings"),
		"",
		say("help.example"),
		// Plain text: Telegram makes the command and the whole address tappable.
		`/subscribe ${escapeHtml(EXAMPLE_URL)}`,
	];
	if (options.isGroup) lines.push("", say("help.groups", { max: LATEST_DEFAULT }));
	return lines.join("\n");
}

/** What a bare /subscribe gets: how to use it, with a whole example address. */
export function formatSubscribeUsage(style: MessageStyle = {}): string {
	return `${tr(style)("subscribe.usage")}\n/subscribe ${escapeHtml(EXAMPLE_URL)}`;
}

/** ⚠️ plus the plain wording of a core error; its choices (numbered, URL in plain text) and `hint`. */
export function formatError(error: RelayError, hint?: string, style: MessageStyle = {}): string[] {
	const { key, params } = errorText(error);
	const text = translate(style.locale ?? DEFAULT_LOCALE, key, params);
	const lines = [`⚠️ ${escapeHtml(text)}`];
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
export function formatSubscribeReply(reply: SubscribeReply, style: MessageStyle = {}): string[] {
	if (reply.kind === "error") return formatError(reply.error, undefined, style);
	const say = tr(style);
	const { blog, newest, alreadySubscribed } = reply;
	const head = alreadySubscribed
		? say("subscribe.already", { blog: blogLink(blog) })
		: say("subscribe.done", { blog: blogLink(blog) });
	const note = blog.status === "ended" ? `\n\n${say("subscribe.ended")}` : "";
	if (!newest) return [`${head}${note}`];
	const intro = `${head}${note}\n\n${say("subscribe.newest")}`;
	const entry = renderEntry(newest, {
		...style,
		limit: TELEGRAM_MESSAGE_LIMIT - intro.length - 2,
		withBlogTitle: false,
	});
	return [`${intro}\n\n${entry}`];
}

/** Reply to /unsubscribe <url|n>. */
export function formatUnsubscribeReply(
	reply: UnsubscribeReply,
	style: MessageStyle = {},
): string[] {
	const say = tr(style);
	if (reply.kind === "error") return formatError(reply.error, say("unsubscribe.hint"), style);
	return [say("unsubscribe.done", { blog: blogLink(reply.blog) })];
}

/** Reply to /list, or to a bare /unsubscribe (`forUnsubscribe`: ends with how to choose). */
export function formatListReply(
	reply: ListReply,
	now: Date,
	forUnsubscribe = false,
	style: MessageStyle = {},
): string[] {
	if (reply.kind === "error") return formatError(reply.error, undefined, style);
	const say = tr(style);
	if (reply.blogs.length === 0) return [say("list.empty")];
	const head = forUnsubscribe
		? `<b>${say("list.which")}</b>`
		: `<b>${say("list.head", { count: reply.blogs.length })}</b>`;
	const lines = reply.blogs.map((blog, i) => {
		const status = formatStatus(blog, now, style);
		// The blog's own settings (issue 14), when they differ from the defaults; not when choosing one to drop.
		const settings =
			blog.settingsLine && !forUnsubscribe
				? `\n   <i>${escapeHtml(blog.settingsLine(say.locale))}</i>`
				: "";
		return `${i + 1}. ${blogLink(blog)}${status ? ` — ${escapeHtml(status)}` : ""}${settings}`;
	});
	return packLines([
		head,
		...lines,
		"",
		forUnsubscribe ? say("list.choose") : say("list.stop-one"),
		// Said once after a pin was refused: the bot lacks the right to pin here.
		...(reply.cannotPin ? ["", say("change.cannot-pin")] : []),
	]);
}

/** What /latest was asked for, so its reply can say once what it shows and why. */
export interface LatestRequest {
	/** Entries asked for after clamping (1..LATEST_MAX). */
	count: number;
	/** "above": more than LATEST_MAX was asked. */
	clamped?: "above" | "below" | undefined;
	/** Set when a group member (not an admin) was held to this many entries. */
	membersLimit?: number | undefined;
}

/**
 * Reply to /latest: one heading saying what follows ("The newest 10 …", "All 4 …"), then the entries.
 * Without `request` the heading just counts what is shown.
 */
export function formatLatestReply(
	reply: LatestReply,
	request: LatestRequest = { count: 0 },
	style: MessageStyle = {},
): string[] {
	const say = tr(style);
	if (reply.kind === "error") return formatError(reply.error, say("latest.which"), style);
	const { blog, updates } = reply;
	if (updates.length === 0) return [say("latest.none", { blog: blogLink(blog) })];
	const params = { count: updates.length, blog: blogLink(blog) };
	const fewer = updates.length < request.count;
	const notes = [
		!fewer && request.clamped === "above" && request.membersLimit === undefined
			? say("latest.at-most", { max: LATEST_MAX })
			: "",
		!fewer && request.membersLimit !== undefined
			? say("latest.members-limit", { max: request.membersLimit })
			: "",
	].filter(Boolean);
	const heading = `<b>${fewer ? say("latest.all", params) : say("latest.newest", params)}</b>`;
	const header = [heading, ...notes].join(" ");
	// Each block must fit on its own next to the header, so packing never overflows.
	const blocks = updates.map((u) =>
		renderEntry(u, {
			...style,
			limit: TELEGRAM_MESSAGE_LIMIT - header.length - 2,
			withBlogTitle: false,
		}),
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
