/**
 * A counting pass-through in front of the fake Bot API: each bot instance gets its own path prefix
 * (`<root>/<label>`), so the bench can tell which process sent what. The fake itself routes only
 * `/bot<token>/<method>` and cannot see the sending process.
 */
import {
	Agent,
	createServer,
	type IncomingMessage,
	request,
	type Server,
	type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** One sendMessage as it passed the proxy, with the fake's answer. */
export interface ProxiedSend {
	/** The instance label (path prefix) it came from. */
	instance: string;
	chatId: string;
	/** performance.now() when the request reached the proxy. */
	at: number;
	/** HTTP status the fake answered (429 when it enforced a limit). */
	status: number;
	/** The fake's message_id when accepted, to join with its `sent` list. */
	messageId: number | undefined;
}

/** The running proxy. */
export interface InstanceProxy {
	/** TELEGRAM_API_ROOT for the instance with this label. */
	apiRootFor(label: string): string;
	/** Every sendMessage that went through, in arrival order. */
	readonly sends: readonly ProxiedSend[];
	/** Requests per instance and Bot API method (setWebhook, getMe, sendMessage, …). */
	calls(label: string, method: string): number;
	close(): Promise<void>;
}

const ROUTE = /^\/([A-Za-z0-9_-]+)(\/bot[^/]+\/([A-Za-z]+).*)$/;

/** Starts the proxy on 127.0.0.1 and a free port, forwarding to `upstreamRoot` (the fake's apiRoot). */
export async function startInstanceProxy(upstreamRoot: string): Promise<InstanceProxy> {
	const upstream = new URL(upstreamRoot);
	// Keep-alive both ways, so the proxy adds one loopback hop and no connection set-up per send.
	const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
	const sends: ProxiedSend[] = [];
	const counts = new Map<string, number>();

	function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, at: number): void {
		const route = ROUTE.exec(req.url ?? "");
		if (!route) {
			res.writeHead(404, { "content-type": "application/json" });
			res.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
			return;
		}
		const [, label = "", rest = "", method = ""] = route;
		counts.set(`${label}|${method}`, (counts.get(`${label}|${method}`) ?? 0) + 1);
		const upstreamReq = request(
			{
				host: upstream.hostname,
				port: upstream.port,
				method: req.method,
				path: rest,
				headers: { ...req.headers, host: upstream.host },
				agent,
			},
			(upstreamRes) => {
				const chunks: Buffer[] = [];
				upstreamRes.on("data", (chunk: Buffer) => chunks.push(chunk));
				upstreamRes.on("end", () => {
					const answer = Buffer.concat(chunks);
					if (method === "sendMessage") record(label, body, at, upstreamRes.statusCode, answer);
					if (res.destroyed) return;
					res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
					res.end(answer);
				});
			},
		);
		upstreamReq.on("error", () => {
			// The fake closed (end of the run) or cut the connection: the bot sees what Telegram would.
			res.destroy();
		});
		// A bot that gives up (shutdown, timeout) must not leave a request the fake still answers.
		res.on("close", () => {
			if (!res.writableFinished) upstreamReq.destroy();
		});
		upstreamReq.end(body);
	}

	function record(
		instance: string,
		body: Buffer,
		at: number,
		status: number | undefined,
		answer: Buffer,
	): void {
		let chatId = "";
		let messageId: number | undefined;
		try {
			chatId = String((JSON.parse(body.toString("utf8")) as { chat_id?: unknown }).chat_id ?? "");
			const parsed = JSON.parse(answer.toString("utf8")) as { result?: { message_id?: number } };
			messageId = parsed.result?.message_id;
		} catch {
			// A body the bench cannot read still counts as a send; only the join by id is lost.
		}
		sends.push({ instance, chatId, at, status: status ?? 0, messageId });
	}

	const server: Server = createServer((req, res) => {
		const at = performance.now();
		const chunks: Buffer[] = [];
		req.on("data", (chunk: Buffer) => chunks.push(chunk));
		req.on("end", () => forward(req, res, Buffer.concat(chunks), at));
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		apiRootFor: (label) => `${root}/${label}`,
		sends,
		calls: (label, method) => counts.get(`${label}|${method}`) ?? 0,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
				agent.destroy();
			}),
	};
}
