/** What the capacity bench and its fake-sites child process say to each other over IPC. */
import { capacitySlug } from "./capacity-pages.js";

/** Counters the child reports to the bench (since the last reset). */
export interface SiteStats {
	requests: number;
	/** 200 with a changed page. */
	changed: number;
	/** 304 Not Modified. */
	notModified: number;
	/** 200, same bytes, no validators. */
	sameBytes: number;
	/** 200, same bytes with ETag, because If-None-Match did not match (should stay ~0). */
	conditionalMiss: number;
	notFound: number;
	bytesSent: number;
	/** Child CPU since the reset (µs, user + system) and its RSS (bytes) when reported. */
	cpuMicros: number;
	rss: number;
}

/** Messages from the child. */
export type SiteMessage =
	| { type: "ready"; port: number; hosts: string[] }
	| { type: "stats"; stats: SiteStats }
	| { type: "reset-done" };

/** Messages to the child. */
export type SiteCommand = { type: "stats" } | { type: "reset" };

/** URL of blog `n` given the served hosts and port (blogs are dealt round-robin over the hosts). */
export function capacityBlogUrl(n: number, hosts: readonly string[], port: number): string {
	return `http://${hosts[n % hosts.length]}:${port}/${capacitySlug(n)}`;
}
