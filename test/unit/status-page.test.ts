import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createRecentDeliveries, shortenTargetId } from "../../src/observe/recent-deliveries.js";
import { mayReadStatus } from "../../src/observe/status-access.js";
import { escapeHtml, renderStatusPage } from "../../src/observe/status-page.js";
import type { BlogStatus, StatusSnapshot } from "../../src/observe/status-snapshot.js";

const NOW = Date.UTC(2026, 10, 30, 20, 0, 0);
const HOSTILE = `</title><script>alert("x")</script><img src=x onerror=alert(1)> & 'quoted'`;

function blog(overrides: Partial<BlogStatus> = {}): BlogStatus {
	return {
		key: "k1",
		title: "Ordinary blog",
		url: "https://news.example/live",
		status: "ok",
		isLive: true,
		lastPollAt: NOW - 30_000,
		lastResult: "ok",
		lastNewEntryAt: NOW - 120_000,
		nextPollAt: NOW + 30_000,
		failures: 0,
		entriesSeen: 12,
		subscribers: { telegram: 2, discord: 1 },
		...overrides,
	};
}

function snapshot(overrides: Partial<StatusSnapshot> = {}): StatusSnapshot {
	return {
		generatedAt: NOW,
		instanceId: "inst-1234",
		storeKind: "sqlite",
		blogs: [blog()],
		blogsNotListed: 0,
		outbox: {},
		delivered: [],
		failed: [],
		...overrides,
	};
}

const request = (url: string, authorization?: string) =>
	({ url, headers: authorization ? { authorization } : {} }) as IncomingMessage;

describe("status page rendering", () => {
	it("escapes hostile titles, errors and links so no markup from a page reaches the document", () => {
		const html = renderStatusPage(
			snapshot({
				blogs: [
					blog({
						title: HOSTILE,
						url: `https://evil.example/"><script>alert(2)</script>`,
						lastResult: `<b>boom</b>`,
						status: "unreachable",
						failures: 3,
					}),
					blog({ key: "k2", title: "js link", url: "javascript:alert(3)" }),
				],
			}),
		);
		expect(html).not.toContain("<script");
		expect(html).not.toContain("<img");
		expect(html).not.toContain("<b>boom");
		expect(html).not.toContain('href="javascript:');
		expect(html).toContain("&#60;/title&#62;&#60;script&#62;alert(&#34;x&#34;)");
		expect(html).toContain("&#38; &#39;quoted&#39;");
		expect(html).toContain("&#60;b&#62;boom&#60;/b&#62;");
	});

	it("shows blogs, outbox depth per platform, refresh and instance id only when shared on Redis", () => {
		const local = renderStatusPage(snapshot({ outbox: { telegram: 4, discord: 1 } }));
		expect(local).toContain('<meta http-equiv="refresh" content="15">');
		expect(local).toContain("telegram 4, discord 1");
		expect(local).toContain("telegram 2, discord 1");
		expect(local).not.toContain("inst-1234");
		expect(renderStatusPage(snapshot({ storeKind: "redis" }))).toContain("inst-1234");
		expect(renderStatusPage(snapshot({ blogs: [] }))).toContain("No blog is watched yet.");
	});

	it("escapes every character that matters in text and attributes", () => {
		expect(escapeHtml(`<>&"'`)).toBe("&#60;&#62;&#38;&#34;&#39;");
	});
});

describe("recent deliveries", () => {
	it("keeps shortened target ids, blog titles by key, never the message", () => {
		const recent = createRecentDeliveries();
		recent.record(
			{ platform: "telegram", id: "123456789" },
			{ status: "delivered", messageId: "5" },
			{ blogKey: "k1", entryId: "e1" },
			NOW,
		);
		recent.record(
			{ platform: "discord", id: "200000000000004242" },
			{ status: "forbidden", reason: "Missing Access" },
			{ blogKey: "k1", entryId: "notice:blog-ended:1234" },
			NOW,
		);
		expect(recent.delivered[0]).toMatchObject({ target: "…6789", entryId: "e1" });
		expect(recent.failed[0]).toMatchObject({
			target: "…4242",
			entryId: "notice:blog-ended",
			reason: "Missing Access",
		});
		const html = renderStatusPage(snapshot({ delivered: recent.delivered, failed: recent.failed }));
		expect(html).not.toContain("123456789");
		expect(html).toContain("…6789");
		expect(html).toContain("Ordinary blog");
		expect(shortenTargetId("42")).toBe("42");
	});
});

describe("status page access", () => {
	it("lets anyone in without a token (loopback), else only Bearer or ?token= with the right token", () => {
		const token = "s3cret-token-0123456789";
		expect(mayReadStatus(request("/"), undefined)).toBe(true);
		expect(mayReadStatus(request("/"), token)).toBe(false);
		expect(mayReadStatus(request("/", `Bearer ${token}`), token)).toBe(true);
		expect(mayReadStatus(request("/", `Bearer ${token}x`), token)).toBe(false);
		expect(mayReadStatus(request("/", `Basic ${token}`), token)).toBe(false);
		expect(mayReadStatus(request(`/?token=${token}`), token)).toBe(true);
		expect(mayReadStatus(request("/?token=wrong"), token)).toBe(false);
	});

	it("refuses to start on a non-loopback HEALTH_HOST without STATUS_TOKEN", () => {
		expect(() => loadConfig({ HEALTH_PORT: "9090", HEALTH_HOST: "0.0.0.0" })).toThrow(
			/STATUS_TOKEN: required/,
		);
		expect(() => loadConfig({ HEALTH_PORT: "9090", HEALTH_HOST: "127.0.0.2" })).not.toThrow();
		expect(() => loadConfig({ HEALTH_PORT: "9090", HEALTH_HOST: "::1" })).not.toThrow();
		const config = loadConfig({
			HEALTH_PORT: "9090",
			HEALTH_HOST: "0.0.0.0",
			STATUS_TOKEN: "0123456789abcdef",
		});
		expect(config.statusToken).toBe("0123456789abcdef");
		expect(config.shutdownGraceMs).toBe(10_000);
		expect(() => loadConfig({ STATUS_TOKEN: "short" })).toThrow(/at least 16/);
	});
});
