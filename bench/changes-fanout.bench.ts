/**
 * Changes at scale: N Telegram chats (default 2,000) follow one blog whose 4 posted entries are
 * edited 20 times while 5 new entries appear, all within a minute, through the fake Bot API, which
 * enforces Telegram's limits (30 msg/s overall, 1 msg/s per chat, 20 msg/min per group) by answering 429.
 * Checks: new entries reach every chat before any edit queued after them (an edit never delays
 * news), every chat ends showing every entry's last text, no 429, nothing lost or doubled.
 * Reports the time from the first change to the last edit.
 * Run: npx tsx bench/changes-fanout.bench.ts [chats]   (2,000 chats: about 20 minutes at 30 msg/s;
 * 100 chats: about a minute)
 */
import { createTelegramAdapter } from "../adapters/telegram/index.js";
import { loadConfig } from "../src/config.js";
import { createSilentLogger } from "../src/log.js";
import { createRelay } from "../src/relay/relay.js";
import { makeFakeBlog, startLiveblogServer } from "../test/fakes/liveblog-server.js";
import { startFakeTelegram, TELEGRAM_LIMITS } from "../test/fakes/telegram-bot-api.js";
import { makeTempDir } from "../test/helpers.js";

const CHATS = Math.max(1, Number(process.argv[2] ?? 2000) || 2000);
const EDITED_ENTRIES = 4;
const EDITS = 20;
const NEW_ENTRIES = 5;
/** The changes are spread over this long (one poll after each). */
const CHANGE_WINDOW_MS = 60_000;
const SUBSCRIBE_CONCURRENCY = 16;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
	const site = await startLiveblogServer();
	const tg = await startFakeTelegram({ limits: TELEGRAM_LIMITS });
	const temp = makeTempDir("changes-bench-");
	site.setBlog(makeFakeBlog("bench", 3, "Bench live"));
	const config = loadConfig({
		STORE_URL: `sqlite://${temp.dir}/bench.sqlite`,
		ALLOW_PRIVATE_NETWORK: "1",
		TELEGRAM_BOT_TOKEN: tg.token,
		TELEGRAM_API_ROOT: tg.apiRoot,
		LOG_LEVEL: "silent",
	});
	const log = createSilentLogger();
	const adapter = createTelegramAdapter({ token: tg.token, apiRoot: tg.apiRoot, log });
	const relay = await createRelay({ config, adapters: [adapter], schedule: false, log });
	await relay.start();

	const ids = Array.from({ length: CHATS }, (_, i) => String(10_000 + i));
	let next = 0;
	await Promise.all(
		Array.from({ length: SUBSCRIBE_CONCURRENCY }, async () => {
			while (next < ids.length) {
				const id = ids[next++] ?? "";
				const reply = await relay.core.commands.subscribe(
					{ platform: "telegram", id },
					site.url("bench"),
					{ canManage: true },
				);
				if (reply.kind !== "subscribed") throw new Error(`subscribe ${id} failed`);
			}
		}),
	);

	// Phase 1 (not measured): the entries that will be edited reach every chat.
	const setupStart = performance.now();
	for (let i = 1; i <= EDITED_ENTRIES; i++) {
		site.addEntry("bench", { id: `old${i}`, headline: `Old ${i} v0`, body: `Old ${i} body.` });
	}
	await relay.pollAll();
	await relay.idle();
	const setupSeconds = (performance.now() - setupStart) / 1000;

	// Phase 2: 20 edits and 5 new entries within a minute, a poll after each change.
	// Interleaved: a new entry after every fourth edit.
	const order: ("edit" | "new")[] = [];
	for (let i = 0; i < EDITS; i++) {
		order.push("edit");
		if (i % 4 === 3) order.push("new");
	}
	const newPolledAt = new Map<string, number>();
	const lastText = new Map<string, string>();
	const changeStart = performance.now();
	let edits = 0;
	let fresh = 0;
	for (const [step, kind] of order.entries()) {
		if (kind === "new") {
			fresh++;
			site.addEntry("bench", { id: `new${fresh}`, headline: `Breaking ${fresh}`, body: "News." });
		} else {
			edits++;
			const id = `old${((edits - 1) % EDITED_ENTRIES) + 1}`;
			const entry = site.blog("bench").entries.find((e) => e.id === id);
			if (entry) {
				entry.headline = `${entry.headline.replace(/ v\d+$/, "")} v${edits}`;
				lastText.set(id, entry.headline);
			}
		}
		await relay.pollAll();
		if (kind === "new") newPolledAt.set(`new${fresh}`, performance.now());
		const due = changeStart + ((step + 1) * CHANGE_WINDOW_MS) / order.length;
		await sleep(Math.max(0, due - performance.now()));
	}

	// Every chat shows every edited entry's last headline (coalesced edits may wait their minute).
	const shows = (chat: string, headline: string) =>
		tg.sentTo(chat).some((m) => m.text.includes(`<b>${headline}</b>`));
	const allLanded = () =>
		[...lastText.values()].every((h) => ids.every((chat) => shows(chat, h))) &&
		[...newPolledAt.keys()].every((id) =>
			ids.every((chat) => shows(chat, `Breaking ${id.slice(3)}`)),
		);
	await tg.waitFor(allLanded, 60 * 60_000);
	await relay.idle();
	const editRequests = tg.requests.filter((r) => r.method === "editMessageText" && !r.errorCode);
	const lastEditAt = Math.max(...editRequests.map((r) => r.at));
	const lastEditSeconds = (lastEditAt - changeStart) / 1000;

	// New entries first: once a new entry was polled, no edit went to a chat before that entry's post,
	// except the one edit per chat that may already have been on its way (sent, awaiting its answer).
	let editsAheadOfNews = 0;
	let inFlightAhead = 0;
	for (const chat of ids) {
		const postsAt = new Map<string, number>();
		for (const m of tg.sentTo(chat)) {
			const id = /Breaking (\d+)/.exec(m.text)?.[1];
			if (id) postsAt.set(`new${id}`, m.at);
		}
		const chatEdits = editRequests.filter((e) => String(e.payload.chat_id) === chat);
		for (const [id, polledAt] of newPolledAt) {
			const postedAt = postsAt.get(id) ?? Number.POSITIVE_INFINITY;
			const ahead = chatEdits.filter((r) => polledAt < r.at && r.at < postedAt).length;
			inFlightAhead += Math.min(ahead, 1);
			editsAheadOfNews += Math.max(0, ahead - 1);
		}
	}
	const posts = tg.sent.filter((m) => /Breaking \d+/.test(m.text));
	const perChatPost = new Map<string, number>();
	for (const m of posts)
		perChatPost.set(`${m.chat_id}|${m.text}`, (perChatPost.get(`${m.chat_id}|${m.text}`) ?? 0) + 1);
	const doubled = [...perChatPost.values()].filter((n) => n > 1).length;
	const lost = CHATS * NEW_ENTRIES - perChatPost.size;

	await relay.stop();
	await tg.close();
	await site.close();
	temp.cleanup();

	const ok = tg.rateLimited === 0 && editsAheadOfNews === 0 && lost === 0 && doubled === 0;
	const rows: [string, string][] = [
		["chats", String(CHATS)],
		["setup: 4 entries to every chat (s)", setupSeconds.toFixed(1)],
		[
			"changes (within a minute)",
			`${EDITS} edits of ${EDITED_ENTRIES} entries, ${NEW_ENTRIES} new entries`,
		],
		["edit requests sent", String(editRequests.length)],
		["new-entry posts", String(posts.length)],
		["first change → last edit (s)", lastEditSeconds.toFixed(1)],
		["edits ahead of waiting news (beyond one in flight)", String(editsAheadOfNews)],
		["(news that met one edit already in flight)", String(inFlightAhead)],
		["429 answers", String(tg.rateLimited)],
		["lost / doubled new posts", `${lost} / ${doubled}`],
		["result", ok ? "PASS" : "FAIL"],
	];
	const width = Math.max(...rows.map(([k]) => k.length));
	console.log("\nChanges fan-out (fake Bot API, Telegram limits enforced)");
	for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
	process.exitCode = ok ? 0 : 1;
}

await main();
