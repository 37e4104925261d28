/** The one place where Telegram Bot API failures become DeliveryResults. */
import { GrammyError, HttpError } from "grammy";
import {
	AdapterStartError,
	type DeliveryResult,
	redactSecrets,
	type StartFailure,
} from "../../src/index.js";

/** Used when a 429 comes without retry_after (should not happen, but never retry at once). */
const DEFAULT_RETRY_AFTER_MS = 5_000;

/**
 * Description patterns, checked in order (Telegram's wording is the only signal it gives).
 * "gone": the bot can never post there again, so the dispatcher drops the subscriptions.
 * "forbidden": the chat exists but the bot may not post right now (muted, not an admin in a channel,
 * closed topic); an admin can fix that, so the subscriptions are kept.
 * "rejected": this one message is dropped, the subscription kept: a deleted forum topic pauses its
 * subscriptions (topic-notice.ts records it; new entries are skipped until they move to a new topic).
 */
const DESCRIPTION_RULES: { pattern: RegExp; status: "gone" | "forbidden" | "rejected" }[] = [
	{
		pattern: /not enough rights|have no rights|need administrator rights|chat_write_forbidden/i,
		status: "forbidden",
	},
	{ pattern: /topic_closed/i, status: "forbidden" },
	{ pattern: /bot was blocked by the user/i, status: "gone" },
	{ pattern: /bot was kicked/i, status: "gone" },
	{ pattern: /user is deactivated/i, status: "gone" },
	{ pattern: /bot is not a member/i, status: "gone" },
	{ pattern: /can't initiate conversation/i, status: "gone" },
	{ pattern: /chat not found|chat was deleted|peer_id_invalid/i, status: "gone" },
	{ pattern: /message thread not found|topic_deleted/i, status: "rejected" },
];

/** Maps anything sendMessage threw to a DeliveryResult; the dispatcher decides the policy. */
export function toDeliveryResult(error: unknown): DeliveryResult {
	if (error instanceof GrammyError) return fromApiError(error);
	if (error instanceof HttpError) {
		// Network failure or aborted request: we don't know whether Telegram got it; retry.
		// The cause's text quotes the request URL, which carries the token: report its code only
		// (redaction stays as a second line of defence).
		return { status: "failed", reason: redactSecrets(`Network error: ${networkCode(error)}`) };
	}
	return {
		status: "failed",
		reason: redactSecrets(error instanceof Error ? error.message : String(error)),
	};
}

function fromApiError(error: GrammyError): DeliveryResult {
	const { error_code: code, description } = error;
	const parameters = error.parameters ?? {};
	if (parameters.migrate_to_chat_id !== undefined) {
		return { status: "moved", newId: String(parameters.migrate_to_chat_id) };
	}
	if (code === 429) {
		const seconds = parameters.retry_after;
		return {
			status: "rate-limited",
			retryAfterMs: seconds !== undefined ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS,
		};
	}
	if (code >= 500) return { status: "failed", reason: `${code}: ${description}`, cause: error };
	if (code === 400 || code === 403) {
		const rule = DESCRIPTION_RULES.find((r) => r.pattern.test(description));
		if (rule) return { status: rule.status, reason: description };
		// An unknown 403 is still "you may not post here"; dropping subscriptions on wording we have
		// never seen would be irreversible, so keep them. An unknown 400 is our payload's fault.
		return code === 403
			? { status: "forbidden", reason: description }
			: { status: "rejected", reason: description };
	}
	if (code === 401 || code === 404) {
		// Bad token or wrong API root: a configuration problem, never the chat's fault.
		return { status: "failed", reason: `${code}: ${description}`, cause: error };
	}
	return { status: "rejected", reason: `${code}: ${description}` };
}

// A code is a short identifier (ECONNRESET, UND_ERR_SOCKET, AbortError); anything else is dropped.
const CODE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * What went wrong on the wire, by code only: the first `code` down the cause chain, else an error
 * name that says something. Never its message, which quotes the Bot API URL with the token in it.
 */
export function networkCode(error: HttpError): string {
	const codes: unknown[] = [];
	const names: unknown[] = [];
	for (let cause: unknown = error.error, depth = 0; cause && depth < 3; depth++) {
		const c = cause as { code?: unknown; name?: unknown; cause?: unknown };
		codes.push(c.code);
		// A plain Error or TypeError names nothing; AbortError or TimeoutError does.
		if (c.name !== "Error" && c.name !== "TypeError") names.push(c.name);
		cause = c.cause;
	}
	const code = [...codes, ...names].find((c): c is string => typeof c === "string" && CODE.test(c));
	return code ?? "no error code";
}

/**
 * Why the bot could not start, with what to check. Built from codes and Telegram's own description,
 * never from a network cause's text (it quotes the token), which is also left out as a cause.
 */
export function toStartError(error: unknown): AdapterStartError {
	if (error instanceof GrammyError) {
		const answer = `${error.error_code}: ${error.description}`;
		// Telegram answers 401 for a revoked token and 404 for a malformed one (no such bot URL).
		return error.error_code === 401 || error.error_code === 404
			? new AdapterStartError(
					"telegram",
					`the Bot API refused the token (${answer})`,
					"check TELEGRAM_BOT_TOKEN (from @BotFather)",
					{ cause: error },
				)
			: new AdapterStartError(
					"telegram",
					`the Bot API answered ${answer}`,
					"check TELEGRAM_API_ROOT and TELEGRAM_BOT_TOKEN",
					{ cause: error },
				);
	}
	if (error instanceof HttpError) {
		return new AdapterStartError(
			"telegram",
			`the Bot API could not be reached (${networkCode(error)})`,
			"check the network and TELEGRAM_API_ROOT",
		);
	}
	return new AdapterStartError(
		"telegram",
		redactSecrets(error instanceof Error ? error.message : String(error)),
		"see the log above for details",
	);
}

/** Whether a failed getMe at start-up is worth another try (network, 5xx, 429) or ends the start. */
export function classifyStartFailure(error: unknown): StartFailure {
	if (error instanceof HttpError) return { retry: true, reason: networkCode(error) };
	if (error instanceof GrammyError && (error.error_code >= 500 || error.error_code === 429)) {
		return { retry: true, reason: `${error.error_code}: ${error.description}` };
	}
	return { retry: false, error: toStartError(error) };
}
