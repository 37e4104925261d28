import { describe, expect, it } from "vitest";
import {
	CATALOGUES,
	LOCALES,
	type Locale,
	type Message,
	type MessageKey,
	matchLocale,
	resolveLocale,
	translate,
} from "../../src/i18n/catalogue.js";
import { formatWhen } from "../../src/i18n/time.js";

const english = CATALOGUES.en;
const keys = Object.keys(english) as MessageKey[];

function textsOf(message: Message): string[] {
	return typeof message === "string" ? [message] : Object.values(message);
}

function placeholdersOf(message: Message): string[] {
	const names = textsOf(message).flatMap((text) =>
		[...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
	);
	return [...new Set(names)].sort();
}

describe("the message catalogue", () => {
	it("has every key in every locale, and no others", () => {
		for (const locale of LOCALES) {
			expect(Object.keys(CATALOGUES[locale]).sort(), locale).toEqual([...keys].sort());
		}
	});

	it("uses in every locale exactly the placeholders English uses", () => {
		for (const locale of LOCALES) {
			for (const key of keys) {
				expect(placeholdersOf(CATALOGUES[locale][key]), `${locale} ${key}`).toEqual(
					placeholdersOf(english[key]),
				);
				for (const text of textsOf(CATALOGUES[locale][key])) {
					// A brace that is not a whole placeholder would show up in a chat.
					expect(text.replace(/\{\w+\}/g, ""), `${locale} ${key}`).not.toMatch(/[{}]/);
				}
			}
		}
	});

	it("has a plural form for every count a locale distinguishes (0 to 1000)", () => {
		for (const locale of LOCALES) {
			const rules = new Intl.PluralRules(locale);
			const needed = new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)));
			for (const key of keys) {
				const message = CATALOGUES[locale][key];
				if (typeof message === "string") {
					expect(typeof english[key], `${locale} ${key} lost its plural forms`).toBe("string");
					continue;
				}
				expect(typeof english[key], `${locale} ${key}`).toBe("object");
				for (const category of needed) {
					expect(message[category], `${locale} ${key} ${category}`).toBeDefined();
				}
			}
		}
	});

	it("fills every placeholder of every message in every locale", () => {
		for (const locale of LOCALES) {
			for (const key of keys) {
				for (const count of [0, 1, 2, 3, 5, 11, 21, 22, 25, 101]) {
					const params: Record<string, string | number> = { count };
					for (const name of placeholdersOf(english[key])) {
						if (name !== "count") params[name] = `«${name}»`;
					}
					const text = translate(locale, key, params);
					expect(text, `${locale} ${key}`).not.toMatch(/\{\w+\}/);
					expect(text.trim(), `${locale} ${key}`).not.toBe("");
					// `count` picks the form; a form may say "one" in words instead of showing it.
					for (const name of placeholdersOf(english[key]).filter((n) => n !== "count")) {
						expect(text, `${locale} ${key}`).toContain(`«${name}»`);
					}
				}
			}
		}
	});

	it("is translated: no other locale repeats the English text of a sentence", () => {
		for (const locale of LOCALES.filter((l) => l !== "en")) {
			const same = keys.filter(
				(key) => JSON.stringify(CATALOGUES[locale][key]) === JSON.stringify(english[key]),
			);
			expect(same, locale).toEqual([]);
		}
	});

	it("escapes the literal text only, never the values put into it", () => {
		const lessThan = (text: string) => text.replace(/</g, "&lt;");
		expect(translate("en", "subscribe.done", { blog: "<a>x</a>" }, lessThan)).toBe(
			"✅ Subscribed to <a>x</a>. New entries will be posted here.",
		);
		expect(translate("en", "list.empty", {}, lessThan)).toBe(
			"This chat doesn't follow any live blog yet. Send /subscribe &lt;address> to start.",
		);
	});
});

describe("choosing the locale", () => {
	it.each<[string | undefined, Locale | undefined]>([
		["de", "de"],
		["de-DE", "de"],
		["es-419", "es"],
		["es-ES", "es"],
		["fr", "fr"],
		["en-GB", "en"],
		["uk", "uk"],
		["UA", "uk"],
		["pt-BR", undefined],
		["", undefined],
		[undefined, undefined],
	])("reads %j as %j", (tag, locale) => {
		expect(matchLocale(tag)).toBe(locale);
	});

	it("prefers the chat's choice, then the platform's locale, then English", () => {
		expect(resolveLocale("uk", "de")).toBe("uk");
		expect(resolveLocale(undefined, "de")).toBe("de");
		expect(resolveLocale("klingon", "pt-BR")).toBe("en");
	});
});

describe("formatWhen", () => {
	const now = new Date(Date.UTC(2024, 8, 11, 12, 0));
	it("shows the time alone today, the date on other days, the year in other years", () => {
		expect(formatWhen(new Date(Date.UTC(2024, 8, 11, 9, 5)), { now })).toBe("09:05 UTC");
		expect(formatWhen(new Date(Date.UTC(2024, 8, 10, 23, 59)), { now })).toBe("10 Sept, 23:59 UTC");
		expect(formatWhen(new Date(Date.UTC(2023, 11, 31, 8, 0)), { now })).toBe(
			"31 Dec 2023, 08:00 UTC",
		);
	});

	it("judges today in the chat's zone and speaks its language", () => {
		const lateUtc = new Date(Date.UTC(2024, 8, 11, 22, 30));
		expect(formatWhen(lateUtc, { now, timeZone: "America/New_York" })).toMatch(
			/^18:30 (EDT|GMT-4)$/,
		);
		expect(formatWhen(lateUtc, { now, timeZone: "Europe/Kyiv", locale: "uk" })).toMatch(
			/^12 вер\.?, 01:30 /,
		);
		expect(formatWhen(lateUtc, { now, timeZone: "Europe/Berlin", locale: "de" })).toMatch(
			/^12\. Sept?\.?, 00:30 (MESZ|GMT\+2)$/,
		);
	});
});
