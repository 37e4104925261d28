/**
 * Crash harness: runs the real bot (`node --import tsx src/cli.ts`) as a child process against a loopback
 * Telegram Bot API and a loopback live blog, publishes entries while killing the bot with SIGKILL at
 * seeded random moments, restarts it each time, and counts lost and repeated deliveries.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { mulberry32 } from "../../bench/support/capacity-pages.js";
import { loadConfig } from "../../src/config.js";
import { createRelay } from "../../src/relay/relay.js";
import { parseSettingsArgs } from "../../src/settings/settings-args.js";
import { type FakeBlog, makeFakeBlog, startLiveblogServer } from "../fakes/liveblog-server.js";
import {
	type RecordedRequest,
	type SentMessage,
	startFakeTelegram,
} from "../fakes/telegram-bot-api.js";
import { makeTempDir, ROOT, START_DEADLINE_MS, STEP_DEADLINE_MS, waitFor } from "../helpers.js";

/** What the harness does. */
export interface CrashOptions {
	targets: number;
	kills: number;
	entries: number;
	seed: number;
	/**
	 * Also edit and delete published entries while killing the bot: each publisher tick edits an
	 * entry with this probability, or deletes one (between others) with `deleteRate`.
	 */
	changes?: { editRate: number; deleteRate: number } | undefined;
	/**
	 * Of the targets, how many switch between a digest (entries held) and every entry (the held
	 * batch goes out as one digest at the next tick) at each restart, so kills also land on digests.
	 */
	digestTargets?: number;
	/** Progress lines (the script prints them; tests stay quiet). */
	log?: (line: string) => void;
	/**
	 * For a post-mortem: the bot's log lines (at info level) are appended to this file, and its store
	 * is copied next to it (`<file>.sqlite`) at the end.
	 */
	botLogFile?: string | undefined;
}

