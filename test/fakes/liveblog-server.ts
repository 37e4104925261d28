/** A loopback live-blog site for tests: serves pages whose entries tests add, edit and remove. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One entry of a fake blog page. */
export interface FakeEntry {
	id: string;
	headline: string;
	body: string;
	publishedAt: Date;
	updatedAt?: Date;
	pinned?: boolean;
	/** Marked a key event (Reach markup: data-type="key-event"). */
	keyEvent?: boolean;
	/** The entry's own link (default: the page URL + #id). */
	url?: string;
}

/** A fake blog served at /<slug>. */
export interface FakeBlog {
	slug: string;
	title: string;
	/** Newest first, as live blogs render them. */
	entries: FakeEntry[];
	/** schema.org coverageEndTime: the blog has ended at this time. */
	coverageEndTime?: Date;
	/** Serve a plain article (no entries) instead. */
	notLive?: boolean;
	/** Next N responses get this status. */
	failNext?: { status: number; count: number; headers?: Record<string, string> };
	/** The URL the page names as its own (rel=canonical, og:url, JSON-LD url); default its URL. */
	canonicalUrl?: string;
	/** Send an ETag and answer If-None-Match (default true). */
	etag?: boolean;
	/**
	 * Send Last-Modified: true for the newest entry's time, or this header value verbatim; either
	 * way If-Modified-Since is answered (304 when nothing is newer), when no If-None-Match came.
	 */
	lastModified?: true | string;
}

/** Request the server saw. */
export interface SeenRequest {
	method: string;
	path: string;
	headers: IncomingMessage["headers"];
}

/** Renders a fake blog as HTML with JSON-LD LiveBlogPosting plus Reach-like entry blocks. */
export function renderBlog(blog: FakeBlog, origin: string): string {
	const pageUrl = blog.canonicalUrl ?? `${origin}/${blog.slug}`;
	if (blog.notLive) {
		return `<!doctype html><html><head><title>${escapeHtml(blog.title)}</title>
<script type="application/ld+json">${JSON.stringify({ "@context": "https://schema.org", "@type": "NewsArticle", headline: blog.title })}</script>
</head><body><article><h1>${escapeHtml(blog.title)}</h1><p>Just an article.</p></article></body></html>`;
	}
	const jsonLd = {
		"@context": "https://schema.org",
		"@type": "LiveBlogPosting",
		headline: blog.title,
		url: pageUrl,
		coverageStartTime: blog.entries.at(-1)?.publishedAt.toISOString(),
		coverageEndTime: blog.coverageEndTime?.toISOString(),
		liveBlogUpdate: blog.entries.map((e) => ({
			"@type": "BlogPosting",
			headline: e.headline,
			url: e.url ?? `${pageUrl}#${e.id}`,
			datePublished: e.publishedAt.toISOString(),
			dateModified: (e.updatedAt ?? e.publishedAt).toISOString(),
			articleBody: e.body,
		})),
	};
	const blocks = blog.entries
		.map(
			(e) =>
				`<div class="live-event-entry" id="${escapeHtml(e.id)}" data-type="${e.pinned || e.keyEvent ? "key-event" : "default"}" data-post-time="${e.publishedAt.getTime()}" data-last-modified-time="${(e.updatedAt ?? e.publishedAt).getTime()}"><div class="entry-content"><h3>${escapeHtml(e.headline)}</h3><p>${escapeHtml(e.body)}</p></div></div>`,
		)
		.join("\n");
	return `<!doctype html><html><head><title>${escapeHtml(blog.title)}</title>
<link rel="canonical" href="${escapeHtml(pageUrl)}">
<meta property="og:url" content="${escapeHtml(pageUrl)}">
<script type="application/ld+json">${JSON.stringify(jsonLd).replace(/</g, "\\u003c")}</script>
</head><body><h1>${escapeHtml(blog.title)}</h1><div class="live-event-entries">${blocks}</div></body></html>`;
}

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/"/g, "&quot;");
}

/** A running fake site. */
export interface LiveblogServer {
	readonly origin: string;
	readonly requests: SeenRequest[];
	/** URL of a blog by slug. */
	url(slug: string): string;
	/** Adds or replaces a blog. */
	setBlog(blog: FakeBlog): FakeBlog;
	blog(slug: string): FakeBlog;
	/** Prepends a new entry (newest first) and returns it. */
	addEntry(slug: string, entry: Partial<FakeEntry> & { id: string }): FakeEntry;
	/** Takes over a path with a custom handler (faults: slow bodies, redirect loops); null restores it. */
	setHandler(
		path: string,
		handler: ((req: IncomingMessage, res: ServerResponse) => void) | null,
	): void;
	/** Serves a raw response body for a path. */
	setRaw(path: string, body: string, headers?: Record<string, string>, status?: number): void;
	close(): Promise<void>;
}

