/**
 * Entries from page data rather than markup: the Guardian frontend JSON model (`blocks[]`) and,
 * generically, arrays of post-like objects in `__NEXT_DATA__` or any JSON body.
 */

import { rememberedBody } from "../body-memo.js";
import { htmlStringToText } from "../html-text.js";
import {
	type ExtractContext,
	type ExtractorResult,
	KNOWN_ID_PREFIXES,
	keysForDomId,
	type PageFacts,
	type RawEntry,
} from "../raw-entry.js";
import {
	absoluteUrl,
	cleanBodyText,
	collapseWhitespace,
	decodeEntities,
	parseInstant,
} from "../text.js";
import { readTime, SHOWN_TIME_NAME, type TimedValue } from "../time-kind.js";
import { guardianBlockUrl } from "./site-profiles.js";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
	if (typeof value !== "string") return undefined;
	const clean = collapseWhitespace(decodeEntities(value));
	return clean === "" ? undefined : clean;
}

// Third-party embeds carry someone else's text (tweets, videos); they are not the entry body.
const EMBED_ELEMENT = /Tweet|Instagram|Youtube|Video|Audio|Embed|Interactive|RichLink|Witness|Atom/;

function guardianImage(element: Json): string | undefined {
	for (const source of Array.isArray(element.imageSources) ? element.imageSources : []) {
		if (!isObject(source) || source.weighting !== "inline" || !Array.isArray(source.srcSet))
			continue;
		const first = source.srcSet.find(isObject);
		if (first !== undefined && typeof first.src === "string") return first.src;
	}
	const media = isObject(element.media) ? element.media.allImages : undefined;
	const images = Array.isArray(media) ? media.filter(isObject) : [];
	const master =
		images.find((i) => isObject(i.fields) && i.fields.isMaster === "true") ?? images[0];
	return typeof master?.url === "string" ? master.url : undefined;
}

function guardianEntry(
	block: Json,
	ctx: ExtractContext,
	pinnedId: string | undefined,
	keyIds: ReadonlySet<string>,
): RawEntry | undefined {
	const rawId = str(block.id);
	if (rawId === undefined) return undefined;
	const keys = keysForDomId(rawId, KNOWN_ID_PREFIXES);
	const id = keys[0] as string;
	const htmls: string[] = [];
	let imageUrl: string | undefined;
	for (const element of Array.isArray(block.elements) ? block.elements : []) {
		if (!isObject(element)) continue;
		const type = typeof element._type === "string" ? element._type : "";
		if (type.endsWith("ImageBlockElement")) imageUrl ??= guardianImage(element);
		else if (!EMBED_ELEMENT.test(type) && typeof element.html === "string") {
			htmls.push(element.html);
		}
	}
	const headline = str(block.title);
	// Blocks repeat on every poll: their text is decoded again only when their HTML changes.
	const bodyText =
		rememberedBody("guardian", htmls.join("\u0000"), headline, () =>
			cleanBodyText(htmls.map(htmlStringToText).join("\n"), headline),
		) ?? "";
	const attributes = isObject(block.attributes) ? block.attributes : {};
	const contributors = Array.isArray(block.contributors) ? block.contributors : [];
	const names = contributors.map((c) => (isObject(c) ? str(c.name) : undefined)).filter(Boolean);
	return {
		keys,
		anchor: `block-${id}`,
		url: guardianBlockUrl(ctx.pageUrl, id),
		publishedAt: parseInstant(block.blockFirstPublished) ?? parseInstant(block.blockCreatedOn),
		updatedAt: parseInstant(block.blockLastUpdated),
		headline,
		bodyText,
		author: names.length > 0 ? names.join(", ") : undefined,
		pinned: attributes.pinned === true || id === pinnedId ? true : undefined,
		// The model's keyEvents list is what the key-events carousel shows (summaries included).
		keyEvent: attributes.keyEvent === true || keyIds.has(id) ? true : undefined,
		imageUrl: imageUrl === undefined ? undefined : absoluteUrl(imageUrl, ctx.baseUrl),
	};
}

/** True for a Guardian frontend model: a `blocks` array of objects with `id` and `elements`. */
export function isGuardianModel(value: unknown): value is Json {
	if (!isObject(value) || !Array.isArray(value.blocks)) return false;
	const first = value.blocks.find(isObject);
	return first !== undefined && typeof first.id === "string" && Array.isArray(first.elements);
}

