/**
 * What an operator reads when the bot cannot start: one line on stderr at the default log level,
 * naming the setting to check, no stack trace and no "relay started" before it. Spawns the CLI.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordFake } from "./fakes/discord-api.js";
import { type FakeTelegram, startFakeTelegram } from "./fakes/telegram-bot-api.js";
import { fakeTelegramToken, makeTempDir, ROOT } from "./helpers.js";

const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

async function run(env: Record<string, string>, args: string[] = []) {
	const child = spawn(TSX, [path.join(ROOT, "src", "cli.ts"), ...args], {
		cwd: env.CWD ?? ROOT,
		env: {
			PATH: process.env.PATH ?? "",
			HOME: process.env.HOME ?? "/tmp",
			LOG_LEVEL: "info",
			...env,
		},
	});
	let stdout = "";
	let stderr = "";
	child.stdout.on("data", (d) => {
		stdout += d;
	});
	child.stderr.on("data", (d) => {
		stderr += d;
	});
	const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
	return { code, stdout, stderr };
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (!address || typeof address === "string") throw new Error("no port");
	return address.port;
}

describe("operator messages at start-up", () => {
	let tg: FakeTelegram;
	let tmp: { dir: string; cleanup: () => void };
	let env: Record<string, string>;

	beforeAll(async () => {
		tg = await startFakeTelegram();
		tmp = makeTempDir();
		env = {
			CWD: tmp.dir,
			STORE_URL: `sqlite://${path.join(tmp.dir, "db.sqlite")}`,
			TELEGRAM_BOT_TOKEN: tg.token,
			TELEGRAM_API_ROOT: tg.apiRoot,
		};
	});
	afterAll(async () => {
		await tg.close();
		tmp.cleanup();
	});

	it("refuses a malformed Telegram token with a hint, before any network call", async () => {
		const before = tg.requests.length;
		const { code, stderr } = await run({ ...env, TELEGRAM_BOT_TOKEN: "123456:AAH-cut-short" });
		expect(code).toBe(2);
		expect(stderr).toBe(
			"liveblog-relay: Invalid configuration:\n" +
				"  - TELEGRAM_BOT_TOKEN: not a bot token: expected <digits>:<35 letters, digits, _ or -> as @BotFather gives it, but it has 6 characters before the colon and 13 after it; copy it again from @BotFather (/mybots → your bot → API Token), without quotes or spaces\n",
		);
		expect(tg.requests.length).toBe(before);
	});

	it("exits with one line when Telegram rejects the token, with nothing logged before it", async () => {
		const { code, stderr } = await run({
			...env,
			TELEGRAM_BOT_TOKEN: fakeTelegramToken(123456, "revoked"),
		});
		expect(code).toBe(1);
		expect(stderr).toBe(
			"liveblog-relay: The telegram adapter did not start: the Bot API refused the token (401: Unauthorized); check TELEGRAM_BOT_TOKEN (from @BotFather)\n",
		);
	});

	it("exits with one line when Discord rejects the token", async () => {
		const discord = await startDiscordFake();
		try {
			const { code, stderr } = await run({
				CWD: tmp.dir,
				STORE_URL: env.STORE_URL ?? "",
				DISCORD_BOT_TOKEN: "not-a-valid-discord-token",
				DISCORD_API_ROOT: discord.apiRoot,
			});
			expect(code).toBe(1);
			expect(stderr).toBe(
				"liveblog-relay: The discord adapter did not start: Discord refused the token (An invalid token was provided.); check DISCORD_BOT_TOKEN (Developer Portal → your app → Bot → Reset Token)\n",
			);
		} finally {
			await discord.close();
		}
	});

	it("names the SQLite file and STORE_URL when the file cannot be opened", async () => {
		const file = path.join(tmp.dir, "a-file");
		writeFileSync(file, "not a directory");
		const { code, stderr } = await run({ ...env, STORE_URL: `sqlite://${file}/db.sqlite` });
		expect(code).toBe(1);
		expect(stderr).toBe(
			`liveblog-relay: Cannot open the SQLite file ${file}/db.sqlite (STORE_URL): a part of the path is a file, not a directory\n`,
		);
	});

	it("names Redis and STORE_URL when it refuses the connection", async () => {
		const port = await closedPort();
		const { code, stderr } = await run({ ...env, STORE_URL: `redis://127.0.0.1:${port}` });
		expect(code).toBe(1);
		expect(stderr).toBe(
			`liveblog-relay: Redis at 127.0.0.1:${port} (STORE_URL) refused the connection\n`,
		);
	});

	it("shows a valid example for a bad POLL_SCHEDULE", async () => {
		const { code, stderr } = await run({ ...env, POLL_SCHEDULE: "every minute" });
		expect(code).toBe(2);
		expect(stderr).toBe(
			"liveblog-relay: Invalid configuration:\n" +
				'  - POLL_SCHEDULE: not a valid node-cron expression; for example "*/60 * * * * *" (every 60 seconds, the default) or "*/2 * * * *" (every 2 minutes)\n',
		);
	});
});
