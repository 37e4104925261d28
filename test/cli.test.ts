import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveblogServer, makeFakeBlog, startLiveblogServer } from "./fakes/liveblog-server.js";
import { startFakeTelegram } from "./fakes/telegram-bot-api.js";
import {
	fakeTelegramToken,
	makeTempDir,
	ROOT,
	START_DEADLINE_MS,
	STEP_DEADLINE_MS,
	waitFor,
} from "./helpers.js";

const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

function runCli(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
	return spawn(TSX, [path.join(ROOT, "src", "cli.ts"), ...args], {
		cwd: env.CWD ?? ROOT,
		env: {
			PATH: process.env.PATH ?? "",
			HOME: process.env.HOME ?? "/tmp",
			LOG_LEVEL: "info",
			...env,
		},
	});
}

/** Collects a child's stdout and stderr as they arrive. */
function collect(child: ChildProcessWithoutNullStreams): { stdout(): string; stderr(): string } {
	let stdout = "";
	let stderr = "";
	child.stdout.on("data", (d) => {
		stdout += d;
	});
	child.stderr.on("data", (d) => {
		stderr += d;
	});
	return { stdout: () => stdout, stderr: () => stderr };
}

async function runToEnd(args: string[], env: Record<string, string>) {
	const child = runCli(args, env);
	const output = collect(child);
	const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
	return { code, stdout: output.stdout(), stderr: output.stderr() };
}

