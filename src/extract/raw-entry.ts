/** The intermediate shape every extractor produces; extract-entries.ts merges these into Entry. */

import type { DomElement } from "./text.js";

/** What one extractor knows about one entry, before entries from all sources are joined by id. */
export interface RawEntry {
	/** Native identifiers, preferred first, with known site prefixes ("block-") already stripped. */
	keys: string[];
	/** DOM id or URL fragment that links to the entry on the page. */
	anchor?: string | undefined;
	/** Absolute link to the entry when the source knows a better one than page URL + #anchor. */
	url?: string | undefined;
	publishedAt?: Date | undefined;
	/** How publishedAt was written (an explicit offset beats a "Z" that may be mislabelled local time). */
	publishedKind?: TimeKind | undefined;
	/** publishedAt is the time the page shows or sorts by (a scheduled post's), not a creation time. */
	publishedShown?: boolean | undefined;
	updatedAt?: Date | undefined;
	headline?: string | undefined;
	bodyText?: string | undefined;
	/** Computed only if no other source has a body (JSON-LD bodies are mostly superseded by markup). */
	lazyBodyText?: (() => string | undefined) | undefined;
	bodyHtml?: string | undefined;
	author?: string | undefined;
	pinned?: boolean | undefined;
	/** The source flags this entry a key event (merged: any source's flag counts). */
	keyEvent?: boolean | undefined;
	imageUrl?: string | undefined;
}

/**
 * How a time was written: an epoch number, an ISO time with a non-zero offset, one marked "Z" or
 * "+00:00" (sometimes local time mislabelled), or a wall-clock time read in a zone inferred from the page.
 */
export type TimeKind = "epoch" | "offset" | "utc" | "local";

/** Entries one extractor found, under the name reported in LiveBlog.sources. */
export interface ExtractorResult {
	name: string;
	entries: RawEntry[];
	/** A heuristic guess: its entries count only if some of them match another source's entries. */
	guess?: boolean | undefined;
	/** Time-zone rules the source applied, in words (for `--explain`). */
	zoneNotes?: string[] | undefined;
}

/** Page facts extractors need. */
export interface ExtractContext {
	/** Canonical blog URL (entry links are built on it). */
	pageUrl: string;
	/** URL relative links resolve against (the fetched URL). */
	baseUrl: string;
	/** Serialises an entry body for bodyHtml; absent unless asked for (costs time on big pages). */
	innerHtml?: ((el: DomElement) => string) | undefined;
	/** Reads a zone-less "YYYY-MM-DDTHH:MM[:SS]" in the page's time zone (see page-zone.ts), if known. */
	localTime?: ((value: string) => Date | undefined) | undefined;
}

/** Page-level facts an extractor learned (title, liveness) besides entries. */
export interface PageFacts {
	title?: string | undefined;
	coverageEndTime?: Date | undefined;
	/** An explicit liveness flag from the page data (Guardian model), overriding coverageEndTime. */
	isLive?: boolean | undefined;
	canonicalUrl?: string | undefined;
}

/**
 * Prefixes platforms put before a native entry id (Guardian "block-", the WordPress Liveblog
 * plugin's "liveblog-entry-"); stripped wherever ids are read, so a JSON-LD url fragment and the
 * entry element name one entry by one id.
 */
export const KNOWN_ID_PREFIXES: readonly string[] = ["block-", "liveblog-entry-"];

/** Text after the last "#" of a URL or id, or undefined when there is none. */
export function fragmentOf(value: string): string | undefined {
	const hash = value.lastIndexOf("#");
	if (hash < 0) return undefined;
	const fragment = value.slice(hash + 1);
	if (fragment === "") return undefined;
	try {
		return decodeURIComponent(fragment);
	} catch {
		// A malformed %-escape in a fragment is still a usable (raw) anchor.
		return fragment;
	}
}

/** Keys for a DOM id: the raw id, then the id without a known site prefix (if it had one). */
export function keysForDomId(id: string, knownPrefixes: readonly string[]): string[] {
	for (const prefix of knownPrefixes) {
		if (id.startsWith(prefix) && id.length > prefix.length) return [id.slice(prefix.length), id];
	}
	return [id];
}
