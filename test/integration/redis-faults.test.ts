/**
 * Redis faults through the real grammY client and the fake Bot API, on a Redis of the test's own:
 * out of memory (maxmemory 1, noeviction: every write is refused), frozen (CLIENT PAUSE) and down
 * (SIGKILL). No delivery repeats, /healthz answers 503 at once, commands answer "try again later".
 */

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { type HealthServer, startHealthServer } from "../../src/observe/health-server.js";
import { createRelay } from "../../src/relay/relay.js";
import type { Relay } from "../../src/relay/relay-api.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import {
	type FakeTelegram,
	privateChat,
	type SentMessage,
	startFakeTelegram,
	user,
} from "../fakes/telegram-bot-api.js";
import { MemoryStream, makeConfig, waitFor } from "../helpers.js";
import { type OwnRedis, startOwnRedis } from "../own-redis.js";
import { telegramAdapterOn } from "../telegram-harness.js";

let site: LiveblogServer;
let tg: FakeTelegram;
let redis: OwnRedis;
let relay: Relay;
let health: HealthServer;
let logs: MemoryStream;

beforeEach(async () => {
	site = await startLiveblogServer();
	site.setBlog(makeFakeBlog("storm", 3, "Storm live"));
	tg = await startFakeTelegram();
	redis = await startOwnRedis();
	logs = new MemoryStream();
	const config = makeConfig({
		TELEGRAM_BOT_TOKEN: tg.token,
		TELEGRAM_API_ROOT: tg.apiRoot,
		STORE_URL: redis.url,
		// Commands wait this long for a frozen store before answering "try again later".
		STORE_TIMEOUT_MS: "1500",
	});
	relay = await createRelay({
		config,
		adapters: [telegramAdapterOn(tg)],
		schedule: false,
		log: createLogger("info", { stream: logs }),
	});
	await relay.start();
	health = await startHealthServer({
		port: 0,
		host: "127.0.0.1",
		check: () => relay.health(),
		metrics: relay.metrics,
	});
});

afterEach(async () => {
	tg.releaseAll();
	await health.close();
	await relay.stop();
	await redis.kill();
	await tg.close();
	await site.close();
});

function logCount(pattern: RegExp): number {
	return logs.text
		.split("\n")
		.filter(Boolean)
		.filter((line) => pattern.test(String((JSON.parse(line) as { msg?: unknown }).msg))).length;
}

function entriesTo(chatId: number, headline: string): number {
	return tg.sentTo(chatId).filter((m) => m.text.includes(headline)).length;
}

async function healthz(): Promise<{ status: number; body: { checks: Record<string, string> } }> {
	const res = await fetch(`http://127.0.0.1:${health.port}/healthz`);
	return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
}

/** Sends a command as a user in a private chat and resolves with the bot's next message there. */
async function ask(chatId: number, text: string): Promise<SentMessage> {
	const before = tg.sentTo(chatId).length;
	tg.sendText(privateChat(chatId), user(chatId), text);
	await tg.waitFor(() => tg.sentTo(chatId).length > before, 15_000);
	return tg.sentTo(chatId)[before] as SentMessage;
}

const chats = [privateChat(4101), privateChat(4102), privateChat(4103)];

describe("Redis out of memory during a fan-out", () => {
	it("repeats nothing: the sent entries are recorded once Redis takes writes again", async () => {
		for (const chat of chats) {
			const reply = await relay.core.commands.subscribe(
				{ platform: "telegram", id: String(chat.id) },
				site.url("storm"),
				{ canManage: true },
			);
			expect(reply.kind).toBe("subscribed");
		}
		const release = tg.hold("sendMessage", () => true);
		site.addEntry("storm", { id: "n1", headline: "First news" });
		site.addEntry("storm", { id: "n2", headline: "Second news" });
		await relay.pollAll();
		await tg.waitFor(() => tg.requests.filter((r) => r.method === "sendMessage").length === 3);
		expect(await redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction")).toBe("+OK");
		expect(await redis.command("CONFIG", "SET", "maxmemory", "1")).toBe("+OK");
		release();

		await waitFor(
			() => logCount(/store failing: delivery paused/) >= 2,
			"the pause and a failed probe",
			30_000,
		);
		for (const chat of chats) {
			expect(entriesTo(chat.id, "First news")).toBe(1);
			expect(entriesTo(chat.id, "Second news")).toBe(0);
		}
		const during = await healthz();
		expect(during.status).toBe(503);
		expect(during.body.checks.store).toMatch(/^failing since .*OOM.*delivery paused/);

		expect(await redis.command("CONFIG", "SET", "maxmemory", "0")).toBe("+OK");
		await relay.idle();
		for (const chat of chats) {
			expect(entriesTo(chat.id, "First news")).toBe(1);
			expect(entriesTo(chat.id, "Second news")).toBe(1);
		}
		expect(logCount(/recorded a delivery that was sent while the store failed/)).toBe(3);
	}, 90_000);
});

describe("Redis frozen or down", () => {
	it("answers /healthz with 503 at once and commands with 'try again later' while Redis is frozen", async () => {
		expect((await healthz()).status).toBe(200);
		// Frozen long enough for both requests; the pause ends by itself.
		expect(await redis.command("CLIENT", "PAUSE", "6000", "ALL")).toBe("+OK");
		const frozen = await healthz();
		expect(frozen.status).toBe(503);
		expect(frozen.body.checks.store).toMatch(/^failing: .*gave no answer within 400 ms/);
		const reply = await ask(4201, "/list");
		expect(reply.text).toContain("please try again later");
	}, 60_000);

	it("answers /healthz with 503 and commands with 'try again later' when Redis is down", async () => {
		await redis.kill();
		const down = await healthz();
		expect(down.status).toBe(503);
		expect(down.body.checks.store).toMatch(/^failing: Redis store /);
		const reply = await ask(4202, "/list");
		expect(reply.text).toContain("please try again later");
	}, 60_000);
});
