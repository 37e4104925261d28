/**
 * Which blog a /subscribe names. A page may only speak for its own site, and it is a blog's own
 * response only when fetched from that blog's URL: a subscribe may attach a chat to another blog,
 * never write that blog from a page fetched elsewhere (SECURITY.md, "Blog identity").
 */
import type { Logger } from "pino";
import { RelayError } from "../errors.js";
import { canonicalizeUrl } from "../extract/canonical-url.js";
import { blogKeyOf } from "../store/keys.js";
import type { WatchStateRepo } from "../store/watch-state.js";
import type { ReadBlogResult } from "./read-blog.js";

/** A parsed page read by subscribe. */
export type ParsedPage = Extract<ReadBlogResult, { status: "ok" }>;

/** The blog a subscribe names, with a page to record when one was read from the blog's URL. */
export interface BlogIdentity {
	blogKey: string;
	/** The blog's canonical URL (its record's url). */
	canonical: string;
	/** A page fetched at the blog's URL; absent when a chat is only attached to an existing blog. */
	page?: ParsedPage | undefined;
}

/** Collaborators of identifyBlog. */
export interface IdentifyDeps {
	/** Fetches and parses a page; throws a RelayError for anything but a parsed page. */
	read: (url: string) => Promise<ParsedPage>;
	state: WatchStateRepo;
	log: Logger;
}

/**
 * Reads `url` and decides which blog it names. A canonical URL on the page's own site (extractEntries
 * checks the site) names the blog; when the page was fetched elsewhere, an existing blog is only
 * attached to (never written from this page), and a new one is read from its canonical URL itself.
 * When that URL does not serve itself, or cannot be read, the page's own URL is the blog.
 */
export async function identifyBlog(url: URL, deps: IdentifyDeps): Promise<BlogIdentity> {
	const { read, state, log } = deps;
	const first = await read(url.href);
	const fetchedAt = canonicalizeUrl(first.finalUrl);
	const claimed = canonicalizeUrl(first.blog.url);
	if (claimed === fetchedAt)
		return { blogKey: blogKeyOf(claimed), canonical: claimed, page: first };
	const claimedKey = blogKeyOf(claimed);
	if (await state.getBlog(claimedKey)) return { blogKey: claimedKey, canonical: claimed };
	try {
		const second = await read(claimed);
		const confirmed =
			canonicalizeUrl(second.finalUrl) === claimed && canonicalizeUrl(second.blog.url) === claimed;
		if (confirmed) return { blogKey: claimedKey, canonical: claimed, page: second };
		log.info(
			{ url: fetchedAt, canonical: claimed, fetched: second.finalUrl },
			"the canonical URL does not serve itself; the page's own URL names the blog",
		);
	} catch (error) {
		if (!(error instanceof RelayError)) throw error;
		log.info(
			{ url: fetchedAt, canonical: claimed, err: error.message },
			"the canonical URL could not be read; the page's own URL names the blog",
		);
	}
	return { blogKey: blogKeyOf(fetchedAt), canonical: fetchedAt, page: first };
}
