import { describe, expect, it } from "vitest";
import {
	type DeliveryAction,
	decideDelivery,
	FORBIDDEN_GIVE_UP_MS,
} from "../../src/relay/delivery-policy.js";
import type { DeliveryResult } from "../../src/types.js";

const NOW = Date.UTC(2024, 8, 11, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
/** Jitter source giving exactly the nominal back-off (0.8 + 0.4 · 0.5 = 1). */
const noJitter = () => 0.5;
const fresh = { attempts: 0, forbiddenSince: undefined };

describe("decideDelivery: every DeliveryResult becomes one action", () => {
	it.each<[string, DeliveryResult, { attempts: number; forbiddenSince?: number }, DeliveryAction]>([
		[
			"delivered → done, with the message id",
			{ status: "delivered", messageId: "42" },
			fresh,
			{ kind: "done", messageId: "42" },
		],
		[
			"delivered without an id (console) → done",
			{ status: "delivered" },
			fresh,
			{ kind: "done", messageId: undefined },
		],
		[
			"rate-limited → wait exactly retry_after, not counted as an attempt",
			{ status: "rate-limited", retryAfterMs: 7_000 },
			{ attempts: 3 },
			{
				kind: "retryAt",
				at: NOW + 7_000,
				patch: { notBefore: NOW + 7_000 },
				cause: "rate-limited",
			},
		],
		[
			"failed, first time → retry in 1 s",
			{ status: "failed", reason: "ECONNRESET" },
			fresh,
			{
				kind: "retryAt",
				at: NOW + 1_000,
				patch: { notBefore: NOW + 1_000, attempts: 1, lastError: "ECONNRESET" },
				cause: "failed",
				reason: "ECONNRESET",
			},
		],
		[
			"failed, fourth time → back-off doubles to 8 s",
			{ status: "failed", reason: "502" },
			{ attempts: 3 },
			{
				kind: "retryAt",
				at: NOW + 8_000,
				patch: { notBefore: NOW + 8_000, attempts: 4, lastError: "502" },
				cause: "failed",
				reason: "502",
			},
		],
		[
			"failed, many times → back-off capped at 5 minutes",
			{ status: "failed", reason: "502" },
			{ attempts: 40 },
			{
				kind: "retryAt",
				at: NOW + 5 * MIN,
				patch: { notBefore: NOW + 5 * MIN, attempts: 41, lastError: "502" },
				cause: "failed",
				reason: "502",
			},
		],
		[
			"rejected → drop this delivery, keep the target",
			{ status: "rejected", reason: "can't parse entities" },
			fresh,
			{ kind: "drop", status: "rejected", reason: "can't parse entities" },
		],
		[
			"gone → remove the target",
			{ status: "gone", reason: "bot was blocked by the user" },
			fresh,
			{ kind: "removeTarget", status: "gone", reason: "bot was blocked by the user" },
		],
		[
			"forbidden, first time → pause a minute, remember since when",
			{ status: "forbidden", reason: "Missing Access" },
			fresh,
			{
				kind: "retryAt",
				at: NOW + MIN,
				patch: {
					notBefore: NOW + MIN,
					attempts: 1,
					forbiddenSince: NOW,
					lastError: "Missing Access",
				},
				cause: "forbidden",
				reason: "Missing Access",
			},
		],
		[
			"forbidden for 23 hours → still paused (capped at an hour), since kept",
			{ status: "forbidden", reason: "Missing Access" },
			{ attempts: 12, forbiddenSince: NOW - 23 * HOUR },
			{
				kind: "retryAt",
				at: NOW + HOUR,
				patch: {
					notBefore: NOW + HOUR,
					attempts: 13,
					forbiddenSince: NOW - 23 * HOUR,
					lastError: "Missing Access",
				},
				cause: "forbidden",
				reason: "Missing Access",
			},
		],
		[
			"forbidden for a day → remove the target",
			{ status: "forbidden", reason: "Missing Permissions" },
			{ attempts: 13, forbiddenSince: NOW - FORBIDDEN_GIVE_UP_MS },
			{
				kind: "removeTarget",
				status: "forbidden",
				reason: "forbidden for a day: Missing Permissions",
			},
		],
		[
			"moved → move the target to the new id",
			{ status: "moved", newId: "-100777" },
			fresh,
			{ kind: "moveTarget", newId: "-100777" },
		],
	])("%s", (_name, result, delivery, expected) => {
		expect(decideDelivery(result, delivery, NOW, noJitter)).toEqual(expected);
	});

	it("jitters a back-off by at most a fifth either way", () => {
		const failed: DeliveryResult = { status: "failed", reason: "x" };
		const low = decideDelivery(failed, { attempts: 3 }, NOW, () => 0);
		const high = decideDelivery(failed, { attempts: 3 }, NOW, () => 1);
		expect(low.kind === "retryAt" && low.at).toBe(NOW + 6_400);
		expect(high.kind === "retryAt" && high.at).toBe(NOW + 9_600);
	});

	it("never keeps a delivery waiting on a result it cannot retry", () => {
		for (const status of ["rejected", "gone"] as const) {
			const action = decideDelivery({ status, reason: "r" }, fresh, NOW, noJitter);
			expect(action.kind).not.toBe("retryAt");
		}
	});
});
