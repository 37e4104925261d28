import { describe, expect, it } from "vitest";
import {
	isSameSite,
	mayAdoptUrl,
	registrableDomain,
	sameSiteAs,
} from "../../../src/extract/same-site.js";

describe("registrableDomain", () => {
	it.each([
		["news.bbc.co.uk", "bbc.co.uk"],
		["www.example.com", "example.com"],
		["example.com.", "example.com"],
		["alice.github.io", "alice.github.io"],
		["x.y.blogspot.com", "y.blogspot.com"],
		["xn--mnchen-3ya.de", "xn--mnchen-3ya.de"],
		["co.uk", undefined],
		["github.io", undefined],
		["localhost", undefined],
		["127.0.0.1", undefined],
		["::1", undefined],
	])("%s → %s", (host, domain) => {
		expect(registrableDomain(host)).toBe(domain);
	});
});

describe("mayAdoptUrl: which canonical URL a fetched page may name", () => {
	it.each([
		// [canonical named by the page, URL the page was fetched from (after redirects), adopted]
		["https://example.com/live/b", "https://example.com/live/a", true],
		["https://www.example.com/live", "https://example.com/live?amp=1", true],
		["https://www.bbc.co.uk/news/live", "https://m.bbc.co.uk/news/live", true],
		["https://other.example/live", "https://example.com/live", false],
		["https://example.com.evil.example/live", "https://example.com/live", false],
		["https://example.com/live", "https://example.com.evil.example/live", false],
		// Public suffixes: different registrants under one suffix are different sites.
		["https://www.itv.co.uk/live", "https://www.bbc.co.uk/live", false],
		["https://bob.github.io/live", "https://alice.github.io/live", false],
		["https://alice.github.io/other", "https://alice.github.io/live", true],
		["https://victim.blogspot.com/live", "https://attacker.blogspot.com/live", false],
		["https://co.uk/live", "https://bbc.co.uk/live", false],
		// IP addresses have no registrable domain: the exact host, and the same port.
		["http://127.0.0.1:8080/b", "http://127.0.0.1:8080/a", true],
		["http://127.0.0.2:8080/b", "http://127.0.0.1:8080/a", false],
		["http://127.0.0.1:9090/b", "http://127.0.0.1:8080/a", false],
		["http://[::1]:8080/b", "http://[::1]:8080/a", true],
		["http://[::2]:8080/b", "http://[::1]:8080/a", false],
		["http://203.0.113.7/live", "http://example.com/live", false],
		["http://example.com/live", "http://203.0.113.7/live", false],
		["http://localhost:8080/b", "http://localhost:8080/a", true],
		["http://intranet/b", "http://localhost/a", false],
		// Ports and schemes: an upgrade to https is fine, a downgrade or another port is not.
		["https://example.com/live", "http://example.com/live", true],
		["http://example.com/live", "https://example.com/live", false],
		["https://example.com:443/live", "https://example.com/live", true],
		["https://example.com:8443/live", "https://example.com/live", false],
		["http://example.com:8080/live", "http://example.com:8080/x", true],
		["https://example.com:8080/live", "http://example.com:8080/x", true],
		["https://example.com/live", "http://example.com:8080/live", false],
		// IDNs compare in their ASCII (punycode) form; a look-alike is another site.
		["https://www.münchen.de/live", "https://xn--mnchen-3ya.de/live", true],
		["https://muenchen.de/live", "https://münchen.de/live", false],
		["https://exаmple.com/live", "https://example.com/live", false],
		// Not web URLs at all.
		["javascript:alert(1)", "https://example.com/live", false],
		["ftp://example.com/live", "https://example.com/live", false],
		["not a url", "https://example.com/live", false],
	])("%s named by a page from %s: %s", (candidate, fetched, adopted) => {
		expect(mayAdoptUrl(candidate, fetched)).toBe(adopted);
	});
});

describe("isSameSite / sameSiteAs (entry links)", () => {
	it("ignores scheme and port, but not the registrable domain", () => {
		expect(isSameSite("http://example.com:8080/a", "https://www.example.com/b")).toBe(true);
		expect(isSameSite("https://cdn.example.net/a", "https://example.com/b")).toBe(false);
		const ownLink = sameSiteAs("https://www.example.com/live");
		expect(ownLink("https://example.com/live/update-1")).toBe(true);
		expect(ownLink("https://phish.example/login")).toBe(false);
		expect(ownLink("data:text/html,hi")).toBe(false);
		expect(sameSiteAs("not a url")("https://example.com/")).toBe(false);
	});
});