/** Entries and page facts of a Guardian frontend JSON model (`<page>.json?dcr=true`). */
export function extractGuardianModel(
	model: Json,
	ctx: ExtractContext,
): { result: ExtractorResult; page: PageFacts } {
	const pinned = isObject(model.pinnedPost) ? model.pinnedPost : undefined;
	const pinnedId = pinned === undefined ? undefined : str(pinned.id)?.replace(/^block-/, "");
	const blocks = (model.blocks as unknown[]).filter(isObject);
	// The pinned post is a real block; add it only when it is not on this page already.
	if (pinned !== undefined && !blocks.some((b) => str(b.id) === pinnedId)) blocks.unshift(pinned);
	const keyIds = new Set<string>();
	for (const event of Array.isArray(model.keyEvents) ? model.keyEvents : []) {
		const id = isObject(event) ? str(event.id) : undefined;
		if (id !== undefined) keyIds.add(keysForDomId(id, KNOWN_ID_PREFIXES)[0] as string);
	}
	const entries: RawEntry[] = [];
	for (const block of blocks) {
		const entry = guardianEntry(block, ctx, pinnedId, keyIds);
		if (entry !== undefined) entries.push(entry);
	}
	const config = isObject(model.config) ? model.config : {};
	const live = [config.isLive, model.isLive, model.liveBloggingNow].find(
		(v) => typeof v === "boolean",
	);
	return {
		result: { name: "guardian-json", entries },
		page: {
			title: str(model.headline) ?? str(model.webTitle),
			canonicalUrl: str(model.canonicalUrl) ?? str(model.webURL),
			isLive: live as boolean | undefined,
		},
	};
}

// Field names under which app state keeps a post's id, times, headline, body, image and link.
const ID_KEYS = ["id", "_id", "uuid", "urn", "postId", "entryId", "key"];
// Shown/sort times first and creation times last: a scheduled post is published when readers see it.
// Arc XP's ANS (display_date, first_publish_date, headlines.basic, content_elements) is the
// content format of many newsrooms' app state.
const PUBLISHED_KEYS = [
	"displayDate",
	"display_date",
	"displayTime",
	"displayedAt",
	"sortDate",
	"sortTime",
	"datePublished",
	"firstPublished",
	"firstPublishedAt",
	"first_publish_date",
	"publish_date",
	"publishedAt",
	"published_at",
	"publishDate",
	"published",
	"entry_time",
	"date",
	"time",
	"timestamp",
	"dateAdded",
	"createdAt",
	"created_at",
];
const UPDATED_KEYS = [
	"dateModified",
	"lastPublished",
	"lastUpdated",
	"last_updated_date",
	"updatedAt",
	"updated_at",
	"modified",
];
const HEADLINE_KEYS = ["headline", "title"];
const BODY_KEYS = [
	"articleBody",
	"body",
	"content",
	"text",
	"html",
	"summary",
	"description",
	"blocks",
	"content_elements",
];
const TEXT_LEAF_KEYS = new Set(["text", "html", "value", "content", "body"]);
const MAX_NODES = 20_000;

function firstTime(obj: Json, keys: readonly string[]): (TimedValue & { key: string }) | undefined {
	const nested = isObject(obj.dates) ? obj.dates : undefined;
	for (const key of keys) {
		const at = readTime(obj[key]) ?? (nested ? readTime(nested[key]) : undefined);
		if (at !== undefined) return { ...at, key };
	}
	return undefined;
}

function firstInstant(obj: Json, keys: readonly string[]): Date | undefined {
	return firstTime(obj, keys)?.at;
}

/** Text leaves of a nested structure (Optimo-style blocks), bounded so hostile data cannot spin. */
function collectText(value: unknown, out: string[], budget = { n: 2000 }): void {
	if (budget.n-- <= 0) return;
	if (typeof value === "string") {
		out.push(htmlStringToText(value));
		return;
	}
	if (Array.isArray(value)) {
		for (const v of value) collectText(v, out, budget);
		return;
	}
	if (!isObject(value)) return;
	for (const [key, v] of Object.entries(value)) {
		if (typeof v === "string" ? TEXT_LEAF_KEYS.has(key) : typeof v === "object")
			collectText(v, out, budget);
	}
}

