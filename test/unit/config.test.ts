import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLL_SCHEDULE, loadConfig, readDotEnv } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";
import { createLogger } from "../../src/log.js";
import { fakeTelegramToken, MemoryStream, makeTempDir } from "../helpers.js";

const TG_TOKEN = fakeTelegramToken(123456, "tg-secret");

describe("loadConfig", () => {
	it("has working defaults with an empty environment", () => {
		const config = loadConfig({}, "/srv/relay");
		expect(config.storeUrl).toBe("sqlite:///srv/relay/data/liveblog-relay.sqlite");
		expect(config.pollSchedule).toBe(DEFAULT_POLL_SCHEDULE);
		expect(config.telegram.apiRoot).toBe("https://api.telegram.org");
		expect(config.discord.apiRoot).toBe("https://discord.com/api");
		expect(config.allowPrivateNetwork).toBe(false);
		expect(config.telegram.token).toBeUndefined();
		expect(config.logLevel).toBe("info");
	});

	it("reads the per-poll entry cap and the edit window, with their defaults", () => {
		expect(loadConfig({}).maxNewEntriesPerPoll).toBe(50);
		expect(loadConfig({}).editWindowMs).toBe(24 * 3_600_000);
		const config = loadConfig({ MAX_NEW_ENTRIES_PER_POLL: "10", EDIT_WINDOW_HOURS: "48" });
		expect(config.maxNewEntriesPerPoll).toBe(10);
		expect(config.editWindowMs).toBe(48 * 3_600_000);
		expect(() => loadConfig({ MAX_NEW_ENTRIES_PER_POLL: "0" })).toThrow(/MAX_NEW_ENTRIES_PER_POLL/);
	});

	it("groups each platform's settings, read from the same variables, and freezes them", () => {
		const config = loadConfig({
			TELEGRAM_BOT_TOKEN: TG_TOKEN,
			TELEGRAM_API_ROOT: "http://127.0.0.1:8081",
			DISCORD_BOT_TOKEN: "dc-secret",
			DISCORD_GUILD_ID: "42",
			DISCORD_SHARDS: "0",
		});
		expect(config.telegram).toEqual({
			token: TG_TOKEN,
			apiRoot: "http://127.0.0.1:8081",
			webhook: undefined,
		});
		expect(config.discord).toEqual({
			token: "dc-secret",
			apiRoot: "https://discord.com/api",
			guildId: "42",
			shards: { ids: [0], count: 1 },
		});
		expect(Object.isFrozen(config.telegram) && Object.isFrozen(config.discord)).toBe(true);
	});

	it("keeps both platforms' tokens out of a logged config", () => {
		const stream = new MemoryStream();
		const config = loadConfig({
			TELEGRAM_BOT_TOKEN: TG_TOKEN,
			DISCORD_BOT_TOKEN: "dc-secret",
		});
		createLogger("info", { stream }).info({ config }, "starting");
		expect(stream.text).toContain('"apiRoot":"https://api.telegram.org"');
		expect(stream.text).not.toContain(TG_TOKEN.split(":")[1]);
		expect(stream.text).not.toContain("dc-secret");
	});

	it("treats empty variables as unset", () => {
		const config = loadConfig({ TELEGRAM_BOT_TOKEN: "", STORE_URL: " ", POLL_SCHEDULE: "" }, "/x");
		expect(config.telegram.token).toBeUndefined();
		expect(config.storeUrl).toBe("sqlite:///x/data/liveblog-relay.sqlite");
	});

	it("tells a STORE_URL that was set from the default (watch keeps its own store otherwise)", () => {
		expect(loadConfig({}, "/x").storeUrlIsExplicit).toBe(false);
		expect(loadConfig({ STORE_URL: " " }, "/x").storeUrlIsExplicit).toBe(false);
		const set = loadConfig({ STORE_URL: "sqlite://./data/liveblog-relay.sqlite" }, "/x");
		expect(set.storeUrlIsExplicit).toBe(true);
		expect(set.storeUrl).toBe(loadConfig({}, "/x").storeUrl);
	});

	it("bounds store operations (5 s by default) and caps SQLite only when asked", () => {
		expect(loadConfig({}).storeTimeoutMs).toBe(5_000);
		expect(loadConfig({}).sqliteMaxMb).toBeUndefined();
		const config = loadConfig({ STORE_TIMEOUT_MS: "800", SQLITE_MAX_MB: "64" });
		expect(config.storeTimeoutMs).toBe(800);
		expect(config.sqliteMaxMb).toBe(64);
		expect(() => loadConfig({ SQLITE_MAX_MB: "0" })).toThrow(/SQLITE_MAX_MB must be positive/);
	});

	it.each([
		["sqlite://./db/relay.sqlite", "sqlite:///base/db/relay.sqlite"],
		["sqlite:///var/lib/relay/db.sqlite", "sqlite:///var/lib/relay/db.sqlite"],
		["redis://127.0.0.1:6379/2", "redis://127.0.0.1:6379/2"],
	])("accepts STORE_URL %s", (input, expected) => {
		expect(loadConfig({ STORE_URL: input }, "/base").storeUrl).toBe(expected);
	});

	it("reads flags, roots and schedules", () => {
		const config = loadConfig({
			ALLOW_PRIVATE_NETWORK: "1",
			TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
			POLL_SCHEDULE: "*/15 * * * * *",
			LOG_LEVEL: "debug",
		});
		expect(config.allowPrivateNetwork).toBe(true);
		expect(config.telegram.apiRoot).toBe("http://127.0.0.1:8081");
		expect(config.pollSchedule).toBe("*/15 * * * * *");
		expect(config.logLevel).toBe("debug");
	});

	it("reads Discord shard settings for instances that split the servers", () => {
		expect(loadConfig({}).discord.shards).toBe("auto");
		expect(loadConfig({ DISCORD_SHARDS: "1,3", DISCORD_SHARD_COUNT: "4" }).discord.shards).toEqual({
			ids: [1, 3],
			count: 4,
		});
		expect(loadConfig({ DISCORD_SHARDS: "0" }).discord.shards).toEqual({ ids: [0], count: 1 });
		expect(() => loadConfig({ DISCORD_SHARDS: "2", DISCORD_SHARD_COUNT: "2" })).toThrow(
			/not below DISCORD_SHARD_COUNT/,
		);
		expect(() => loadConfig({ DISCORD_SHARDS: "all" })).toThrow(/DISCORD_SHARDS/);
	});

	it("reads the Telegram webhook settings with a secret derived from the token", () => {
		const a = loadConfig({
			TELEGRAM_BOT_TOKEN: fakeTelegramToken(1),
			TELEGRAM_WEBHOOK_URL: "https://bot.example/hook",
		});
		const b = loadConfig({
			TELEGRAM_BOT_TOKEN: fakeTelegramToken(1),
			TELEGRAM_WEBHOOK_URL: "https://bot.example/hook",
		});
		expect(a.telegram.webhook).toMatchObject({
			url: "https://bot.example/hook",
			port: 8443,
			host: "0.0.0.0",
		});
		expect(a.telegram.webhook?.secretToken).toMatch(/^[0-9a-f]{48}$/);
		expect(a.telegram.webhook?.secretToken).toBe(b.telegram.webhook?.secretToken);
		expect(a.telegram.webhook?.secretToken).not.toContain(fakeTelegramToken(1));
		expect(() => loadConfig({ TELEGRAM_WEBHOOK_URL: "http://insecure.example/hook" })).toThrow(
			/TELEGRAM_WEBHOOK_URL/,
		);
	});

	it("lists every bad variable at once", () => {
		let error: unknown;
		try {
			loadConfig({
				STORE_URL: "mysql://x",
				POLL_SCHEDULE: "every minute",
				ALLOW_PRIVATE_NETWORK: "maybe",
				LOG_LEVEL: "loud",
			});
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ConfigError);
		const issues = (error as ConfigError).issues.join("\n");
		for (const name of ["STORE_URL", "POLL_SCHEDULE", "ALLOW_PRIVATE_NETWORK", "LOG_LEVEL"])
			expect(issues).toContain(name);
	});

	it.each([
		["a fragment", "123456:AAH", "it has 6 characters before the colon and 3 after it"],
		["no colon", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "it has no colon"],
		[
			"letters before the colon",
			`bot:${"A".repeat(35)}`,
			"it has 3 characters before the colon and 35 after it",
		],
		[
			"a stray quote",
			`123456:${"A".repeat(34)}"`,
			"it has 6 characters before the colon and 35 after it",
		],
	])(
		"refuses a Telegram token with %s, saying what it expects and never quoting it",
		(_what, token, found) => {
			let error: unknown;
			try {
				loadConfig({ TELEGRAM_BOT_TOKEN: token });
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(ConfigError);
			expect((error as ConfigError).issues).toEqual([
				`TELEGRAM_BOT_TOKEN: not a bot token: expected <digits>:<35 letters, digits, _ or -> as @BotFather gives it, but ${found}; copy it again from @BotFather (/mybots → your bot → API Token), without quotes or spaces`,
			]);
			expect((error as Error).message).not.toContain(token);
		},
	);

	it("accepts a token of BotFather's shape", () => {
		const token = "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";
		expect(loadConfig({ TELEGRAM_BOT_TOKEN: ` ${token} ` }).telegram.token).toBe(token);
	});

	it("shows a valid example with a bad POLL_SCHEDULE", () => {
		expect(() => loadConfig({ POLL_SCHEDULE: "every minute" })).toThrow(
			'POLL_SCHEDULE: not a valid node-cron expression; for example "*/60 * * * * *" (every 60 seconds, the default) or "*/2 * * * *" (every 2 minutes)',
		);
	});

	it("never puts a token into an error", () => {
		try {
			loadConfig({ TELEGRAM_BOT_TOKEN: fakeTelegramToken(123, "SECRET"), STORE_URL: "bogus" });
			expect.unreachable();
		} catch (e) {
			expect(String((e as Error).message)).not.toContain("SECRET");
		}
	});
});

describe("readDotEnv", () => {
	it("parses KEY=VALUE lines, quotes and comments", async () => {
		const { dir, cleanup } = makeTempDir();
		const { writeFileSync } = await import("node:fs");
		const file = path.join(dir, ".env");
		writeFileSync(file, '# comment\nA=1\nexport B="two words"\nC=x # trailing\n\nbad line\n');
		expect(readDotEnv(file)).toEqual({ A: "1", B: "two words", C: "x" });
		cleanup();
	});
});