/** Options of the fake site. */
export interface LiveblogServerOptions {
	/** Host name in the site's URLs (a test resolver maps it to 127.0.0.1); default 127.0.0.1. */
	host?: string;
}

/** Starts the fake site on 127.0.0.1 and a free port. */
export async function startLiveblogServer(
	options: LiveblogServerOptions = {},
): Promise<LiveblogServer> {
	const blogs = new Map<string, FakeBlog>();
	const raw = new Map<string, { body: string; headers: Record<string, string>; status: number }>();
	const handlers = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
	const requests: SeenRequest[] = [];
	let clock = Date.UTC(2024, 8, 11, 8, 0, 0);
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const path = (req.url ?? "/").split("?")[0] ?? "/";
		requests.push({ method: req.method ?? "GET", path, headers: req.headers });
		const handler = handlers.get(path);
		if (handler) {
			handler(req, res);
			return;
		}
		const rawEntry = raw.get(path);
		if (rawEntry) {
			res.writeHead(rawEntry.status, {
				"content-type": "text/html; charset=utf-8",
				...rawEntry.headers,
			});
			res.end(rawEntry.body);
			return;
		}
		const blog = blogs.get(path.slice(1));
		if (!blog) {
			res.writeHead(404, { "content-type": "text/plain" });
			res.end("not found");
			return;
		}
		if (blog.failNext && blog.failNext.count > 0) {
			blog.failNext.count -= 1;
			res.writeHead(blog.failNext.status, {
				"content-type": "text/plain",
				...blog.failNext.headers,
			});
			res.end("failure");
			return;
		}
		const html = renderBlog(blog, origin);
		const validators: Record<string, string> = {};
		if (blog.etag !== false) validators.etag = `"${hash(html)}"`;
		if (blog.lastModified !== undefined) {
			validators["last-modified"] =
				blog.lastModified === true ? newestTime(blog).toUTCString() : blog.lastModified;
		}
		if (isNotModified(req, validators)) {
			res.writeHead(304, validators);
			res.end();
			return;
		}
		res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...validators });
		res.end(html);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const origin = `http://${options.host ?? "127.0.0.1"}:${(server.address() as AddressInfo).port}`;
	const blogBySlug = (slug: string): FakeBlog => {
		const blog = blogs.get(slug);
		if (!blog) throw new Error(`no fake blog ${slug}`);
		return blog;
	};
	return {
		origin,
		requests,
		url: (slug) => `${origin}/${slug}`,
		setBlog(blog) {
			blogs.set(blog.slug, blog);
			return blog;
		},
		blog: blogBySlug,
		addEntry(slug, partial) {
			clock += 60_000;
			const entry: FakeEntry = {
				headline: `Headline ${partial.id}`,
				body: `Body of entry ${partial.id}. It has a second sentence.`,
				publishedAt: new Date(clock),
				...partial,
			};
			blogBySlug(slug).entries.unshift(entry);
			return entry;
		},
		setHandler(path, handler) {
			if (handler) handlers.set(path, handler);
			else handlers.delete(path);
		},
		setRaw(path, body, headers = {}, status = 200) {
			raw.set(path, { body, headers, status });
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
function isNotModified(req: IncomingMessage, validators: Record<string, string>): boolean {
	const ifNoneMatch = req.headers["if-none-match"];
	if (ifNoneMatch !== undefined) return ifNoneMatch === validators.etag;
	const since = Date.parse(req.headers["if-modified-since"] ?? "");
	const modified = Date.parse(validators["last-modified"] ?? "");
	return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

function newestTime(blog: FakeBlog): Date {
	const times = blog.entries.map((e) => (e.updatedAt ?? e.publishedAt).getTime());
	return new Date(Math.max(0, ...times));
}

function hash(text: string): string {
	let h = 0;
	for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
	return (h >>> 0).toString(16);
}

/** A blog with `count` entries e1..eN (eN newest). */
export function makeFakeBlog(slug: string, count: number, title = `Live: ${slug}`): FakeBlog {
	const entries: FakeEntry[] = [];
	for (let i = 1; i <= count; i++) {
		entries.unshift({
			id: `e${i}`,
			headline: `Entry ${i} headline`,
			body: `Entry ${i} body first sentence. Second sentence of entry ${i}.`,
			publishedAt: new Date(Date.UTC(2024, 8, 11, 7, i, 0)),
		});
	}
	return { slug, title, entries };
}
