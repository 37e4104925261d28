/** `watch <url> --explain`: a one-paste report of how a page was read, on stderr. */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainBlog } from "../src/relay/explain-blog.js";
import { createPageReader } from "../src/relay/page-reader.js";
import { type LiveblogServer, startLiveblogServer } from "./fakes/liveblog-server.js";
import { makeConfig, makeTempDir, ROOT } from "./helpers.js";

const fixture = (name: string) =>
	readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

describe("--explain", () => {
	let site: LiveblogServer;
	let tmp: { dir: string; cleanup: () => void };

	beforeAll(async () => {
		site = await startLiveblogServer();
		tmp = makeTempDir();
		const html = { "content-type": "text/html; charset=utf-8" };
		site.setRaw("/copies", fixture("cross-source-copies.html"), html);
		site.setRaw("/storm", fixture("mislabelled-utc.html"), html);
		site.setRaw("/election", fixture("non-entries.html"), html);
		site.setRaw("/budget", fixture("wp-liveblog-card.html"), html);
		site.setRaw("/nothing", "<html><body><p>Just text.</p></body></html>", html);
	});
	afterAll(async () => {
		await site.close();
		tmp.cleanup();
	});

	const explain = async (p: string) => {
		const reader = createPageReader(makeConfig({}, tmp.dir));
		try {
			return await explainBlog(new URL(`${site.url("x").replace(/\/x$/, "")}${p}`), reader);
		} finally {
			await reader.close();
		}
	};

	it("names the sources and their counts, and each merge with its evidence", async () => {
		const text = await explain("/copies");
		expect(text).toContain("Sources: json-ld 3, site-profiles 0, generic 3");
		expect(text).toContain(
			"Merged json-ld:update-8812 + generic:entry-8812 → entry-8812: same numeric id core 8812",
		);
		expect(text).toContain("Entries after merging: 3");
	});

	it("names the blocks dropped as non-entries", async () => {
		const text = await explain("/election");
		expect(text).toContain("Dropped amp-live-list slot-7: no headline, body or media");
		expect(text).toContain("Dropped json-ld p-41: no headline, body or media");
	});

	it("states the time-zone rule applied", async () => {
		expect(await explain("/storm")).toContain(
			'Time zone: "Z" times of generic are local time mislabelled as UTC: moved by -2 h',
		);
		expect(await explain("/copies")).toContain(
			"Time zone: every time carried its own zone or epoch",
		);
	});

	it("lists the key events it found, each with its entry and what flagged it", async () => {
		const text = await explain("/budget");
		expect(text).toContain("Key events: 1 of 4 entries");
		expect(text).toContain(
			'Key event 41702 at 2025-03-26T12:48:10.000Z "Fuel duty frozen for another year": linked from the page\'s key-events list',
		);
		expect(await explain("/copies")).toContain("Key events: none found");
	});

	it("explains a page with no entries instead of failing", async () => {
		const text = await explain("/nothing");
		expect(text).toMatch(/No live-blog entries found/);
		expect(text).toContain("Sources: json-ld 0, site-profiles 0, generic 0");
	});

	it("prints on stderr from the command line, leaving stdout to the entries", async () => {
		const url = `${site.url("x").replace(/\/x$/, "")}/copies`;
		const child = spawn(
			TSX,
			[path.join(ROOT, "src", "cli.ts"), "watch", url, "--once", "--json", "--explain"],
			{
				cwd: tmp.dir,
				env: {
					PATH: process.env.PATH ?? "",
					HOME: process.env.HOME ?? "/tmp",
					ALLOW_PRIVATE_NETWORK: "1",
					STORE_URL: `sqlite://${path.join(tmp.dir, "explain.sqlite")}`,
					LOG_LEVEL: "silent",
				},
			},
		);
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (d) => {
			stdout += d;
		});
		child.stderr.on("data", (d) => {
			stderr += d;
		});
		const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
		expect(code).toBe(0);
		expect(stderr).toContain("Merged json-ld:update-8811 + generic:entry-8811");
		const ids = stdout
			.trim()
			.split("\n")
			.map((l) => (JSON.parse(l) as { id: string }).id);
		expect(ids).toEqual(["entry-8810", "entry-8811", "entry-8812"]);
	}, 60_000);
});
