/**
 * Page → LiveBlog. Parses once (htmlparser2 via cheerio), runs the extractors in priority order
 * (JSON-LD, embedded page data, site profiles, generic heuristic) and merges them by entry id.
 */

import { type CheerioAPI, load } from "cheerio/slim";
import { NotALiveBlogError } from "../errors.js";
import type { LiveBlog } from "../types.js";
import { canonicalizeUrl } from "./canonical-url.js";
import { type ExtractDiagnostics, emptyDiagnostics, type KeyEventNote } from "./diagnostics.js";
import { embeddedPlatform } from "./embed-platforms.js";
import { extractAppState } from "./extractors/app-state.js";
import {
	extractGuardianModel,
	extractPostArrays,
	isGuardianModel,
} from "./extractors/embedded-data.js";
import { extractGeneric } from "./extractors/generic.js";
import { extractJsonLd, extractJsonLdValues } from "./extractors/json-ld.js";
import { extractMicrodata } from "./extractors/microdata.js";
import { localToInstant, type PageZone, pageZoneOf } from "./extractors/page-zone.js";
import { extractSiteProfiles } from "./extractors/site-profiles.js";
import { extractTimeLed } from "./extractors/time-led.js";
import { DepthCappedParser } from "./limit-nesting.js";
import { mergeEntries } from "./merge-entries.js";
import {
	type ExtractContext,
	type ExtractorResult,
	fragmentOf,
	type PageFacts,
} from "./raw-entry.js";
import { mayAdoptUrl } from "./same-site.js";
import { type PageScan, scanDocument } from "./scan.js";
import {
	clampText,
	collapseWhitespace,
	type DomElement,
	type DomNode,
	decodeEntities,
	MAX_BODY_CHARS,
	MAX_HEADLINE_CHARS,
} from "./text.js";
import { TreeBuilder } from "./tree-builder.js";

/** Options of extractEntries; all optional. */
export interface ExtractOptions {
	/** Response Content-Type; "json" selects the JSON path unless the body starts with "<". */
	contentType?: string | undefined;
	/** Reference time for isLive (coverageEndTime in the past ⇒ ended); default Date.now(). */
	now?: Date | number | undefined;
	/** Fill Entry.bodyHtml (off by default: re-serialising every entry costs time). */
	withHtml?: boolean | undefined;
	/** Receives non-fatal problems (invalid JSON-LD script, an extractor that threw). */
	onWarning?: ((message: string) => void) | undefined;
	/** A record to fill with what the extraction did (for `watch --explain`); untouched cost when absent. */
	diagnostics?: ExtractDiagnostics | undefined;
}

function cleanTitle(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const title = collapseWhitespace(decodeEntities(value));
	return title === "" ? undefined : title;
}

// "<headline> | Section | Site" → "<headline>"; only " | " is split, "-" appears in headlines.
function stripSiteSuffix(title: string | undefined): string | undefined {
	if (title === undefined) return undefined;
	const first = title.split(" | ")[0]?.trim();
	return first !== undefined && first.length >= 10 ? first : title;
}

/**
 * The blog's identity: its declared canonical URL when that is on the fetched page's own site
 * (mayAdoptUrl), else the fetched URL. A page on one site naming another site's blog is ignored.
 */
function canonicalOf(candidate: string | undefined, pageUrl: string): string {
	if (candidate !== undefined) {
		try {
			const declared = new URL(candidate.trim(), pageUrl);
			if (mayAdoptUrl(declared, pageUrl)) return canonicalizeUrl(declared.href);
		} catch {
			// A broken rel=canonical is the site's bug; the fetched URL is still a good key.
		}
	}
	try {
		return canonicalizeUrl(pageUrl);
	} catch {
		// extractEntries must only throw NotALiveBlogError; keep the caller's string as the key.
		return pageUrl;
	}
}

