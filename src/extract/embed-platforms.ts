/**
 * Live-blog platforms that a news page embeds by script or iframe (Tickaroo, ScribbleLive, 24liveblog,
 * Arena, Live Center, Live Blog Pro, CoverItLive). Their entries arrive from the platform after the
 * page opens, so the page's own HTML has none. When nothing was found, naming the platform tells the
 * user why, instead of "is it a live blog?" (it is, just not one we can read from the page).
 */

/** One platform: its name as users know it, and how its embed shows in a page's HTML. */
interface EmbedPlatform {
	name: string;
	pattern: RegExp;
}

// Script/iframe hosts and the embed elements their snippets ask publishers to paste (global: each
// match is checked for being a mere link, see isLinkTarget).
const PLATFORMS: readonly EmbedPlatform[] = [
	{ name: "Tickaroo", pattern: /\btickaroo\.com\/|<tickaroo-/gi },
	{ name: "ScribbleLive", pattern: /\bscribblelive\.com\/|class=["']?scrbbl-embed/gi },
	{ name: "24liveblog", pattern: /\b24liveblog\.com\/|id="LB24_LIVE_CONTENT"/gi },
	{ name: "Arena", pattern: /\barena\.im\/|class=["']?arena-(?:liveblog|embed)/gi },
	{ name: "Live Center", pattern: /\blivecenter\.norkon\.net\//gi },
	{ name: "Live Blog Pro", pattern: /\bliveblog\.pro\//gi },
	{ name: "CoverItLive", pattern: /\bcoveritlive\.com\//gi },
];

/** How far back from a host name an `href=` that it belongs to may start. */
const LINK_LOOK_BACK = 300;
// What ends an attribute value (quoted or not) before the host could be reached.
const VALUE_END = /["'\s>]/;
// `href=` with optional spaces and quote, anchored at the start of the looked-at text.
const HREF_START = /^href\s*=\s*["']?/i;
/** Most matches checked per platform: a page full of links to a platform embeds nothing by it. */
const MAX_MATCHES = 50;

/**
 * True when the match at `at` lies in an unfinished href value (`<a href="https://www.coveritlive.com/`):
 * a page naming the platform, not embedding it.
 */
function isLinkTarget(text: string, at: number): boolean {
	const before = text.slice(Math.max(0, at - LINK_LOOK_BACK), at).toLowerCase();
	const href = before.lastIndexOf("href");
	if (href < 0) return false;
	const start = HREF_START.exec(before.slice(href));
	return start !== null && !VALUE_END.test(before.slice(href + start[0].length));
}

function embeds(text: string, pattern: RegExp): boolean {
	pattern.lastIndex = 0;
	for (let n = 0; n < MAX_MATCHES; n++) {
		const match = pattern.exec(text);
		if (match === null) return false;
		if (!isLinkTarget(text, match.index)) return true;
	}
	return false;
}

/** Only the start of a huge page is searched: embed snippets sit in the page body's first part. */
const SEARCHED_CHARS = 3_000_000;

/** The name of the live-blog platform the page embeds, if it embeds a known one. */
export function embeddedPlatform(html: string): string | undefined {
	const text = html.length > SEARCHED_CHARS ? html.slice(0, SEARCHED_CHARS) : html;
	return PLATFORMS.find((p) => embeds(text, p.pattern))?.name;
}
