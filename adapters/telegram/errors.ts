/** The one place where Telegram Bot API failures become DeliveryResults. */
import { GrammyError, HttpError } from "grammy";
import { type DeliveryResult, redactSecrets } from "../../src/index.js";

/** Used when a 429 comes without retry_after (should not happen, but never retry at once). */
const DEFAULT_RETRY_AFTER_MS = 5_000;

/**
 * Description patterns, checked in order (Telegram's wording is the only signal it gives).
 * "gone": the bot can never post there again, so the dispatcher drops the subscriptions.
 * "forbidden": the chat exists but the bot may not post right now (muted, not an admin in a channel,
 * closed topic); an admin can fix that, so the subscriptions are kept.
 */
const DESCRIPTION_RULES: { pattern: RegExp; status: "gone" | "forbidden" }[] = [
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
	{ pattern: /message thread not found|topic_deleted/i, status: "gone" },
];

/** Maps anything sendMessage threw to a DeliveryResult; the dispatcher decides the policy. */
export function toDeliveryResult(error: unknown): DeliveryResult {
	if (error instanceof GrammyError) return fromApiError(error);
	if (error instanceof HttpError) {
		// Network failure or aborted request: we don't know whether Telegram got it; retry.
		// The cause quotes the request URL, which carries the token: keep only the redacted text.
		return {
			status: "failed",
			reason: redactSecrets(`Network error: ${describeCause(error.error)}`),
		};
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

function describeCause(cause: unknown): string {
	return cause instanceof Error ? cause.message : String(cause);
}
