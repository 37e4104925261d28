import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { createTelegramAdapter } from "../../adapters/telegram/index.js";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram-bot-api.js";
import { makeConfig, makeTempDir } from "../helpers.js";
import { telegramAdapterOn } from "../telegram-harness.js";

describe("Telegram webhook mode and notices", () => {
	let tg: FakeTelegram;
	let site: LiveblogServer;
	let relay: Relay;
	let tmp: { dir: string; cleanup: () => void };
	let adapter: ReturnType<typeof createTelegramAdapter>;

	beforeEach(async () => {
		tg = await startFakeTelegram();
		site = await startLiveblogServer();
		site.setBlog(makeFakeBlog("news", 2, "News live"));
		tmp = makeTempDir();
		const config = makeConfig(
			{
				TELEGRAM_BOT_TOKEN: tg.token,
				TELEGRAM_API_ROOT: tg.apiRoot,
				TELEGRAM_WEBHOOK_URL: "https://relay.example/telegram",
				TELEGRAM_WEBHOOK_PORT: "0",
				TELEGRAM_WEBHOOK_HOST: "127.0.0.1",
				TELEGRAM_WEBHOOK_SECRET: "s3cret-token",
			},
			tmp.dir,
		);
		if (!config.telegram.webhook) throw new Error("webhook config missing");
		adapter = telegramAdapterOn(tg, { webhook: config.telegram.webhook });
		relay = await createRelay({ config, adapters: [adapter], schedule: false });
		await relay.start();
	});
	afterEach(async () => {
		await relay.stop();
		await tg.close();
		await site.close();
		tmp.cleanup();
	});

	function postUpdate(text: string, secret: string) {
		return fetch(`http://127.0.0.1:${adapter.webhookPort}/`, {
			method: "POST",
			headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
			body: JSON.stringify({
				update_id: 1,
				message: {
					message_id: 1,
					date: 1_726_000_000,
					chat: { id: 4242, type: "private", first_name: "Ann" },
					from: { id: 4242, is_bot: false, first_name: "Ann" },
					text,
					entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 0 }],
				},
			}),
		});
	}

	it("registers the webhook with its secret instead of long polling", () => {
		const setWebhook = tg.requests.find((r) => r.method === "setWebhook");
		expect(setWebhook?.payload).toMatchObject({
			url: "https://relay.example/telegram",
			secret_token: "s3cret-token",
		});
		expect(tg.requests.some((r) => r.method === "getUpdates")).toBe(false);
	});

	it("handles commands that arrive by webhook", async () => {
		const res = await postUpdate(`/subscribe ${site.url("news")}`, "s3cret-token");
		expect(res.status).toBe(200);
		const reply = await tg.waitForMessage((m) => m.chat_id === "4242");
		expect(reply.text).toContain("News live");
	});

	it("refuses updates without the secret", async () => {
		const res = await postUpdate("/help", "wrong");
		expect(res.status).toBe(401);
		expect(tg.sent).toEqual([]);
	});

	it("tells subscribers when a blog has ended, escaped", async () => {
		const reply = await relay.core.commands.subscribe(
			{ platform: "telegram", id: "77" },
			site.url("news"),
			{ canManage: true },
		);
		expect(reply.kind).toBe("subscribed");
		const posted = await adapter.postNotice?.(
			{ platform: "telegram", id: "77" },
			{ kind: "blog-ended", blogUrl: site.url("news"), blogTitle: "A <b> & C" },
		);
		expect(posted?.status).toBe("delivered");
		expect(tg.sentTo("77").at(-1)?.text).toBe(
			"ℹ️ The live blog “A &lt;b&gt; &amp; C” has ended, so I've stopped following it here.",
		);
	});
});
