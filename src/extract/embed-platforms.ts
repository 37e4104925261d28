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

// Script/iframe hosts and the embed elements their snippets ask publishers to paste.
const PLATFORMS: readonly EmbedPlatform[] = [
	{ name: "Tickaroo", pattern: /\btickaroo\.com\/|<tickaroo-/i },
	{ name: "ScribbleLive", pattern: /\bscribblelive\.com\/|class=["']?scrbbl-embed/i },
	{ name: "24liveblog", pattern: /\b24liveblog\.com\/|id="LB24_LIVE_CONTENT"/i },
	{ name: "Arena", pattern: /\barena\.im\/|class=["']?arena-(?:liveblog|embed)/i },
	{ name: "Live Center", pattern: /\blivecenter\.norkon\.net\//i },
	{ name: "Live Blog Pro", pattern: /\bliveblog\.pro\//i },
	{ name: "CoverItLive", pattern: /\bcoveritlive\.com\//i },
];

/** Only the start of a huge page is searched: embed snippets sit in the page body's first part. */
const SEARCHED_CHARS = 3_000_000;

/** The name of the live-blog platform the page embeds, if it embeds a known one. */
export function embeddedPlatform(html: string): string | undefined {
	const text = html.length > SEARCHED_CHARS ? html.slice(0, SEARCHED_CHARS) : html;
	return PLATFORMS.find((p) => p.pattern.test(text))?.name;
}
