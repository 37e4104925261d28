/**
 * The page fetcher: owns the connection pools every page fetch goes through, so whoever creates it
 * (the relay, a CLI run) closes its sockets with close() instead of module-level state outliving it.
 */

import { isIP } from "node:net";
import { Agent, buildConnector } from "undici";
import { BlockedUrlError } from "../errors.js";
import { type FetchPageOptions, type FetchPageResult, fetchPage } from "./fetch-page.js";
import { createGuardedLookup, type Resolver, refusedRange, stripBrackets } from "./url-guard.js";

/** Fetches pages over its own SSRF-guarded connection pools; close() ends them. */
export interface Fetcher {
	/** fetchPage over this fetcher's pools; rejects once the fetcher is closed. */
	fetch(url: string | URL, options: FetchPageOptions): Promise<FetchPageResult>;
	/** Closes every pool this fetcher opened; idempotent. */
	close(): Promise<void>;
}

/** Options of createFetcher. */
export interface FetcherOptions {
	/** DNS resolver (tests map test host names to loopback); default the system's. */
	resolve?: Resolver | undefined;
}

/** A fetcher with no connections yet: pools open on first use, one per network policy. */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
	// One agent per policy: connection pools are keyed by origin, and a socket opened under the
	// permissive policy must never be reused by a fetch held to the strict one.
	const agents = new Map<boolean, Agent>();
	let closed = false;
	const agentFor = (allowPrivateNetwork: boolean): Agent => {
		let agent = agents.get(allowPrivateNetwork);
		if (agent === undefined) {
			agent = createGuardedAgent(allowPrivateNetwork, options.resolve);
			agents.set(allowPrivateNetwork, agent);
		}
		return agent;
	};
	return {
		async fetch(url, fetchOptions) {
			if (closed) throw new Error("The page fetcher is closed");
			return fetchPage(url, fetchOptions, agentFor(fetchOptions.allowPrivateNetwork));
		},
		async close() {
			closed = true;
			const open = [...agents.values()];
			agents.clear();
			await Promise.all(open.map((agent) => agent.close()));
		},
	};
}

function createGuardedAgent(allowPrivateNetwork: boolean, resolve: Resolver | undefined): Agent {
	// The socket connects to the very address the lookup checked, so DNS rebinding has no window.
	const connectViaGuardedLookup = buildConnector({
		lookup: createGuardedLookup(allowPrivateNetwork, resolve),
	});
	return new Agent({
		connect(connectOptions, callback) {
			// net.connect skips lookup for IP literals, so those are checked here instead.
			const host = stripBrackets(connectOptions.hostname);
			const range = isIP(host) === 0 ? undefined : refusedRange(host, allowPrivateNetwork);
			if (range !== undefined) {
				callback(new BlockedUrlError(host, host, range), null);
				return;
			}
			connectViaGuardedLookup(connectOptions, callback);
		},
	});
}
