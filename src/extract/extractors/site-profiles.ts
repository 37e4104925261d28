/** Known live-blog markups: one table row per platform, read with the shared entry reader. */

import { matches } from "../query.js";
import type { ExtractContext, ExtractorResult, RawEntry } from "../raw-entry.js";
import type { DomElement } from "../text.js";
import { type EntryRules, readEntry } from "./dom-entry.js";

/** One platform's entry markup: which elements are entries and how to read them. */
export interface SiteProfile extends EntryRules {
	/** Reported in LiveBlog.sources. */
	name: string;
	/** Selects the entry containers. */
	entry: string;
	/** Cheap necessary condition checked on every element before the selector (one-pass scan). */
	hint: ProfileHint;
	/** Matching entries that are not entries (AMP tombstones). */
	skip?: string;
}

/** What every entry element of a profile must have; lets the page scan skip the selector. */
export interface ProfileHint {
	/** The id starts with one of these. */
	idPrefix?: readonly string[];
	/** The class attribute contains this text (or one of these). */
	classPart?: string | readonly string[];
	/** This attribute has this value. */
	attr?: readonly [name: string, value: string];
	/** The parent element has this attribute (and the element an id). */
	parentAttr?: string;
}

/** Guardian entry link: `?page=with:block-<id>` finds the block even after it leaves page 1. */
export function guardianBlockUrl(pageUrl: string, id: string): string {
	const base = pageUrl.replace(/#[\s\S]*$/, "");
	return `${base}${base.includes("?") ? "&" : "?"}page=with:block-${id}#block-${id}`;
}

const HEADINGS = "h1, h2, h3, h4";

/** The profiles, most specific first. Sources: shared/guides/liveblog-formats.md §1. */
export const SITE_PROFILES: readonly SiteProfile[] = [
	{
		// dotcom-rendering LiveBlockContainer; the pinned copy in #pinned-post has no id, so no match.
		name: "guardian",
		entry: 'article[id^="block-"]',
		hint: { idPrefix: ["block-"] },
		idPrefixes: ["block-"],
		headline: "header h2",
		// The footer holds "Updated at 19.38 GMT", not reporting.
		strip: "header, footer",
		pinned: 'a[href$="#pinned-post"]',
		entryUrl: guardianBlockUrl,
	},
	{
		// No time in the post HTML (2020): times come from JSON-LD, joined by the anchor slug.
		name: "nyt",
		entry: '[data-test-id="live-blog-post"]',
		hint: { attr: ["data-test-id", "live-blog-post"] },
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
		hint: { classPart: "live-event-entry" },
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
		hint: { classPart: "live-events__entry" },
		headline: ".live-events__entry-head",
		author: ".live-events__entry-author",
		publishedAttrs: ["data-sort-time"],
		updatedAttrs: ["data-update-time"],
		strip: ".live-events__entry-info",
	},
	{
		name: "bbc",
		entry: 'article[data-testid="content-post"]',
		hint: { attr: ["data-testid", "content-post"] },
		keyAttrs: ["data-post-id"],
		headline: "h2, h3",
		strip: '[data-testid="timestamp"]',
	},
	{
		name: "bbc-lx",
		entry: ".lx-stream-post",
		hint: { classPart: "lx-stream-post" },
		headline: ".lx-stream-post__header-text, h3",
		body: ".lx-stream-post-body",
		strip: ".lx-stream-post__header",
	},
	{
		name: "lemonde",
		entry: "section.post__live-container",
		hint: { classPart: "post__live-container" },
		headline: ".post__live-container--title, h2",
		body: ".content--live",
	},
	{
		name: "amp-live-list",
		entry: "amp-live-list [items] > [id]",
		hint: { parentAttr: "items" },
		// Tombstones are deleted posts; platform entries (rows below) are read by their own rules.
		skip: "[data-tombstone], .liveblog-entry, .lb-post",
		headline: HEADINGS,
		publishedAttrs: ["data-sort-time"],
		updatedAttrs: ["data-update-time"],
	},
	{
		// Sourcefabric Live Blog 3 themes (SEO-rendered embeds): article.lb-post with the post's URN
		// in data-post-id; the time sits on .lb-post-date (ISO in data-js-timestamp), AMP themes add
		// data-sort-time. Top-sticky posts render as .lb-sticky-top-post; "new updates" and "no posts"
		// placeholders are .lb-post too but carry no data-post-id. "Highlight" is the editors' key-event flag.
		name: "sourcefabric",
		entry:
			"article.lb-post[data-post-id], article.lb-post[data-sort-time], article.lb-sticky-top-post[data-post-id]",
		hint: { classPart: ["lb-post", "lb-sticky-top-post"] },
		keyAttrs: ["data-post-id"],
		headline: HEADINGS,
		author: ".lb-author__name",
		publishedAttrs: ["data-sort-time"],
		publishedIn: { selector: ".lb-post-date", attr: "data-js-timestamp" },
		updatedIn: { selector: ".lb-post-updated-time", attr: "data-js-timestamp" },
		body: ".items-container",
		strip: ".lb-post-header, .lb-post-date, .lb-post-bottom, figcaption",
		pinned: '[data-post-sticky="True" i], .lb-sticky-top-post',
		keyEvent: ".lb-post--highlighted",
	},
	{
		// Automattic liveblog plugin, AMP template: div.liveblog-entry#post<update time> in an
		// amp-live-list; the id moves on every edit, data-sort-time (the entry time) does not.
		name: "wp-liveblog-amp",
		entry: "amp-live-list [items] > .liveblog-entry[data-sort-time]",
		hint: { parentAttr: "items" },
		movingDomId: true,
		keyAttrs: ["data-sort-time"],
		headline: HEADINGS,
		author: ".liveblog-meta-author-name",
		publishedAttrs: ["data-sort-time"],
		body: ".liveblog-entry-content",
		strip: "amp-social-share",
	},
	{
		// Automattic liveblog plugin (React: article#id_<entryId>; older PHP: #liveblog-entry-<id>).
		name: "wp-liveblog",
		entry: 'article.liveblog-entry[id^="id_"], [id^="liveblog-entry-"]',
		hint: { idPrefix: ["id_", "liveblog-entry-"] },
		idPrefixes: ["id_", "liveblog-entry-"],
		headline: HEADINGS,
		// .liveblog-author-name: PHP and React templates; .liveblog-card-author: the card template.
		author: ".liveblog-author-name, .liveblog-card-author",
		publishedAttrs: ["data-timestamp", "data-entry-time"],
		// Themes that restyle the entry put the epoch on the time link inside it (.liveblog-date).
		publishedIn: { selector: "[data-timestamp]", attr: "data-timestamp" },
		// Card template: the header holds author, "17 mins ago" and a "Breakout" badge; the footer a
		// "Read more" link to the breakout article.
		strip: ".liveblog-meta, .liveblog-card-header, .liveblog-card-footer, .liveblog-date, .byline",
	},
];

function isNestedIn(el: DomElement, set: ReadonlySet<DomElement>): boolean {
	for (let p = el.parent; p !== null; p = p.parent) {
		if (set.has(p as DomElement)) return true;
	}
	return false;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function hintMatches(hint: ProfileHint, el: DomElement): boolean {
	const a = el.attribs;
	if (hint.idPrefix !== undefined && !hint.idPrefix.some((p) => a.id?.startsWith(p))) return false;
	if (hint.classPart !== undefined) {
		const parts = typeof hint.classPart === "string" ? [hint.classPart] : hint.classPart;
		if (!parts.some((part) => a.class?.includes(part) === true)) return false;
	}
	if (hint.attr !== undefined && a[hint.attr[0]] !== hint.attr[1]) return false;
	if (hint.parentAttr !== undefined) {
		const parent = el.parent as DomElement | null;
		if (a.id === undefined || parent?.attribs?.[hint.parentAttr] === undefined) return false;
	}
	return true;
}

// All hints folded into a few tests, so the scan rejects ordinary elements in a few property reads.
const ID_PREFIXES = new RegExp(
	`^(?:${SITE_PROFILES.flatMap((p) => p.hint.idPrefix ?? [])
		.map(escapeRegExp)
		.join("|")})`,
);
/** Some profile's hint.classPart, anywhere in a class attribute. */
export const CLASS_PARTS = new RegExp(
	SITE_PROFILES.flatMap((p) =>
		p.hint.classPart === undefined
			? []
			: (typeof p.hint.classPart === "string" ? [p.hint.classPart] : p.hint.classPart).map(
					escapeRegExp,
				),
	).join("|"),
);
const PARENT_ATTRS = SITE_PROFILES.flatMap((p) => (p.hint.parentAttr ? [p.hint.parentAttr] : []));

/**
 * True for an attribute whose mere presence may make an element a profile's entry. Spelled out,
 * not looked up in the table: the page scan asks it of attribute names in its one pass over them
 * (a unit test keeps it in step with the hints).
 */
export function isHintAttr(name: string): boolean {
	return name === "data-test-id" || name === "data-testid";
}

/**
 * Whether an element may be a profile's entry, from what the scan read of it: its class, its id,
 * and whether it carries a hint attribute (isHintAttr).
 */
export function mightBeEntry(
	el: DomElement,
	cls: string | undefined,
	id: string | undefined,
	hinted: boolean,
): boolean {
	if (hinted || (cls !== undefined && CLASS_PARTS.test(cls))) return true;
	if (id === undefined) return false;
	if (ID_PREFIXES.test(id)) return true;
	const parentAttrs = (el.parent as DomElement | null)?.attribs;
	if (parentAttrs !== undefined) {
		for (const name of PARENT_ATTRS) if (parentAttrs[name] !== undefined) return true;
	}
	return false;
}

/** The profiles an element is an entry container of; asked where mightBeEntry said it may be one. */
export function profilesOf(el: DomElement): SiteProfile[] {
	const found: SiteProfile[] = [];
	for (const profile of SITE_PROFILES) {
		if (hintMatches(profile.hint, el) && matches(el, profile.entry)) found.push(profile);
	}
	return found;
}

/** Reads the entries of every profile that had candidates in the page scan. */
export function extractSiteProfiles(
	candidates: ReadonlyMap<SiteProfile, DomElement[]>,
	ctx: ExtractContext,
): ExtractorResult[] {
	const results: ExtractorResult[] = [];
	for (const profile of SITE_PROFILES) {
		const elements = candidates.get(profile);
		if (elements === undefined) continue;
		const matched = new Set<DomElement>();
		for (const el of elements) {
			if (profile.skip !== undefined && matches(el, profile.skip)) continue;
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
