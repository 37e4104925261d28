/**
 * Changes meet the settings' fan-out: an entry a subscription's filters skipped (recorded with
 * `messageId: null`) or held for a digest has no message to edit, retract or pin, so nothing is queued.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSilentLogger } from "../../src/log.js";
import { DEFAULT_CHANGE_PREFERENCES } from "../../src/relay/change-preferences.js";
import { fanOutChanges } from "../../src/relay/fan-out-changes.js";
import { storeUpdate, toEntryUpdate } from "../../src/relay/updates.js";
import { HeldRepo } from "../../src/settings/held-entries.js";
import { createSettingsFanOut } from "../../src/settings/settings-fan-out.js";
import { SettingsRepo } from "../../src/settings/settings-repo.js";
import { CHANGE_QUEUE } from "../../src/store/keys.js";
import { MessageRecordRepo } from "../../src/store/message-records.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { OutboxRepo } from "../../src/store/outbox.js";
import { SubscriptionRepo } from "../../src/store/subscriptions.js";
import { asTargetKey } from "../../src/store/target-key.js";
import { makeEntry } from "../helpers.js";

const T = asTargetKey("telegram:-1");
const BLOG = { key: "b", url: "https://news.example/live", title: "Live" };
const HOUR = 3_600_000;

describe("changes of entries that were never posted in a target", () => {
	let store: Store;
	beforeEach(async () => {
		store = await openStore("sqlite://:memory:");
	});
	afterEach(async () => {
		await store.close();
	});

	it("queues no edit, retraction or pin for an entry skipped by a filter or held for a digest", async () => {
		const now = () => Date.UTC(2024, 8, 11, 9, 0, 0);
		const log = createSilentLogger();
		const subs = new SubscriptionRepo(store);
		await subs.add(T, BLOG.key);
		const settingsFanOut = createSettingsFanOut({
			store,
			settings: new SettingsRepo(store),
			held: new HeldRepo(store),
			log,
			now,
			recordTtlMs: 24 * HOUR,
		});
		const [skipped, held, posted] = [makeEntry(1), makeEntry(2), makeEntry(3)];
		const updates = [skipped, held, posted].map((e) =>
			storeUpdate(toEntryUpdate(BLOG, e, 600, "new")),
		);
		const sent = await settingsFanOut.route(T, BLOG, updates, ["skip", "hold", "send"]);
		expect(sent.map((u) => u.entryId)).toEqual(["e3"]);
		const records = new MessageRecordRepo(store, 24 * HOUR);
		const outbox = new OutboxRepo(store, { now });
		await outbox.enqueue(T, [
			{ blogKey: BLOG.key, entryId: "e3", update: sent[0], enqueuedAt: now(), attempts: 0 },
		]);
		const posted3 = (await outbox.pending(T))[0];
		if (!posted3) throw new Error("the posted entry was not queued");
		await outbox.markDelivered(T, posted3, "42", now());
		expect((await records.get(T, BLOG.key, "e1"))?.messageId).toBeNull();

		const changes = new OutboxRepo(store, { queue: CHANGE_QUEUE, now });
		const deps = {
			subs,
			outbox,
			changes,
			records,
			changePreferencesOf: async () => ({ ...DEFAULT_CHANGE_PREFERENCES, pinKeyEvents: true }),
			summaryLimitFor: () => 600,
			log,
			now,
			onEnqueued: () => {},
		};
		const edit = (e: typeof skipped) => ({ ...e, headline: `${e.headline} (corrected)` });
		await fanOutChanges(deps, BLOG, {
			edited: [edit(skipped), edit(held), edit(posted)],
			retracted: [],
			keyEvent: { ...skipped, keyEvent: true },
		});
		await fanOutChanges(deps, BLOG, { edited: [], retracted: [held, skipped] });
		// Only the posted entry's edit; the pin of a skipped key event is dropped when its turn comes.
		const queued = await changes.pending(T);
		expect(queued.filter((d) => d.change?.kind !== "pin").map((d) => d.entryId)).toEqual(["e3"]);
	});
});
