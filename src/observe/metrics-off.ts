/** Metrics that record nothing, for a bot without HEALTH_PORT: nobody scrapes, so prom-client stays unloaded. */
import type { RelayMetrics } from "./metrics.js";

/** A RelayMetrics that drops every observation; its /metrics text is empty. */
export function createMetricsOff(): RelayMetrics {
	return {
		registry: { contentType: "text/plain; version=0.0.4; charset=utf-8", metrics: async () => "" },
		recordPoll: () => undefined,
		recordDelivery: () => undefined,
		recordChange: () => undefined,
		setGauges: () => undefined,
	};
}
