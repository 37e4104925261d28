/**
 * The delivery outcomes every adapter speaks and what the relay does with each: the list the adapter
 * contract suite checks, the README's outcome table is compared against, and the Telegram outcome
 * tests (test/adapters/telegram-outcomes.test.ts) check against the real dispatcher.
 */
import type { DeliveryResult } from "../../src/types.js";

/** One status of DeliveryResult. */
export type DeliveryOutcome = DeliveryResult["status"];

/** An outcome a platform can be scripted to answer with: everything but success. */
export type ScriptedOutcome = Exclude<DeliveryOutcome, "delivered">;

/** The one word that names what the relay does after an outcome (the README's bold word). */
export type OutcomeAction = "record" | "remove" | "pause" | "move" | "wait" | "drop" | "retry";

/**
 * What the relay does after each outcome. The mapped type makes a new DeliveryResult status a
 * compile error here until it has an action (and so, through the README test, a README row).
 */
export const OUTCOME_ACTIONS: { readonly [S in DeliveryOutcome]: OutcomeAction } = {
	delivered: "record",
	gone: "remove",
	forbidden: "pause",
	moved: "move",
	"rate-limited": "wait",
	rejected: "drop",
	failed: "retry",
};

/** Every DeliveryResult status, in the README's order. */
export const DELIVERY_OUTCOMES = Object.keys(OUTCOME_ACTIONS) as DeliveryOutcome[];

/** Every failure outcome a fake can be told to answer with. */
export const SCRIPTED_OUTCOMES = DELIVERY_OUTCOMES.filter(
	(o): o is ScriptedOutcome => o !== "delivered",
);

/** The wait a scripted "rate-limited" asks for: long enough that no client waits it out by itself. */
export const SCRIPTED_RETRY_AFTER_S = 30;
