/** HTTP endpoint for operators: / (status page), /healthz (store and platforms), /metrics (Prometheus). */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { withTimeout } from "../store/with-timeout.js";
import type { RelayMetrics } from "./metrics.js";
import { mayReadStatus } from "./status-access.js";
import { renderStatusPage, STATUS_PAGE_HEADERS } from "./status-page.js";
import type { StatusSnapshot } from "./status-snapshot.js";

/** /healthz answers within this even when the check hangs (a frozen store): a probe must not wait. */
export const HEALTH_ANSWER_MS = 900;

/** The status page answers within this, or with 500 (a frozen store). */
const STATUS_ANSWER_MS = 5_000;

/** Result of a health check: overall and per component. */
export interface HealthReport {
	ok: boolean;
	checks: Record<string, "ok" | string>;
}

/** A running health server. */
export interface HealthServer {
	readonly port: number;
	close(): Promise<void>;
}

/** Serves / (the status page, when `status` is given), /healthz (200 or 503 JSON) and /metrics. */
export async function startHealthServer(options: {
	port: number;
	host: string;
	check: () => Promise<HealthReport>;
	metrics: RelayMetrics;
	/** The status page at /: how to read it and the token it asks for (undefined = none). */
	status?: { read: () => Promise<StatusSnapshot>; token: string | undefined };
	/** Refreshes gauges before a scrape. */
	beforeScrape?: () => Promise<void>;
	/** Told about failures that do not change the answer (a gauge refresh that hung). */
	onError?: (error: unknown) => void;
	/** Longest wait for check() before answering 503 (default HEALTH_ANSWER_MS). */
	answerWithinMs?: number;
}): Promise<HealthServer> {
	const within = options.answerWithinMs ?? HEALTH_ANSWER_MS;
	const late = (what: string) => () => new Error(`${what} gave no answer within ${within} ms`);
	const server: Server = createServer((req, res) => {
		const path = (req.url ?? "/").split("?")[0];
		const reply = async () => {
			if (path === "/healthz") {
				const report = await withTimeout(options.check(), within, late("the health check")).catch(
					(error: unknown): HealthReport => ({
						ok: false,
						checks: { health: `failing: ${(error as Error)?.message ?? error}` },
					}),
				);
				res.writeHead(report.ok ? 200 : 503, { "content-type": "application/json" });
				res.end(JSON.stringify(report));
			} else if (path === "/metrics") {
				if (options.beforeScrape) {
					// Stale gauges beat no metrics: a refresh that hangs goes to onError, the scrape goes on.
					await withTimeout(options.beforeScrape(), within, late("refreshing the gauges")).catch(
						(error: unknown) => {
							options.onError?.(error);
						},
					);
				}
				res.writeHead(200, { "content-type": options.metrics.registry.contentType });
				res.end(await options.metrics.registry.metrics());
			} else if (path === "/" && options.status && req.method === "GET") {
				if (!mayReadStatus(req, options.status.token)) {
					res.writeHead(401, { "content-type": "text/plain", "www-authenticate": "Bearer" });
					res.end(
						"The status page needs STATUS_TOKEN: Authorization: Bearer <token> or ?token=<token>\n",
					);
					return;
				}
				// A page may wait longer than a probe: it reads every listed blog, and a person is waiting.
				const snapshot = await withTimeout(
					options.status.read(),
					STATUS_ANSWER_MS,
					() => new Error(`reading the status gave no answer within ${STATUS_ANSWER_MS} ms`),
				);
				res.writeHead(200, STATUS_PAGE_HEADERS);
				res.end(renderStatusPage(snapshot));
			} else {
				res.writeHead(404, { "content-type": "text/plain" });
				res.end(`not found: try ${options.status ? "/, " : ""}/healthz or /metrics\n`);
			}
		};
		reply().catch((error: unknown) => {
			res.writeHead(500, { "content-type": "text/plain" });
			res.end(`health endpoint failed: ${(error as Error)?.message ?? error}\n`);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(options.port, options.host, () => resolve());
	});
	return {
		port: (server.address() as AddressInfo).port,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
