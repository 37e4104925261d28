/** schema.org LiveBlogPosting JSON-LD: the most portable source of entry ids and absolute times. */

import { rememberedBody } from "../body-memo.js";
import { htmlStringToText } from "../html-text.js";
import {
	type ExtractContext,
	fragmentOf,
	KNOWN_ID_PREFIXES,
	type PageFacts,
	type RawEntry,
} from "../raw-entry.js";
import {
	absoluteUrl,
	cleanBodyText,
	collapseWhitespace,
	decodeEntities,
	normalizeForCompare,
	parseInstant,
} from "../text.js";
import { timeKindOf } from "../time-kind.js";

type Json = Record<string, unknown>;

/** What the JSON-LD on a page says: whether it declared a live blog, its facts and its updates. */
export interface JsonLdResult {
	/** A LiveBlogPosting node was found (even one without updates). */
	hasLiveBlogPosting: boolean;
	page: PageFacts;
	entries: RawEntry[];
	/** Scripts that were not valid JSON (reported, never fatal). */
	invalidScripts: number;
}

function isObject(value: unknown): value is Json {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}

function hasType(node: Json, type: string): boolean {
	for (const t of asArray(node["@type"])) {
		if (typeof t === "string" && (t === type || t.endsWith(`/${type}`) || t.endsWith(`:${type}`))) {
			return true;
		}
	}
	return false;
}

/** Collects LiveBlogPosting nodes at the top level, inside arrays, @graph or mainEntity. */
function findLiveBlogPostings(value: unknown, out: Json[], depth = 0): void {
	if (depth > 6) return;
	if (Array.isArray(value)) {
		for (const item of value) findLiveBlogPostings(item, out, depth + 1);
		return;
	}
	if (!isObject(value)) return;
	if (hasType(value, "LiveBlogPosting")) {
		out.push(value);
		return;
	}
	if (value["@graph"] !== undefined) findLiveBlogPostings(value["@graph"], out, depth + 1);
	if (value.mainEntity !== undefined) findLiveBlogPostings(value.mainEntity, out, depth + 1);
}

function text(value: unknown): string | undefined {
	if (typeof value !== "string") return undefined;
	const clean = collapseWhitespace(decodeEntities(value));
	return clean === "" ? undefined : clean;
}

/** Author names as written (undecoded), joined; cheap enough to compare every item with the page. */
function rawAuthors(value: unknown): string {
	let out = "";
	for (const a of asArray(value)) {
		const name =
			typeof a === "string" ? a : isObject(a) && typeof a.name === "string" ? a.name : "";
		if (name !== "") out += `${name}\u0000`;
	}
	return out;
}

function authorName(value: unknown): string | undefined {
	const names: string[] = [];
	for (const a of asArray(value)) {
		const name = typeof a === "string" ? text(a) : isObject(a) ? text(a.name) : undefined;
		if (name !== undefined && !names.includes(name)) names.push(name);
	}
	return names.length > 0 ? names.join(", ") : undefined;
}

/** Image URLs as written, unresolved (resolving every item's copy of the page image is wasted work). */
function rawImages(value: unknown): string[] {
	const urls: string[] = [];
	for (const img of asArray(value)) {
		const raw =
			typeof img === "string" ? img : isObject(img) ? (img.url ?? img.contentUrl) : undefined;
		if (typeof raw === "string" && raw !== "") urls.push(raw);
	}
	return urls;
}

/** Raw text of an articleBody that may be plain, entity-escaped HTML, or raw HTML. */
function bodyFrom(value: unknown): string | undefined {
	if (typeof value !== "string" || value === "") return undefined;
	if (value.includes("<")) return htmlStringToText(value);
	const decoded = decodeEntities(value);
	// Entity-escaped HTML ("&lt;p&gt;") only shows its tags after decoding.
	return value.includes("&lt;") && /<[a-z/!]/i.test(decoded) ? htmlStringToText(decoded) : decoded;
}

/** Adds a key without its known id prefix ("update-", "post-"…), once. */
function addKey(keys: string[], key: string): void {
	let k = key;
	for (const prefix of KNOWN_ID_PREFIXES) {
		if (k.startsWith(prefix) && k.length > prefix.length) k = k.slice(prefix.length);
	}
	if (!keys.includes(k)) keys.push(k);
}

