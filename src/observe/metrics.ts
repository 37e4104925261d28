/** Prometheus metrics of the relay (prom-client), fed by watcher and dispatcher events. */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { DeliveryResult, Platform, PollOutcome } from "../types.js";

/** A change of a posted message, as counted. */
export type ChangeKind = "edit" | "retract" | "pin" | "unpin";

/**
 * How one queued change ended: sent; skipped because the message already shows that text, its post
 * is past EDIT_WINDOW_HOURS, or there is nothing to change (never posted, deleted by admins,
 * retracted); refused (no right to pin); or waiting after a 429 or a failure.
 */
export type ChangeOutcome =
	| "sent"
	| "same-text"
	| "outside-window"
	| "not-changeable"
	| "not-allowed"
	| "rate-limited"
	| "failed";

/** The relay's metrics in their own registry (tests can create several). */
export interface RelayMetrics {
	/** What /metrics serves (a prom-client Registry; a stub when metrics are off). */
	readonly registry: Pick<Registry, "contentType" | "metrics">;
	/** Records one poll outcome. */
	recordPoll(outcome: PollOutcome): void;
	/** Records one delivery attempt and, when delivered, its latency from detection. */
	recordDelivery(platform: Platform, result: DeliveryResult, detectedAt: number, now: number): void;
	/** Records how one queued change (edit, retraction, pin) ended. */
	recordChange(platform: Platform, kind: ChangeKind, outcome: ChangeOutcome): void;
	/** Sets the gauges read at scrape time. */
	setGauges(values: { blogs: number; pendingTargets: number }): void;
}

/** Creates the metrics; `defaults` adds process CPU/memory metrics. */
export function createMetrics(options: { defaults?: boolean } = {}): RelayMetrics {
	const registry = new Registry();
	if (options.defaults) collectDefaultMetrics({ register: registry });
	const polls = new Counter({
		name: "relay_polls_total",
		help: "Blog polls by result (polled, not-modified, failed, skipped)",
		labelNames: ["result"],
		registers: [registry],
	});
	const notModified = new Counter({
		name: "relay_fetch_not_modified_total",
		help: "Polls answered 304 Not Modified",
		registers: [registry],
	});
	const fetchErrors = new Counter({
		name: "relay_fetch_errors_total",
		help: "Failed polls by error code",
		labelNames: ["code"],
		registers: [registry],
	});
	const detected = new Counter({
		name: "relay_entries_detected_total",
		help: "New entries detected",
		registers: [registry],
	});
	const deliveries = new Counter({
		name: "relay_deliveries_total",
		help: "Delivery attempts by platform and outcome (delivered, rate-limited, failed, gone, ...)",
		labelNames: ["platform", "status"],
		registers: [registry],
	});
	const latency = new Histogram({
		name: "relay_delivery_latency_seconds",
		help: "Entry detected → platform accepted",
		labelNames: ["platform"],
		buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
		registers: [registry],
	});
	const changes = new Counter({
		name: "relay_changes_total",
		help: "Changes of posted messages by platform, kind (edit, retract, pin, unpin) and outcome (sent, same-text, outside-window, not-changeable, not-allowed, rate-limited, failed)",
		labelNames: ["platform", "kind", "outcome"],
		registers: [registry],
	});
	const blogs = new Gauge({
		name: "relay_blogs_watched",
		help: "Blogs being watched",
		registers: [registry],
	});
	const queue = new Gauge({
		name: "relay_outbox_targets",
		help: "Targets with pending deliveries (queue depth)",
		registers: [registry],
	});
	return {
		registry,
		recordPoll(outcome) {
			polls.inc({ result: outcome.status });
			if (outcome.status === "not-modified") notModified.inc();
			if (outcome.status === "failed") {
				fetchErrors.inc({ code: (outcome.error as { code?: string }).code ?? "unknown" });
			}
			if (outcome.status === "polled") detected.inc(outcome.added.length);
		},
		recordDelivery(platform, result, detectedAt, now) {
			deliveries.inc({ platform, status: result.status });
			if (result.status === "delivered")
				latency.observe({ platform }, Math.max(0, now - detectedAt) / 1000);
		},
		recordChange(platform, kind, outcome) {
			changes.inc({ platform, kind, outcome });
		},
		setGauges(values) {
			blogs.set(values.blogs);
			queue.set(values.pendingTargets);
		},
	};
}
