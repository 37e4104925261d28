import { describe, expect, it } from "vitest";
import {
	AdapterStartError,
	BlockedUrlError,
	CommandError,
	ConfigError,
	FetchError,
	InvalidUrlError,
	NotALiveBlogError,
	PageTooComplexError,
	PageTooLargeError,
	type RelayError,
	type RelayErrorCode,
	StoreError,
} from "../../src/errors.js";
import { LOCALES } from "../../src/i18n/catalogue.js";
import { describeError, describeNotice } from "../../src/relay/messages.js";

const URL = "https://news.example/live";

/** One error of every code, each carrying the developer detail chats must never see. */
const errors: Record<RelayErrorCode, RelayError> = {
	config: new ConfigError(["POLL_SCHEDULE: invalid cron expression"]),
	"invalid-url": new InvalidUrlError("https://newsroom/live", "host name has no dot"),
	"blocked-url": new BlockedUrlError(URL, "10.0.0.7", "private"),
	"fetch-failed": new FetchError(URL, `Fetching ${URL} failed (ENOTFOUND): getaddrinfo ENOTFOUND`),
	"page-too-large": new PageTooLargeError(URL, 5 * 1024 * 1024),
	timeout: new FetchError(URL, `Fetching ${URL} timed out after 15000 ms`, { code: "timeout" }),
	"too-many-redirects": new FetchError(URL, "Fetching stopped after 10 redirects (loop)", {
		status: 301,
		code: "too-many-redirects",
	}),
	"not-a-live-blog": new NotALiveBlogError(
		URL,
		["json-ld", "site-profiles", "generic"],
		"no LiveBlogPosting updates, known entry markup or repeated timed blocks",
	),
	"page-too-complex": new PageTooComplexError(URL, "deadline", "extraction took over 10000 ms"),
	store: new StoreError("SQLITE_BUSY: database is locked (relay:subs:telegram:1)"),
	"not-subscribed": new CommandError("not-subscribed", "target telegram:1 has no blog x"),
	"ambiguous-blog": new CommandError("ambiguous-blog", "3 blogs for telegram:1"),
	"limit-reached": new CommandError("limit-reached", "owner user:telegram:9 at 100"),
	"rate-limited": new CommandError("rate-limited", "user:telegram:9 over 6/min"),
	"permission-denied": new CommandError("permission-denied", "member status left"),
	"adapter-start": new AdapterStartError(
		"telegram",
		"401 Unauthorized",
		"check TELEGRAM_BOT_TOKEN",
	),
};

describe("describeError", () => {
	it.each(Object.entries(errors))(
		"words %s as plain sentences without its detail",
		(_code, error) => {
			for (const locale of LOCALES) {
				const text = describeError(error, locale);
				expect(text).toMatch(/[.?!)]$/);
				for (const detail of [
					"(",
					"tried",
					"ENOTFOUND",
					"no dot",
					"SQLITE",
					"telegram:",
					"10.0.0.7",
					"ms",
				]) {
					// "(" only appears where a sentence itself has one; none of these errors' sentences do.
					expect(text, `${locale}: ${text}`).not.toContain(detail);
				}
			}
		},
	);

	it.each([
		[404, "That page doesn't exist on the site. Check the address."],
		[410, "That page doesn't exist on the site. Check the address."],
		[403, "That site doesn't let me read the page."],
		[503, "That site isn't working right now. Please try again later."],
		[429, "That site isn't working right now. Please try again later."],
		[200, "That address isn't a web page. Send the address of the live page itself."],
		[undefined, "I couldn't reach that site. Check the address."],
	])("says what a site's status %s means", (status, text) => {
		const error = new FetchError(URL, `Fetching ${URL} failed with status ${status}`, {
			...(status === undefined ? {} : { status }),
		});
		expect(describeError(error)).toBe(text);
	});

	it("gives the exact sentences the issue asks for", () => {
		expect(describeError(errors["not-a-live-blog"])).toBe(
			"I couldn't find live updates on that page. Is it a live blog? Send the address of the live page itself.",
		);
		expect(describeError(errors["fetch-failed"])).toBe(
			"I couldn't reach that site. Check the address.",
		);
	});

	it("uses the catalogue message a refusal names, with its values", () => {
		const error = new CommandError("not-subscribed", "no blog 7 for telegram:1", [], {
			key: "error.no-such-number",
			params: { number: 7 },
		});
		expect(describeError(error)).toBe("There is no live blog number 7 in the list here.");
		expect(describeError(error, "de")).toBe("In der Liste hier gibt es keinen Live-Blog Nummer 7.");
	});
});

describe("describeNotice", () => {
	const base = { blogUrl: URL, blogTitle: "Storm live" };
	it("dates an outage in the chat's zone, the date only when not today", () => {
		const since = new Date(Date.UTC(2024, 8, 11, 9, 5));
		const now = new Date(Date.UTC(2024, 8, 11, 12, 0));
		expect(describeNotice({ ...base, kind: "source-unreachable", since }, { now })).toBe(
			"I can't reach the live blog “Storm live” since 09:05 UTC. I'll keep trying and post any entries I missed once it is back.",
		);
		expect(
			describeNotice(
				{ ...base, kind: "source-unreachable", since },
				{ now: new Date(Date.UTC(2024, 8, 12, 12, 0)) },
			),
		).toContain("since 11 Sept, 09:05 UTC.");
	});

	it("counts skipped entries with the right plural in every language", () => {
		const skipped = (count: number, locale: (typeof LOCALES)[number]) =>
			describeNotice({ ...base, kind: "entries-skipped", count }, { locale });
		expect(skipped(1, "en")).toMatch(/^1 more entry —/);
		expect(skipped(2, "en")).toMatch(/^2 more entries —/);
		expect(skipped(1, "uk")).toMatch(/^Ще 1 допис —/);
		expect(skipped(3, "uk")).toMatch(/^Ще 3 дописи —/);
		expect(skipped(5, "uk")).toMatch(/^Ще 5 дописів —/);
	});
});
