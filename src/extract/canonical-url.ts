/** One canonical form per blog URL, so share links, AMP/canonical and paginated URLs dedupe. */

import { InvalidUrlError } from "../errors.js";

// Parameters that only say where a click came from; they never select different content.
const TRACKING_EXACT = new Set([
	"fbclid",
	"gclid",
	"dclid",
	"msclkid",
	"igshid",
	"mc_cid",
	"mc_eid",
	"ref",
	"ref_src",
	"cmpid",
	"cmp",
	"ito",
	"ocid",
	"smid",
	"smtyp",
	"_ga",
	"guccounter",
]);
const TRACKING_PREFIX = /^(?:utm_|at_|int_)/i;

function isTrackingParam(name: string): boolean {
	return TRACKING_EXACT.has(name.toLowerCase()) || TRACKING_PREFIX.test(name);
}

// Guardian pagination ("?page=with:block-…") shows the same blog from another block.
function isPaginationParam(name: string, value: string, host: string): boolean {
	if (name !== "page") return false;
	return (
		value.startsWith("with:") || host === "theguardian.com" || host.endsWith(".theguardian.com")
	);
}

/**
 * Canonical form of a blog URL: no fragment, no tracking parameters (utm_*, fbclid, gclid, ref,
 * cmpid, CMP, at_*, ito, …), no Guardian `page=` parameter. Throws InvalidUrlError when the input
 * is not an absolute http(s) URL.
 */
export function canonicalizeUrl(url: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url.trim());
	} catch (error) {
		throw new InvalidUrlError(url, error instanceof Error ? error.message : "unparseable");
	}
	if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
		throw new InvalidUrlError(url, `unsupported scheme ${parsed.protocol}`);
	}
	parsed.hash = "";
	if (parsed.search !== "") {
		const kept: string[] = [];
		// Rebuild by hand: URLSearchParams would re-encode values such as "with:block-1".
		for (const pair of parsed.search.slice(1).split("&")) {
			if (pair === "") continue;
			const eq = pair.indexOf("=");
			const rawName = eq < 0 ? pair : pair.slice(0, eq);
			const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
			const name = safeDecode(rawName);
			if (isTrackingParam(name)) continue;
			if (isPaginationParam(name, safeDecode(rawValue), parsed.hostname)) continue;
			kept.push(pair);
		}
		parsed.search = kept.length > 0 ? `?${kept.join("&")}` : "";
	}
	return parsed.href;
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, " "));
	} catch {
		// Malformed escapes: compare on the raw text instead.
		return text;
	}
}
