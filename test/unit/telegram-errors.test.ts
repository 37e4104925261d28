import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { toDeliveryResult } from "../../adapters/telegram/errors.js";

function apiError(
	error_code: number,
	description: string,
	parameters: { retry_after?: number; migrate_to_chat_id?: number } = {},
): GrammyError {
	return new GrammyError(
		`Call to 'sendMessage' failed! (${error_code}: ${description})`,
		{ ok: false, error_code, description, parameters },
		"sendMessage",
		{},
	);
}

describe("toDeliveryResult", () => {
	it.each([
		[403, "Forbidden: bot was blocked by the user", {}, { status: "gone" }],
		[403, "Forbidden: bot was kicked from the group chat", {}, { status: "gone" }],
		[403, "Forbidden: bot was kicked from the supergroup chat", {}, { status: "gone" }],
		[403, "Forbidden: bot is not a member of the channel chat", {}, { status: "gone" }],
		[403, "Forbidden: user is deactivated", {}, { status: "gone" }],
		[403, "Forbidden: the group chat was deleted", {}, { status: "gone" }],
		[403, "Forbidden: bot can't initiate conversation with a user", {}, { status: "gone" }],
		[400, "Bad Request: chat not found", {}, { status: "gone" }],
		// A deleted forum topic pauses its subscriptions: that message is dropped, nothing else.
		[400, "Bad Request: message thread not found", {}, { status: "rejected" }],
		[
			400,
			"Bad Request: not enough rights to send text messages to the chat",
			{},
			{ status: "forbidden" },
		],
		[
			403,
			"Forbidden: not enough rights to send text messages to the chat",
			{},
			{ status: "forbidden" },
		],
		[
			400,
			"Bad Request: need administrator rights in the channel chat",
			{},
			{ status: "forbidden" },
		],
		[400, "Bad Request: TOPIC_CLOSED", {}, { status: "forbidden" }],
		[403, "Forbidden: something new", {}, { status: "forbidden" }],
		[
			400,
			"Bad Request: group chat was upgraded to a supergroup chat",
			{ migrate_to_chat_id: -1001234567890 },
			{ status: "moved", newId: "-1001234567890" },
		],
		[
			429,
			"Too Many Requests: retry after 7",
			{ retry_after: 7 },
			{ status: "rate-limited", retryAfterMs: 7000 },
		],
		[429, "Too Many Requests", {}, { status: "rate-limited", retryAfterMs: 5000 }],
		[400, "Bad Request: can't parse entities: Unsupported start tag", {}, { status: "rejected" }],
		[400, "Bad Request: message is too long", {}, { status: "rejected" }],
		[413, "Request Entity Too Large", {}, { status: "rejected" }],
		[500, "Internal Server Error", {}, { status: "failed" }],
		[502, "Bad Gateway", {}, { status: "failed" }],
		[401, "Unauthorized", {}, { status: "failed" }],
		[404, "Not Found", {}, { status: "failed" }],
	])("maps %i %j to %o", (code, description, parameters, expected) => {
		const result = toDeliveryResult(apiError(code, description, parameters));
		expect(result).toMatchObject(expected);
		if ("reason" in result) expect(result.reason).toContain(description);
	});

	it("maps a network failure (HttpError) to failed", () => {
		const result = toDeliveryResult(
			new HttpError(
				"Network request for 'sendMessage' failed!",
				Object.assign(
					new Error("request to https://api.telegram.org/bot1:TOKEN/sendMessage failed"),
					{
						code: "ECONNRESET",
					},
				),
			),
		);
		expect(result).toEqual({ status: "failed", reason: "Network error: ECONNRESET" });
	});

	it("maps anything else thrown to failed, never delivered", () => {
		expect(toDeliveryResult(new TypeError("boom"))).toMatchObject({
			status: "failed",
			reason: "boom",
		});
		expect(toDeliveryResult("weird")).toMatchObject({ status: "failed", reason: "weird" });
	});
});
