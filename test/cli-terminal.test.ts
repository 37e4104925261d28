/**
 * `watch` in a terminal: news on stdout, one status line on stderr (log lines only with --verbose or
 * LOG_LEVEL), "Fetching …" while the first read is slow, wrapping at the terminal's width (80 when
 * piped), times in the local zone (TZ) or UTC with --utc. Piped stdout and a pseudo-terminal (script).
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	type LiveblogServer,
	makeFakeBlog,
	renderBlog,
	startLiveblogServer,
} from "./fakes/liveblog-server.js";
import { makeTempDir, ROOT, START_DEADLINE_MS, STEP_DEADLINE_MS, waitFor } from "./helpers.js";

const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const CLI = path.join(ROOT, "src", "cli.ts");

const LONG_BODY =
	"Rescue teams worked through the night to reach villages cut off by the floods, officials said on Wednesday morning. " +
	"Roads into the valley remain closed and the regional government has asked people to stay away from the river banks until the water recedes.";

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...extra };
}

function spawnCli(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
	return spawn(TSX, [CLI, ...args], { cwd: env.CWD ?? ROOT, env: baseEnv(env) });
}

async function runToEnd(args: string[], env: Record<string, string>) {
	const child = spawnCli(args, env);
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

/**
 * Runs the CLI in a pseudo-terminal `columns` wide (util-linux script); stdout and stderr both land
 * in it. Asynchronous: the fake site answers from this process.
 */
async function runInTerminal(
	args: string[],
	env: Record<string, string>,
	columns: number,
): Promise<string> {
	const quoted = [TSX, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
	const child = spawn("script", ["-qfc", `stty cols ${columns} rows 40; ${quoted}`, "/dev/null"], {
		env: baseEnv(env),
		cwd: env.CWD ?? ROOT,
		stdio: ["ignore", "pipe", "pipe"],
	});
	let screen = "";
	child.stdout.on("data", (d) => {
		screen += d;
	});
	await new Promise((resolve) => child.on("close", resolve));
	return screen;
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

describe("watch in a terminal", () => {
	let site: LiveblogServer;
	let tmp: { dir: string; cleanup: () => void };
	let env: Record<string, string>;

	beforeAll(async () => {
		site = await startLiveblogServer();
		const blog = makeFakeBlog("blog", 2);
		const first = blog.entries[0];
		if (first) first.body = LONG_BODY;
		site.setBlog(blog);
		tmp = makeTempDir();
		env = { ALLOW_PRIVATE_NETWORK: "1", CWD: tmp.dir, TZ: "Europe/Berlin" };
	});
	afterAll(async () => {
		await site.close();
		tmp.cleanup();
	});

	it("shows times in the local zone (TZ), or in UTC with --utc, and wraps at 80 columns when piped", async () => {
		const local = await runToEnd(["watch", site.url("blog"), "--once"], env);
		expect(local.code).toBe(0);
		expect(local.stdout).toContain("2024-09-11 09:02 GMT+2");
		const lines = local.stdout.split("\n");
		expect(
			Math.max(...lines.filter((l) => !l.includes("http")).map((l) => l.length)),
		).toBeLessThanOrEqual(80);
		// The long summary is wrapped over several indented lines.
		expect(lines.filter((l) => l.startsWith("  ") && !l.includes("http")).length).toBeGreaterThan(
			3,
		);
		const utc = await runToEnd(["watch", site.url("blog"), "--once", "--utc"], env);
		expect(utc.stdout).toContain("2024-09-11 07:02 UTC");
		expect(utc.stdout).not.toContain("GMT+2");
	});

	it("wraps at the terminal's width in a pseudo-terminal", async () => {
		const screen = (await runInTerminal(["watch", site.url("blog"), "--once"], env, 50))
			.replace(ANSI, "")
			.replace(/\r/g, "");
		const summary = screen.split("\n").filter((l) => l.startsWith("  ") && !l.includes("http"));
		expect(summary.length).toBeGreaterThan(4);
		expect(Math.max(...summary.map((l) => l.length))).toBeLessThanOrEqual(50);
		expect(Math.max(...summary.map((l) => l.length))).toBeGreaterThan(40);
	});

	it(
		"prints news on stdout and only the status line on stderr by default; log lines with --verbose",
		async () => {
			for (const verbose of [false, true]) {
				const child = spawnCli(
					["watch", site.url("blog"), "--json", ...(verbose ? ["--verbose"] : [])],
					{ ...env, POLL_SCHEDULE: "* * * * * *" },
				);
				let stdout = "";
				let stderr = "";
				child.stdout.on("data", (d) => {
					stdout += d;
				});
				child.stderr.on("data", (d) => {
					stderr += d;
				});
				const closed = new Promise((resolve) => child.on("close", resolve));
				try {
					await waitFor(
						() => stdout.trim().split("\n").length >= 2 && stderr.includes("Watching"),
						"the first entries",
						START_DEADLINE_MS,
					);
					const polls = site.requests.length;
					await waitFor(() => site.requests.length >= polls + 2, "two more polls");
				} finally {
					child.kill("SIGTERM");
					await closed;
				}
				const status = `Watching "Live: blog" (${site.url("blog")}) on schedule "* * * * * *". New entries appear below; Ctrl-C stops.\n`;
				if (verbose) {
					expect(stderr).toContain(status);
					expect(stderr).toMatch(/relay started/);
				} else {
					expect(stderr).toBe(
						`${status}\nSIGTERM: stopping (send SIGTERM again to exit at once)…\n`,
					);
				}
			}
		},
		START_DEADLINE_MS + 4 * STEP_DEADLINE_MS,
	);

	it(
		"says on stderr when the page stops answering",
		async () => {
			site.setBlog(makeFakeBlog("flaky", 2));
			const child = spawnCli(["watch", site.url("flaky"), "--json"], {
				...env,
				POLL_SCHEDULE: "* * * * * *",
			});
			let stderr = "";
			child.stderr.on("data", (d) => {
				stderr += d;
			});
			const closed = new Promise((resolve) => child.on("close", resolve));
			try {
				await waitFor(() => stderr.includes("Watching"), "the status line", START_DEADLINE_MS);
				site.blog("flaky").failNext = { status: 503, count: 1_000 };
				await waitFor(() => stderr.includes("! The page"), "the failure line");
			} finally {
				child.kill("SIGTERM");
				await closed;
			}
			expect(stderr).toMatch(
				/\n! The page could not be read \(.*503.*\); trying again shortly\.\n/,
			);
			expect(stderr.match(/! The page/g)).toHaveLength(1);
		},
		START_DEADLINE_MS + 2 * STEP_DEADLINE_MS,
	);

	it("says it is fetching on a terminal while the first read takes over a second", async () => {
		site.setHandler("/slow", (_req, res) => {
			setTimeout(() => {
				res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
				res.end(renderBlog({ ...makeFakeBlog("slow", 2) }, site.origin));
			}, 2_500);
		});
		const url = `${site.origin}/slow`;
		// Piped, stderr carries no indicator: scripts and log files get the outcome alone.
		const piped = await runToEnd(["watch", url, "--once", "--json"], env);
		expect(piped.code).toBe(0);
		expect(piped.stderr).toBe("");
		const screen = await runInTerminal(["watch", url, "--once", "--json"], env, 80);
		// On a terminal the indicator is erased again before the entries.
		expect(screen).toContain(`Fetching ${url} …\r\u001b[K`);
	});
});