/** Entry keys from @id and url: a fragment, a bare id, or a URL other than the page's own. */
function keysFor(item: Json, pageUrls: ReadonlySet<string>): { keys: string[]; anchor?: string } {
	const keys: string[] = [];
	let anchor: string | undefined;
	for (const field of [item["@id"], item.url]) {
		if (typeof field !== "string" || field.trim() === "") continue;
		const value = field.trim();
		const fragment = fragmentOf(value);
		if (fragment !== undefined) {
			addKey(keys, fragment);
			anchor ??= fragment;
		} else if (!/^https?:\/\//i.test(value)) {
			addKey(keys, value);
		} else if (!pageUrls.has(value.replace(/\/$/, ""))) {
			// "<page>?update=2839201": the one query value names the entry on this page.
			const param = entryParam(value, pageUrls);
			if (param !== undefined) addKey(keys, param);
			addKey(keys, value);
		}
	}
	return anchor === undefined ? { keys } : { keys, anchor };
}

// An entry id as a query value: letters, digits, "-" and "_", up to 64 characters.
const ID_VALUE = /^[\w-]{1,64}$/;

/** The value of the single query parameter of a URL that is otherwise the page's own, if any. */
function entryParam(value: string, pageUrls: ReadonlySet<string>): string | undefined {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		// Not a URL after all: the whole value stays the key.
		return undefined;
	}
	const params = [...url.searchParams.values()];
	if (params.length !== 1) return undefined;
	const base = `${url.origin}${url.pathname}`.replace(/\/$/, "");
	const only = params[0] as string;
	return pageUrls.has(base) && ID_VALUE.test(only) ? only : undefined;
}

/** Every value of one field is identical across ≥2 items: a page-level copy, not per-entry data. */
function isPageLevelCopy(items: Json[], field: string): boolean {
	if (items.length < 2) return false;
	const first = items[0]?.[field];
	if (first === undefined) return false;
	return items.every((item) => item[field] === first);
}

/** Max nodes indexed by "@id" (a page's JSON-LD graph has tens; a hostile one is bounded). */
const MAX_INDEXED = 5_000;

/** Nodes that carry more than their "@id", by "@id", at the top level, in arrays and "@graph". */
function indexById(values: readonly unknown[]): Map<string, Json> {
	const index = new Map<string, Json>();
	const queue: unknown[] = [...values];
	for (let i = 0; i < queue.length && index.size < MAX_INDEXED && i < MAX_INDEXED * 4; i++) {
		const value = queue[i];
		if (Array.isArray(value)) queue.push(...value);
		else if (isObject(value)) {
			if (typeof value["@id"] === "string" && !isReference(value)) index.set(value["@id"], value);
			if (value["@graph"] !== undefined) queue.push(value["@graph"]);
		}
	}
	return index;
}

/** `{"@id": "…#update-3"}`: a pointer to a node described elsewhere in the graph (Yoast-style). */
function isReference(node: Json): boolean {
	for (const key in node) if (key !== "@id" && key !== "@type") return false;
	return typeof node["@id"] === "string";
}

/**
 * The decoder of an item's body, run only when the merge needs it. Made by a function rather than
 * written inline: a property's inline arrow gets a name-setting wrapper per item in our bundle.
 */
function lazyBody(item: Json, headline: string | undefined): () => string | undefined {
	return () => {
		const source =
			typeof item.articleBody === "string" && item.articleBody !== ""
				? item.articleBody
				: item.text;
		if (typeof source !== "string" || source === "") return undefined;
		return rememberedBody("json-ld", source, headline, () => {
			const raw = bodyFrom(source);
			return raw === undefined ? undefined : cleanBodyText(raw, headline);
		});
	};
}

