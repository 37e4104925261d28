/**
 * One process per SQLite file: the `<db>.lock` file, in process and across processes (the real
 * command line as child processes beside a running bot on the fake Bot API).
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreLockedError } from "../src/errors.js";
import { createLogger } from "../src/log.js";
import { openStore } from "../src/store/open-store.js";
import { type LiveblogServer, makeFakeBlog, startLiveblogServer } from "./fakes/liveblog-server.js";
import { type FakeTelegram, startFakeTelegram } from "./fakes/telegram-bot-api.js";
import { MemoryStream, makeTempDir, ROOT, START_DEADLINE_MS, waitFor } from "./helpers.js";

let tmp: { dir: string; cleanup: () => void };
let db: string;

beforeEach(() => {
	tmp = makeTempDir("store-lock-");
	db = path.join(tmp.dir, "store.sqlite");
});
afterEach(() => tmp.cleanup());

describe("the SQLite lock file", () => {
	it("refuses a second open of one file, names the holder, and is removed on close", async () => {
		const first = await openStore(`sqlite://${db}`);
		const lock = JSON.parse(readFileSync(`${db}.lock`, "utf8")) as { pid: number; host: string };
		expect(lock).toMatchObject({ pid: process.pid, host: hostname() });
		const second = openStore(`sqlite://${db}`);
		await expect(second).rejects.toBeInstanceOf(StoreLockedError);
		await expect(second).rejects.toThrow(
			new RegExp(`in use by process ${process.pid} on .*delete ${db}\\.lock`),
		);
		await first.close();
		expect(existsSync(`${db}.lock`)).toBe(false);
		const again = await openStore(`sqlite://${db}`);
		await again.set("k", 1);
		await again.close();
	});

	it("takes over the lock of a process that is gone, and says so", async () => {
		const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]);
		expect(dead.pid).toBeGreaterThan(0);
		writeFileSync(
			`${db}.lock`,
			JSON.stringify({ pid: dead.pid, host: hostname(), startedAt: "2020-01-01T00:00:00.000Z" }),
		);
		const logs = new MemoryStream();
		const store = await openStore(`sqlite://${db}`, {
			log: createLogger("info", { stream: logs }),
		});
		expect(logs.text).toContain("taking over a stale store lock");
		expect(JSON.parse(readFileSync(`${db}.lock`, "utf8"))).toMatchObject({ pid: process.pid });
		await store.close();
	});

	it("tells a live process that reused the pid from the holder by its start time", async () => {
		// Our parent is alive, but it is not the process that wrote this lock (another start time).
		writeFileSync(
			`${db}.lock`,
			JSON.stringify({
				pid: process.ppid,
				host: hostname(),
				startedAt: "2020-01-01T00:00:00.000Z",
				procStart: "1",
			}),
		);
		const store = await openStore(`sqlite://${db}`);
		await store.close();
		// Without a start time to compare, a live pid on this host holds the lock.
		writeFileSync(
			`${db}.lock`,
			JSON.stringify({
				pid: process.ppid,
				host: hostname(),
				startedAt: "2020-01-01T00:00:00.000Z",
			}),
		);
		await expect(openStore(`sqlite://${db}`)).rejects.toThrow(
			new RegExp(`in use by process ${process.ppid} `),
		);
	});

	it("refuses a half-written lock that is fresh, and takes over one that is old", async () => {
		writeFileSync(`${db}.lock`, "");
		await expect(openStore(`sqlite://${db}`)).rejects.toThrow(/in use by another process/);
		const old = new Date(Date.now() - 60_000);
		utimesSync(`${db}.lock`, old, old);
		const store = await openStore(`sqlite://${db}`);
		await store.close();
	});

	it("is not taken for an in-memory store (watch's own store)", async () => {
		const a = await openStore("sqlite://:memory:");
		const b = await openStore("sqlite://:memory:");
		await a.set("k", 1);
		expect(await b.get("k")).toBeUndefined();
		await a.close();
		await b.close();
	});
});

const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

interface Child {
	process: ChildProcessWithoutNullStreams;
	stdout(): string;
	stderr(): string;
	exited: Promise<number | null>;
}

function runCli(args: string[], env: Record<string, string>, cwd: string): Child {
	const child = spawn(TSX, [path.join(ROOT, "src", "cli.ts"), ...args], {
		cwd,
		env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
	});
	let stdout = "";
	let stderr = "";
	child.stdout.on("data", (d) => {
		stdout += d;
	});
	child.stderr.on("data", (d) => {
		stderr += d;
	});
	const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
	return { process: child, stdout: () => stdout, stderr: () => stderr, exited };
}

describe("two processes on the default store", () => {
	let site: LiveblogServer;
	let tg: FakeTelegram;

	beforeEach(async () => {
		site = await startLiveblogServer();
		site.setBlog(makeFakeBlog("blog", 4));
		tg = await startFakeTelegram();
	});
	afterEach(async () => {
		await tg.close();
		await site.close();
	});

	it(
		"a second bot refuses to start; watch runs beside the bot on a store of its own",
		async () => {
			// Both default to ./data in their working directory: no STORE_URL anywhere.
			const env = {
				ALLOW_PRIVATE_NETWORK: "1",
				LOG_LEVEL: "info",
				TELEGRAM_BOT_TOKEN: tg.token,
				TELEGRAM_API_ROOT: tg.apiRoot,
				POLL_SCHEDULE: "* * * * * *",
			};
			const bot = runCli([], env, tmp.dir);
			const defaultDb = path.join(tmp.dir, "data", "liveblog-relay.sqlite");
			try {
				await waitFor(
					() => bot.stderr().includes("relay started"),
					"the first bot",
					START_DEADLINE_MS,
				);
				// tsx runs the program in a child process: the holder is that one, as the lock file says.
				const holder = (JSON.parse(readFileSync(`${defaultDb}.lock`, "utf8")) as { pid: number })
					.pid;

				const second = runCli([], env, tmp.dir);
				expect(await second.exited).toBe(1);
				expect(second.stderr()).toMatch(
					new RegExp(`^liveblog-relay: The store ${defaultDb} is in use by process ${holder} `),
				);

				// watch beside it: no STORE_URL, so a store of its own; entries print; the bot leaves it alone.
				const watch = runCli(["watch", site.url("blog"), "--json", "--latest", "1"], env, tmp.dir);
				try {
					await waitFor(
						() => watch.stderr().includes("Watching"),
						"watch to start",
						START_DEADLINE_MS,
					);
					site.addEntry("blog", { id: "e5", headline: "Fresh news" });
					await waitFor(() => watch.stdout().includes('"id":"e5"'), "the new entry");
				} finally {
					watch.process.kill("SIGTERM");
					expect(await watch.exited).toBe(0);
				}
				expect(bot.stderr()).not.toContain("subscriptions removed");

				// Told to share the bot's file, watch refuses like a second bot.
				const shared = runCli(
					["watch", site.url("blog")],
					{ ...env, STORE_URL: `sqlite://${defaultDb}` },
					tmp.dir,
				);
				expect(await shared.exited).toBe(1);
				expect(shared.stderr()).toContain(`is in use by process ${holder}`);
				expect(shared.stderr()).toContain(
					"For watch, an empty STORE_URL= gives it a store of its own.",
				);
			} finally {
				bot.process.kill("SIGTERM");
				await bot.exited;
			}
			expect(existsSync(`${defaultDb}.lock`)).toBe(false);
		},
		5 * START_DEADLINE_MS,
	);
});