describe("the command line", () => {
	let site: LiveblogServer;
	let tmp: { dir: string; cleanup: () => void };
	let env: Record<string, string>;

	beforeAll(async () => {
		site = await startLiveblogServer();
		site.setBlog(makeFakeBlog("blog", 4));
		tmp = makeTempDir();
		env = {
			ALLOW_PRIVATE_NETWORK: "1",
			STORE_URL: `sqlite://${path.join(tmp.dir, "cli.sqlite")}`,
			CWD: tmp.dir,
		};
	});
	afterAll(async () => {
		await site.close();
		tmp.cleanup();
	});

	it("watch --once --json prints every entry as one JSON object per line, oldest first, and exits 0", async () => {
		const { code, stdout } = await runToEnd(["watch", site.url("blog"), "--once", "--json"], env);
		expect(code).toBe(0);
		const lines = stdout
			.trim()
			.split("\n")
			.map((l) => JSON.parse(l) as Record<string, unknown>);
		expect(lines.map((l) => l.id)).toEqual(["e1", "e2", "e3", "e4"]);
		expect(Object.keys(lines[0] ?? {}).sort()).toEqual(
			[
				"author",
				"headline",
				"id",
				"keyEvent",
				"kind",
				"pinned",
				"publishedAt",
				"summary",
				"updatedAt",
				"url",
			].sort(),
		);
		expect(lines[3]).toMatchObject({
			id: "e4",
			url: `${site.url("blog")}#e4`,
			publishedAt: "2024-09-11T07:04:00.000Z",
			headline: "Entry 4 headline",
			summary: "Entry 4 body first sentence. Second sentence of entry 4.",
			pinned: false,
			kind: "new",
			keyEvent: false,
		});
	});

	it(
		"watch prints the newest entries, then each new entry once",
		async () => {
			const child = runCli(["watch", site.url("blog"), "--json", "--latest", "2"], {
				...env,
				POLL_SCHEDULE: "* * * * * *",
			});
			const output = collect(child);
			const ids = () =>
				output
					.stdout()
					.trim()
					.split("\n")
					.filter(Boolean)
					.map((l) => (JSON.parse(l) as { id: string }).id);
			try {
				await waitFor(
					() => ids().length >= 2 && output.stderr().includes("Watching"),
					"the first entries",
					START_DEADLINE_MS,
				);
				expect(ids()).toEqual(["e3", "e4"]);
				site.addEntry("blog", { id: "e5", headline: "Fresh news" });
				await waitFor(() => ids().includes("e5"), "the new entry");
				// Two more poll ticks must not repeat it.
				const polls = site.requests.length;
				await waitFor(() => site.requests.length >= polls + 2, "two more polls");
				expect(ids()).toEqual(["e3", "e4", "e5"]);
			} finally {
				child.kill("SIGTERM");
				await new Promise((resolve) => child.on("close", resolve));
			}
		},
		START_DEADLINE_MS + 3 * STEP_DEADLINE_MS,
	);

	it(
		"watch --json prints an edited entry as kind edited and a deleted one as kind removed",
		async () => {
			site.setBlog(makeFakeBlog("changing", 4));
			const child = runCli(["watch", site.url("changing"), "--json", "--latest", "2"], {
				...env,
				POLL_SCHEDULE: "* * * * * *",
			});
			const output = collect(child);
			const lines = () =>
				output
					.stdout()
					.trim()
					.split("\n")
					.filter(Boolean)
					.map((l) => JSON.parse(l) as { id: string; kind: string; headline: string });
			try {
				await waitFor(
					() => lines().length >= 2 && output.stderr().includes("Watching"),
					"the first entries",
					START_DEADLINE_MS,
				);
				const blog = site.blog("changing");
				const e4 = blog.entries.find((e) => e.id === "e4");
				if (e4) e4.headline = "Entry 4 corrected";
				blog.entries = blog.entries.filter((e) => e.id !== "e3");
				await waitFor(
					() =>
						lines().some((l) => l.kind === "removed") && lines().some((l) => l.kind === "edited"),
					"the edit and the removal",
				);
				expect(lines().find((l) => l.kind === "edited")).toMatchObject({
					id: "e4",
					headline: "Entry 4 corrected",
				});
				expect(lines().find((l) => l.kind === "removed")).toMatchObject({ id: "e3" });
				expect(
					lines()
						.filter((l) => l.kind === "new")
						.map((l) => l.id),
				).toEqual(["e3", "e4"]);
			} finally {
				child.kill("SIGTERM");
				await new Promise((resolve) => child.on("close", resolve));
			}
		},
		START_DEADLINE_MS + 3 * STEP_DEADLINE_MS,
	);

	it(
		"ends quietly with 0 when the reader of stdout goes away (watch | head -1)",
		async () => {
			site.setBlog(makeFakeBlog("piped", 2));
			const child = runCli(["watch", site.url("piped"), "--json"], {
				...env,
				POLL_SCHEDULE: "* * * * * *",
			});
			const output = collect(child);
			const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
			try {
				await waitFor(
					() => output.stdout().split("\n").length > 2 && output.stderr().includes("Watching"),
					"the first entries",
					START_DEADLINE_MS,
				);
				// The reader goes away; the next entries can only be written into a closed pipe.
				child.stdout.destroy();
				site.addEntry("piped", { id: "e3", headline: "Written into a closed pipe" });
				site.addEntry("piped", { id: "e4", headline: "And another" });
				expect(await closed).toBe(0);
				expect(output.stderr()).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
			} finally {
				child.kill("SIGKILL");
			}
		},
		START_DEADLINE_MS + 2 * STEP_DEADLINE_MS,
	);

	it.each([
		[["watch", "not a url"], /^liveblog-relay: Not a usable URL/],
		[["watch", "javascript:alert(1)"], /^liveblog-relay: Not a usable URL/],
	])("exits 1 with a one-line reason for %j", async (args, pattern) => {
		const { code, stderr, stdout } = await runToEnd([...args, "--once"], env);
		expect(code).toBe(1);
		expect(stdout).toBe("");
		expect(stderr.trim()).toMatch(pattern);
		expect(stderr.trim().split("\n")).toHaveLength(1);
	});

	it("refuses a page that is not a live blog with a one-line reason", async () => {
		site.setBlog({ slug: "article", title: "An article", entries: [], notLive: true });
		const { code, stderr } = await runToEnd(["watch", site.url("article"), "--once"], env);
		expect(code).toBe(1);
		expect(stderr.trim()).toMatch(
			/^liveblog-relay: No live-blog entries found on http:\/\/127\.0\.0\.1:\d+\/article/,
		);
	});

	it("refuses loopback addresses without ALLOW_PRIVATE_NETWORK", async () => {
		const { code, stderr } = await runToEnd(["watch", site.url("blog"), "--once"], {
			...env,
			ALLOW_PRIVATE_NETWORK: "",
		});
		expect(code).toBe(1);
		expect(stderr).toMatch(/loopback.*ALLOW_PRIVATE_NETWORK=1/);
	});

	it("exits 2 with the list of problems for a bad configuration", async () => {
		const { code, stderr } = await runToEnd(["watch", site.url("blog")], {
			...env,
			POLL_SCHEDULE: "often",
			STORE_URL: "ftp://x",
		});
		expect(code).toBe(2);
		expect(stderr).toContain("POLL_SCHEDULE");
		expect(stderr).toContain("STORE_URL");
	});

	it("explains what to do when run with no tokens", async () => {
		const { code, stderr } = await runToEnd([], env);
		expect(code).toBe(2);
		expect(stderr).toContain("npm start -- watch");
	});

	it("says which variable to check when Telegram refuses the token, without printing it", async () => {
		const tg = await startFakeTelegram();
		try {
			const { code, stderr } = await runToEnd([], {
				...env,
				TELEGRAM_BOT_TOKEN: fakeTelegramToken(123456, "not-the-real-secret"),
				TELEGRAM_API_ROOT: tg.apiRoot,
				LOG_LEVEL: "silent",
			});
			expect(code).toBe(1);
			expect(stderr.trim()).toBe(
				"liveblog-relay: The telegram adapter did not start: the Bot API refused the token (401: Unauthorized); check TELEGRAM_BOT_TOKEN (from @BotFather)",
			);
		} finally {
			await tg.close();
		}
	});
});
