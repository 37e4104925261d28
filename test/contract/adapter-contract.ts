/**
 * The adapter contract: one suite every PlatformAdapter runs (keyv's storageTestSuite pattern). Each
 * adapter's setup runs the real client against its loopback fake and translates neutral scripted
 * outcomes into the platform's own error answers; the suite checks they come back as the matching
 * DeliveryResult, that nothing throws after stop(), and that a command reaches the core.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PlatformAdapter } from "../../src/relay/adapter.js";
import { createRelay } from "../../src/relay/relay.js";
import type { DeliveryResult, EntryUpdate, Notice, Target } from "../../src/types.js";
import { makeFakeBlog, startLiveblogServer } from "../fakes/liveblog-server.js";
import { makeConfig, makeTempDir } from "../helpers.js";
import type { AdapterDeclaration } from "./adapter-declarations.js";
import {
	SCRIPTED_OUTCOMES,
	SCRIPTED_RETRY_AFTER_S,
	type ScriptedOutcome,
} from "./delivery-outcomes.js";

/** One message as the platform (or terminal) holds it. */
export interface ReceivedMessage {
	/** The platform's message id, when it gives one. */
	id?: string | undefined;
	/** Its visible content (text, embed JSON or printed lines): the suite looks for headlines in it. */
	text: string;
}

/** What an adapter's setup hands the suite; built fresh for every test. */
export interface ContractHarness {
	/** The adapter under test, not started: the suite starts it where a test needs it. */
	adapter: PlatformAdapter;
	/** A target the platform knows (a chat, a channel, this terminal session). */
	target: Target;
	/** The next post to `target` comes back as `outcome`, said the way the platform says it. */
	script(outcome: ScriptedOutcome): void;
	/** For "moved": the id the platform names as the target's new home. */
	movedTo?: string | undefined;
	/** What reached `target` so far, oldest first. */
	received(): ReceivedMessage[];
	/** Secrets (tokens) that must never appear in a DeliveryResult. */
	secrets: string[];
	/** Sends the platform's "list my blogs" command in `target` once started; resolves with the reply's text. */
	sendListCommand?(): Promise<string>;
	/** The chat's admins delete a message (chat platforms): later changes find it gone. */
	deleteByAdmin?(messageId: string): void;
	/** Whether a message was deleted (chat platforms). */
	isDeleted?(messageId: string): boolean;
	/** Message ids pinned in `target` (platforms with pins). */
	pinned?(): string[];
	/** Takes the bot's right to pin in `target` away (platforms with pins). */
	denyPins?(): void;
	/** Stops whatever the setup started (fakes, the adapter). */
	teardown(): Promise<void>;
}

/** An entry update with distinct text per `n`. */
export function contractUpdate(n: number): EntryUpdate {
	return {
		kind: "new",
		blogUrl: "https://news.example/live",
		blogTitle: "Contract live",
		entryId: `c${n}`,
		entryUrl: `https://news.example/live#c${n}`,
		headline: `Contract headline ${n}`,
		summary: `What happened in part ${n}. More about it.`,
		publishedAt: new Date(Date.UTC(2024, 8, 11, 8, n)),
	};
}

const NOTICE: Notice = {
	kind: "source-unreachable",
	blogUrl: "https://news.example/live",
	blogTitle: "Contract live",
	since: new Date(Date.UTC(2024, 8, 11, 7, 0)),
};

/** Outcomes the declaration says the platform can produce. */
export function producibleOutcomes(declaration: AdapterDeclaration): ScriptedOutcome[] {
	return SCRIPTED_OUTCOMES.filter((o) => declaration.cannotProduce[o] === undefined);
}

/** Checks the fields that come with each status. */
function expectResultShape(result: DeliveryResult, h: ContractHarness): void {
	const wire = JSON.stringify({ ...result, cause: undefined });
	for (const secret of h.secrets) expect(wire).not.toContain(secret);
	switch (result.status) {
		case "gone":
		case "forbidden":
		case "rejected":
		case "failed":
			expect(result.reason.trim()).not.toBe("");
			return;
		case "moved":
			expect(result.newId).toBe(h.movedTo);
			expect(result.newId).not.toBe(h.target.id);
			return;
		case "rate-limited":
			// The platform's wait, in milliseconds (a client may add a small offset of its own).
			expect(result.retryAfterMs).toBeGreaterThanOrEqual(SCRIPTED_RETRY_AFTER_S * 1000);
			expect(result.retryAfterMs).toBeLessThanOrEqual(SCRIPTED_RETRY_AFTER_S * 1000 + 5000);
			return;
		case "delivered":
			return;
	}
}

