/**
 * Two bot processes on one real Redis behind a shared Telegram (webhook mode), one SIGKILLed mid-run:
 * every entry reaches every chat once, each blog is polled by one instance at a time, and the survivor
 * takes over within the lease time.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createRelay } from "../../src/relay/relay.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	renderBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram-bot-api.js";
import { makeTempDir, waitFor } from "../helpers.js";
import { type BotProcess, spawnBot } from "./instance-harness.js";

const LEASE_TTL_MS = 3_000;
const CHATS = Array.from({ length: 6 }, (_, i) => String(7000 + i));
const BLOGS = ["alpha", "beta"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("two instances on one Redis", () => {
	let site: LiveblogServer;
	let telegram: FakeTelegram;
	let tmp: { dir: string; cleanup: () => void };
	const polls = new Map<string, { start: number; end: number }[]>();
	const bots: BotProcess[] = [];
	const published: string[] = [];
	let killedAt = 0;

	beforeAll(async () => {
		site = await startLiveblogServer();
		telegram = await startFakeTelegram();
		tmp = makeTempDir("relay-two-");
		for (const slug of BLOGS) {
			site.setBlog(makeFakeBlog(slug, 2, `Live ${slug}`));
			polls.set(slug, []);
			// A slow site: overlapping polls of one blog would show up as overlapping intervals.
			site.setHandler(`/${slug}`, (_req, res) => {
				const record = { start: Date.now(), end: 0 };
				polls.get(slug)?.push(record);
				setTimeout(() => {
					record.end = Date.now();
					res
						.writeHead(200, { "content-type": "text/html" })
						.end(renderBlog(site.blog(slug), site.origin));
				}, 150);
			});
		}
		const env = {
			STORE_URL: "redis://127.0.0.1:6379",
			STORE_NAMESPACE: `two-${randomUUID().slice(0, 8)}`,
			TELEGRAM_BOT_TOKEN: telegram.token,
			TELEGRAM_API_ROOT: telegram.apiRoot,
			TELEGRAM_WEBHOOK_URL: "https://relay.example/telegram",
			TELEGRAM_WEBHOOK_PORT: "0",
			TELEGRAM_WEBHOOK_HOST: "127.0.0.1",
			POLL_SCHEDULE: "* * * * * *",
			LEASE_TTL_MS: String(LEASE_TTL_MS),
			FETCH_TIMEOUT_MS: "2000",
			ALLOW_PRIVATE_NETWORK: "1",
			LOG_LEVEL: "warn",
		};
		const seeding = await createRelay({
			config: loadConfig(env, tmp.dir),
			adapters: [],
			schedule: false,
		});
		for (const chat of CHATS) {
			for (const slug of BLOGS) {
				const reply = await seeding.core.commands.subscribe(
					{ platform: "telegram", id: chat },
					site.url(slug),
					{
						canManage: true,
					},
				);
				if (reply.kind !== "subscribed") throw new Error(reply.error.message);
			}
		}
		await seeding.stop();

		bots.push(spawnBot(env, tmp.dir), spawnBot(env, tmp.dir));
		await waitFor(
			() => telegram.requests.filter((r) => r.method === "setWebhook").length >= 2,
			"both instances up",
			20_000,
		);
		const publishOne = () => {
			const n = published.length + 1;
			const slug = BLOGS[n % 2] ?? "alpha";
			site.addEntry(slug, { id: `${slug}-${n}`, headline: `Entry ${n}` });
			published.push(`${slug}-${n}`);
		};
		for (let i = 0; i < 6; i++) {
			publishOne();
			await sleep(700);
		}
		bots[0]?.child.kill("SIGKILL");
		await bots[0]?.exited();
		killedAt = Date.now();
		for (let i = 0; i < 6; i++) {
			publishOne();
			await sleep(700);
		}
		const expected = published.length * CHATS.length;
		const delivered = () =>
			new Set(telegram.sent.map((m) => `${m.chat_id}|${/#([^"]+)"/.exec(m.text)?.[1]}`)).size;
		await waitFor(() => delivered() >= expected, `all ${expected} deliveries`, 45_000);
		await sleep(1_500);
	}, 120_000);

	afterAll(async () => {
		for (const bot of bots) {
			bot.child.kill("SIGTERM");
			await bot.exited();
		}
		await telegram.close();
		await site.close();
		tmp.cleanup();
	});

	it("delivers every entry to every chat, repeating at most the message in flight at the kill", () => {
		const counts = new Map<string, number>();
		for (const m of telegram.sent) {
			const entry = /#([^"]+)"/.exec(m.text)?.[1];
			if (entry && published.includes(entry))
				counts.set(`${m.chat_id}|${entry}`, (counts.get(`${m.chat_id}|${entry}`) ?? 0) + 1);
		}
		const missing = CHATS.flatMap((c) =>
			published.filter((e) => !counts.has(`${c}|${e}`)).map((e) => `${c}|${e}`),
		);
		expect(missing).toEqual([]);
		const repeatsPerChat = new Map<string, number>();
		for (const [key, n] of counts) {
			const chat = key.split("|")[0] ?? "";
			if (n > 1) repeatsPerChat.set(chat, (repeatsPerChat.get(chat) ?? 0) + n - 1);
		}
		expect(Math.max(0, ...repeatsPerChat.values())).toBeLessThanOrEqual(1);
	});

	it("polls each blog from one instance at a time, about once per tick", () => {
		for (const slug of BLOGS) {
			const list = (polls.get(slug) ?? [])
				.filter((p) => p.end > 0)
				.sort((a, b) => a.start - b.start);
			expect(list.length).toBeGreaterThan(5);
			for (let i = 1; i < list.length; i++) {
				const previous = list[i - 1];
				const current = list[i];
				if (!previous || !current) continue;
				expect(current.start, `${slug} polls overlap`).toBeGreaterThanOrEqual(previous.end);
			}
			const span = ((list.at(-1)?.start ?? 0) - (list[0]?.start ?? 0)) / 1000;
			expect(list.length).toBeLessThanOrEqual(Math.ceil(span) + 3);
		}
	});

	it("lets the survivor take over polling within the lease time", () => {
		for (const slug of BLOGS) {
			const starts = (polls.get(slug) ?? []).map((p) => p.start).sort((a, b) => a - b);
			const before = starts.filter((t) => t < killedAt).at(-1) ?? killedAt;
			const after = starts.find((t) => t >= killedAt);
			expect(after, `${slug} polled after the kill`).toBeDefined();
			expect((after ?? Number.POSITIVE_INFINITY) - before).toBeLessThanOrEqual(
				LEASE_TTL_MS + 2_000,
			);
		}
	});
});
