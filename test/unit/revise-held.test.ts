/**
 * Entries held for a digest have no message to edit: a change of one rewrites the held copy, so the
 * digest shows the page's last text and leaves out what the publisher deleted. A sealed batch (its
 * digest already queued) stays as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reviseHeld } from "../../src/relay/revise-held.js";
import { storeUpdate, toEntryUpdate } from "../../src/relay/updates.js";
import { HeldRepo } from "../../src/settings/held-entries.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { asTargetKey } from "../../src/store/target-key.js";
import type { Entry } from "../../src/types.js";
import { makeEntry } from "../helpers.js";

const T = asTargetKey("telegram:-1");
const OTHER = asTargetKey("telegram:-2");
const BLOG = { key: "b", url: "https://news.example/live", title: "Live" };
const now = Date.UTC(2024, 8, 11, 9, 0, 0);

describe("held entries follow the page's changes", () => {
	let store: Store;
	beforeEach(async () => {
		store = await openStore("sqlite://:memory:");
	});
	afterEach(async () => {
		await store.close();
	});
	const held = (entries: Entry[]) =>
		entries.map((e) => storeUpdate(toEntryUpdate(BLOG, e, 600, "new")));
	const deps = () => ({ store, summaryLimitFor: () => 600 });

	it("rewrites an edited held entry and drops a deleted one; a sealed one stays as queued", async () => {
		const repo = new HeldRepo(store);
		const [e1, e2, e3, e4] = [makeEntry(1), makeEntry(2), makeEntry(3), makeEntry(4)];
		if (!e1 || !e2 || !e3 || !e4) throw new Error("no entries");
		const ref = { targetKey: T, blogKey: BLOG.key };
		await repo.hold(ref, BLOG, held([e1]), now);
		// e1's digest is being queued (sealed); e2..e4 are held after it.
		await repo.seal(ref, "d1");
		await repo.hold(ref, BLOG, held([e2, e3, e4]), now);
		await repo.hold({ targetKey: OTHER, blogKey: BLOG.key }, BLOG, held([e2]), now);

		const fixed = (e: Entry) => ({ ...e, headline: `${e.headline} (corrected)` });
		const revised = await reviseHeld(deps(), BLOG, [fixed(e1), fixed(e2)], [e3.id]);

		expect(revised).toBe(3);
		const batch = await repo.get(ref);
		expect(batch?.entries.map((u) => [u.entryId, u.headline, u.kind])).toEqual([
			["e1", "Headline 1", "new"],
			["e2", "Headline 2 (corrected)", "new"],
			["e4", "Headline 4", "new"],
		]);
		expect(batch?.seal?.count).toBe(1);
		const other = await repo.get({ targetKey: OTHER, blogKey: BLOG.key });
		expect(other?.entries.map((u) => u.headline)).toEqual(["Headline 2 (corrected)"]);
	});

	it("removes a batch whose every entry was deleted (no empty digest)", async () => {
		const repo = new HeldRepo(store);
		const ref = { targetKey: T, blogKey: BLOG.key };
		await repo.hold(ref, BLOG, held([makeEntry(5)]), now);
		expect(await reviseHeld(deps(), BLOG, [], ["e5"])).toBe(1);
		expect(await repo.get(ref)).toBeUndefined();
	});

	it("leaves other blogs' batches alone", async () => {
		const repo = new HeldRepo(store);
		const ref = { targetKey: T, blogKey: "other-blog" };
		await repo.hold(ref, BLOG, held([makeEntry(6)]), now);
		expect(await reviseHeld(deps(), BLOG, [], ["e6"])).toBe(0);
		expect((await repo.get(ref))?.entries).toHaveLength(1);
	});
});
