/**
 * The README's piped `watch` example is run as written (through sh, npm and jq), with the fake site's
 * URL for <url>: npm's banner must not reach jq. Runs the built CLI (dist/, built by `npm ci`).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveblogServer, makeFakeBlog, startLiveblogServer } from "./fakes/liveblog-server.js";
import { ROOT, START_DEADLINE_MS, waitFor } from "./helpers.js";

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** The README's example that pipes watch into jq, without its comment. */
function readmeJqExample(): string {
	const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
	const line = readme.split("\n").find((l) => /watch <url>.*\| jq \./.test(l));
	if (!line) throw new Error("README has no `watch <url> … | jq .` example");
	return (line.split("#")[0] ?? "").trim();
}

describe("the README's watch examples", () => {
	let site: LiveblogServer;
	beforeAll(async () => {
		site = await startLiveblogServer();
		site.setBlog(makeFakeBlog("blog", 3));
	});
	afterAll(async () => {
		await site.close();
	});

	it("pipes through npm without its banner", () => {
		expect(readmeJqExample()).toMatch(/^(npm start --silent -- |liveblog-relay )watch <url>/);
	});

	it(
		"`… watch <url> --json | jq .` works as written",
		async () => {
			const command = readmeJqExample().replace("<url>", site.url("blog"));
			// In a pseudo-terminal, as a person runs it: jq writes to a pipe only when it exits.
			const child = spawn("script", ["-qfc", command, "/dev/null"], {
				cwd: ROOT,
				detached: true,
				stdio: ["ignore", "pipe", "pipe"],
				env: {
					PATH: process.env.PATH ?? "",
					HOME: process.env.HOME ?? "/tmp",
					ALLOW_PRIVATE_NETWORK: "1",
				},
			});
			let screen = "";
			child.stdout.on("data", (d) => {
				screen += d;
			});
			// jq colours its output on a terminal.
			const text = () => screen.replace(ANSI, "").replace(/\r/g, "");
			const closed = new Promise((resolve) => child.on("close", resolve));
			try {
				await waitFor(
					() => (text().match(/"id": "e\d"/g) ?? []).length >= 3 || child.exitCode !== null,
					"three entries through jq",
					START_DEADLINE_MS,
				);
			} finally {
				if (child.pid) process.kill(-child.pid, "SIGTERM");
				await closed;
			}
			// The terminal shows the status line too (stderr), but no npm banner reached jq.
			expect(text()).not.toMatch(/parse error|> liveblog-relay@/);
			expect(text().match(/"id": "e\d"/g)).toEqual(['"id": "e1"', '"id": "e2"', '"id": "e3"']);
		},
		START_DEADLINE_MS * 2,
	);
});
