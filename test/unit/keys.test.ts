import { describe, expect, it } from "vitest";
import { KEYS } from "../../src/store/keys.js";
import { targetKey } from "../../src/store/target-key.js";

const t = targetKey({ platform: "telegram", id: "-100123", threadId: "7" });

describe("KEYS", () => {
	it("namespaces and versions every stored value's key", () => {
		const stored = [
			KEYS.blogIndex(),
			KEYS.blog("b1"),
			KEYS.seen("b1"),
			KEYS.recent("b1"),
			KEYS.subs("b1"),
			KEYS.targetSubs(t),
			KEYS.legacyOutbox(t),
			KEYS.outboxMeta(t),
			KEYS.outboxSlot(t, 3),
			KEYS.outboxEntry(t, "b1", "e1"),
			KEYS.outboxIndex(t),
			...KEYS.outboxIndexShards(),
			KEYS.chatOwner(t),
			KEYS.ownerTargets("telegram:user:1"),
			KEYS.message(t, "b1", "e1"),
			KEYS.probe(),
			KEYS.ping(),
		];
		for (const key of stored) expect(key).toMatch(/^[a-zA-Z]+:v\d+(?::|$)/);
		expect(KEYS.message(t, "b1", "e1").startsWith(KEYS.messagePrefix())).toBe(true);
	});

	it("keeps lease, lock and notice names apart per kind and per subject", () => {
		const names = [
			KEYS.pollLease("b1"),
			KEYS.pollLease("b2"),
			KEYS.pollTick("b1"),
			KEYS.deliverLease(t),
			KEYS.ownerLock("telegram:user:1"),
			KEYS.outboxLock(t),
			KEYS.notice("blog-ended", 5),
			KEYS.notice("source-unreachable", 5),
		];
		expect(new Set(names).size).toBe(names.length);
		expect(KEYS.notice("entries-skipped", "e9")).toBe("notice:entries-skipped:e9");
	});

	it("spreads targets over the outbox index shards, always to the same one", () => {
		const shards = new Set(KEYS.outboxIndexShards());
		const used = new Set(
			Array.from({ length: 200 }, (_, i) =>
				KEYS.outboxIndex(targetKey({ platform: "discord", id: String(i) })),
			),
		);
		for (const shard of used) expect(shards.has(shard)).toBe(true);
		expect(used.size).toBeGreaterThan(shards.size / 2);
		expect(KEYS.outboxIndex(t)).toBe(KEYS.outboxIndex(t));
	});
});
