/**
 * The operator's status page as one server-rendered HTML document: no script, a meta refresh, every
 * value escaped (blog titles and error texts come from pages and platforms we do not control).
 */
import type { Platform } from "../types.js";
import type { DeliveryAttempt } from "./recent-deliveries.js";
import type { BlogStatus, StatusSnapshot } from "./status-snapshot.js";

/** Seconds between the page's own reloads. */
export const STATUS_REFRESH_S = 15;

/** Headers of the page: no script at all, no referrer (a ?token= must not leave in a Referer). */
export const STATUS_PAGE_HEADERS = {
	"content-type": "text/html; charset=utf-8",
	"cache-control": "no-store",
	"referrer-policy": "no-referrer",
	"x-content-type-options": "nosniff",
	"content-security-policy":
		"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
} as const;

const PLATFORMS: readonly Platform[] = ["telegram", "discord", "console"];

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An http(s) link, or the text alone (a stored URL is http(s), but the page never trusts that). */
function link(url: string, text: string): string {
	return /^https?:\/\//i.test(url)
		? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(text)}</a>`
		: escapeHtml(text);
}

/** "2026-11-30 20:14:35 UTC (12 s ago)" relative to `now`. */
function when(at: number | undefined, now: number): string {
	if (at === undefined) return "—";
	const stamp = new Date(at).toISOString().replace("T", " ").slice(0, 19);
	const secs = Math.round((at - now) / 1000);
	const span = (s: number) =>
		s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
	const relative = secs < 0 ? `${span(-secs)} ago` : secs === 0 ? "now" : `in ${span(secs)}`;
	return `<time datetime="${new Date(at).toISOString()}" title="${stamp} UTC">${relative}</time>`;
}

function perPlatform(counts: Partial<Record<Platform, number>>): string {
	const parts = PLATFORMS.filter((p) => counts[p]).map((p) => `${p} ${counts[p]}`);
	return parts.length ? escapeHtml(parts.join(", ")) : "none";
}

function blogRow(blog: BlogStatus, now: number): string {
	const state = blog.status === "ok" && !blog.isLive ? "not live" : blog.status;
	return `<tr class="blog status-${escapeHtml(blog.status)}">
<td>${link(blog.url, blog.title || blog.url)}</td>
<td>${escapeHtml(state)}</td>
<td>${when(blog.lastPollAt, now)}</td>
<td>${escapeHtml(blog.lastResult)}</td>
<td>${when(blog.nextPollAt, now)}</td>
<td class="n">${blog.failures}</td>
<td class="n">${blog.entriesSeen}</td>
<td>${perPlatform(blog.subscribers)}</td>
</tr>`;
}

function attemptRow(attempt: DeliveryAttempt, now: number, titles: Map<string, string>): string {
	const blog = titles.get(attempt.blogKey) ?? attempt.blogKey;
	return `<tr><td>${when(attempt.at, now)}</td><td>${escapeHtml(attempt.platform)}</td><td>${escapeHtml(attempt.target)}</td><td>${escapeHtml(blog)}</td><td>${escapeHtml(attempt.entryId)}</td><td>${escapeHtml(attempt.status)}</td><td>${escapeHtml(attempt.reason ?? "")}</td></tr>`;
}

function attemptTable(
	title: string,
	attempts: readonly DeliveryAttempt[],
	now: number,
	titles: Map<string, string>,
): string {
	const rows = attempts.length
		? attempts.map((a) => attemptRow(a, now, titles)).join("\n")
		: `<tr><td colspan="7">none since this process started</td></tr>`;
	return `<h2>${escapeHtml(title)}</h2>
<table><thead><tr><th>When</th><th>Platform</th><th>Target</th><th>Blog</th><th>Entry</th><th>Result</th><th>Reason</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

/** The whole page for a snapshot. */
export function renderStatusPage(snapshot: StatusSnapshot): string {
	const now = snapshot.generatedAt;
	const titles = new Map(snapshot.blogs.map((b) => [b.key, b.title || b.url]));
	const blogs = snapshot.blogs.length
		? snapshot.blogs.map((b) => blogRow(b, now)).join("\n")
		: `<tr><td colspan="8">No blog is watched yet.</td></tr>`;
	const more = snapshot.blogsNotListed
		? `<p>${snapshot.blogsNotListed} more blogs are watched and not listed here.</p>`
		: "";
	const instance =
		snapshot.storeKind === "redis"
			? `<p>Instance <code>${escapeHtml(snapshot.instanceId)}</code>; other instances sharing this Redis show their own page.</p>`
			: "";
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="${STATUS_REFRESH_S}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>liveblog-relay status</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right}tr.status-unreachable td{background:#fff1f0}tr.status-ended td{color:#777}
</style></head>
<body>
<h1>liveblog-relay status</h1>
<p>As of ${escapeHtml(new Date(now).toISOString())}; this page reloads every ${STATUS_REFRESH_S} s. Store: ${escapeHtml(snapshot.storeKind)}.</p>
${instance}
<h2>Watched blogs (${snapshot.blogs.length + snapshot.blogsNotListed})</h2>
<table><thead><tr><th>Blog</th><th>Status</th><th>Last poll</th><th>Result</th><th>Next poll</th><th>Failures</th><th>Entries seen</th><th>Subscribers</th></tr></thead>
<tbody>${blogs}</tbody></table>
${more}
<h2>Outbox</h2>
<p>Pending deliveries: ${perPlatform(snapshot.outbox)}.</p>
${attemptTable("Last deliveries", snapshot.delivered, now, titles)}
${attemptTable("Last failures", snapshot.failed, now, titles)}
</body></html>
`;
}
