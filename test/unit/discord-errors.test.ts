import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { describe, expect, it } from "vitest";
import { toDeliveryResult } from "../../adapters/discord/errors.js";

const URL = "https://discord.com/api/v10/channels/1/messages";

function apiError(
	status: number,
	code: number,
	message: string,
	extra: Record<string, unknown> = {},
) {
	return new DiscordAPIError({ code, message, ...extra }, code, status, "POST", URL, {
		body: {},
		files: undefined,
	});
}

function rateLimitError(retryAfter: number, timeToReset: number) {
	return new RateLimitError({
		timeToReset,
		limit: 50,
		method: "POST",
		hash: "Global(POST:/channels/:id/messages)",
		url: URL,
		route: "/channels/:id/messages",
		majorParameter: "1",
		global: true,
		retryAfter,
		sublimitTimeout: 0,
		scope: "global",
	});
}

describe("toDeliveryResult", () => {
	it.each([
		["10003 Unknown Channel", apiError(404, 10003, "Unknown Channel"), "gone"],
		["10004 Unknown Guild", apiError(404, 10004, "Unknown Guild"), "gone"],
		["another Discord 404 (Unknown Webhook)", apiError(404, 10015, "Unknown Webhook"), "gone"],
		["a 404 that is not a Discord answer", apiError(404, 0, "404: Not Found"), "failed"],
		["50001 Missing Access", apiError(403, 50001, "Missing Access"), "forbidden"],
		["50013 Missing Permissions", apiError(403, 50013, "Missing Permissions"), "forbidden"],
		["160005 thread locked", apiError(403, 160005, "Thread is locked"), "forbidden"],
		["50083 archived thread", apiError(400, 50083, "Thread is archived"), "forbidden"],
		["50035 Invalid Form Body", apiError(400, 50035, "Invalid Form Body"), "rejected"],
		[
			"40005 Request entity too large",
			apiError(413, 40005, "Request entity too large"),
			"rejected",
		],
		[
			"another 403 (20001 bots cannot use this)",
			apiError(403, 20001, "Bots cannot use this endpoint"),
			"rejected",
		],
		[
			"401 Unauthorized (our token, not the target)",
			apiError(401, 0, "401: Unauthorized"),
			"failed",
		],
		[
			"HTTPError 502 after the retries",
			new HTTPError(502, "Bad Gateway", "POST", URL, { body: {}, files: undefined }),
			"failed",
		],
		[
			"HTTPError 503",
			new HTTPError(503, "Service Unavailable", "POST", URL, { body: {}, files: undefined }),
			"failed",
		],
		[
			"a network error",
			Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
			"failed",
		],
		[
			"a timeout (AbortError)",
			Object.assign(new Error("This operation was aborted"), { name: "AbortError" }),
			"failed",
		],
		["a thrown string", "boom", "failed"],
		["RateLimitError", rateLimitError(30_050, 30_050), "rate-limited"],
		[
			"a 429 DiscordAPIError",
			apiError(429, 0, "You are being rate limited.", { retry_after: 2.5 }),
			"rate-limited",
		],
	] as const)("maps %s to %s", (_name, error, status) => {
		expect(toDeliveryResult(error).status).toBe(status);
	});

	it("carries the wait of a RateLimitError in milliseconds", () => {
		expect(toDeliveryResult(rateLimitError(12_050, 11_000))).toEqual({
			status: "rate-limited",
			retryAfterMs: 12_050,
		});
	});

	it("converts retry_after seconds of a 429 body to milliseconds", () => {
		const error = apiError(429, 0, "You are being rate limited.", { retry_after: 2.5 });
		expect(toDeliveryResult(error)).toEqual({ status: "rate-limited", retryAfterMs: 2500 });
	});

	it("keeps the Discord code and status in the reason", () => {
		const result = toDeliveryResult(apiError(403, 50001, "Missing Access"));
		expect(result).toEqual({ status: "forbidden", reason: "Missing Access (403, code 50001)" });
	});

	it("keeps the original error as the cause of a failure", () => {
		const error = new HTTPError(500, "Internal Server Error", "POST", URL, {
			body: {},
			files: undefined,
		});
		const result = toDeliveryResult(error);
		expect(result.status === "failed" && result.cause).toBe(error);
	});
});