function textOf(obj: Json, keys: readonly string[]): string | undefined {
	for (const key of keys) {
		const value = obj[key];
		if (value === undefined || value === null) continue;
		const parts: string[] = [];
		collectText(value, parts);
		const text = cleanBodyText(parts.join("\n"));
		if (text !== "") return text;
	}
	return undefined;
}

function postId(obj: Json): string | undefined {
	for (const key of ID_KEYS) {
		const v = obj[key];
		if (typeof v === "string" && v.trim() !== "") return v.trim();
		if (typeof v === "number" && Number.isFinite(v)) return String(v);
	}
	return undefined;
}

function isPostLike(obj: Json): boolean {
	if (postId(obj) === undefined || firstInstant(obj, PUBLISHED_KEYS) === undefined) return false;
	return (
		HEADLINE_KEYS.some((k) => obj[k] !== undefined) ||
		BODY_KEYS.some((k) => obj[k] !== undefined) ||
		isObject(obj.headlines)
	);
}

/** The array holding the most post-like objects (≥2, and most of its items), found breadth-first. */
function findPostArray(root: unknown): Json[] {
	let best: Json[] = [];
	const queue: unknown[] = [root];
	// Index walk, not shift(): the queue of a big app state holds tens of thousands of nodes.
	for (let i = 0; i < queue.length && i < MAX_NODES; i++) {
		const value = queue[i];
		if (Array.isArray(value)) {
			const posts = value.filter((v): v is Json => isObject(v) && isPostLike(v));
			if (posts.length >= 2 && posts.length * 2 >= value.length && posts.length > best.length) {
				best = posts;
			}
			for (const v of value) if (typeof v === "object" && v !== null) queue.push(v);
		} else if (isObject(value)) {
			for (const v of Object.values(value)) if (typeof v === "object" && v !== null) queue.push(v);
		}
	}
	return best;
}

function postEntry(post: Json, ctx: ExtractContext): RawEntry {
	const id = postId(post) as string;
	let headline: string | undefined;
	for (const key of HEADLINE_KEYS) {
		const v = post[key];
		headline = typeof v === "string" ? str(v) : v !== undefined ? textOf(post, [key]) : undefined;
		if (headline !== undefined) break;
	}
	headline ??= isObject(post.header) ? textOf(post, ["header"])?.split("\n")[0] : undefined;
	headline ??= isObject(post.headlines) ? str(post.headlines.basic) : undefined;
	const body = textOf(post, BODY_KEYS);
	const image = [post.image, post.imageUrl, post.thumbnail]
		.map((v) => (typeof v === "string" ? v : isObject(v) ? (v.url ?? v.src) : undefined))
		.find((v): v is string => typeof v === "string");
	const link = [post.url, post.permalink, post.shareUrl].find(
		(v): v is string => typeof v === "string",
	);
	const url = link === undefined ? undefined : absoluteUrl(link, ctx.baseUrl);
	const published = firstTime(post, PUBLISHED_KEYS);
	return {
		keys: keysForDomId(id, KNOWN_ID_PREFIXES),
		url: url !== undefined && url.replace(/#[\s\S]*$/, "") !== ctx.pageUrl ? url : undefined,
		anchor: url?.includes("#") ? url.slice(url.indexOf("#") + 1) : undefined,
		publishedAt: published?.at,
		publishedKind: published?.kind,
		publishedShown:
			published !== undefined && SHOWN_TIME_NAME.test(published.key) ? true : undefined,
		updatedAt: firstInstant(post, UPDATED_KEYS),
		headline,
		bodyText: body === undefined ? "" : cleanBodyText(body, headline),
		imageUrl: absoluteUrl(image, ctx.baseUrl),
	};
}

/** Entries from the largest array of post-like objects in app state (`__NEXT_DATA__`, JSON APIs). */
export function extractPostArrays(
	data: unknown,
	name: string,
	ctx: ExtractContext,
): ExtractorResult | undefined {
	const posts = findPostArray(data);
	if (posts.length === 0) return undefined;
	return { name, entries: posts.map((p) => postEntry(p, ctx)) };
}