/** What it found. */
export interface CrashReport {
	targets: number;
	entries: number;
	kills: number;
	expected: number;
	delivered: number;
	lost: number;
	duplicates: number;
	maxDuplicatesPerTarget: number;
	/** Edits and deletions made on the page (with `changes`). */
	edits: number;
	deletions: number;
	/** (target, entry) pairs whose posts do not show the page's last text (or its retraction). */
	stale: number;
	/**
	 * Pairs shown only in a digest that lists an older text (or a deleted entry): the digest was sealed
	 * before the change was confirmed, and digests are not edited (README).
	 */
	staleInDigests: number;
	/** (chat, entry) pairs posted with the first text and again with an edited one (an edit posted as new, or a crash's repeat). */
	postedAsNew: number;
	/** Digest messages sent (digest chats only). */
	digests: number;
	seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// One node process (not the tsx CLI, which forks): SIGKILL must hit the bot itself.
const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;

/** Resolves when the child has exited (at once if it already has). */
function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Runs the crash scenario and returns its counts. */
export async function runCrashTest(options: CrashOptions): Promise<CrashReport> {
	const started = Date.now();
	const log = options.log ?? (() => {});
	const random = mulberry32(options.seed);
	const tmp = makeTempDir("relay-crash-");
	const site = await startLiveblogServer();
	const telegram = await startFakeTelegram();
	site.setBlog(makeFakeBlog("crash", 2, "Crash test live"));
	const env = {
		PATH: process.env.PATH ?? "",
		HOME: process.env.HOME ?? "/tmp",
		TELEGRAM_BOT_TOKEN: telegram.token,
		TELEGRAM_API_ROOT: telegram.apiRoot,
		STORE_URL: `sqlite://${path.join(tmp.dir, "crash.sqlite")}`,
		POLL_SCHEDULE: "* * * * * *",
		ALLOW_PRIVATE_NETWORK: "1",
		LOG_LEVEL: options.botLogFile ? "info" : "warn",
	};
	const chatIds = Array.from({ length: options.targets }, (_, i) => String(5000 + i));
	let child: ChildProcess | undefined;
	try {
		// Subscribe the targets through the core on the same store, then hand the store to the bot.
		const seeding = await createRelay({
			config: loadConfig(env, tmp.dir),
			adapters: [],
			schedule: false,
		});
		for (const id of chatIds) {
			const reply = await seeding.core.commands.subscribe(
				{ platform: "telegram", id },
				site.url("crash"),
				{ canManage: true },
			);
			if (reply.kind !== "subscribed") throw new Error(`seeding failed: ${reply.error.message}`);
		}
		await seeding.stop();
		log(`subscribed ${chatIds.length} chats`);
		const digestChats = chatIds.slice(0, options.digestTargets ?? 0);
		/** Sets the digest chats' mode while no bot runs (the SQLite store has one process at a time). */
		const setDigestMode = async (request: string) => {
			if (!digestChats.length) return;
			const relay = await createRelay({
				config: loadConfig(env, tmp.dir),
				adapters: [],
				schedule: false,
			});
			const parsed = parseSettingsArgs(request);
			if (!parsed.ok) throw new Error(parsed.message("en"));
			for (const id of digestChats) {
				await relay.core.settings?.run(
					{ platform: "telegram", id },
					{ canManage: true },
					parsed.request,
				);
			}
			await relay.stop();
		};

		const spawnBot = () => {
			const bot = spawn(
				process.execPath,
				["--import", TSX_LOADER, path.join(ROOT, "src", "cli.ts")],
				{
					cwd: tmp.dir,
					env,
					stdio: ["ignore", "ignore", "pipe"],
				},
			);
			let err = "";
			bot.stderr?.on("data", (d) => {
				if (options.botLogFile) appendFileSync(options.botLogFile, d);
				err = (err + d).slice(-2000);
				// Errors of the bot go to the progress log (the script prints them; tests stay quiet).
				for (const line of String(d).split("\n"))
					if (/"level":50/.test(line)) log(line.slice(0, 600));
			});
			stderrTail.set(bot, () => err);
			return bot;
		};
		const published: string[] = [];
		const page = new PageChanges(site.blog("crash"), random);
		const publishEvery = 600;
		let publisher: NodeJS.Timeout | undefined = setInterval(() => {
			if (published.length >= options.entries) return;
			const roll = random();
			if (options.changes && roll < options.changes.editRate && page.edit()) return;
			if (options.changes && roll > 1 - options.changes.deleteRate && page.delete()) return;
			const id = `c${published.length + 1}`;
			site.addEntry("crash", { id, headline: `Crash entry ${published.length + 1}` });
			published.push(id);
		}, publishEvery);

		// Up = polling Telegram for updates: the relay has opened the store and started delivering.
		// Waiting for it (rather than counting from the spawn) keeps every kill mid-run on a busy box.
		const startBot = async (): Promise<ChildProcess> => {
			const seen = telegram.requests.length;
			const bot = spawnBot();
			await waitFor(
				() =>
					telegram.requests.slice(seen).some((r) => r.method === "getUpdates") ||
					bot.exitCode !== null,
				"the bot to start",
				START_DEADLINE_MS,
			);
			if (bot.exitCode !== null)
				throw new Error(`the bot exited by itself (code ${bot.exitCode}): ${stderrOf(bot)}`);
			return bot;
		};

		for (let kill = 1; kill <= options.kills; kill++) {
			// Odd runs hold the digest chats' entries; even runs release them as a digest.
			await setDigestMode(kill % 2 === 1 ? "mode digest 15" : "mode all");
			child = await startBot();
			// The kill lands at a random moment of the run (chosen, not waited for).
			const lifetime = 500 + Math.floor(random() * 3500);
			await sleep(lifetime);
			if (child.exitCode !== null)
				throw new Error(`the bot exited by itself (code ${child.exitCode}): ${stderrOf(child)}`);
			child.kill("SIGKILL");
			await exited(child);
			log(
				`kill ${kill}/${options.kills} after ${lifetime} ms; ${published.length} entries published, ${telegram.sent.length} sent`,
			);
		}
		while (published.length < options.entries) await sleep(100);
		clearInterval(publisher);
		publisher = undefined;

		// Final run: let the bot finish everything (held entries go out as a digest), then stop it.
		await setDigestMode("mode all");
		child = await startBot();
		const expected = published.length * chatIds.length;
		const deliveredPairs = () =>
			new Set(telegram.sent.flatMap((m) => entryIdsOf(m.text).map((id) => `${m.chat_id}|${id}`)))
				.size;
		// Not thrown on time-out: the report then counts what was lost.
		await waitFor(
			() =>
				deliveredPairs() + page.deleted.size * chatIds.length >= expected &&
				staleCount(telegram.sent, chatIds, published, page) === 0,
			"every delivery and change",
			// Edits of one message are a minute apart at least: the last one may wait that long.
			4 * STEP_DEADLINE_MS + 60_000,
		).catch((error: unknown) => log(String(error)));
		// A few more poll ticks: nothing more may arrive (a condition, so a slow box waits longer).
		const polled = site.requests.length;
		await waitFor(() => site.requests.length >= polled + 3, "three more polls");
		child.kill("SIGTERM");
		await exited(child);
		child = undefined;
		for (const line of staleDetails(telegram.sent, chatIds, published, page)) log(line);

		const counts = new Map<string, number>();
		for (const m of telegram.sent) {
			// A post links one entry; a digest links several.
			for (const entry of entryIdsOf(m.text)) {
				if (!published.includes(entry)) continue;
				const key = `${m.chat_id}|${entry}`;
				counts.set(key, (counts.get(key) ?? 0) + 1);
			}
		}
		let lost = 0;
		let duplicates = 0;
		const perTarget = new Map<string, number>();
		for (const chat of chatIds) {
			for (const entry of published) {
				const n = counts.get(`${chat}|${entry}`) ?? 0;
				// An entry deleted before its post went out is rightly never posted.
				if (n === 0 && !page.deleted.has(entry)) lost++;
				if (n > 1) {
					const kinds = telegram.sent
						.filter((m) => m.chat_id === chat && entryIdsOf(m.text).includes(entry))
						.map((m) => (isDigest(m) ? "digest" : "post"));
					log(`repeat ${chat} ${entry}: ${kinds.join(" + ")}`);
					duplicates += n - 1;
					perTarget.set(chat, (perTarget.get(chat) ?? 0) + n - 1);
				}
			}
		}
		return {
			targets: chatIds.length,
			entries: published.length,
			kills: options.kills,
			expected,
			delivered: [...counts.values()].reduce((a, b) => a + b, 0),
			lost,
			duplicates,
			maxDuplicatesPerTarget: Math.max(0, ...perTarget.values()),
			edits: page.edits,
			deletions: page.deleted.size,
			stale: staleCount(telegram.sent, chatIds, published, page),
			staleInDigests: staleCount(telegram.sent, chatIds, published, page, "digest"),
			postedAsNew: postsOfEditedText(telegram.requests, page, log),
			digests: telegram.sent.filter((m) => /^(🗞|🌙) <b>/.test(m.text)).length,
			seconds: Math.round((Date.now() - started) / 1000),
		};
	} finally {
		child?.kill("SIGKILL");
		await telegram.close();
		await site.close();
		if (options.botLogFile)
			copyFileSync(path.join(tmp.dir, "crash.sqlite"), `${options.botLogFile}.sqlite`);
		tmp.cleanup();
	}
}

/** Edits and deletions of the crash blog's entries, remembering what the page last said. */
class PageChanges {
	edits = 0;
	readonly deleted = new Set<string>();
	/** When each entry last changed (edit or deletion), on the fake API's clock (performance.now). */
	readonly changedAt = new Map<string, number>();
	/** Entries edited at least once: their first headline, for spotting a post of an edited text. */
	readonly editedFrom = new Map<string, string>();
	constructor(
		private readonly blog: FakeBlog,
		private readonly random: () => number,
	) {}

