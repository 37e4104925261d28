/**
 * What the relay does after each delivery outcome, end to end: the real dispatcher (createRelay on
 * a temp SQLite store), the real grammY adapter and the fake Bot API answering each outcome in
 * Telegram's words. Telegram speaks all of them, so this checks every row of OUTCOME_ACTIONS (and
 * so of the README's outcome table) against the dispatcher's actual behaviour.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Relay } from "../../src/relay/relay-api.js";
import type { Target } from "../../src/types.js";
import {
	DELIVERY_OUTCOMES,
	type DeliveryOutcome,
	OUTCOME_ACTIONS,
	type OutcomeAction,
} from "../contract/delivery-outcomes.js";
import { type LiveblogServer, makeFakeBlog } from "../fakes/liveblog-server.js";
import { type FakeTelegram, group, privateChat } from "../fakes/telegram-bot-api.js";
import { startTelegramRelay, startTelegramWorld, type TelegramWorld } from "../telegram-harness.js";

const CHAT = group(-5001, "Outcome group");
/** A chat that never fails: every scenario checks it is served regardless. */
const BYSTANDER = privateChat(5002);
const SUPERGROUP_ID = -1005001;
const HOUR = 60 * 60_000;
/** Deadline of a wait for the fake to see a request (a condition, not a sleep). */
const WAIT_MS = 30_000;
const at = (id: number): Target => ({ platform: "telegram", id: String(id) });

let world: TelegramWorld;
let site: LiveblogServer;
let tg: FakeTelegram;
let relay: Relay;
/** Headlines published in this test: the bystander must get each once. */
let published: string[] = [];
/** The relay's clock runs with real time plus this offset (the dispatcher's timers are real). */
let clockOffset = 0;

beforeEach(async () => {
	world = await startTelegramWorld("telegram-outcomes-");
	({ site, tg } = world);
	clockOffset = 0;
	published = [];
	site.setBlog(makeFakeBlog("storm", 3, "Storm live"));
	relay = await startRelay();
	for (const chat of [CHAT, BYSTANDER]) {
		const reply = await relay.core.commands.subscribe(at(chat.id), site.url("storm"), {
			canManage: true,
		});
		expect(reply.kind).toBe("subscribed");
	}
});

afterEach(async () => {
	await world.close(relay);
});

/** A relay (with its own Telegram adapter) over the test's store. */
async function startRelay(): Promise<Relay> {
	const started = await startTelegramRelay(tg, world.tmp.dir, {
		relay: { now: () => Date.now() + clockOffset },
	});
	return started.relay;
}

/** Stops the relay (its workers finish applying results) and starts another on the same store. */
async function restart(advanceMs: number): Promise<Relay> {
	await relay.stop();
	clockOffset += advanceMs;
	relay = await startRelay();
	return relay;
}

/** Error codes (undefined = accepted) of the sendMessage calls to a chat, in order. */
function attempts(chatId: number): (number | undefined)[] {
	return tg.requests
		.filter((r) => r.method === "sendMessage" && String(r.payload.chat_id) === String(chatId))
		.map((r) => r.errorCode);
}

/** Arrival times (ms) of the sendMessage calls to a chat. */
function arrivals(chatId: number): number[] {
	return tg.requests
		.filter((r) => r.method === "sendMessage" && String(r.payload.chat_id) === String(chatId))
		.map((r) => r.at);
}

/** How many posts of `headline` a chat received. */
function received(chatId: number, headline: string): number {
	return tg.sentTo(chatId).filter((m) => m.text.includes(`<b>${headline}</b>`)).length;
}

async function followed(chatId: number): Promise<string[]> {
	return (await relay.core.blogsOf(at(chatId))).map((b) => b.title);
}

/** Publishes an entry and runs one poll; deliveries start in the background. */
async function publish(id: string, headline: string): Promise<void> {
	site.addEntry("storm", { id, headline });
	published.push(headline);
	await relay.pollAll();
}