/** Runs the contract for one adapter; `setup` builds a fresh harness per test. */
export function adapterContract(
	name: string,
	setup: () => Promise<ContractHarness>,
	declaration: AdapterDeclaration,
): void {
	const producible = producibleOutcomes(declaration);

	describe(`adapter contract: ${name}`, () => {
		let h: ContractHarness;
		beforeEach(async () => {
			h = await setup();
		});
		afterEach(async () => {
			await h.teardown();
		});

		it("declares only outcomes it knows, and scripts the moved target iff it can move", () => {
			for (const outcome of Object.keys(declaration.cannotProduce)) {
				expect(SCRIPTED_OUTCOMES).toContain(outcome);
			}
			expect(h.movedTo !== undefined).toBe(producible.includes("moved"));
			expect(typeof h.sendListCommand === "function").toBe(declaration.commands);
			expect(typeof h.adapter.postNotice === "function").toBe(declaration.notices);
		});

		it("posts an update: delivered, and the platform holds it under the returned id", async () => {
			const result = await h.adapter.post(h.target, contractUpdate(1));
			expect(result.status).toBe("delivered");
			const received = h.received();
			expect(received).toHaveLength(1);
			expect(received[0]?.text).toContain("Contract headline 1");
			if (result.status !== "delivered") return;
			if (declaration.messageIds) {
				expect(result.messageId).toMatch(/\S/);
				expect(result.messageId).toBe(received[0]?.id);
			} else {
				expect(result.messageId).toBeUndefined();
			}
			expect(await h.adapter.post(h.target, contractUpdate(2))).toMatchObject({
				status: "delivered",
			});
			expect(h.received().map((m) => m.text.includes("Contract headline 2"))).toEqual([
				false,
				true,
			]);
		});

		if (declaration.notices) {
			it("posts a notice as delivered", async () => {
				const result = await h.adapter.postNotice?.(h.target, NOTICE);
				expect(result).toMatchObject({ status: "delivered" });
				expect(h.received()).toHaveLength(1);
				expect(h.received()[0]?.text).toContain("Contract live");
			});
		}

		it.each(producible)(
			"answers a scripted %s as that DeliveryResult, and nothing reaches the target",
			async (outcome) => {
				h.script(outcome);
				const result = await h.adapter.post(h.target, contractUpdate(3));
				expect(result.status).toBe(outcome);
				expectResultShape(result, h);
				expect(h.received()).toEqual([]);
			},
		);

		it("answers post() after stop() with failed, never a throw, and sends nothing", async () => {
			await h.adapter.stop();
			const result = await h.adapter.post(h.target, contractUpdate(4));
			expect(result.status).toBe("failed");
			expectResultShape(result, h);
			if (h.adapter.postNotice) {
				expect(await h.adapter.postNotice(h.target, NOTICE)).toMatchObject({ status: "failed" });
			}
			expect(h.received()).toEqual([]);
		});

		it("stops idempotently: twice at once, then again", async () => {
			await expect(Promise.all([h.adapter.stop(), h.adapter.stop()])).resolves.toBeDefined();
			await expect(h.adapter.stop()).resolves.toBeUndefined();
		});

		if (declaration.commands) {
			it("routes a command through the core and back, and stops idempotently once started", async () => {
				const site = await startLiveblogServer();
				const tmp = makeTempDir("adapter-contract-");
				site.setBlog(makeFakeBlog("contract", 2, "Contract live"));
				const relay = await createRelay({
					config: makeConfig({}, tmp.dir),
					adapters: [h.adapter],
					schedule: false,
				});
				try {
					await relay.start();
					const subscribed = await relay.core.commands.subscribe(h.target, site.url("contract"), {
						canManage: true,
					});
					expect(subscribed.kind).toBe("subscribed");
					// Only the core knows the title: finding it in the reply proves the round trip.
					expect(await h.sendListCommand?.()).toContain("Contract live");
				} finally {
					await relay.stop();
					await site.close();
					tmp.cleanup();
				}
				const before = h.received().length;
				await expect(h.adapter.stop()).resolves.toBeUndefined();
				expect(await h.adapter.post(h.target, contractUpdate(5))).toMatchObject({
					status: "failed",
				});
				expect(h.received()).toHaveLength(before);
			}, 60_000);
		}
	});
}
