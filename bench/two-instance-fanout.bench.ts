/**
 * One entry fanned out to N Telegram chats by TWO bot processes sharing one Redis namespace and one bot
 * token, through the fake Bot API enforcing Telegram's limits (30 msg/s overall in any rolling second,
 * 1 msg/s per chat, 20 msg/min per group) by answering 429. Telegram counts the 30/s per token, so the
 * two instances together must stay at or under it, and should still use at least 95% of it.
 * Target: 28.5 ≤ msg/s ≤ 30, no rolling second over 30 sends, no 429, nothing lost, nothing doubled.
 * Each instance reaches the fake through its own path prefix of a counting proxy, which tells the
 * work split; a Redis sampler watches how far ahead the shared rate slot is booked.
 * By default the instance that polls the blog kicks every target as it enqueues it and so takes every
 * delivery lease (the other instance sends nothing). With SPLIT=1 a third, adapter-less relay fills
 * the outbox instead, so both bots pick targets up on their ticks and really send at the same time.
 * KILL_AT_S=20: SIGKILLs the busier instance that many seconds after the first send, to see how the
 * survivor takes over (rate targets are then reported, not enforced; one repeat per chat is allowed).
 * Run: npm run bench:two-instances   (CHATS=2000 by default: ~10 s of subscribing, ~70 s of fan-out;
 * needs redis-server on 127.0.0.1:6379; LEASE_TTL_MS passes through to the bots)
 */
import { randomUUID } from "node:crypto";
import { createClient } from "@keyv/redis";
import { loadConfig } from "../src/config.js";
import { createRelay } from "../src/relay/relay.js";
import { makeFakeBlog, renderBlog, startLiveblogServer } from "../test/fakes/liveblog-server.js";
import { startFakeTelegram, TELEGRAM_LIMITS } from "../test/fakes/telegram-bot-api.js";
import { makeTempDir, waitFor } from "../test/helpers.js";
import { type BotProcess, spawnBot } from "../test/scale/instance-harness.js";
import { type ProxiedSend, startInstanceProxy } from "./support/two-instance-proxy.js";

const CHATS = Math.max(1, Number(process.env.CHATS ?? 2000) || 2000);
const SPLIT = process.env.SPLIT === "1";
const KILL_AT_S = process.env.KILL_AT_S ? Number(process.env.KILL_AT_S) : undefined;
const REDIS_URL = "redis://127.0.0.1:6379";
const CEILING = TELEGRAM_LIMITS.globalPerSecond;
const TARGET_RATE = CEILING * 0.95;
const SUBSCRIBE_CONCURRENCY = 16;
const INSTANCES = ["i1", "i2"] as const;
const HEADLINE = "Two-instance fan-out entry";
const ENTRY_ID = "fanout";
/** How often the bench reads the shared rate slot in Redis. */
const SAMPLE_MS = 100;
/** Timeline resolution of the per-instance split. */
const BUCKET_MS = 5_000;