/** One scenario per action word: each checks that the relay does exactly that after `outcome`. */
const SCENARIOS: Record<OutcomeAction, (outcome: DeliveryOutcome) => Promise<void>> = {
	async record(outcome) {
		expect(outcome).toBe("delivered");
		await publish("n1", "Recorded news");
		await relay.idle();
		await relay.pollAll();
		await restart(0);
		await relay.idle();
		expect(received(CHAT.id, "Recorded news")).toBe(1);
		expect(attempts(CHAT.id)).toEqual([undefined]);
	},
	async remove(outcome) {
		if (outcome === "delivered") throw new Error("not a failure");
		tg.failNextAs(outcome, CHAT.id);
		await publish("n1", "First news");
		await relay.idle();
		expect(await followed(CHAT.id)).toEqual([]);
		await publish("n2", "Second news");
		await relay.idle();
		expect(attempts(CHAT.id)).toHaveLength(1);
		expect(received(BYSTANDER.id, "Second news")).toBe(1);
	},
	async pause(outcome) {
		if (outcome === "delivered") throw new Error("not a failure");
		tg.failNextAs(outcome, CHAT.id);
		await publish("n1", "Paused news");
		await tg.waitFor(
			() => attempts(CHAT.id).length === 1 && received(BYSTANDER.id, "Paused news") === 1,
			WAIT_MS,
		);
		// Paused, not dropped: the subscription stays, and the retry comes minutes later, not now.
		await restart(0);
		expect(await followed(CHAT.id)).toEqual(["Storm live"]);
		expect(attempts(CHAT.id)).toHaveLength(1);
		// Two hours on, still refused: still kept.
		tg.failNextAs(outcome, CHAT.id);
		await restart(2 * HOUR);
		await tg.waitFor(() => attempts(CHAT.id).length === 2, WAIT_MS);
		await restart(0);
		expect(await followed(CHAT.id)).toEqual(["Storm live"]);
		// Refused for more than a day: the subscription goes, and nothing more is tried.
		tg.failNextAs(outcome, CHAT.id);
		await restart(24 * HOUR);
		await relay.idle();
		expect(await followed(CHAT.id)).toEqual([]);
		expect(received(CHAT.id, "Paused news")).toBe(0);
		expect(attempts(CHAT.id)).toHaveLength(3);
	},
	async move(outcome) {
		if (outcome === "delivered") throw new Error("not a failure");
		tg.failNextAs(outcome, CHAT.id, { migrateTo: SUPERGROUP_ID });
		await publish("n1", "Moved news");
		await relay.idle();
		expect(received(SUPERGROUP_ID, "Moved news")).toBe(1);
		expect(await followed(SUPERGROUP_ID)).toEqual(["Storm live"]);
		expect(await followed(CHAT.id)).toEqual([]);
	},
	async wait(outcome) {
		if (outcome === "delivered") throw new Error("not a failure");
		tg.failNextAs(outcome, CHAT.id, { retryAfterS: 2 });
		await publish("n1", "Waited news");
		await relay.idle();
		expect(attempts(CHAT.id)).toEqual([429, undefined]);
		expect(received(CHAT.id, "Waited news")).toBe(1);
		// At least the wait Telegram asked for (a lower bound: a busy machine only makes it longer).
		const [first = 0, second = 0] = arrivals(CHAT.id);
		expect(second - first).toBeGreaterThanOrEqual(1900);
	},
	async drop(outcome) {
		if (outcome === "delivered") throw new Error("not a failure");
		tg.failNextAs(outcome, CHAT.id);
		await publish("n1", "Dropped news");
		await relay.idle();
		expect(attempts(CHAT.id)).toEqual([400]);
		// Only the message is dropped: the chat keeps its subscription and gets the next entry.
		expect(await followed(CHAT.id)).toEqual(["Storm live"]);
		await publish("n2", "Next news");
		await relay.idle();
		expect(received(CHAT.id, "Next news")).toBe(1);
		expect(received(CHAT.id, "Dropped news")).toBe(0);
		expect(received(BYSTANDER.id, "Dropped news")).toBe(1);
	},
	async retry(outcome) {
		if (outcome === "delivered") throw new Error("not a failure");
		tg.failNextAs(outcome, CHAT.id);
		tg.failNextAs(outcome, CHAT.id);
		await publish("n1", "Retried news");
		await relay.idle();
		expect(attempts(CHAT.id)).toHaveLength(3);
		expect(attempts(CHAT.id)[2]).toBeUndefined();
		expect(received(CHAT.id, "Retried news")).toBe(1);
		// Backoff: about 1 s, then about 2 s (±20% jitter); lower bounds only.
		const [a = 0, b = 0, c = 0] = arrivals(CHAT.id);
		expect(b - a).toBeGreaterThanOrEqual(750);
		expect(c - b).toBeGreaterThanOrEqual(1500);
	},
};

describe("Telegram delivery outcomes through the dispatcher", () => {
	it.each(DELIVERY_OUTCOMES.map((o) => [o, OUTCOME_ACTIONS[o]] as const))(
		"%s → %s",
		async (outcome, action) => {
			await SCENARIOS[action](outcome);
			expect(published.map((h) => received(BYSTANDER.id, h))).toEqual(published.map(() => 1));
		},
		// Several relay restarts and real backoff waits: generous for a busy machine.
		60_000,
	);
});