function entriesOf(
	blog: Json,
	ctx: ExtractContext,
	pageHeadline: string | undefined,
	byId: () => Map<string, Json>,
): RawEntry[] {
	const items = [
		...asArray(blog.liveBlogUpdate),
		...asArray(blog.blogPost),
		...asArray(blog.blogPosts),
	]
		.filter(isObject)
		.map((item) => (isReference(item) ? (byId().get(item["@id"] as string) ?? item) : item));
	const pageUrls = new Set(
		[ctx.pageUrl, ctx.baseUrl, blog.url, blog["@id"]]
			.filter((u): u is string => typeof u === "string")
			.map((u) => u.replace(/#[\s\S]*$/, "").replace(/\/$/, "")),
	);
	const pageHead = pageHeadline === undefined ? undefined : normalizeForCompare(pageHeadline);
	const pageAuthors = rawAuthors(blog.author);
	const pageImages = new Set(rawImages(blog.image));
	// Per-item fields that are page-level copies (Guardian: all items carry the page's dates).
	const copiedPublished = isPageLevelCopy(items, "datePublished");
	const copiedModified = isPageLevelCopy(items, "dateModified");
	const itemImages = items.map((item) => rawImages(item.image)[0]);
	const copiedImage = items.length >= 2 && itemImages.every((img) => img === itemImages[0]);

	const entries: RawEntry[] = [];
	items.forEach((item, index) => {
		const { keys, anchor } = keysFor(item, pageUrls);
		let headline = text(item.headline) ?? text(item.name);
		if (headline !== undefined && normalizeForCompare(headline) === pageHead) headline = undefined;
		const publishedAt = copiedPublished ? undefined : parseInstant(item.datePublished);
		const updatedAt = copiedModified ? undefined : parseInstant(item.dateModified);
		const author = rawAuthors(item.author) === pageAuthors ? undefined : authorName(item.author);
		const image = copiedImage ? undefined : itemImages[index];
		const imageUrl =
			image === undefined || pageImages.has(image) ? undefined : absoluteUrl(image, ctx.baseUrl);
		const ownPage = typeof item.url === "string" && keys.includes(item.url.trim());
		// With an anchor the link is built on the canonical URL; only an update with its own
		// page (no fragment, e.g. "?update=123") needs its URL kept (resolved only then).
		const url =
			anchor === undefined && ownPage ? absoluteUrl(item.url as string, ctx.baseUrl) : undefined;
		if (keys.length === 0 && headline === undefined && publishedAt === undefined) return;
		entries.push({
			keys,
			anchor,
			url,
			publishedAt,
			publishedKind: publishedAt === undefined ? undefined : timeKindOf(item.datePublished),
			updatedAt,
			headline,
			lazyBodyText: lazyBody(item, headline),
			author,
			imageUrl,
		});
	});
	return entries;
}

/** Reads LiveBlogPosting nodes from already-parsed JSON-LD values (page scripts or a JSON model). */
export function extractJsonLdValues(values: unknown[], ctx: ExtractContext): JsonLdResult {
	const blogs: Json[] = [];
	for (const value of values) findLiveBlogPostings(value, blogs);
	const page: PageFacts = {};
	const entries: RawEntry[] = [];
	// Built on first use: most pages nest their updates and never refer to them by "@id".
	let index: Map<string, Json> | undefined;
	const byId = () => {
		index ??= indexById(values);
		return index;
	};
	for (const blog of blogs) {
		page.title ??= text(blog.headline) ?? text(blog.name);
		page.coverageEndTime ??= parseInstant(blog.coverageEndTime);
		entries.push(...entriesOf(blog, ctx, text(blog.headline) ?? text(blog.name), byId));
	}
	return { hasLiveBlogPosting: blogs.length > 0, page, entries, invalidScripts: 0 };
}

/** Parses each `application/ld+json` script on its own, so one broken script spoils nothing else. */
export function extractJsonLd(scripts: readonly string[], ctx: ExtractContext): JsonLdResult {
	const values: unknown[] = [];
	let invalidScripts = 0;
	for (const script of scripts) {
		// Cheap pre-filter: JSON.parse of an 800 kB Organization/WebSite script is wasted work.
		if (!script.includes("LiveBlogPosting")) continue;
		try {
			values.push(JSON.parse(stripJsonNoise(script)));
		} catch {
			// Invalid JSON in one script is common (CMS templating); counted and reported by the caller.
			invalidScripts++;
		}
	}
	return { ...extractJsonLdValues(values, ctx), invalidScripts };
}

/** Removes what CMSs wrap around JSON-LD: CDATA/comment markers and trailing semicolons. */
function stripJsonNoise(script: string): string {
	let s = script.trim();
	// Plain prefix/suffix checks: regexes anchored at "$" rescan an 800 kB script many times.
	if (s.startsWith("<!--")) s = s.slice(4).trim();
	if (s.endsWith("-->")) s = s.slice(0, -3).trim();
	if (s.startsWith("//")) s = s.slice(2).trim();
	if (s.startsWith("<![CDATA[")) s = s.slice(9).trim();
	if (s.endsWith("]]>")) s = s.slice(0, -3).trim();
	if (s.endsWith("//")) s = s.slice(0, -2).trim();
	return s.endsWith(";") ? s.slice(0, -1) : s;
}
