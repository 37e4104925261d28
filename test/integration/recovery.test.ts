/**
 * Issue 16's recovery target, with an injected clock and scheduled (not forced) ticks: after a site
 * recovers, its next new entry is detected within max(5 min, 2 × the poll interval), also across a
 * restart and for next-poll times an older version stored (30-minute backoff).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../adapters/console/index.js";
import { FAILURE_RETRY_CEILING_MS } from "../../src/relay/lifecycle.js";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import { WatchStateRepo } from "../../src/store/watch-state.js";
import type { Target } from "../../src/types.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { MemoryStream, makeConfig, makeTempDir } from "../helpers.js";

const target: Target = { platform: "console", id: "watch-recovery" };
const admin = { canManage: true };
const MINUTE = 60_000;

describe("recovery after an outage", () => {
	let site: LiveblogServer;
	let tmp: { dir: string; cleanup: () => void };
	let relay: Relay;
	let clock: number;
	let out: MemoryStream;

	async function startRelay(random: () => number): Promise<Relay> {
		const started = await createRelay({
			config: makeConfig({}, tmp.dir),
			schedule: false,
			now: () => clock,
			random,
			adapters: [
				createConsoleAdapter({
					out,
					noticeOut: new MemoryStream(),
					json: true,
					ownTargetId: target.id,
				}),
			],
		});
		await started.start();
		return started;
	}

	beforeEach(async () => {
		site = await startLiveblogServer();
		site.setBlog(makeFakeBlog("war", 3));
		tmp = makeTempDir();
		clock = Date.UTC(2024, 8, 11, 9, 0, 0);
		out = new MemoryStream();
		// The longest waits the jitter allows: the target must hold in the worst case.
		relay = await startRelay(() => 0.999);
		await relay.core.commands.subscribe(target, site.url("war"), admin);
	});
	afterEach(async () => {
		await relay.stop();
		await site.close();
		tmp.cleanup();
	});

	/** One scheduled tick `minutes` after the last, as node-cron would run it. */
	async function tick(minutes: number): Promise<void> {
		clock += minutes * MINUTE;
		await relay.pollDue();
		await relay.idle();
	}

	/** Minutes of ticks until the entry is printed (at most `limit`). */
	async function minutesUntilPrinted(id: string, interval: number, limit = 120): Promise<number> {
		let waited = 0;
		while (!out.text.includes(`"id":"${id}"`) && waited < limit) {
			await tick(interval);
			waited += interval;
		}
		return waited;
	}

	it.each([
		[1, 3],
		[1, 14],
		[1, 45],
		[3, 14],
		[10, 40],
	])(
		"polling every %i min, a %i-minute outage: the first entry after it comes within the target",
		async (interval, outageMinutes) => {
			site.blog("war").failNext = { status: 503, count: 10_000 };
			for (let down = 0; down < outageMinutes; down += interval) await tick(interval);
			// The worst moment: the site recovers and posts right after a failed try.
			const tries = site.requests.length;
			while (site.requests.length === tries) await tick(interval);
			site.blog("war").failNext = undefined;
			site.addEntry("war", { id: "back" });
			const waited = await minutesUntilPrinted("back", interval);
			expect(waited * MINUTE).toBeLessThanOrEqual(Math.max(5 * MINUTE, 2 * interval * MINUTE));
		},
	);

	it("never waits longer than the ceiling between two tries of a failing site", async () => {
		site.blog("war").failNext = { status: 503, count: 10_000 };
		const triedAt: number[] = [];
		const before = site.requests.length;
		for (let minute = 0; minute < 60; minute++) {
			await tick(1);
			if (site.requests.length > before + triedAt.length) triedAt.push(clock);
		}
		const gaps = triedAt.slice(1).map((t, i) => t - (triedAt[i] ?? t));
		expect(Math.max(...gaps)).toBeLessThanOrEqual(FAILURE_RETRY_CEILING_MS + MINUTE);
		expect(gaps.length).toBeGreaterThan(10);
	});

	it("a restart tries a failing blog again soon, also one an older version left waiting 30 minutes", async () => {
		site.blog("war").failNext = { status: 503, count: 10_000 };
		for (let down = 0; down < 20; down++) await tick(1);
		// What an older version stored: a 30-minute backoff.
		const state = new WatchStateRepo(relay.store);
		const [key] = await state.listBlogKeys();
		await state.updateBlog(key ?? "", (r) => ({ ...r, nextPollAt: clock + 30 * MINUTE }));
		await relay.stop();
		site.blog("war").failNext = undefined;
		site.addEntry("war", { id: "after-restart" });
		// The latest moment the jitter allows.
		relay = await startRelay(() => 0.999);
		const waited = await minutesUntilPrinted("after-restart", 1);
		expect(waited).toBeLessThanOrEqual(2);
	});

	it("a restart still honours a Retry-After the site sent", async () => {
		site.blog("war").failNext = {
			status: 503,
			count: 1,
			headers: { "retry-after": String(20 * 60) },
		};
		await tick(1);
		await relay.stop();
		site.addEntry("war", { id: "later" });
		relay = await startRelay(() => 0);
		const waited = await minutesUntilPrinted("later", 1);
		expect(waited).toBe(20);
	});
});
