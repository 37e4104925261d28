/**
 * The status page of a real relay (grammY against the fake Bot API, a hostile blog title) over HTTP,
 * then in a real headless Chromium (Debian's /usr/bin/chromium driven by puppeteer-core): what a
 * person sees, that no script from a page runs, and that the token is asked for.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HealthServer, startHealthServer } from "../../src/observe/health-server.js";
import { createRelay } from "../../src/relay/relay.js";
import type { Relay } from "../../src/relay/relay-api.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram-bot-api.js";
import { makeConfig, makeTempDir, START_DEADLINE_MS } from "../helpers.js";
import { telegramAdapterOn } from "../telegram-harness.js";

const TOKEN = "status-token-for-tests-0123";
const HOSTILE_TITLE = `Live <script>alert("pwned")</script><img src=x onerror=alert(1)> & "more"`;
const CHROMIUM = "/usr/bin/chromium";
/** Where the browser test leaves its screenshot (named in the report of issue 15). */
const SCREENSHOT = path.join(tmpdir(), "liveblog-relay-status-page.png");

let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;
let server: HealthServer;
let tmp: { dir: string; cleanup: () => void };
let base: string;

beforeAll(async () => {
	site = await startLiveblogServer();
	tg = await startFakeTelegram();
	tmp = makeTempDir();
	site.setBlog(makeFakeBlog("hostile", 2, HOSTILE_TITLE));
	site.setBlog(makeFakeBlog("calm", 3, "Calm live coverage"));
	relay = await createRelay({
		config: makeConfig({ TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot }, tmp.dir),
		adapters: [telegramAdapterOn(tg)],
		schedule: false,
	});
	await relay.start();
	for (const [chat, slug] of [
		["123456789", "hostile"],
		["987654321", "hostile"],
		["555000111", "calm"],
	] as const) {
		const reply = await relay.core.commands.subscribe(
			{ platform: "telegram", id: chat },
			site.url(slug),
			{ canManage: true },
		);
		expect(reply.kind).toBe("subscribed");
	}
	// One chat blocked the bot: its delivery is a failure the page lists (and the chat is forgotten).
	tg.failNext(
		"sendMessage",
		{ error_code: 403, description: "Forbidden: bot was blocked by the user" },
		1,
		(payload) => String(payload.chat_id) === "987654321",
	);
	site.addEntry("hostile", { id: "h3", headline: "Private words nobody else may read" });
	await relay.pollAll();
	await relay.idle();
	server = await startHealthServer({
		port: 0,
		host: "127.0.0.1",
		check: () => relay.health(),
		metrics: relay.metrics,
		status: { read: () => relay.status(), token: TOKEN },
	});
	base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
	await server?.close();
	await relay?.stop();
	await tg?.close();
	await site?.close();
	tmp?.cleanup();
});

describe("the status page over HTTP", () => {
	it("asks for the token and accepts it as Bearer or ?token=", async () => {
		const refused = await fetch(`${base}/`);
		expect(refused.status).toBe(401);
		expect(refused.headers.get("www-authenticate")).toBe("Bearer");
		expect((await fetch(`${base}/?token=nope`)).status).toBe(401);
		const bearer = await fetch(`${base}/`, { headers: { authorization: `Bearer ${TOKEN}` } });
		expect(bearer.status).toBe(200);
		expect(bearer.headers.get("content-security-policy")).toContain("default-src 'none'");
		expect(bearer.headers.get("referrer-policy")).toBe("no-referrer");
		expect((await fetch(`${base}/?token=${TOKEN}`)).status).toBe(200);
		// The probes stay open: Docker's HEALTHCHECK has no token.
		expect((await fetch(`${base}/healthz`)).status).toBe(200);
	});

	it("shows the hostile title as text, never as markup, and no message text or full chat id", async () => {
		const html = await (await fetch(`${base}/?token=${TOKEN}`)).text();
		expect(html).not.toMatch(/<script|<img/i);
		expect(html).toContain("Live &#60;script&#62;alert(&#34;pwned&#34;)&#60;/script&#62;");
		expect(html).not.toContain("Private words");
		expect(html).not.toContain("123456789");
		expect(html).not.toContain(tg.token);
		expect(html).toContain("…6789");
	});
});

/** The page's text as rendered (innerText: what a person sees, not the DOM's raw text). */
function visibleText(page: Page): Promise<string> {
	// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here.
	return page.$eval("body", (body) => (body as unknown as { innerText: string }).innerText);
}

describe("the status page in a real browser", () => {
	let browser: Browser;
	let profile: string;

	beforeAll(async () => {
		profile = mkdtempSync(path.join(tmpdir(), "relay-chromium-"));
		browser = await puppeteer.launch({
			executablePath: CHROMIUM,
			headless: true,
			userDataDir: profile,
			timeout: START_DEADLINE_MS,
			// Without the background-networking flags Chromium keeps calling Google on a closed network.
			args: [
				"--headless",
				"--no-sandbox",
				"--disable-gpu",
				"--disable-quic",
				"--no-first-run",
				"--disable-background-networking",
				"--disable-component-update",
				"--disable-sync",
			],
		});
	});
	afterAll(async () => {
		await browser?.close();
		rmSync(profile, { recursive: true, force: true });
	});

	it("shows a person the blogs, the outbox, deliveries and failures, and runs no script", async () => {
		const page = await browser.newPage();
		const dialogs: string[] = [];
		page.on("dialog", (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		await page.setViewport({ width: 1280, height: 900 });
		const response = await page.goto(`${base}/?token=${TOKEN}`, { waitUntil: "load" });
		expect(response?.status()).toBe(200);
		expect(await page.title()).toBe("liveblog-relay status");
		const text = await visibleText(page);
		// The title reads as the page wrote it, angle brackets and all.
		expect(text).toContain(HOSTILE_TITLE);
		expect(text).toContain("Calm live coverage");
		expect(text).toContain("Watched blogs (2)");
		expect(text).toMatch(/Pending deliveries: none\./);
		expect(text).toContain("Last deliveries");
		expect(text).toMatch(/telegram\s+…6789\s+Live <script>/);
		expect(text).toMatch(/…4321[^\n]*gone[^\n]*blocked/);
		const blogRows = await page.$$eval("tr.blog", (rows) =>
			// biome-ignore lint/performance/useDomNodeTextContent: what a person sees is the rendered text.
			rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.innerText)),
		);
		expect(blogRows).toHaveLength(2);
		const calm = blogRows.find((cells) => cells[0] === "Calm live coverage");
		// Blog, status, last poll, result, next poll, failures, entries seen, subscribers.
		expect(calm?.[1]).toBe("ok");
		expect(calm?.[3]).toBe("ok");
		expect(calm?.[6]).toBe("3");
		expect(calm?.[7]).toBe("telegram 1");
		// No element from the hostile page exists, and nothing ran.
		expect(await page.$$("script, img")).toHaveLength(0);
		expect(dialogs).toEqual([]);
		const refresh = await page.$eval('meta[http-equiv="refresh"]', (m) =>
			m.getAttribute("content"),
		);
		expect(refresh).toBe("15");
		await page.screenshot({ path: SCREENSHOT, fullPage: true });
	});

	it("shows a person without the token a plain refusal", async () => {
		const page = await browser.newPage();
		const response = await page.goto(`${base}/`, { waitUntil: "load" });
		expect(response?.status()).toBe(401);
		expect(await visibleText(page)).toContain("needs STATUS_TOKEN");
	});
});
