/**
 * Graceful shutdown of the real bot process (the CLI through tsx's loader, one node process so the
 * signals reach it) against the fake Bot API and a loopback blog: SIGTERM during a fan-out finishes
 * the sends in flight and exits 0; a second signal exits at once and leaves the delivery queued; a
 * send that outlives SHUTDOWN_GRACE_MS ends the process with 1.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LiveblogServer, makeFakeBlog, startLiveblogServer } from "./fakes/liveblog-server.js";
import { type FakeTelegram, startFakeTelegram } from "./fakes/telegram-bot-api.js";
import { makeTempDir, ROOT, START_DEADLINE_MS, waitFor } from "./helpers.js";
import { seedSubscriptions } from "./seed.js";

const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
const CHATS = ["4001", "4002", "4003"];

let site: LiveblogServer;
let tg: FakeTelegram;
let tmp: { dir: string; cleanup: () => void };
let env: Record<string, string>;
const running = new Set<ChildProcess>();
let entries = 0;

/** A bot process with its stderr collected. */
function startBot(extra: Record<string, string> = {}) {
	const child = spawn(
		process.execPath,
		["--import", TSX_LOADER, path.join(ROOT, "src", "cli.ts")],
		{
			cwd: tmp.dir,
			env: { ...env, ...extra },
			stdio: ["ignore", "ignore", "pipe"],
		},
	);
	running.add(child);
	let stderr = "";
	child.stderr?.on("data", (d) => {
		stderr += d;
	});
	const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.on("exit", (code, signal) => resolve({ code, signal })),
	);
	return { child, exit, stderr: () => stderr };
}

/** Starts a bot and waits until it polls Telegram (relay started). */
async function upBot(extra: Record<string, string> = {}) {
	const seen = tg.requests.length;
	const bot = startBot(extra);
	await waitFor(
		() =>
			tg.requests.slice(seen).some((r) => r.method === "getUpdates") || bot.child.exitCode !== null,
		"the bot to start",
		START_DEADLINE_MS,
	);
	expect(bot.child.exitCode, bot.stderr()).toBeNull();
	return bot;
}

/** Publishes an entry while every send is held; resolves with the release once one is in flight. */
async function fanOutHeld() {
	const before = tg.requests.length;
	const release = tg.hold("sendMessage", () => true);
	entries += 1;
	site.addEntry("stop", { id: `s${entries}`, headline: `Shutdown entry ${entries}` });
	await waitFor(
		() => tg.requests.slice(before).some((r) => r.method === "sendMessage"),
		"a send in flight",
	);
	return { release, id: `s${entries}` };
}

const sentOf = (id: string) => tg.sent.filter((m) => m.text.includes(`#${id}"`));

beforeAll(async () => {
	site = await startLiveblogServer();
	tg = await startFakeTelegram();
	tmp = makeTempDir("relay-shutdown-");
	site.setBlog(makeFakeBlog("stop", 2, "Shutdown live"));
	env = {
		PATH: process.env.PATH ?? "",
		HOME: process.env.HOME ?? "/tmp",
		TELEGRAM_BOT_TOKEN: tg.token,
		TELEGRAM_API_ROOT: tg.apiRoot,
		STORE_URL: `sqlite://${path.join(tmp.dir, "stop.sqlite")}`,
		POLL_SCHEDULE: "* * * * * *",
		ALLOW_PRIVATE_NETWORK: "1",
		LOG_LEVEL: "info",
	};
	await seedSubscriptions(
		env,
		tmp.dir,
		CHATS.map((id) => ({ target: { platform: "telegram", id }, url: site.url("stop") })),
	);
});

afterEach(() => {
	tg.releaseAll();
	for (const child of running)
		if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
	running.clear();
});

afterAll(async () => {
	await tg.close();
	await site.close();
	tmp.cleanup();
});

describe("graceful shutdown of the bot", () => {
	it("SIGTERM during a fan-out finishes the sends in flight, records them and exits 0", async () => {
		const bot = await upBot();
		const { release, id } = await fanOutHeld();
		bot.child.kill("SIGTERM");
		await waitFor(() => bot.stderr().includes("SIGTERM: stopping"), "the signal to be heard");
		expect(bot.child.exitCode).toBeNull(); // Still waiting for the held send.
		release();
		expect(await bot.exit).toEqual({ code: 0, signal: null });
		const delivered = new Set(sentOf(id).map((m) => m.chat_id));
		expect(delivered.size).toBeGreaterThan(0);
		// Restarted, the bot sends what was still owed and nothing twice.
		const again = await upBot();
		await waitFor(
			() => new Set(sentOf(id).map((m) => m.chat_id)).size === CHATS.length,
			"every chat",
		);
		// Three more polls: any repeat would have been sent by then.
		const polled = site.requests.length;
		await waitFor(() => site.requests.length >= polled + 3, "three more polls");
		expect(sentOf(id)).toHaveLength(CHATS.length);
		again.child.kill("SIGTERM");
		expect((await again.exit).code).toBe(0);
	});

	it("SIGTERM while the platforms are still connecting is a graceful stop too (exit 0)", async () => {
		const seen = tg.requests.length;
		const bot = startBot();
		await waitFor(
			() =>
				tg.requests.slice(seen).some((r) => r.method === "getMe") || bot.child.exitCode !== null,
			"the bot to connect to Telegram",
			START_DEADLINE_MS,
		);
		bot.child.kill("SIGTERM");
		expect(await bot.exit, bot.stderr()).toEqual({ code: 0, signal: null });
		expect(bot.stderr()).toContain("shut down cleanly");
	});

	it("a second signal exits at once and leaves the delivery queued for the next start", async () => {
		const bot = await upBot();
		const { release, id } = await fanOutHeld();
		bot.child.kill("SIGTERM");
		await waitFor(() => bot.stderr().includes("SIGTERM: stopping"), "the signal to be heard");
		bot.child.kill("SIGINT");
		expect(await bot.exit).toEqual({ code: 130, signal: null });
		expect(bot.stderr()).toContain("exiting now");
		// The killed process never heard back: Telegram refuses, so nothing was delivered.
		release({ error: { error_code: 500, description: "Internal Server Error" } });
		expect(sentOf(id)).toHaveLength(0);
		const again = await upBot();
		await waitFor(
			() => new Set(sentOf(id).map((m) => m.chat_id)).size === CHATS.length,
			"every chat",
		);
		again.child.kill("SIGTERM");
		expect((await again.exit).code).toBe(0);
	});

	it("a send that outlives SHUTDOWN_GRACE_MS ends the process with 1; the delivery stays queued", async () => {
		const bot = await upBot({ SHUTDOWN_GRACE_MS: "300" });
		const { release, id } = await fanOutHeld();
		bot.child.kill("SIGTERM");
		expect(await bot.exit).toEqual({ code: 1, signal: null });
		expect(bot.stderr()).toContain("shutdown grace ran out");
		release({ error: { error_code: 500, description: "Internal Server Error" } });
		const again = await upBot();
		await waitFor(
			() => new Set(sentOf(id).map((m) => m.chat_id)).size === CHATS.length,
			"every chat",
		);
		again.child.kill("SIGTERM");
		expect((await again.exit).code).toBe(0);
	});
});
