/**
 * `npm run demo:changes`: replays a recorded (fictional) live blog into the terminal watcher, so you
 * can see what followers see when a blog changes: entries added, one edited in place, one deleted
 * by the publisher, key events, and the closing recap when the blog ends.
 *
 * The blog is served on a loopback port; the watcher is `watch`'s own pipeline (the console adapter
 * on the relay core, its state in memory), with a clock that jumps a day at the end so the blog is
 * retired and the recap printed without waiting 24 hours. `--json` prints JSON lines instead.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createConsoleAdapter } from "../adapters/console/index.js";
import { loadConfig } from "../src/config.js";
import { createSilentLogger } from "../src/log.js";
import { createRelay } from "../src/relay/relay.js";
import { showLatest } from "../src/relay/show-latest.js";
import type { Target } from "../src/types.js";
import { type FakeEntry, startLiveblogServer } from "../test/fakes/liveblog-server.js";
import { ROOT } from "../test/helpers.js";

interface DemoEntry {
	id: string;
	headline: string;
	body: string;
	keyEvent?: boolean;
}
interface DemoStep {
	say: string;
	add?: DemoEntry;
	edit?: { id: string; headline?: string; body?: string };
	remove?: string;
	end?: boolean;
}
interface Demo {
	title: string;
	start: DemoEntry[];
	steps: DemoStep[];
}

const json = process.argv.includes("--json");
const pause = Number(process.env.DEMO_PAUSE_MS ?? 1500);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const demo = JSON.parse(
	readFileSync(path.join(ROOT, "test", "fixtures", "changes-demo.json"), "utf8"),
) as Demo;

const MINUTE = 60_000;
let clock = Date.now();
const entryOf = (e: DemoEntry): FakeEntry => ({ ...e, publishedAt: new Date(clock) });

const site = await startLiveblogServer();
const blog = site.setBlog({
	slug: "harbour",
	title: demo.title,
	entries: demo.start
		.map((e, i) => ({ ...entryOf(e), publishedAt: new Date(clock - (10 - i) * MINUTE) }))
		.reverse(),
});
const config = loadConfig({
	ALLOW_PRIVATE_NETWORK: "1",
	LOG_LEVEL: "silent",
	STORE_URL: "sqlite://:memory:",
});
const target: Target = { platform: "console", id: "demo" };
const adapter = createConsoleAdapter({ json, ownTargetId: target.id, noticeOut: process.stdout });
const relay = await createRelay({
	config,
	adapters: [adapter],
	schedule: false,
	log: createSilentLogger(),
	now: () => clock,
});
await relay.start();
const note = (text: string) => process.stderr.write(`\n── ${text}\n`);
try {
	const reply = await relay.core.commands.subscribe(target, site.url("harbour"), {
		canManage: true,
	});
	if (reply.kind !== "subscribed") throw reply.error;
	note(`watching "${reply.blog.title}" (${reply.blog.url}): the newest entries first`);
	await showLatest(
		relay,
		target,
		reply.blog.url,
		{
			count: 5,
			summaryLimit: adapter.summaryLimit,
			editWindowMs: config.editWindowMs,
			now: () => clock,
		},
		(update) => adapter.print(update),
	);
	for (const step of demo.steps) {
		note(step.say);
		if (step.add) blog.entries.unshift(entryOf(step.add));
		if (step.edit) {
			const entry = blog.entries.find((e) => e.id === step.edit?.id);
			if (entry) Object.assign(entry, step.edit, { updatedAt: new Date(clock) });
		}
		if (step.remove) blog.entries = blog.entries.filter((e) => e.id !== step.remove);
		if (step.end) blog.coverageEndTime = new Date(clock);
		// Two polls a minute apart: a deletion counts after two, and edits are at most one a minute.
		for (let poll = 0; poll < 2; poll++) {
			clock += MINUTE + 1000;
			await relay.pollAll();
			await relay.idle();
		}
		await sleep(pause);
	}
	note("a day later: the ended blog is retired, with its recap");
	clock += 25 * 60 * MINUTE;
	await relay.pollAll();
	await relay.idle();
} finally {
	await relay.stop();
	await site.close();
}
