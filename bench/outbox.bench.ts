/**
 * Cost of one delivery (take the next pending one, record it, remove it) and of one poll's enqueue
 * (50 deliveries) against the length of the target's queue. The outbox must be O(1) per delivery:
 * target, the cost at 5,000 pending is within 3× the cost at 100.
 * Run: npx tsx bench/outbox.bench.ts [sqlite|redis]   (redis needs 127.0.0.1:6379; about 1 min)
 */
import { randomUUID } from "node:crypto";
import { openStore, type Store } from "../src/store/open-store.js";
import { OutboxRepo, type PendingDelivery } from "../src/store/outbox.js";
import { asTargetKey, type TargetKey } from "../src/store/target-key.js";
import { makeTempDir } from "../test/helpers.js";

const BACKEND = process.argv[2] === "redis" ? "redis" : "sqlite";
const LENGTHS = [100, 1_000, 5_000];
const DELIVERIES = 100;
const BATCH = 50;
const TARGET = asTargetKey("telegram:-1001");

/** A delivery of realistic size (~1 KB: headline, 500-character summary, URLs). */
function delivery(n: number): PendingDelivery {
	const id = `entry-${n}-${"x".repeat(24)}`;
	return {
		blogKey: "0123456789abcdef0123",
		entryId: id,
		enqueuedAt: Date.now(),
		attempts: 0,
		update: {
			kind: "new",
			blogUrl: "https://news.example/world/live/2026/nov/30/some-long-live-blog-slug",
			blogTitle: "World news live: the latest updates from around the globe",
			entryId: id,
			entryUrl: `https://news.example/world/live/2026/nov/30/some-long-live-blog-slug#${id}`,
			headline: `Headline number ${n} of a busy live blog with a longish title`,
			summary: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(9),
			publishedAt: Date.now(),
		},
	};
}

/** The next delivery, through whichever API the outbox offers (v2: peek; v1: the whole list). */
async function next(outbox: OutboxRepo): Promise<PendingDelivery | undefined> {
	const withPeek = outbox as OutboxRepo & { peek?: (t: TargetKey) => Promise<PendingDelivery> };
	if (typeof withPeek.peek === "function") return withPeek.peek(TARGET);
	return (await outbox.pending(TARGET))[0];
}

async function open(): Promise<{ store: Store; done: () => Promise<void> }> {
	if (BACKEND === "redis") {
		const store = await openStore("redis://127.0.0.1:6379", {
			namespace: `bench-${randomUUID()}`,
		});
		return { store, done: () => store.close() };
	}
	const temp = makeTempDir("outbox-bench-");
	const store = await openStore(`sqlite://${temp.dir}/bench.sqlite`);
	return {
		store,
		done: async () => {
			await store.close();
			temp.cleanup();
		},
	};
}

async function measure(length: number): Promise<{ deliveryMs: number; enqueueMs: number }> {
	const { store, done } = await open();
	try {
		const outbox = new OutboxRepo(store);
		let n = 0;
		while (n < length) {
			const size = Math.min(BATCH, length - n);
			await outbox.enqueue(
				TARGET,
				Array.from({ length: size }, (_, i) => delivery(n + i)),
			);
			n += size;
		}
		// One more poll's worth onto the full queue.
		let t0 = performance.now();
		await outbox.enqueue(
			TARGET,
			Array.from({ length: BATCH }, (_, i) => delivery(n + i)),
		);
		const enqueueMs = performance.now() - t0;
		const times: number[] = [];
		for (let i = 0; i < DELIVERIES; i++) {
			t0 = performance.now();
			const d = await next(outbox);
			if (!d) throw new Error("queue ran dry");
			await outbox.markDelivered(TARGET, d, String(i), Date.now());
			times.push(performance.now() - t0);
		}
		// The median: a shared 2-core box and SQLite's WAL checkpoints add spikes that are not the outbox's.
		times.sort((a, b) => a - b);
		return { deliveryMs: times[Math.floor(times.length / 2)] ?? 0, enqueueMs };
	} finally {
		await done();
	}
}

async function main(): Promise<void> {
	console.log(`outbox bench on ${BACKEND}: ${DELIVERIES} deliveries per queue length`);
	await measure(LENGTHS[0] ?? 100); // warm-up: JIT, connections, the SQLite file cache
	const results: { length: number; deliveryMs: number; enqueueMs: number }[] = [];
	for (const length of LENGTHS) {
		const r = await measure(length);
		results.push({ length, ...r });
		console.log(
			`  ${String(length).padStart(5)} pending: ${r.deliveryMs.toFixed(2)} ms per delivery (median), ${r.enqueueMs.toFixed(1)} ms to enqueue ${BATCH}`,
		);
	}
	const first = results[0]?.deliveryMs ?? 0;
	const last = results.at(-1)?.deliveryMs ?? 0;
	const ratio = last / first;
	const pass = ratio <= 3;
	console.log(
		`${pass ? "PASS" : "FAIL"}: per-delivery cost at ${LENGTHS.at(-1)} pending is ${ratio.toFixed(1)}× the cost at ${LENGTHS[0]} (target ≤ 3×)`,
	);
	process.exitCode = pass ? 0 : 1;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
