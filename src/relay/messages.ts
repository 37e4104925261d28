/** Plain-text, platform-neutral user-facing wording of core errors; adapters add their own markup. */
import { CommandError, type RelayError, truncateForMessage } from "../errors.js";
import type { Notice } from "../types.js";

/** One-line explanation of a RelayError for a chat reply (no markup, no tokens, no stack). */
export function describeError(error: RelayError): string {
	switch (error.code) {
		case "invalid-url":
			return `That doesn't look like a web address I can watch. ${detail(error)} Example: https://www.theguardian.com/world/live/…`;
		case "blocked-url":
			return "I can't watch addresses on private, loopback or link-local networks.";
		case "not-a-live-blog":
			return `I couldn't find live updates on that page: ${detail(error)}`;
		case "page-too-large":
			return `That page is too large to read: ${detail(error)}`;
		case "page-too-complex":
			return `That page is too complex to read quickly; I gave up on it: ${detail(error)}`;
		case "timeout":
			return `The site took too long to answer: ${detail(error)}`;
		case "too-many-redirects":
			return `The page redirects too many times: ${detail(error)}`;
		case "fetch-failed":
			return `I couldn't read that page: ${detail(error)}`;
		case "not-subscribed":
		case "ambiguous-blog":
		case "limit-reached":
		case "rate-limited":
		case "permission-denied":
			return error.message;
		case "store":
			return "Something went wrong on my side (storage). Nothing was changed; please try again later.";
		case "config":
		case "adapter-start":
			return "The bot is misconfigured; please tell its operator.";
	}
}

/** Choices attached to an ambiguous-blog or not-subscribed error, if any. */
export function errorChoices(error: RelayError): { url: string; title: string }[] {
	return error instanceof CommandError ? error.choices : [];
}

function detail(error: RelayError): string {
	return truncateForMessage(error.message, 300);
}

/** Plain-text wording of a notice about a blog. */
export function describeNotice(notice: Notice): string {
	const since = notice.since
		? ` since ${notice.since.toISOString().slice(0, 16).replace("T", " ")} UTC`
		: "";
	switch (notice.kind) {
		case "source-unreachable":
			return `I can't reach the live blog "${notice.blogTitle}"${since}. I'll keep trying and post any entries I missed once it is back.`;
		case "source-recovered":
			return `The live blog "${notice.blogTitle}" is reachable again.`;
		case "blog-ended":
			return `The live blog "${notice.blogTitle}" has ended, so I've stopped following it here.`;
		case "entries-skipped": {
			const n = notice.count ?? 0;
			return `${n} more ${n === 1 ? "entry" : "entries"} — see the live blog "${notice.blogTitle}" (too many came at once to post them all here).`;
		}
	}
}
