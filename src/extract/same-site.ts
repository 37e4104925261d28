/**
 * Which site a URL belongs to, public-suffix aware: a page may only speak for its own site (its
 * canonical URL, its entries' links), never for someone else's blog.
 */

import { getDomain } from "tldts";

// Private suffixes (github.io, blogspot.com, s3.amazonaws.com…) count: alice.github.io and
// bob.github.io are different people's sites.
const PSL_OPTIONS = { allowPrivateDomains: true, validateHostname: true } as const;

/** A URL's host as compared here: lowercase, no IPv6 brackets, no trailing root dot. */
function hostOf(url: URL): string {
	const host = url.hostname.toLowerCase();
	const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
	return bare.endsWith(".") ? bare.slice(0, -1) : bare;
}

/**
 * The registrable domain of a host ("news.bbc.co.uk" → "bbc.co.uk", "alice.github.io" → itself);
 * undefined for IP addresses, bare public suffixes ("co.uk", "github.io") and single labels ("localhost").
 */
export function registrableDomain(hostname: string): string | undefined {
	// Every entry link of a page has the same host: the suffix lookup is done once per host.
	const known = domains.get(hostname);
	if (known !== undefined) return known === null ? undefined : known;
	const domain = getDomain(hostname, PSL_OPTIONS) ?? null;
	if (domains.size >= MAX_REMEMBERED_HOSTS) domains.clear();
	domains.set(hostname, domain);
	return domain ?? undefined;
}

const domains = new Map<string, string | null>();
const MAX_REMEMBERED_HOSTS = 1_000;

/** The site of a URL: its registrable domain, else (IP address, suffix-only host) its exact host. */
function siteOf(url: URL): { kind: "domain" | "host"; name: string } {
	const host = hostOf(url);
	const domain = registrableDomain(host);
	return domain === undefined ? { kind: "host", name: host } : { kind: "domain", name: domain };
}

function parseHttp(url: string | URL): URL | undefined {
	try {
		const parsed = typeof url === "string" ? new URL(url) : url;
		return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : undefined;
	} catch {
		// Unparseable: belongs to no site, so it is never adopted.
		return undefined;
	}
}

/**
 * Same site: both http(s) URLs share a registrable domain; where either host has none (an IP
 * address, "localhost", a bare public suffix) the hosts must be equal. Scheme and port are not compared.
 */
export function isSameSite(a: string | URL, b: string | URL): boolean {
	return sameSiteAs(b)(a);
}

/** isSameSite against one fixed URL, with that URL's site worked out once (entry links of a page). */
export function sameSiteAs(base: string | URL): (url: string | URL) => boolean {
	const baseUrl = parseHttp(base);
	if (baseUrl === undefined) return () => false;
	const site = siteOf(baseUrl);
	// Entry links mostly start with the page's own origin: those are the same site unparsed.
	const origin = `${baseUrl.protocol}//${baseUrl.host}/`;
	return (url) => {
		if (typeof url === "string" && url.startsWith(origin)) return true;
		const parsed = parseHttp(url);
		if (parsed === undefined) return false;
		const other = siteOf(parsed);
		return other.kind === site.kind && other.name === site.name;
	};
}

function effectivePort(url: URL): string {
	if (url.port !== "") return url.port;
	return url.protocol === "https:" ? "443" : "80";
}

/**
 * Whether a page fetched from `fetched` (the URL after redirects) may name `candidate` as its
 * identity (rel=canonical, og:url, a JSON model's canonicalUrl): same site, no https → http
 * downgrade (later polls would travel in clear text), and the same port, except that
 * http → https on the default ports is an upgrade, not another server.
 */
export function mayAdoptUrl(candidate: string | URL, fetched: string | URL): boolean {
	const claimed = parseHttp(candidate);
	const origin = parseHttp(fetched);
	if (claimed === undefined || origin === undefined) return false;
	if (!isSameSite(claimed, origin)) return false;
	if (origin.protocol === "https:" && claimed.protocol === "http:") return false;
	const bothDefault = claimed.port === "" && origin.port === "";
	return bothDefault || effectivePort(claimed) === effectivePort(origin);
}
