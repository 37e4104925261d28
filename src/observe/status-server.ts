/** The operator endpoint of the bot service: status page, /healthz and /metrics on HEALTH_PORT. */
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { type HealthReport, type HealthServer, startHealthServer } from "./health-server.js";
import type { RelayMetrics } from "./metrics.js";
import type { StatusSnapshot } from "./status-snapshot.js";

/** What the endpoint reads from a running relay (observe does not import the relay). */
export interface ObservedRelay {
	health(): Promise<HealthReport>;
	status(): Promise<StatusSnapshot>;
	readonly metrics: RelayMetrics;
}

/** Starts the endpoint when HEALTH_PORT is set (undefined otherwise); close() it on shutdown. */
export async function startStatusServer(
	config: Config,
	relay: ObservedRelay,
	log: Logger,
): Promise<HealthServer | undefined> {
	if (config.healthPort === undefined) return undefined;
	const server = await startHealthServer({
		port: config.healthPort,
		host: config.healthHost,
		check: () => relay.health(),
		metrics: relay.metrics,
		status: { read: () => relay.status(), token: config.statusToken },
		beforeScrape: async () => {
			await relay.health();
		},
		onError: (error) => log.warn({ err: error }, "metrics scrape: gauges not refreshed"),
	});
	log.info(
		{ port: server.port, host: config.healthHost, statusToken: config.statusToken !== undefined },
		"operator endpoint: / (status page), /healthz, /metrics",
	);
	return server;
}
