/** Telegram webhook mode: a node:http server that feeds updates to grammY, for several instances behind a load balancer. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import type { Logger } from "../../src/index.js";

/** Where Telegram sends updates and where we listen for them. */
export interface TelegramWebhookOptions {
	/** Public HTTPS URL Telegram posts updates to (TELEGRAM_WEBHOOK_URL). */
	url: string;
	/** Local port to listen on. */
	port: number;
	host: string;
	/** Sent by Telegram in X-Telegram-Bot-Api-Secret-Token; requests without it are refused. */
	secretToken: string;
}

/** A running webhook receiver. */
export interface WebhookServer {
	readonly port: number;
	close(): Promise<void>;
}

/** Registers the webhook with Telegram and starts receiving updates on host:port. */
export async function startWebhook(
	bot: Bot,
	options: TelegramWebhookOptions,
	allowedUpdates: readonly ("message" | "channel_post" | "my_chat_member" | "callback_query")[],
	log: Logger,
): Promise<WebhookServer> {
	// grammY answers 401 itself when the secret header is wrong or missing.
	const handle = webhookCallback(bot, "http", {
		secretToken: options.secretToken,
		onTimeout: "return",
		timeoutMilliseconds: 9_000,
	});
	const server: Server = createServer((req, res) => {
		if (req.method !== "POST") {
			res.writeHead(405, { allow: "POST" }).end();
			return;
		}
		handle(req, res).catch((error: unknown) => {
			log.error({ err: error }, "Telegram webhook request failed");
			if (!res.headersSent) res.writeHead(500).end();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(options.port, options.host, () => resolve());
	});
	await bot.api.setWebhook(options.url, {
		secret_token: options.secretToken,
		allowed_updates: [...allowedUpdates],
		drop_pending_updates: false,
	});
	const port = (server.address() as AddressInfo).port;
	log.info({ port, url: options.url }, "Telegram webhook registered");
	return {
		port,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
