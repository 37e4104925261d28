/**
 * Plain-text, platform-neutral wording of core errors and notices, from the message catalogue.
 * Chats get a plain sentence; the developer detail (the error's message) belongs in the log.
 */
import { CommandError, FetchError, NotALiveBlogError, type RelayError } from "../errors.js";
import { DEFAULT_LOCALE, type Locale, type MessageKey, t, translate } from "../i18n/catalogue.js";
import { formatWhen, type TimeStyle } from "../i18n/time.js";
import type { Notice } from "../types.js";

/** The catalogue key and values of what a chat is told about `error`. */
export function errorText(error: RelayError): {
	key: MessageKey;
	params: Record<string, string | number>;
} {
	if (error instanceof CommandError && error.say) {
		return { key: error.say.key, params: error.say.params ?? {} };
	}
	if (error instanceof NotALiveBlogError && error.embed !== undefined) {
		return { key: "error.embedded-live-blog", params: { platform: error.embed } };
	}
	return { key: errorKey(error), params: {} };
}

function errorKey(error: RelayError): MessageKey {
	switch (error.code) {
		case "invalid-url":
			return "error.invalid-url";
		case "blocked-url":
			return "error.blocked-url";
		case "fetch-failed":
			return fetchErrorKey(error);
		case "timeout":
			return "error.timeout";
		case "too-many-redirects":
			return "error.too-many-redirects";
		case "not-a-live-blog":
			return "error.not-a-live-blog";
		case "page-too-large":
			return "error.page-too-large";
		case "page-too-complex":
			return "error.page-too-complex";
		case "store":
			return "error.store";
		case "config":
		case "adapter-start":
			return "error.misconfigured";
		case "not-subscribed":
			return "error.not-followed";
		case "ambiguous-blog":
			return "error.ambiguous";
		case "limit-reached":
			return "error.bot-limit";
		case "rate-limited":
			return "error.subscribe-rate-limited";
		case "permission-denied":
			return "error.admins-only";
	}
}

/** What the site's answer means for the user: gone, refused, in trouble, not a page, or unreachable. */
function fetchErrorKey(error: RelayError): MessageKey {
	const status = error instanceof FetchError ? error.status : undefined;
	if (status === undefined) return "error.unreachable";
	if (status === 404 || status === 410) return "error.not-found";
	if (status === 401 || status === 403 || status === 451) return "error.refused";
	if (status === 429 || status >= 500) return "error.site-trouble";
	// A 2xx that failed is an answer that is not a web page (an image, a PDF, JSON).
	if (status >= 200 && status < 300) return "error.not-a-page";
	return "error.unreachable";
}

/** One-line explanation of a RelayError for a chat reply (no markup, no tokens, no detail). */
export function describeError(error: RelayError, locale: Locale = DEFAULT_LOCALE): string {
	const { key, params } = errorText(error);
	return translate(locale, key, params);
}

/** Choices attached to an ambiguous-blog or not-subscribed error, if any. */
export function errorChoices(error: RelayError): { url: string; title: string }[] {
	return error instanceof CommandError ? error.choices : [];
}

/** Plain-text wording of a notice about a blog; `style` gives the language and time zone. */
export function describeNotice(notice: Notice, style: TimeStyle = {}): string {
	const locale = style.locale ?? DEFAULT_LOCALE;
	const title = notice.blogTitle;
	switch (notice.kind) {
		case "source-unreachable":
			return notice.since
				? t(locale, "notice.unreachable-since", { title, since: formatWhen(notice.since, style) })
				: t(locale, "notice.unreachable", { title });
		case "source-recovered":
			return t(locale, "notice.recovered", { title });
		case "blog-ended":
			return t(locale, "notice.ended", { title });
		case "entries-skipped":
			return t(locale, "notice.skipped", { title, count: notice.count ?? 0 });
	}
}
