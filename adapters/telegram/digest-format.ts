/** A digest as one Telegram HTML message: a heading, then one linked headline per line, key events first. */
import { type Digest, type Locale, translator } from "../../src/index.js";
import { escapeHtml, link } from "./format.js";

/** Telegram's limit on a message's text (entities parsed). */
const TEXT_LIMIT = 4096;

/** What a digest message holds: the core splits digests so each part's headlines and links fit this. */
export const TELEGRAM_DIGEST_BUDGET = 3000;

const clocks = new Map<string, Intl.DateTimeFormat>();

/** "08:15" in the chat's time zone. */
export function clockIn(date: Date, timeZone = "UTC"): string {
	let f = clocks.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat("en-GB", {
			timeZone,
			hour: "2-digit",
			minute: "2-digit",
			hourCycle: "h23",
		});
		clocks.set(timeZone, f);
	}
	return f.format(date);
}

/** Visible length of the HTML (tags dropped, entities counted once), as Telegram counts it. */
function visibleLength(html: string): number {
	return html.replace(/<[^>]*>/g, "").replace(/&(?:amp|lt|gt|quot);/g, "&").length;
}

/** The digest's message text in `locale`; lines past the limit (only with a budget far too large) are left out. */
export function formatDigest(digest: Digest, locale: Locale = "en"): string {
	const say = translator(locale, escapeHtml);
	const blog = link(digest.blogUrl, digest.blogTitle);
	const part = digest.parts > 1 ? ` (${digest.part}/${digest.parts})` : "";
	const head =
		digest.reason === "quiet"
			? `🌙 <b>${say("digest.quiet-heading")}</b>${part}: ${blog}`
			: `🗞 <b>${say("digest.heading")}</b>${part}: ${blog}`;
	const lines = digest.items.map((item) => {
		const when = item.publishedAt ? `${clockIn(item.publishedAt, digest.timeZone)} ` : "";
		const star = item.keyEvent ? "⭐ " : "";
		return `• ${escapeHtml(when)}${star}${link(item.url, item.headline)}`;
	});
	const tail = digest.dropped ? [say("digest.dropped", { count: digest.dropped })] : [];
	const out = [head];
	for (const line of lines) {
		if (visibleLength([...out, line, ...tail].join("\n")) > TEXT_LIMIT) break;
		out.push(line);
	}
	return [...out, ...tail].join("\n");
}