	/** Edits a random entry's headline; false when there is none to edit. */
	edit(): boolean {
		const candidates = this.blog.entries.filter((e) => e.id.startsWith("c"));
		const entry = candidates[Math.floor(this.random() * candidates.length)];
		if (!entry) return false;
		if (!this.editedFrom.has(entry.id)) this.editedFrom.set(entry.id, entry.headline);
		this.edits++;
		entry.headline = `${entry.headline.replace(/ v\d+$/, "")} v${this.edits}`;
		this.changedAt.set(entry.id, performance.now());
		return true;
	}

	/** Deletes a random entry with entries both newer and older on the page; false when none has. */
	delete(): boolean {
		const inner = this.blog.entries.slice(1, -1).filter((e) => e.id.startsWith("c"));
		const entry = inner[Math.floor(this.random() * inner.length)];
		if (!entry) return false;
		this.blog.entries = this.blog.entries.filter((e) => e !== entry);
		this.deleted.add(entry.id);
		this.changedAt.set(entry.id, performance.now());
		return true;
	}

	/** The headline the page shows now (undefined once deleted). */
	headlineOf(id: string): string | undefined {
		return this.blog.entries.find((e) => e.id === id)?.headline;
	}
}

/**
 * Whether a chat shows an entry as the page last had it: a post shows the page's headline (or its
 * retraction), or a digest lists it under that headline. "digest": the posts are right (or there are
 * none) but a digest lists an older text or a deleted entry; a digest is not edited once sealed for
 * sending (README), and a change confirmed after its seal (a deletion takes two polls) stays in it.
 */
function judge(shown: SentMessage[], entry: string, page: PageChanges): "ok" | "stale" | "digest" {
	const posts = shown.filter((m) => !isDigest(m));
	const digests = shown.filter(isDigest);
	const changedAt = page.changedAt.get(entry) ?? Number.NEGATIVE_INFINITY;
	const digestsBefore = digests.every((m) => m.at <= changedAt);
	if (page.deleted.has(entry)) {
		if (posts.length && !posts.some((m) => m.text.includes("removed by the publisher")))
			return "stale";
		return digestsBefore ? "ok" : "digest";
	}
	const headline = page.headlineOf(entry) ?? "";
	if (posts.some((m) => m.text.includes(`<b>${headline}</b>`))) return "ok";
	if (digests.some((m) => m.text.includes(`#${entry}">${headline}</a>`))) return "ok";
	if (posts.length) return "stale";
	if (!digests.length) return "ok"; // Never shown: counted as lost, not stale.
	return digestsBefore ? "ok" : "digest";
}

/** A digest message (held entries, one linked headline a line). */
function isDigest(m: SentMessage): boolean {
	return /^(🗞|🌙) <b>/.test(m.text);
}

/** Messages of each (chat, entry) pair. */
function messagesByPair(sent: SentMessage[]): Map<string, SentMessage[]> {
	const byPair = new Map<string, SentMessage[]>();
	for (const m of sent) {
		for (const id of entryIdsOf(m.text)) {
			const key = `${m.chat_id}|${id}`;
			byPair.set(key, [...(byPair.get(key) ?? []), m]);
		}
	}
	return byPair;
}

/** (chat, entry) pairs whose posts do not show the page's last word: current text, or retracted. */
function staleCount(
	sent: SentMessage[],
	chats: string[],
	published: string[],
	page: PageChanges,
	kind: "stale" | "digest" = "stale",
): number {
	return staleDetails(sent, chats, published, page).filter((line) => line.startsWith(kind)).length;
}

/** What the stale pairs of these chats show, for the log ("stale …" posts, "digest …" digest lines). */
function staleDetails(
	sent: SentMessage[],
	chats: string[],
	published: string[],
	page: PageChanges,
): string[] {
	const byPair = messagesByPair(sent);
	const lines: string[] = [];
	for (const chat of chats) {
		for (const entry of published) {
			const shown = byPair.get(`${chat}|${entry}`) ?? [];
			const verdict = judge(shown, entry, page);
			if (verdict === "ok") continue;
			const texts = shown
				.map((m) =>
					isDigest(m) ? `digest: ${m.text.replace(/\n/g, " / ")}` : m.text.split("\n")[0],
				)
				.join(" | ");
			lines.push(
				`${verdict} ${chat} ${entry}: page ${page.headlineOf(entry) ?? "(deleted)"}; shows ${texts || "nothing"}`,
			);
		}
	}
	return lines;
}

/**
 * (chat, entry) pairs where a post (not a digest) showed the entry's first headline and another post
 * an edited one: the edit went out as a second post. A post still queued when the entry was edited
 * goes out once, with the new text, and is not counted; a crash's repeat of a rewritten post is.
 */
function postsOfEditedText(
	requests: RecordedRequest[],
	page: PageChanges,
	log: (line: string) => void,
): number {
	const posts = requests.filter(
		(r) =>
			r.method === "sendMessage" &&
			r.errorCode === undefined &&
			!/^(🗞|🌙) <b>/.test(String(r.payload.text)),
	);
	let count = 0;
	for (const [id, first] of page.editedFrom) {
		const byChat = new Map<string, string[]>();
		for (const r of posts) {
			const text = String(r.payload.text);
			if (!entryIdsOf(text).includes(id)) continue;
			const chat = String(r.payload.chat_id);
			byChat.set(chat, [...(byChat.get(chat) ?? []), text]);
		}
		for (const [chat, texts] of byChat) {
			const firstPosted = texts.some((t) => t.includes(`<b>${first}</b>`));
			if (!firstPosted || texts.every((t) => t.includes(`<b>${first}</b>`))) continue;
			count++;
			log(
				`posted again with an edited text ${chat} ${id}: ${texts.map((t) => t.split("\n")[0]).join(" | ")}`,
			);
		}
	}
	return count;
}

const stderrTail = new WeakMap<ChildProcess, () => string>();
function stderrOf(child: ChildProcess): string {
	return stderrTail.get(child)?.() ?? "";
}

/** The entry ids a Telegram message links to (…#<id>): a post's "Read entry", a digest's lines. */
function entryIdsOf(text: string): string[] {
	return [...text.matchAll(/href="[^"]*#([^"]+)"/g)].flatMap((m) => (m[1] ? [m[1]] : []));
}
