import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../adapters/console/index.js";
import { createRelay, type Relay } from "../../src/relay/relay.js";
import type { Target } from "../../src/types.js";
import {
	type LiveblogServer,
	makeFakeBlog,
	startLiveblogServer,
} from "../fakes/liveblog-server.js";
import { MemoryStream, makeConfig, makeTempDir } from "../helpers.js";

const target: Target = { platform: "console", id: "watch-life" };
const admin = { canManage: true };
const MINUTE = 60_000;

describe("blog lifecycle: outages and endings", () => {
	let site: LiveblogServer;
	let tmp: { dir: string; cleanup: () => void };
	let relay: Relay;
	let clock: number;
	let out: MemoryStream;
	let notices: MemoryStream;

	beforeEach(async () => {
		site = await startLiveblogServer();
		site.setBlog(makeFakeBlog("war", 3));
		tmp = makeTempDir();
		clock = Date.UTC(2024, 8, 11, 9, 0, 0);
		out = new MemoryStream();
		notices = new MemoryStream();
		relay = await createRelay({
			config: makeConfig({}, tmp.dir),
			schedule: false,
			now: () => clock,
			adapters: [
				createConsoleAdapter({ out, noticeOut: notices, json: true, ownTargetId: target.id }),
			],
		});
		await relay.start();
	});
	afterEach(async () => {
		await relay.stop();
		await site.close();
		tmp.cleanup();
	});

	async function pollAt(minutesLater: number) {
		clock += minutesLater * MINUTE;
		await relay.pollAll();
		await relay.idle();
	}

	it("shows an unreachable blog in the list, tells subscribers once, then catches up when it is back", async () => {
		await relay.core.commands.subscribe(target, site.url("war"), admin);
		const outageStart = clock + MINUTE;
		site.blog("war").failNext = { status: 503, count: 1000 };
		await pollAt(1);
		await pollAt(10);
		await pollAt(10);
		const list = await relay.core.commands.list(target);
		expect(list.kind === "list" && list.blogs[0]).toMatchObject({
			status: "unreachable",
			unreachableSince: new Date(outageStart),
		});
		expect(notices.text).toBe("");
		await pollAt(50);
		await pollAt(30);
		await pollAt(30);
		expect(notices.text.match(/can't reach/g)).toHaveLength(1);
		expect(notices.text).toContain("since 11 Sept 2024, 09:01 UTC");

		site.addEntry("war", { id: "during-outage" });
		site.blog("war").failNext = undefined;
		await pollAt(30);
		expect(notices.text.match(/reachable again/g)).toHaveLength(1);
		expect(out.text).toContain('"id":"during-outage"');
		const after = await relay.core.commands.list(target);
		expect(after.kind === "list" && after.blogs[0]?.status).toBe("ok");
	});

	it("polls an ended blog rarely, then retires it with a message to its subscribers", async () => {
		await relay.core.commands.subscribe(target, site.url("war"), admin);
		site.blog("war").coverageEndTime = new Date(clock - MINUTE);
		site.addEntry("war", { id: "wrap-up", headline: "That's all for today" });
		await pollAt(1);
		expect(out.text).toContain('"id":"wrap-up"');
		const list = await relay.core.commands.list(target);
		expect(list.kind === "list" && list.blogs[0]?.status).toBe("ended");
		await pollAt(23 * 60);
		expect(notices.text).toBe("");
		await pollAt(61);
		expect(notices.text).toMatch(/has ended, so I've stopped following it/);
		const gone = await relay.core.commands.list(target);
		expect(gone.kind === "list" && gone.blogs).toEqual([]);
	});
});