/** Bookkeeping of one extraction: which extractors ran, what they found, what went wrong. */
class Run {
	readonly tried: string[] = [];
	readonly results: ExtractorResult[] = [];
	readonly problems: string[] = [];
	constructor(
		private readonly onWarning: ((message: string) => void) | undefined,
		readonly diag: ExtractDiagnostics | undefined,
	) {}

	/** Runs one extractor; a throw is reported and the other extractors still run. */
	step(name: string, fn: () => ExtractorResult | ExtractorResult[] | undefined): void {
		this.tried.push(name);
		try {
			const out = fn();
			const found = Array.isArray(out) ? out : out ? [out] : [];
			for (const r of found) {
				if (r.entries.length > 0) this.results.push(r);
				this.diag?.sources.push({ name: r.name, entries: r.entries.length });
				if (r.entries.length > 0) this.diag?.timeZone.push(...(r.zoneNotes ?? []));
			}
			if (found.length === 0) this.diag?.sources.push({ name, entries: 0 });
		} catch (error) {
			this.warn(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
		}
	}

	warn(message: string): void {
		this.problems.push(message);
		this.diag?.warnings.push(message);
		this.onWarning?.(message);
	}
}

interface Outcome {
	run: Run;
	ctx: ExtractContext;
	page: PageFacts;
	/** Title from markup when no extractor supplied one. */
	fallbackTitle?: string | undefined;
	/** Why nothing was found, for NotALiveBlogError. */
	detail: string;
	/** Ids and anchors a key-events list links to. */
	keyEventKeys?: ReadonlySet<string> | undefined;
	/** The live-blog platform the page embeds by script (asked only when nothing was found). */
	embed?: (() => string | undefined) | undefined;
}

function finish(
	{ run, ctx, page, fallbackTitle, detail, keyEventKeys, embed }: Outcome,
	pageUrl: string,
	options: ExtractOptions,
): LiveBlog {
	const { entries, sources } = mergeEntries(run.results, ctx.pageUrl, run.diag, keyEventKeys);
	if (run.diag !== undefined) {
		run.diag.entries = entries.length;
		run.diag.keyEvents = keyEventNotes(entries, keyEventKeys);
	}
	if (entries.length === 0) {
		const why = [detail, ...run.problems].filter((s) => s !== "").join("; ");
		throw new NotALiveBlogError(pageUrl, run.tried, why, embed?.());
	}
	const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
	const ended = page.coverageEndTime !== undefined && page.coverageEndTime.getTime() < now;
	return {
		title: page.title ?? fallbackTitle ?? ctx.pageUrl,
		url: ctx.pageUrl,
		isLive: page.isLive ?? !ended,
		entries: entries.map(boundEntry),
		sources,
		coverageEndTime: page.coverageEndTime,
	};
}

const KEY_LABEL_CHARS = 60;

/** What `--explain` says of each key event: which entry, and whether the page's list named it. */
function keyEventNotes(
	entries: readonly LiveBlog["entries"][number][],
	listed: ReadonlySet<string> | undefined,
): KeyEventNote[] {
	return entries
		.filter((e) => e.keyEvent === true)
		.map((e) => {
			const anchor = fragmentOf(e.url);
			const inList =
				listed !== undefined && (listed.has(e.id) || (anchor !== undefined && listed.has(anchor)));
			const label = collapseWhitespace(e.headline ?? e.bodyText).slice(0, KEY_LABEL_CHARS);
			return {
				id: e.id,
				at: e.publishedAt?.toISOString(),
				label,
				why: inList
					? "linked from the page's key-events list"
					: "flagged in the entry's own markup or data",
			};
		});
}

// Every extractor's output is cut to sane lengths, whatever mechanism produced it.
function boundEntry(entry: LiveBlog["entries"][number]): LiveBlog["entries"][number] {
	const headline =
		entry.headline === undefined ? undefined : clampText(entry.headline, MAX_HEADLINE_CHARS);
	const bodyText = clampText(entry.bodyText, MAX_BODY_CHARS);
	if (headline === entry.headline && bodyText === entry.bodyText) return entry;
	return { ...entry, headline, bodyText };
}

function extractFromJson(body: string, pageUrl: string, options: ExtractOptions): LiveBlog {
	const run = new Run(options.onWarning, options.diagnostics);
	let data: unknown;
	try {
		data = JSON.parse(body);
	} catch {
		throw new NotALiveBlogError(pageUrl, ["json"], "the body is not valid JSON");
	}
	const model = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
	const declared = [model.canonicalUrl, model.webURL].find((v) => typeof v === "string");
	const ctx: ExtractContext = {
		pageUrl: canonicalOf(declared as string | undefined, pageUrl),
		baseUrl: pageUrl,
	};
	const page: PageFacts = {};
	run.step("json-ld", () => {
		const ld = extractJsonLdValues([model.linkedData ?? data], ctx);
		Object.assign(page, ld.page);
		return { name: "json-ld", entries: ld.entries };
	});
	if (isGuardianModel(data)) {
		run.step("guardian-json", () => {
			const guardian = extractGuardianModel(data, ctx);
			page.title ??= guardian.page.title;
			page.isLive ??= guardian.page.isLive;
			return guardian.result;
		});
	} else {
		run.step("json-posts", () => extractPostArrays(data, "json-posts", ctx));
	}
	const detail = "no LiveBlogPosting or post list in the JSON";
	return finish({ run, ctx, page, detail }, pageUrl, options);
}

function innerHtmlOf($: CheerioAPI, el: DomElement): string {
	try {
		return $(el).html() ?? "";
	} catch {
		// dom-serializer recurses; a pathologically deep entry overflows it. bodyHtml is optional.
		return "";
	}
}

const PARSE_OPTIONS = { xmlMode: false, decodeEntities: true } as const;

/**
 * The page's DOM, parsed once. Nesting is capped while parsing: htmlparser2's stack work grows
 * with the depth of unclosed tags (see limit-nesting.ts).
 */
function parsePage(body: string): DomNode {
	const handler = new TreeBuilder();
	new DepthCappedParser(handler, PARSE_OPTIONS).end(body);
	return handler.root as unknown as DomNode;
}

function extractFromHtml(body: string, pageUrl: string, options: ExtractOptions): LiveBlog {
	const run = new Run(options.onWarning, options.diagnostics);
	const root = parsePage(body);
	// cheerio only serialises entry bodies (withHtml); it adopts the parsed document as is.
	const $ =
		options.withHtml === true
			? load(root as unknown as Parameters<typeof load>[0], { xml: PARSE_OPTIONS })
			: undefined;
	const meta = scanDocument(root);
	const ctx: ExtractContext = {
		pageUrl: canonicalOf(meta.canonical, pageUrl),
		baseUrl: pageUrl,
		innerHtml: $ === undefined ? undefined : (el) => innerHtmlOf($, el),
		localTime: localTimeReader(meta, [pageUrl, meta.canonical], run.diag),
	};
	const page: PageFacts = {};
	run.step("json-ld", () => {
		const ld = extractJsonLd(meta.ldJson, ctx);
		if (ld.invalidScripts > 0)
			run.warn(`${ld.invalidScripts} JSON-LD script(s) were not valid JSON`);
		Object.assign(page, ld.page);
		return { name: "json-ld", entries: ld.entries };
	});
	if (
		meta.microdata.blogs.length + meta.microdata.updates.length + meta.microdata.postings.length >
		0
	) {
		run.step("microdata", () => {
			const md = extractMicrodata(meta.microdata, ctx);
			page.title ??= md.page.title;
			page.coverageEndTime ??= md.page.coverageEndTime;
			return { name: "microdata", entries: md.entries };
		});
	}
	if (meta.nextData !== undefined) {
		const nextData = meta.nextData;
		run.step("next-data", () => extractPostArrays(JSON.parse(nextData), "next-data", ctx));
	}
	const before = run.results.length;
	run.step("site-profiles", () => extractSiteProfiles(meta.candidates, ctx));
	// The heuristic only guesses where no known markup matched; it would add noise otherwise.
	// With structured entries present, the guess counts only where it matches some of them (then it
	// adds the entries they lack: JSON-LD that lists only the newest few); merge-entries decides.
	if (run.results.length === before)
		run.step("generic", () => extractGeneric(root, ctx, meta.entryTimes));
	// Rich-text tickers (runs of "11.04 Uhr: …" blocks) only where nothing structured was found.
	if (run.results.length === 0) {
		run.step("time-led", () => extractTimeLed(root, ctx, { now: options.now }));
	}
	// Pages rendered in the browser: app state, last (it also holds related-article lists).
	if (run.results.length === 0 && meta.stateScripts.length > 0) {
		run.step("app-state", () => extractAppState(meta.stateScripts, ctx));
	}
	const fallbackTitle = cleanTitle(meta.ogTitle) ?? stripSiteSuffix(cleanTitle(meta.title));
	const detail = "no LiveBlogPosting updates, known entry markup or repeated timed blocks";
	const keyEventKeys = meta.keyEventKeys;
	const embed = () => embeddedPlatform(body);
	return finish({ run, ctx, page, fallbackTitle, detail, keyEventKeys, embed }, pageUrl, options);
}

function hostOf(url: string): string | undefined {
	try {
		return new URL(url).hostname;
	} catch {
		// A broken canonical link names no host; the fetched URL still may.
		return undefined;
	}
}

/** Reads zone-less times in the page's zone, found on first use (most pages never need it). */
function localTimeReader(
	meta: PageScan,
	urls: readonly (string | undefined)[],
	diag: ExtractDiagnostics | undefined,
): (value: string) => Date | undefined {
	let zone: PageZone | undefined | null = null;
	return (value) => {
		if (zone === null) {
			const scripts = meta.nextData === undefined ? meta.ldJson : [...meta.ldJson, meta.nextData];
			const hosts = urls.flatMap((u) => (u === undefined ? [] : (hostOf(u) ?? [])));
			zone = pageZoneOf({ lang: meta.lang, metaTimes: meta.metaTimes, scripts, hosts });
			diag?.timeZone.push(
				zone === undefined
					? "times without a zone were ignored: the page names no zone (no zone in its data, no offset on its dates, no single-zone language)"
					: `times without a zone were read in ${zone.zone}, from ${zone.why}`,
			);
		}
		if (zone === undefined) return undefined;
		const [date = "", time = ""] = value.split(/[T ]/);
		return localToInstant(date, time, zone.zone);
	};
}

/** Parses a live-blog page into a LiveBlog; throws NotALiveBlogError when no extractor finds entries. */
export function extractEntries(
	body: string,
	pageUrl: string,
	options: ExtractOptions = {},
): LiveBlog {
	// The body decides first: servers label HTML error pages "application/json" and vice versa.
	const first = /\S/.exec(body.slice(0, 256))?.[0];
	const isJson =
		first === "{" || first === "[" || (first !== "<" && /json/i.test(options.contentType ?? ""));
	return isJson ? extractFromJson(body, pageUrl, options) : extractFromHtml(body, pageUrl, options);
}

/** What `--explain` needs: the blog (or why there is none) and the diagnostics record. */
export interface ExplainedExtraction {
	blog?: LiveBlog | undefined;
	error?: string | undefined;
	diagnostics: ExtractDiagnostics;
}

/** extractEntries with its diagnostics; a page with no entries is reported, not thrown. */
export function extractWithDiagnostics(
	body: string,
	pageUrl: string,
	options: ExtractOptions = {},
): ExplainedExtraction {
	const diagnostics = emptyDiagnostics();
	try {
		return { blog: extractEntries(body, pageUrl, { ...options, diagnostics }), diagnostics };
	} catch (error) {
		if (!(error instanceof NotALiveBlogError)) throw error;
		return { error: error.message, diagnostics };
	}
}
