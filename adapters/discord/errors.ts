/** Maps what discord.js throws while posting into a DeliveryResult; the dispatcher decides the policy. */
import {
	DiscordAPIError,
	DiscordjsError,
	DiscordjsErrorCodes,
	HTTPError,
	RateLimitError,
	RESTJSONErrorCodes,
} from "discord.js";
import {
	AdapterStartError,
	type DeliveryResult,
	redactSecrets,
	type StartFailure,
} from "../../src/index.js";

// The channel (or its guild) no longer exists for us: following it is pointless.
const GONE_CODES: ReadonlySet<number> = new Set([
	RESTJSONErrorCodes.UnknownChannel,
	RESTJSONErrorCodes.UnknownGuild,
]);
// The channel exists but we may not post there (permissions, locked or archived thread).
const FORBIDDEN_CODES: ReadonlySet<number> = new Set([
	RESTJSONErrorCodes.MissingAccess,
	RESTJSONErrorCodes.MissingPermissions,
	RESTJSONErrorCodes.ThreadLocked,
	RESTJSONErrorCodes.InvalidActionOnArchivedThread,
	RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel,
]);

/** The DeliveryResult for an error thrown by `client.rest` while posting a message. */
export function toDeliveryResult(error: unknown): DeliveryResult {
	if (error instanceof RateLimitError) {
		// Thrown by our rejectOnRateLimit for waits longer than we hold a send slot.
		return {
			status: "rate-limited",
			retryAfterMs: Math.max(error.retryAfter, error.timeToReset, 0),
		};
	}
	if (error instanceof DiscordAPIError) return fromApiError(error);
	if (error instanceof HTTPError) {
		// @discordjs/rest only throws HTTPError for 5xx after its own retries.
		return {
			status: "failed",
			reason: `Discord answered ${error.status} ${error.message}`.trim(),
			cause: error,
		};
	}
	const reason = error instanceof Error ? error.message : String(error);
	// Network errors, timeouts (AbortError) and a missing token: transient from the target's view.
	return { status: "failed", reason: reason || "unknown error", cause: error };
}

function fromApiError(error: DiscordAPIError): DeliveryResult {
	const code = typeof error.code === "number" ? error.code : undefined;
	const reason = `${error.message} (${error.status}${code === undefined ? "" : `, code ${code}`})`;
	if (error.status === 429) return { status: "rate-limited", retryAfterMs: retryAfterOf(error) };
	if (code !== undefined && GONE_CODES.has(code)) return { status: "gone", reason };
	if (code !== undefined && FORBIDDEN_CODES.has(code)) return { status: "forbidden", reason };
	if (error.status === 404) {
		// A 404 without a Discord error code did not come from Discord (a wrong DISCORD_API_ROOT or
		// a proxy): dropping every subscription over it would be far worse than retrying.
		return code !== undefined && code !== 0
			? { status: "gone", reason }
			: { status: "failed", reason, cause: error };
	}
	// 401 means our token is bad, not that the target is: keep the delivery and retry.
	if (error.status === 401) return { status: "failed", reason, cause: error };
	if (error.status >= 500) return { status: "failed", reason, cause: error };
	return { status: "rejected", reason };
}

function retryAfterOf(error: DiscordAPIError): number {
	const raw = error.rawError as { retry_after?: unknown };
	const seconds = typeof raw.retry_after === "number" ? raw.retry_after : 1;
	return Math.max(0, Math.ceil(seconds * 1000));
}

/** Why the bot could not start (login, gateway, command registration), with what to check. */
export function toStartError(error: unknown): AdapterStartError {
	if (error instanceof AdapterStartError) return error;
	if (
		error instanceof DiscordjsError &&
		(error.code === DiscordjsErrorCodes.TokenInvalid ||
			error.code === DiscordjsErrorCodes.TokenMissing)
	) {
		return new AdapterStartError(
			"discord",
			`Discord refused the token (${error.message})`,
			"check DISCORD_BOT_TOKEN (Developer Portal → your app → Bot → Reset Token)",
			{ cause: error },
		);
	}
	if (error instanceof DiscordAPIError || error instanceof HTTPError) {
		return new AdapterStartError(
			"discord",
			`Discord answered ${error.status}: ${error.message}`,
			"check DISCORD_BOT_TOKEN and DISCORD_API_ROOT",
			{ cause: error },
		);
	}
	return new AdapterStartError(
		"discord",
		redactSecrets(error instanceof Error ? error.message : String(error)),
		"check the network and DISCORD_API_ROOT",
	);
}

/** The error for slash commands Discord would not register, with what to check. */
export function commandRegistrationError(where: string, error: unknown): AdapterStartError {
	const answer =
		error instanceof DiscordAPIError
			? `${error.status}: ${error.message}`
			: toStartError(error).message;
	return new AdapterStartError(
		"discord",
		`registering the slash commands ${where} failed (${answer})`,
		"invite the bot with the applications.commands scope, and check DISCORD_GUILD_ID",
		{ cause: error },
	);
}

// A short identifier such as ECONNREFUSED or UND_ERR_SOCKET; anything longer is not a code.
const NETWORK_CODE = /^[A-Z][A-Z0-9_]{2,39}$/;

/**
 * Whether a failed login at start-up is worth another try: a network error (by its code), a timeout
 * or a 5xx. A refused token or any other 4xx ends the start at once.
 */
export function classifyStartFailure(error: unknown): StartFailure {
	if (error instanceof HTTPError || (error instanceof DiscordAPIError && error.status >= 500)) {
		return { retry: true, reason: `Discord answered ${error.status}` };
	}
	if (error instanceof RateLimitError) return { retry: true, reason: "rate limited" };
	if (!(error instanceof DiscordjsError) && !(error instanceof DiscordAPIError)) {
		for (let cause: unknown = error, depth = 0; cause && depth < 3; depth++) {
			const c = cause as { code?: unknown; name?: unknown; cause?: unknown };
			if (typeof c.code === "string" && NETWORK_CODE.test(c.code)) {
				return { retry: true, reason: c.code };
			}
			if (c.name === "AbortError" || c.name === "TimeoutError") {
				return { retry: true, reason: c.name };
			}
			cause = c.cause;
		}
	}
	return { retry: false, error: toStartError(error) };
}
