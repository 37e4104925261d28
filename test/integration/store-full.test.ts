/**
 * A SQLite store that fills up during a fan-out, through the real grammY client and the fake Bot API.
 * The fault is real: the store is capped (SQLITE_MAX_MB, SQLite's max_page_count) and filled, so
 * SQLite itself answers SQLITE_FULL, exactly as on a full disk. Freeing space ends it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../../src/errors.js";
import { createLogger } from "../../src/log.js";
import type { Relay } from "../../src/relay/relay-api.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";
import { type FakeTelegram, privateChat } from "../fakes/telegram-bot-api.js";
import { MemoryStream, makeConfig, waitFor } from "../helpers.js";
import { startTelegramRelay, startTelegramWorld, type TelegramWorld } from "../telegram-harness.js";

let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;
let tmp: { dir: string; cleanup: () => void };
let logs: MemoryStream;

/** A relay with the Telegram adapter on the capped SQLite store in `tmp`, logging into `logs`. */
async function startRelay(): Promise<Relay> {
	return (
		await startTelegramRelay(tg, tmp.dir, {
			env: { SQLITE_MAX_MB: "1" },
			relay: { log: createLogger("info", { stream: logs }) },
		})
	).relay;
}

let world: TelegramWorld;

beforeEach(async () => {
	world = await startTelegramWorld("store-full-");
	({ site, tg, tmp } = world);
	site.setBlog(makeFakeBlog("storm", 3, "Storm live"));
	logs = new MemoryStream();
	relay = await startRelay();
});

afterEach(async () => {
	await world.close(relay);
});

/** Writes filler until SQLite refuses even a tiny row (the disk is full); returns the filler keys. */
async function fillUp(store: Store): Promise<string[]> {
	const keys: string[] = [];
	for (const size of [16_000, 4_000, 1_000, 250, 60, 8]) {
		for (;;) {
			const key = `filler:${keys.length}`;
			try {
				await store.set(key, "x".repeat(size));
			} catch (error) {
				// The expected end of the loop: SQLite says the database is full.
				expect(error).toBeInstanceOf(StoreError);
				expect((error as Error).message).toMatch(/SQLITE_FULL/);
				break;
			}
			keys.push(key);
		}
	}
	return keys;
}

/** Log lines (pino JSON) whose msg matches. */
function logLines(pattern: RegExp): Record<string, unknown>[] {
	return logs.text
		.split("\n")
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Record<string, unknown>)
		.filter((line) => pattern.test(String(line.msg)));
}

const chats = [privateChat(3101), privateChat(3102), privateChat(3103)];

function entriesTo(chatId: number, headline: string): number {
	return tg.sentTo(chatId).filter((m) => m.text.includes(headline)).length;
}

async function subscribeAll(): Promise<void> {
	for (const chat of chats) {
		const reply = await relay.core.commands.subscribe(
			{ platform: "telegram", id: String(chat.id) },
			site.url("storm"),
			{ canManage: true },
		);
		expect(reply.kind).toBe("subscribed");
	}
}

describe("a store that fills up during a fan-out", () => {
	it("sends each entry once per chat, writes the record when there is room, then goes on", async () => {
		await subscribeAll();
		// Two new entries; "Telegram" holds the first sends while the disk fills up.
		const release = tg.hold("sendMessage", () => true);
		site.addEntry("storm", { id: "n1", headline: "First news" });
		site.addEntry("storm", { id: "n2", headline: "Second news" });
		await relay.pollAll();
		await tg.waitFor(() => tg.requests.filter((r) => r.method === "sendMessage").length === 3);
		const filler = await fillUp(relay.store);
		release();

		// Telegram has every first message; recording them failed, so delivery pauses and says so.
		await waitFor(
			() => logLines(/store failing: delivery paused/).length >= 3,
			"the first pause and two failed probes",
			30_000,
		);
		for (const chat of chats) {
			expect(entriesTo(chat.id, "First news")).toBe(1);
			expect(entriesTo(chat.id, "Second news")).toBe(0);
		}
		expect(logLines(/sent, but recording it failed/)).toHaveLength(3);
		const health = await relay.health();
		expect(health.ok).toBe(false);
		expect(health.checks.store).toMatch(/^failing since .*SQLITE_FULL.*delivery paused/);

		// Space again: the retry writes the records instead of sending again, then the next entry goes.
		for (const key of filler) await relay.store.delete(key);
		await relay.idle();
		for (const chat of chats) {
			expect(entriesTo(chat.id, "First news")).toBe(1);
			expect(entriesTo(chat.id, "Second news")).toBe(1);
		}
		expect(logLines(/recorded a delivery that was sent while the store failed/)).toHaveLength(3);
		expect(logLines(/store works again: delivery resumed/)).toHaveLength(1);
		const after = await relay.health();
		// A recent failed write still shows for a minute, but delivery is no longer paused.
		expect(after.checks.store).toMatch(/^failing: a write failed at /);
	}, 90_000);

	it("says so when it stops with a record unwritten: only those messages may repeat after a restart", async () => {
		await subscribeAll();
		const release = tg.hold("sendMessage", () => true);
		site.addEntry("storm", { id: "n1", headline: "First news" });
		await relay.pollAll();
		await tg.waitFor(() => tg.requests.filter((r) => r.method === "sendMessage").length === 3);
		const filler = await fillUp(relay.store);
		release();
		await waitFor(
			() => logLines(/sent, but recording it failed/).length === 3,
			"three failed records",
			30_000,
		);
		await relay.stop();
		expect(logLines(/stopping with a sent delivery unrecorded/)).toHaveLength(3);

		// Room again (the operator cleans up), then a restart: the unrecorded message is the one repeat.
		const cleanup = await openStore(makeConfig({}, tmp.dir).storeUrl);
		for (const key of filler) await cleanup.delete(key);
		await cleanup.close();
		relay = await startRelay();
		await relay.idle();
		for (const chat of chats) expect(entriesTo(chat.id, "First news")).toBe(2);
		await relay.pollAll();
		await relay.idle();
		for (const chat of chats) expect(entriesTo(chat.id, "First news")).toBe(2);
	}, 90_000);
});
