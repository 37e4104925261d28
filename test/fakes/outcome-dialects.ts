/**
 * How Telegram and Discord say each delivery outcome: the error bodies the fakes answer with when a
 * test scripts a neutral outcome ("gone", "forbidden", …). Each adapter's errors.ts must map these
 * back to the same outcome; the adapter contract suite checks that it does.
 */
import { RESTJSONErrorCodes } from "discord.js";
import { SCRIPTED_RETRY_AFTER_S, type ScriptedOutcome } from "../contract/delivery-outcomes.js";
import type { FakeFailure } from "./discord-api.js";
import type { FakeApiError } from "./telegram-bot-api.js";

/** How a scripted Telegram outcome is worded where the outcome takes a value. */
export interface TelegramOutcomeOptions {
	/** moved: the supergroup id the group became. */
	migrateTo?: number;
	/** rate-limited: seconds to wait (default SCRIPTED_RETRY_AFTER_S). */
	retryAfterS?: number;
}

/** The Bot API error for an outcome. */
export function telegramErrorFor(
	outcome: ScriptedOutcome,
	options: TelegramOutcomeOptions = {},
): FakeApiError {
	switch (outcome) {
		case "gone":
			return { error_code: 403, description: "Forbidden: bot was blocked by the user" };
		case "forbidden":
			return {
				error_code: 400,
				description: "Bad Request: not enough rights to send text messages to the chat",
			};
		case "moved":
			if (options.migrateTo === undefined) throw new Error("moved needs migrateTo");
			return {
				error_code: 400,
				description: "Bad Request: group chat was upgraded to a supergroup chat",
				parameters: { migrate_to_chat_id: options.migrateTo },
			};
		case "rate-limited": {
			const seconds = options.retryAfterS ?? SCRIPTED_RETRY_AFTER_S;
			return {
				error_code: 429,
				description: `Too Many Requests: retry after ${seconds}`,
				parameters: { retry_after: seconds },
			};
		}
		case "rejected":
			return {
				error_code: 400,
				description:
					'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0',
			};
		case "failed":
			return { error_code: 502, description: "Bad Gateway" };
	}
}

/** Attempts discord.js makes at a request answering 5xx (its own 3 retries included). */
export const DISCORD_ATTEMPTS_PER_REQUEST = 4;

/** The REST failure for an outcome, or undefined when Discord has no way to say it. */
export function discordFailureFor(outcome: ScriptedOutcome): FakeFailure | undefined {
	switch (outcome) {
		case "gone":
			return { status: 404, code: RESTJSONErrorCodes.UnknownChannel, message: "Unknown Channel" };
		case "forbidden":
			return { status: 403, code: RESTJSONErrorCodes.MissingAccess, message: "Missing Access" };
		case "moved":
			// A Discord channel keeps its id for life; there is nothing to move to.
			return undefined;
		case "rate-limited":
			return { status: 429, retryAfter: SCRIPTED_RETRY_AFTER_S };
		case "rejected":
			return {
				status: 400,
				code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
				message: "Invalid Form Body",
			};
		case "failed":
			// discord.js retries a 5xx itself: every attempt must fail for the post to fail.
			return { status: 503, message: "Service Unavailable", times: DISCORD_ATTEMPTS_PER_REQUEST };
	}
}
