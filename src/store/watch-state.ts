/** Per-blog state: the blog record, its bounded seen set, and its newest entries. */
import type { Entry, SeenSet } from "../types.js";
import { KEYS } from "./keys.js";
import type { Store } from "./open-store.js";

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
	/** Consecutive polls that took over half the fetch timeout (a consistently slow blog is polled less). */
	slowPolls?: number | undefined;
	status: "ok" | "unreachable" | "ended";
	/** When the blog was first seen ended (coverageEndTime passed). */
	endedAt?: number | undefined;
	/** Subscribers were told about the current outage. */
	outageNotified?: boolean | undefined;
	isLive: boolean;
}

/** An entry as kept for /latest (dates as ms so they survive JSON). */
export interface StoredEntry {
	id: string;
	url: string;
	headline?: string | undefined;
	bodyText: string;
	publishedAt?: number | undefined;
	updatedAt?: number | undefined;
	author?: string | undefined;
	imageUrl?: string | undefined;
	pinned?: boolean | undefined;
}

/** How many entries /latest can show. */
export const RECENT_LIMIT = 10;
const STORED_BODY_LIMIT = 4000;

/** Converts an extracted entry to its stored form. */
export function toStoredEntry(entry: Entry): StoredEntry {
	return {
		id: entry.id,
		url: entry.url,
		headline: entry.headline,
		bodyText: entry.bodyText.slice(0, STORED_BODY_LIMIT),
		publishedAt: entry.publishedAt?.getTime(),
		updatedAt: entry.updatedAt?.getTime(),
		author: entry.author,
		imageUrl: entry.imageUrl,
		pinned: entry.pinned,
	};
}

/** Converts a stored entry back to an Entry. */
export function fromStoredEntry(stored: StoredEntry): Entry {
	return {
		...stored,
		publishedAt: stored.publishedAt === undefined ? undefined : new Date(stored.publishedAt),
		updatedAt: stored.updatedAt === undefined ? undefined : new Date(stored.updatedAt),
	};
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

	/** The blog's newest entries, newest first. */
	async getRecent(blogKey: string): Promise<StoredEntry[]> {
		return (await this.store.get<StoredEntry[]>(KEYS.recent(blogKey))) ?? [];
	}

	/** Keeps the newest RECENT_LIMIT entries of a page. */
	putRecent(blogKey: string, entries: Entry[]): Promise<void> {
		return this.store.set(KEYS.recent(blogKey), entries.slice(0, RECENT_LIMIT).map(toStoredEntry));
	}
}
