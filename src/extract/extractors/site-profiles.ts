/** Known live-blog markups: one table row per platform, read with the shared entry reader. */

import { closestAncestor, matches, queryAll } from "../query.js";
import type { ExtractContext, ExtractorResult, RawEntry } from "../raw-entry.js";
import type { DomElement, DomNode } from "../text.js";
import { type EntryRules, readEntry } from "./dom-entry.js";

/** One platform's entry markup: which elements are entries and how to read them. */
export interface SiteProfile extends EntryRules {
	/** Reported in LiveBlog.sources. */
	name: string;
	/** Selects the entry containers. */
	entry: string;
	/** Matches inside these are copies or summaries, not entries (pinned copy, key-event list). */
	exclude?: string;
	/** Matching entries that are not entries (AMP tombstones). */
	skip?: string;
}

/** Guardian entry link: `?page=with:block-<id>` finds the block even after it leaves page 1. */
export function guardianBlockUrl(pageUrl: string, id: string): string {
	const base = pageUrl.replace(/#.*$/, "");
	return `${base}${base.includes("?") ? "&" : "?"}page=with:block-${id}#block-${id}`;
}

const HEADINGS = "h1, h2, h3, h4";

/** The profiles, most specific first. Sources: shared/guides/liveblog-formats.md §1. */
export const SITE_PROFILES: readonly SiteProfile[] = [
	{
		// dotcom-rendering LiveBlockContainer; the pinned copy has no id and sits in #pinned-post.
		name: "guardian",
		entry: 'article[id^="block-"]',
		exclude: "#pinned-post",
		idPrefixes: ["block-"],
		headline: "header h2",
		strip: "header",
		pinned: 'a[href$="#pinned-post"]',
		entryUrl: guardianBlockUrl,
	},
	{
		// No time in the post HTML (2020): times come from JSON-LD, joined by the anchor slug.
		name: "nyt",
		entry: '[data-test-id="live-blog-post"]',
		anchorChild: true,
		keyAttrs: ["data-source-id"],
		headline: '.live-blog-post-headline h2, h2[itemprop="headline"]',
		author: '[itemprop="author"] [itemprop="name"]',
		strip: '.live-blog-post-headline, [itemprop="author"]',
	},
	{
		// Reach plc (Mirror, CorkBeo): epoch-ms attributes; <time> is a bare local HH:MM.
		name: "reach",
		entry: ".live-event-entry",
		exclude: ".live-event-key-events",
		headline: ".entry-content h2, .entry-content h3",
		author: ".entry-info mark",
		notAuthor: /^key events?$/i,
		publishedAttrs: ["data-post-time"],
		updatedAttrs: ["data-last-modified-time"],
		body: ".entry-content",
		strip: ".entry-info",
	},
	{
		// Express: epoch-seconds amp-live-list attributes; the <time> text is "21 mins ago".
		name: "express",
		entry: ".live-events__entry",
		headline: ".live-events__entry-head",
		author: ".live-events__entry-author",
		publishedAttrs: ["data-sort-time"],
		updatedAttrs: ["data-update-time"],
		strip: ".live-events__entry-info",
	},
	{
		name: "bbc",
		entry: 'article[data-testid="content-post"]',
		keyAttrs: ["data-post-id"],
		headline: "h2, h3",
		strip: 'header [data-testid="timestamp"], [data-testid="timestamp"]',
	},
	{
		name: "bbc-lx",
		entry: ".lx-stream-post",
		headline: ".lx-stream-post__header-text, h3",
		body: ".lx-stream-post-body",
		strip: ".lx-stream-post__header",
	},
	{
		name: "lemonde",
		entry: "section.post__live-container",
		headline: ".post__live-container--title, h2",
		body: ".content--live",
	},
	{
		name: "amp-live-list",
		entry: "amp-live-list [items] > [id]",
		skip: "[data-tombstone]",
		headline: HEADINGS,
		publishedAttrs: ["data-sort-time"],
		updatedAttrs: ["data-update-time"],
	},
	{
		// Automattic liveblog plugin (React: article#id_<entryId>; older PHP: #liveblog-entry-<id>).
		name: "wp-liveblog",
		entry: 'article.liveblog-entry[id^="id_"], [id^="liveblog-entry-"]',
		idPrefixes: ["id_", "liveblog-entry-"],
		headline: HEADINGS,
		author: ".liveblog-author-name",
		publishedAttrs: ["data-timestamp", "data-entry-time"],
		strip: ".liveblog-meta",
	},
];

const UNION = SITE_PROFILES.map((p) => p.entry).join(", ");

function isNestedIn(el: DomElement, set: ReadonlySet<DomElement>): boolean {
	for (let p = el.parent; p !== null; p = p.parent) {
		if (set.has(p as DomElement)) return true;
	}
	return false;
}

/** Runs every profile whose entry selector matches; one document scan for all of them. */
export function extractSiteProfiles(root: DomNode, ctx: ExtractContext): ExtractorResult[] {
	const candidates = queryAll(root, UNION);
	if (candidates.length === 0) return [];
	const results: ExtractorResult[] = [];
	for (const profile of SITE_PROFILES) {
		const matched = new Set<DomElement>();
		for (const el of candidates) {
			if (!matches(el, profile.entry)) continue;
			if (profile.skip !== undefined && matches(el, profile.skip)) continue;
			if (profile.exclude !== undefined && closestAncestor(el, profile.exclude)) continue;
			matched.add(el);
		}
		const entries: RawEntry[] = [];
		for (const el of matched) {
			// Keep outermost matches: "[id^=liveblog-entry-]" also names inner parts of an entry.
			if (!isNestedIn(el, matched)) entries.push(readEntry(el, profile, ctx));
		}
		if (entries.length > 0) results.push({ name: profile.name, entries });
	}
	return results;
}
