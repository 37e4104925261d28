/**
 * The bundle `npm ci` builds (dist/, scripts/build.mjs). The other tests run the sources through tsx,
 * so this is what checks the shipped code runs: `npx liveblog-relay --help`, `watch --once` (through
 * the extract worker's own entry), and the bot with both platforms against the loopback fakes until
 * it delivers a new entry to a Telegram chat and a Discord channel, then a graceful SIGTERM.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ChannelType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordFake, startDiscordFake } from "./fakes/discord-api.js";
import { type LiveblogServer, makeFakeBlog, startLiveblogServer } from "./fakes/liveblog-server.js";
import { type FakeTelegram, startFakeTelegram } from "./fakes/telegram-bot-api.js";
import { makeTempDir, ROOT, START_DEADLINE_MS, waitFor } from "./helpers.js";
import { seedSubscriptions } from "./seed.js";

const run = promisify(execFile);
const CLI = path.join(ROOT, "dist", "cli.js");
const CHANNEL = "300000000000000001";
const CHAT = "5001";
const baseEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" };

let site: LiveblogServer;
let tg: FakeTelegram;
let discord: DiscordFake;
let tmp: { dir: string; cleanup: () => void };

beforeAll(async () => {
	if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm ci (or npm run build) builds it`);
	site = await startLiveblogServer();
	site.setBlog(makeFakeBlog("live", 2, "Bundle live page"));
	tg = await startFakeTelegram();
	discord = await startDiscordFake({
		channels: [{ id: CHANNEL, name: "news", type: ChannelType.GuildText }],
	});
	tmp = makeTempDir("bundle-test-");
});

afterAll(async () => {
	await Promise.all([site?.close(), tg?.close(), discord?.close()]);
	tmp?.cleanup();
});

describe("the bundle in dist/", () => {
	it("answers --help through npx, as the package's bin", async () => {
		const { stdout } = await run("npx", ["--no-install", "liveblog-relay", "--help"], {
			cwd: ROOT,
			env: baseEnv,
		});
		expect(stdout).toContain("Usage");
		expect(stdout).toContain("watch <url> --once");
	});

	it("prints a page's entries with watch --once --json (parsed in the extract worker)", async () => {
		const { stdout } = await run(
			process.execPath,
			[CLI, "watch", site.url("live"), "--once", "--json"],
			{ cwd: tmp.dir, env: { ...baseEnv, ALLOW_PRIVATE_NETWORK: "1" } },
		);
		const entries = stdout
			.trim()
			.split("\n")
			.map((line) => JSON.parse(line) as { id: string; headline: string });
		expect(entries.map((e) => e.id)).toEqual(["e1", "e2"]);
		expect(entries[1]?.headline).toBe("Entry 2 headline");
	});

	it("runs the bot with Telegram and Discord: delivers a new entry to both, stops on SIGTERM with 0", async () => {
		const env = {
			...baseEnv,
			TELEGRAM_BOT_TOKEN: tg.token,
			TELEGRAM_API_ROOT: tg.apiRoot,
			DISCORD_BOT_TOKEN: discord.token,
			DISCORD_API_ROOT: discord.apiRoot,
			STORE_URL: `sqlite://${path.join(tmp.dir, "bundle.sqlite")}`,
			POLL_SCHEDULE: "* * * * * *",
			ALLOW_PRIVATE_NETWORK: "1",
			LOG_LEVEL: "warn",
		};
		await seedSubscriptions(env, tmp.dir, [
			{ target: { platform: "telegram", id: CHAT }, url: site.url("live") },
			{ target: { platform: "discord", id: CHANNEL }, url: site.url("live") },
		]);

		const bot: ChildProcess = spawn(process.execPath, [CLI], {
			cwd: tmp.dir,
			env,
			stdio: ["ignore", "ignore", "pipe"],
		});
		let stderr = "";
		bot.stderr?.on("data", (d) => {
			stderr += d;
		});
		const exit = new Promise<number | null>((resolve) => bot.on("exit", (code) => resolve(code)));
		try {
			await waitFor(
				() => tg.requests.some((r) => r.method === "getUpdates") || bot.exitCode !== null,
				"the bot to start",
				START_DEADLINE_MS,
			);
			expect(bot.exitCode, stderr).toBeNull();
			site.addEntry("live", { id: "b3", headline: "Bundle entry three" });
			await waitFor(
				() =>
					(tg.sent.some((m) => m.text.includes("Bundle entry three")) &&
						discord
							.messagesIn(CHANNEL)
							.some((b) => JSON.stringify(b).includes("Bundle entry three"))) ||
					bot.exitCode !== null,
				"the entry on both platforms",
				START_DEADLINE_MS,
			);
			expect(bot.exitCode, stderr).toBeNull();
			bot.kill("SIGTERM");
			expect(await exit, stderr).toBe(0);
		} finally {
			if (bot.exitCode === null) bot.kill("SIGKILL");
		}
	});
});
