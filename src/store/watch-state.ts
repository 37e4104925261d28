/** Per-blog state: the blog record, its bounded seen set, and its newest entries. */

import * as z from "zod/mini";
import type { Entry, SeenSet } from "../types.js";
import { KEYS } from "./keys.js";
import type { Store } from "./open-store.js";
import { dateCodec, type Same, type Stored, versionedValue } from "./stored-value.js";

/** What the store keeps about one watched blog. Times are ms since epoch. */
export interface BlogRecord {
	key: string;
	/** Canonical URL: the blog's identity. */
	url: string;
	title: string;
	/** Other URLs (as pasted, after redirects) that name this blog, canonicalized. */
	aliases: string[];
	etag?: string | undefined;
	lastModified?: string | undefined;
	/** sha1 of the last body parsed (identical bytes are not parsed again). */
	bodyHash?: string | undefined;
	/** schema.org coverageEndTime of the blog, ms. */
	coverageEndTime?: number | undefined;
	createdAt: number;
	lastPollAt?: number | undefined;
	lastSuccessAt?: number | undefined;
	/** Last time a poll found a new entry. */
	lastNewEntryAt?: number | undefined;
	/** Publication time of the newest entry. */
	lastEntryAt?: number | undefined;
	failures: number;
	failingSince?: number | undefined;
	lastError?: string | undefined;
	/** Earliest time of the next poll (backoff, Retry-After, slow polling of ended or slow blogs). */
	nextPollAt?: number | undefined;
	/** Until when the site asked not to be polled (Retry-After longer than our backoff). */
	retryAfterUntil?: number | undefined;
	/** Consecutive polls that took over half the fetch timeout (a consistently slow blog is polled less). */
	slowPolls?: number | undefined;
	status: "ok" | "unreachable" | "ended";
	/** When the blog was first seen ended (coverageEndTime passed). */
	endedAt?: number | undefined;
	/** Subscribers were told about the current outage. */
	outageNotified?: boolean | undefined;
	isLive: boolean;
}

/** An entry as kept for /latest (dates as ms so they survive JSON; the HTML body is not kept). */
export type StoredEntry = Stored<Omit<Entry, "bodyHtml">>;

/** How many entries /latest can show. */
export const RECENT_LIMIT = 10;
const STORED_BODY_LIMIT = 4000;

const entryCodec = dateCodec<Omit<Entry, "bodyHtml">>(["publishedAt", "updatedAt"]);

const storedEntrySchema = z.object({
	id: z.string(),
	url: z.string(),
	headline: z.optional(z.string()),
	bodyText: z.string(),
	publishedAt: z.optional(z.number()),
	updatedAt: z.optional(z.number()),
	author: z.optional(z.string()),
	imageUrl: z.optional(z.string()),
	pinned: z.optional(z.boolean()),
	keyEvent: z.optional(z.boolean()),
});
// A field added to Entry without its check fails to compile here.
const schemaMatchesType: Same<z.infer<typeof storedEntrySchema>, StoredEntry> = true;
void schemaMatchesType;

/** A blog's recent entries as stored: `{ v: 1, entries }`; before versions, the bare array. */
export const recentValue = versionedValue<{ entries: StoredEntry[] }>({
	kind: "recent entries",
	// No transform on the current version: a zod pipe costs more than the check itself.
	current: z.object({ entries: z.array(storedEntrySchema) }),
	legacy: z.pipe(
		z.array(storedEntrySchema),
		z.transform((entries: StoredEntry[]) => ({ entries })),
	),
});

/** Converts an extracted entry to its stored form. */
export function toStoredEntry(entry: Entry): StoredEntry {
	const { bodyHtml: _html, ...kept } = entry;
	return entryCodec.encode({ ...kept, bodyText: kept.bodyText.slice(0, STORED_BODY_LIMIT) });
}

/** Converts a stored entry back to an Entry. */
export function fromStoredEntry(stored: StoredEntry): Entry {
	return entryCodec.decode(stored);
}

/** Typed access to blog records, seen sets and recent entries. */
export class WatchStateRepo {
	constructor(private readonly store: Store) {}

	/** The blog record, or undefined when the blog is not watched. */
	getBlog(blogKey: string): Promise<BlogRecord | undefined> {
		return this.store.get<BlogRecord>(KEYS.blog(blogKey));
	}

	/** Several blog records at once (missing ones are undefined). */
	getBlogs(blogKeys: string[]): Promise<(BlogRecord | undefined)[]> {
		return this.store.getMany<BlogRecord>(blogKeys.map((k) => KEYS.blog(k)));
	}

	/** Writes a blog record and makes sure it is in the index. */
	async putBlog(record: BlogRecord): Promise<void> {
		await this.store.set(KEYS.blog(record.key), record);
		await this.store.update<string[]>(KEYS.blogIndex(), (keys = []) =>
			keys.includes(record.key) ? keys : [...keys, record.key],
		);
	}

	/** Changes a blog record under its lock; a no-op when the blog is gone. */
	updateBlog(
		blogKey: string,
		fn: (record: BlogRecord) => BlogRecord,
	): Promise<BlogRecord | undefined> {
		return this.store.update<BlogRecord>(KEYS.blog(blogKey), (current) =>
			current ? fn(current) : undefined,
		);
	}

	/** Forgets a blog entirely (after its last subscriber left). */
	async deleteBlog(blogKey: string): Promise<void> {
		await this.store.update<string[]>(KEYS.blogIndex(), (keys = []) =>
			keys.filter((k) => k !== blogKey),
		);
		await this.store.delete(KEYS.blog(blogKey));
		await this.store.delete(KEYS.seen(blogKey));
		await this.store.delete(KEYS.recent(blogKey));
		await this.store.delete(KEYS.keyEvents(blogKey));
	}

	/** Every watched blog key. */
	async listBlogKeys(): Promise<string[]> {
		return (await this.store.get<string[]>(KEYS.blogIndex())) ?? [];
	}

	/** The blog's seen set; undefined means never polled (the first poll seeds silently). */
	getSeen(blogKey: string): Promise<SeenSet | undefined> {
		return this.store.get<SeenSet>(KEYS.seen(blogKey));
	}

	/** Replaces the blog's seen set. */
	putSeen(blogKey: string, seen: SeenSet): Promise<void> {
		return this.store.set(KEYS.seen(blogKey), seen);
	}

	/**
	 * The blog's newest entries, newest first. A corrupt value throws StoredValueError (a StoreError
	 * naming the key): it is a cache, so /latest says the store failed and the next poll rewrites it.
	 */
	async getRecent(blogKey: string): Promise<StoredEntry[]> {
		const key = KEYS.recent(blogKey);
		const raw = await this.store.get<unknown>(key);
		return raw === undefined ? [] : recentValue.parse(key, raw).entries;
	}

	/** Keeps the newest RECENT_LIMIT entries of a page. */
	putRecent(blogKey: string, entries: Entry[]): Promise<void> {
		return this.store.set(
			KEYS.recent(blogKey),
			recentValue.wrap({ entries: entries.slice(0, RECENT_LIMIT).map(toStoredEntry) }),
		);
	}
}