// The coordinator's key for the Telegram slot (src/store/coordination.ts: `${prefix}:coord:rate:${name}`).
const READ_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return { now, redis.call('GET', KEYS[1]) or false }`;

type Instance = (typeof INSTANCES)[number];

/** What one bot process said on stderr (pino JSON at LOG_LEVEL=info). */
interface LogTally {
	started: boolean;
	/** "new entries detected": this instance polled the blog when the entry appeared. */
	detected: number;
	/** warn/error lines by message. */
	problems: Map<string, number>;
}

function tallyLogs(bot: BotProcess): LogTally {
	const tally: LogTally = { started: false, detected: 0, problems: new Map() };
	let partial = "";
	bot.child.stderr?.on("data", (chunk: Buffer) => {
		const lines = (partial + chunk.toString("utf8")).split("\n");
		partial = lines.pop() ?? "";
		for (const line of lines) {
			let entry: { level?: number; msg?: string };
			try {
				entry = JSON.parse(line) as { level?: number; msg?: string };
			} catch {
				continue; // Not a pino line (a stack trace continuation, a tsx warning).
			}
			if (entry.msg === "relay started") tally.started = true;
			if (entry.msg === "new entries detected") tally.detected += 1;
			if ((entry.level ?? 0) >= 40) {
				const msg = entry.msg ?? "?";
				tally.problems.set(msg, (tally.problems.get(msg) ?? 0) + 1);
			}
		}
	});
	return tally;
}

/** Most arrivals inside any window (t - 1000, t], the fake's own definition of "one second". */
function maxInRollingSecond(times: readonly number[]): number {
	const sorted = [...times].sort((a, b) => a - b);
	let max = 0;
	let lo = 0;
	for (let hi = 0; hi < sorted.length; hi++) {
		const t = sorted[hi] ?? 0;
		while ((sorted[lo] ?? t) <= t - 1000) lo++;
		max = Math.max(max, hi - lo + 1);
	}
	return max;
}

function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Messages/s between the first and last of `times` (n - 1 intervals), 0 for fewer than two. */
function rateOf(times: readonly number[]): number {
	if (times.length < 2) return 0;
	const first = Math.min(...times);
	const last = Math.max(...times);
	return last > first ? ((times.length - 1) * 1000) / (last - first) : 0;
}

async function stopBot(bot: BotProcess): Promise<void> {
	if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
	bot.child.kill("SIGTERM");
	const killer = setTimeout(() => bot.child.kill("SIGKILL"), 15_000);
	await bot.exited();
	clearTimeout(killer);
}

async function main(): Promise<void> {
	const namespace = `bench2-${randomUUID().slice(0, 8)}`;
	const redis = createClient({ url: REDIS_URL });
	await redis.connect();
	const site = await startLiveblogServer();
	const tg = await startFakeTelegram({ limits: TELEGRAM_LIMITS });
	const proxy = await startInstanceProxy(tg.apiRoot);
	const temp = makeTempDir("two-instance-bench-");
	const bots: BotProcess[] = [];
	try {
		site.setBlog(makeFakeBlog("bench", 5, "Bench live"));
		// SPLIT: the bots must never see the entry themselves, or the one that polls takes every lease;
		// only the next fetch after `reveal` (the seeding relay's) gets it.
		let reveal = false;
		if (SPLIT) {
			site.setHandler("/bench", (_req, res) => {
				const blog = site.blog("bench");
				const shown = reveal
					? blog
					: { ...blog, entries: blog.entries.filter((e) => e.id !== ENTRY_ID) };
				reveal = false;
				res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
				res.end(renderBlog(shown, site.origin));
			});
		}
		const env: Record<string, string> = {
			STORE_URL: REDIS_URL,
			STORE_NAMESPACE: namespace,
			TELEGRAM_BOT_TOKEN: tg.token,
			TELEGRAM_API_ROOT: tg.apiRoot,
			TELEGRAM_WEBHOOK_URL: "https://relay.example/telegram",
			TELEGRAM_WEBHOOK_PORT: "0",
			TELEGRAM_WEBHOOK_HOST: "127.0.0.1",
			POLL_SCHEDULE: "* * * * * *",
			FETCH_TIMEOUT_MS: "5000",
			ALLOW_PRIVATE_NETWORK: "1",
			LOG_LEVEL: "info",
			...(process.env.LEASE_TTL_MS ? { LEASE_TTL_MS: process.env.LEASE_TTL_MS } : {}),
		};

		// Seeding through the core of an adapter-less relay on the same namespace: the bots then find
		// the subscriptions in Redis as if 2,000 chats had sent /subscribe.
		const subscribeStart = performance.now();
		let seededOutcome = "";
		const seeding = await createRelay({
			config: loadConfig({ ...env, LOG_LEVEL: "silent" }, temp.dir),
			adapters: [],
			schedule: false,
			events: {
				onPolled(_blog, outcome) {
					seededOutcome =
						outcome.status === "polled" ? `polled, ${outcome.added.length} new` : outcome.status;
				},
			},
		});
		const ids = Array.from({ length: CHATS }, (_, i) => String(10_000 + i));
		let next = 0;
		let done = 0;
		await Promise.all(
			Array.from({ length: SUBSCRIBE_CONCURRENCY }, async () => {
				while (next < ids.length) {
					const id = ids[next++] ?? "";
					const reply = await seeding.core.commands.subscribe(
						{ platform: "telegram", id },
						site.url("bench"),
						{ canManage: true },
					);
					if (reply.kind !== "subscribed") throw new Error(`subscribe ${id} failed: ${reply.kind}`);
					if (++done % 500 === 0) process.stderr.write(`  subscribed ${done}/${CHATS}\n`);
				}
			}),
		);
		// SPLIT keeps it open: it fills the outbox later (no adapter, so it never takes a delivery lease).
		if (!SPLIT) await seeding.stop();
		const subscribeSeconds = (performance.now() - subscribeStart) / 1000;

		const tallies = new Map<Instance, LogTally>();
		for (const label of INSTANCES) {
			const bot = spawnBot({ ...env, TELEGRAM_API_ROOT: proxy.apiRootFor(label) }, temp.dir);
			bots.push(bot);
			tallies.set(label, tallyLogs(bot));
		}
		await waitFor(
			() => tg.requests.filter((r) => r.method === "setWebhook").length >= 2,
			"both instances registered their webhook",
			30_000,
		);
		// setWebhook comes before the dispatcher and scheduler start; both must be live for a fair split.
		await waitFor(
			() => [...tallies.values()].every((t) => t.started),
			"both relays started",
			15_000,
		);

		// Samples the shared slot: how far ahead of Redis time the next free slot is booked.
		const rateKey = `${namespace}:coord:rate:telegram`;
		const backlog: { at: number; aheadMs: number }[] = [];
		let sampling = true;
		const sampler = (async () => {
			while (sampling) {
				const reply = (await redis.eval(READ_SLOT, { keys: [rateKey], arguments: [] })) as [
					number,
					string | null,
				];
				const aheadMs = reply[1] === null ? 0 : Math.max(0, Number(reply[1]) - reply[0]);
				backlog.push({ at: performance.now(), aheadMs });
				await new Promise((r) => setTimeout(r, SAMPLE_MS));
			}
		})();

		site.addEntry("bench", { id: ENTRY_ID, headline: HEADLINE });
		let entryAddedAt = performance.now();
		if (SPLIT) {
			// Mid-second, between the bots' cron ticks, so no bot poll is in flight to take the reveal.
			await new Promise((r) => setTimeout(r, 1_500 - (Date.now() % 1_000)));
			entryAddedAt = performance.now();
			reveal = true;
			await seeding.pollAll();
			if (seededOutcome !== "polled, 1 new")
				throw new Error(`the seeding relay did not enqueue the entry (${seededOutcome})`);
		}
		const isFanout = (text: string) => text.includes(HEADLINE);
		const deliveredChats = () =>
			new Set(tg.sent.filter((m) => isFanout(m.text)).map((m) => m.chat_id)).size;
		let killed: { label: Instance; at: number } | undefined;
		const killing =
			KILL_AT_S === undefined
				? Promise.resolve()
				: (async () => {
						await waitFor(() => tg.sent.some((m) => isFanout(m.text)), "the first send", 30_000);
						await new Promise((r) => setTimeout(r, KILL_AT_S * 1_000));
						const sentBy = (label: Instance) =>
							proxy.sends.filter((x) => x.instance === label && x.status === 200).length;
						const label = sentBy("i1") >= sentBy("i2") ? "i1" : "i2";
						bots[INSTANCES.indexOf(label)]?.child.kill("SIGKILL");
						killed = { label, at: performance.now() };
					})();
		let timedOut = false;
		try {
			await waitFor(
				() => deliveredChats() >= CHATS,
				`all ${CHATS} chats delivered`,
				60_000 + (CHATS / TARGET_RATE) * 2_000,
			);
		} catch (error) {
			timedOut = true;
			process.stderr.write(`${(error as Error).message}\n`);
		}
		await killing;
		// Late repeats (a second sender after a lease lapse) would land now.
		await new Promise((r) => setTimeout(r, 3_000));
		sampling = false;
		await sampler;

		const delivered = tg.sent.filter((m) => isFanout(m.text));
		const perChat = new Map<string, number>();
		for (const m of delivered) perChat.set(m.chat_id, (perChat.get(m.chat_id) ?? 0) + 1);
		const lost = ids.filter((id) => !perChat.has(id)).length;
		const doubled = [...perChat.values()].filter((n) => n > 1).length;
		const times = delivered.map((m) => m.at);
		const first = Math.min(...times);
		const last = Math.max(...times);
		const spanSeconds = (last - first) / 1000;
		const rate = rateOf(times);
		// Attempts include the ones the fake refused with 429: the real measure of overshoot.
		const attempts = tg.requests.filter((r) => r.method === "sendMessage" && r.at >= first - 1);
		const maxAccepted = maxInRollingSecond(times);
		const maxAttempted = maxInRollingSecond(attempts.map((r) => r.at));
		const gaps = times
			.slice()
			.sort((a, b) => a - b)
			.flatMap((t, i, all) => (i === 0 ? [] : [t - (all[i - 1] ?? t)]));

		// Per instance: the proxy saw every sendMessage with the fake's answer and message_id.
		const byMessageId = new Map(delivered.map((m) => [m.message_id, m]));
		const split = INSTANCES.map((label) => {
			const mine = proxy.sends.filter((s: ProxiedSend) => s.instance === label);
			const accepted = mine.filter(
				(s) => s.messageId !== undefined && byMessageId.has(s.messageId),
			);
			const arrivals = accepted.flatMap((s) => {
				const m = byMessageId.get(s.messageId ?? -1);
				return m ? [m.at] : [];
			});
			return {
				label,
				accepted: accepted.length,
				rejected429: mine.filter((s) => s.status === 429).length,
				rate: rateOf(arrivals),
				from: arrivals.length ? (Math.min(...arrivals) - first) / 1000 : Number.NaN,
				to: arrivals.length ? (Math.max(...arrivals) - first) / 1000 : Number.NaN,
				arrivals,
				detected: tallies.get(label)?.detected ?? 0,
				problems: tallies.get(label)?.problems ?? new Map<string, number>(),
			};
		});
		const busy = backlog.filter((b) => b.at >= first && b.at <= last).map((b) => b.aheadMs);

		if (SPLIT) await seeding.stop();

		const ok = killed
			? !timedOut && lost === 0 && Math.max(0, ...perChat.values()) <= 2
			: !timedOut &&
				rate >= TARGET_RATE &&
				rate <= CEILING &&
				maxAttempted <= CEILING &&
				tg.rateLimited === 0 &&
				lost === 0 &&
				doubled === 0;
		const rows: [string, string][] = [
			["chats", String(CHATS)],
			[
				"outbox filled by",
				SPLIT ? "a third relay (SPLIT=1: both bots send)" : "whichever bot polled the entry",
			],
			["store", `${REDIS_URL} namespace ${namespace}`],
			["lease TTL (ms)", process.env.LEASE_TTL_MS ?? "15000 (default)"],
			[
				"killed",
				killed
					? `${killed.label} (SIGKILL) at ${((killed.at - first) / 1000).toFixed(2)} s`
					: "none",
			],
			["subscribe (core, s)", subscribeSeconds.toFixed(1)],
			["delivered", `${delivered.length} to ${perChat.size} chats`],
			["entry added→first sendMessage (s)", ((first - entryAddedAt) / 1000).toFixed(2)],
			["first→last sendMessage (s)", spanSeconds.toFixed(2)],
			["messages/s", `${rate.toFixed(2)} (target ${TARGET_RATE}–${CEILING})`],
			["max accepted in a rolling 1 s", `${maxAccepted} (≤ ${CEILING})`],
			["max attempted in a rolling 1 s", `${maxAttempted} (≤ ${CEILING}, 429s included)`],
			[
				"gap between sends p50/p90/p99 (ms)",
				[50, 90, 99].map((p) => percentile(gaps, p).toFixed(1)).join(" / "),
			],
			[
				"slot booked ahead p50/max (s)",
				`${(percentile(busy, 50) / 1000).toFixed(2)} / ${(Math.max(0, ...busy) / 1000).toFixed(2)}`,
			],
			["429 answers", String(tg.rateLimited)],
			["lost", String(lost)],
			["doubled", String(doubled)],
		];
		for (const s of split) {
			rows.push([
				`${s.label}: sent / 429 / msg/s`,
				`${s.accepted} (${((100 * s.accepted) / Math.max(1, delivered.length)).toFixed(1)}%) / ${s.rejected429} / ${s.rate.toFixed(2)}`,
			]);
			rows.push([
				`${s.label}: active (s from first send)`,
				Number.isNaN(s.from) ? "never sent" : `${s.from.toFixed(2)} → ${s.to.toFixed(2)}`,
			]);
			rows.push([`${s.label}: polled the entry`, s.detected > 0 ? "yes" : "no"]);
			for (const [msg, n] of s.problems) rows.push([`${s.label}: warn/error`, `${n} × ${msg}`]);
		}
		rows.push(["result", ok ? "PASS" : "FAIL"]);
		const width = Math.max(...rows.map(([k]) => k.length));
		console.log(
			"\nTwo-instance Telegram fan-out (one Redis, one token, fake Bot API at Telegram limits)",
		);
		for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);

		// Where the sends of each instance fell, so a split (or an overshoot) can be read off in time.
		console.log(`\n  sends per ${BUCKET_MS / 1000} s   ${INSTANCES.join("   ")}   slot ahead (s)`);
		for (let start = first; start <= last; start += BUCKET_MS) {
			const inBucket = (t: number) => t >= start && t < start + BUCKET_MS;
			const counts = split.map((s) => String(s.arrivals.filter(inBucket).length).padStart(4));
			const ahead = backlog.filter((b) => inBucket(b.at)).map((b) => b.aheadMs);
			const label = `${((start - first) / 1000).toFixed(0).padStart(4)} s`;
			console.log(
				`  ${label}          ${counts.join("  ")}   ${(Math.max(0, ...ahead) / 1000).toFixed(2)}`,
			);
		}

		// Each 429 with the second before it: who had sent the 30 that filled Telegram's window.
		const refused = proxy.sends.filter((s) => s.status === 429).slice(0, 20);
		if (refused.length > 0)
			console.log("\n  429s (s from first send): sender; the 30 accepted before it");
		for (const r of refused) {
			const request = tg.requests
				.filter((q) => q.errorCode === 429 && String(q.payload.chat_id) === r.chatId)
				.sort((a, b) => Math.abs(a.at - r.at) - Math.abs(b.at - r.at))[0];
			const t = request?.at ?? r.at;
			const window = split.map((s) => s.arrivals.filter((a) => a > t - 1000 && a <= t));
			const oldest = Math.min(...window.flat());
			console.log(
				`  ${((t - first) / 1000).toFixed(3).padStart(8)}  ${r.instance}; ${split
					.map((s, i) => `${s.label} ${window[i]?.length ?? 0}`)
					.join(" + ")} within the last ${(t - oldest).toFixed(1)} ms`,
			);
		}
		process.exitCode = ok ? 0 : 1;
	} finally {
		await Promise.all(bots.map(stopBot));
		await proxy.close();
		await tg.close();
		await site.close();
		// A unique namespace per run: leave nothing of it behind in the shared Redis.
		for await (const keys of redis.scanIterator({ MATCH: `${namespace}:*`, COUNT: 1_000 })) {
			if (keys.length > 0) await redis.del(keys);
		}
		await redis.quit();
		temp.cleanup();
	}
}

await main();
