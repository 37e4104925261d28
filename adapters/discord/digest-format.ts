/** A digest as one Discord embed: one masked-link headline per line, key events first, within the embed limits. */
import {
	type APIEmbed,
	type RESTPostAPIChannelMessageJSONBody,
	TimestampStyles,
	time,
} from "discord.js";
import { type Digest, type Locale, t } from "../../src/index.js";
import { EMBED_LIMITS, escapeText, httpUrl, NO_MENTIONS, truncate } from "./format.js";

/** What a digest message holds: the core splits digests so each part's headlines and links fit this. */
export const DISCORD_DIGEST_BUDGET = 3500;
const COLOR_DIGEST = 0x2f855a;

/** The digest's embed in `locale`; lines over the description limit (only with a budget far too large) are left out. */
export function buildDigestEmbed(digest: Digest, locale: Locale = "en"): APIEmbed {
	const part = digest.parts > 1 ? ` (${digest.part}/${digest.parts})` : "";
	const heading = t(locale, digest.reason === "quiet" ? "digest.quiet-heading" : "digest.heading");
	const title = truncate(`${heading}${part}: ${digest.blogTitle}`, EMBED_LIMITS.title);
	const lines: string[] = [];
	let length = 0;
	for (const item of digest.items) {
		// Discord shows <t:…> in each reader's own time zone.
		const when = item.publishedAt ? `${time(item.publishedAt, TimestampStyles.ShortTime)} ` : "";
		const star = item.keyEvent ? "⭐ " : "";
		const headline = escapeText(item.headline, 300).replace(/[[\]]/g, "\\$&");
		const url = httpUrl(item.url);
		const line = `• ${when}${star}${url ? `[${headline}](${url})` : headline}`;
		if (length + line.length + 1 > EMBED_LIMITS.description - 200) break;
		lines.push(line);
		length += line.length + 1;
	}
	if (digest.dropped)
		lines.push(escapeText(t(locale, "digest.dropped", { count: digest.dropped }), 200));
	const embed: APIEmbed = { title, description: lines.join("\n"), color: COLOR_DIGEST };
	const blogUrl = httpUrl(digest.blogUrl);
	if (blogUrl) embed.url = blogUrl;
	return embed;
}

/** The message body of one digest part, in `locale`. */
export function formatDigest(
	digest: Digest,
	locale: Locale = "en",
): RESTPostAPIChannelMessageJSONBody {
	return { embeds: [buildDigestEmbed(digest, locale)], allowed_mentions: NO_MENTIONS };
}
