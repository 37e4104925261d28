import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../adapters/console/index.js";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import { blogKeyOf, KEYS } from "../../src/store/keys.js";
import type { Target } from "../../src/types.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	renderBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { MemoryStream, makeConfig, makeTempDir } from "../helpers.js";

const target: Target = { platform: "console", id: "watch-faults" };
const admin = { canManage: true };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const faults: [string, (site: LiveblogServer) => Handler, RegExp][] = [
	["a 500 error", () => (_req, res) => res.writeHead(500).end("boom"), /status 500/],
	[
		"a 429 with Retry-After",
		() => (_req, res) => res.writeHead(429, { "retry-after": "600" }).end(),
		/status 429/,
	],
	[
		"garbage instead of HTML",
		() => (_req, res) =>
			res.writeHead(200, { "content-type": "text/html" }).end("\u0000\u0001<<<>>>&&&</div></div>"),
		/No live-blog entries found/,
	],
	[
		"a page that stopped being a live blog",
		() => (_req, res) =>
			res
				.writeHead(200, { "content-type": "text/html" })
				.end("<html><title>Gone</title><p>Moved on</p></html>"),
		/No live-blog entries found/,
	],
	[
		"a body over the size cap",
		() => (_req, res) => {
			res.writeHead(200, { "content-type": "text/html" });
			res.end(`<html>${"x".repeat(300_000)}</html>`);
		},
		/larger than/,
	],
	[
		"a redirect loop",
		(site) => (_req, res) => res.writeHead(302, { location: `${site.url("war")}?again` }).end(),
		/redirect/i,
	],
	[
		"a page that never ends (slow-loris)",
		() => (_req, res) => {
			res.writeHead(200, { "content-type": "text/html" });
			res.write("<html>");
			const timer = setInterval(() => res.write(" "), 100);
			res.on("close", () => clearInterval(timer));
		},
		/too long|timed out|timeout/i,
	],
	[
		"a truncated page",
		(site) => (_req, res) => {
			const html = renderBlog(site.blog("war"), site.origin);
			res.writeHead(200, { "content-type": "text/html" });
			res.end(html.slice(0, 200));
		},
		/No live-blog entries found/,
	],
];

describe("faults of the sources", () => {
	let site: LiveblogServer;
	let tmp: { dir: string; cleanup: () => void };
	let relay: Relay;
	let out: MemoryStream;

	beforeEach(async () => {
		site = await startLiveblogServer();
		site.setBlog(makeFakeBlog("war", 3));
		site.setBlog(makeFakeBlog("calm", 2));
		tmp = makeTempDir();
		out = new MemoryStream();
		relay = await createRelay({
			config: makeConfig({ FETCH_TIMEOUT_MS: "800", MAX_PAGE_BYTES: "200000" }, tmp.dir),
			schedule: false,
			adapters: [
				createConsoleAdapter({
					out,
					json: true,
					ownTargetId: target.id,
					noticeOut: new MemoryStream(),
				}),
			],
		});
		await relay.start();
		await relay.core.commands.subscribe(target, site.url("war"), admin);
		await relay.core.commands.subscribe(target, site.url("calm"), admin);
	});
	afterEach(async () => {
		await relay.stop();
		await site.close();
		tmp.cleanup();
	});

	it.each(faults)(
		"contains %s to its blog, posts nothing false, and recovers",
		async (_name, makeHandler, reason) => {
			site.setHandler("/war", makeHandler(site));
			site.addEntry("calm", { id: "c3" });
			await relay.pollAll();
			await relay.idle();
			const printed = () =>
				out.text
					.trim()
					.split("\n")
					.filter(Boolean)
					.map((l) => (JSON.parse(l) as { id: string }).id);
			// The other blog is unaffected.
			expect(printed()).toEqual(["c3"]);
			const record = await relay.store.get<{ failures: number; lastError: string }>(
				KEYS.blog(blogKeyOf(site.url("war"))),
			);
			expect(record?.failures).toBe(1);
			expect(record?.lastError).toMatch(reason);
			// When the site is back, nothing old looks new, and a real new entry is posted once.
			site.setHandler("/war", null);
			site.addEntry("war", { id: "w4" });
			await relay.pollAll();
			await relay.idle();
			expect(printed()).toEqual(["c3", "w4"]);
		},
	);
});
