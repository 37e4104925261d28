// The ticker's entry building takes shortcuts (memoised zone offsets, link lists decided early,
// minute labels read by char code): each must give what the plain computation gives.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import { isMostlyLinks } from "../../../src/extract/extractors/link-share.js";
import {
	offsetAt,
	resolveZone,
	type Zone,
	type ZoneEvidence,
	zonedInstant,
} from "../../../src/extract/extractors/page-zone.js";
import { minuteValue } from "../../../src/extract/extractors/time-led.js";
import { ianaOffsetAt } from "../../../src/extract/zone-offset.js";

/** A small deterministic generator (tests must not flake). */
function random(seed: number): () => number {
	let s = seed;
	return () => {
		s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
		return s / 2_147_483_648;
	};
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Offset straight from Intl, no memo: what ianaOffsetAt must return. */
function plainOffset(name: string, at: number): number {
	const f =
		formats.get(name) ??
		new Intl.DateTimeFormat("en-US", {
			timeZone: name,
			hourCycle: "h23",
			year: "numeric",
			month: "numeric",
			day: "numeric",
			hour: "numeric",
			minute: "numeric",
			second: "numeric",
		});
	formats.set(name, f);
	const p: Record<string, number> = {};
	for (const part of f.formatToParts(new Date(at))) {
		if (part.type !== "literal") p[part.type] = Number(part.value);
	}
	const local = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second);
	return Math.round((local - Math.floor(at / 1000) * 1000) / 60_000);
}

/** zonedInstant as it was written first: every candidate offset read, then filtered. */
function plainInstant(zone: Zone, y: number, mo: number, d: number, h: number, mi: number): number {
	const off = (t: number) => (zone.kind === "fixed" ? zone.minutes : plainOffset(zone.name, t));
	const wall = Date.UTC(y, mo - 1, d, h, mi, 0);
	const before = wall - off(wall - 43_200_000) * 60_000;
	const after = wall - off(wall + 43_200_000) * 60_000;
	const fits = [before, after].filter((t) => t + off(t) * 60_000 === wall);
	return fits.length > 0 ? Math.min(...fits) : before;
}

const ZONES = [
	"Europe/Paris",
	"Europe/London",
	"America/New_York",
	"Australia/Lord_Howe",
	"Asia/Kathmandu",
	"Pacific/Chatham",
	"America/Santiago",
];

describe("zone offsets are memoised per zone and quarter hour", () => {
	it("gives Intl's offset for instants all over the calendar, across several zones in turn", () => {
		const next = random(7);
		for (let i = 0; i < 3000; i++) {
			const name = ZONES[Math.floor(next() * ZONES.length)] as string;
			const at = Date.UTC(1990, 0, 1) + Math.floor(next() * 40 * 365 * 86_400) * 1000;
			expect(ianaOffsetAt(name, at)).toBe(plainOffset(name, at));
		}
	});

	it("gives Intl's offset on every quarter hour around daylight-saving changes", () => {
		for (const name of ZONES) {
			for (const start of [Date.UTC(2024, 2, 9), Date.UTC(2024, 9, 26), Date.UTC(2024, 3, 6)]) {
				for (let at = start; at < start + 3 * 86_400_000; at += 15 * 60_000 + 7_000) {
					expect(ianaOffsetAt(name, at)).toBe(plainOffset(name, at));
				}
			}
		}
	});

	it("still answers after the memo fills up and starts again", () => {
		const base = Date.UTC(2020, 0, 1);
		for (let i = 0; i < 10_050; i++) ianaOffsetAt("Europe/Berlin", base + i * 15 * 60_000);
		for (const i of [0, 5000, 10_049]) {
			const at = base + i * 15 * 60_000;
			expect(ianaOffsetAt("Europe/Berlin", at)).toBe(plainOffset("Europe/Berlin", at));
		}
		expect(ianaOffsetAt("Not/A_Zone", base)).toBeUndefined();
	});

	it("places local times as before on change nights and ordinary days, IANA and fixed zones", () => {
		const zones: Zone[] = [
			...ZONES.map((name): Zone => ({ kind: "iana", name })),
			{ kind: "fixed", minutes: 0 },
			{ kind: "fixed", minutes: -210 },
		];
		const days = [
			[2024, 3, 10],
			[2024, 3, 31],
			[2024, 4, 7],
			[2024, 9, 8],
			[2024, 10, 27],
			[2024, 11, 3],
			[2014, 12, 31],
		] as const;
		for (const zone of zones) {
			for (const [y, mo, d] of days) {
				for (let minutes = 0; minutes < 24 * 60; minutes += 10) {
					const h = Math.floor(minutes / 60);
					const mi = minutes % 60;
					const got = zonedInstant(zone, { year: y, month: mo, day: d }, h, mi).getTime();
					expect(got).toBe(plainInstant(zone, y, mo, d, h, mi));
				}
			}
		}
	});
});

describe("link lists are decided after as few drafts as the count allows", () => {
	it("agrees with counting every draft, for lists of every length and mix", () => {
		const next = random(11);
		const shares = [0, 0.2, 0.5, 0.7, 0.7000001, 0.9, 1];
		for (let i = 0; i < 5000; i++) {
			const length = Math.floor(next() * 12);
			const list = Array.from(
				{ length },
				() => shares[Math.floor(next() * shares.length)] as number,
			);
			const counted = list.filter((s) => s > 0.7).length * 5 >= list.length * 3;
			expect(isMostlyLinks(list, (s) => s)).toBe(counted);
		}
	});
});

describe("match minute labels are read by char code", () => {
	const plain = (label: string): number => {
		const [base = "0", extra = "0"] = label.replace("'", "").split("+");
		return Number(base) + Number(extra) / 100;
	};

	it("gives what splitting the label gives, for every label readMinute writes and odd ones", () => {
		const labels = ["'", "45", "x'", "45'+", "45'+2x", "045'", "45'+02", "'+3", "12345678901'", ""];
		for (let m = 0; m <= 150; m++) {
			labels.push(`${m}'`);
			for (const x of [1, 2, 9, 10, 15]) labels.push(`${m}'+${x}`);
		}
		for (const label of labels) expect(minuteValue(label)).toBe(plain(label));
	});
});

describe("the page zone is the first candidate that agrees, found without listing the rest", () => {
	// A few values of each kind and the zone each stands for (undefined: no candidate).
	const NAMES: Record<string, string | undefined> = {
		"Europe/Paris": "Europe/Paris",
		"America/New_York": "America/New_York",
		"Bad/Zone": undefined,
	};
	const REGIONS: Record<string, string | undefined> = {
		"de-CH": "Europe/Zurich",
		"en-GB": "Europe/London",
		fr: undefined,
		"pt-BR": undefined,
	};
	const HOSTS: Record<string, string | undefined> = {
		"www.example.de": "Europe/Berlin",
		"news.example.co.uk": "Europe/London",
		"example.com": undefined,
	};
	const LANGUAGES: Record<string, string | undefined> = {
		"de-CH": "Europe/Berlin",
		"en-GB": undefined,
		fr: "Europe/Paris",
		"pt-BR": undefined,
	};
	const ABBREVIATIONS: Record<string, Zone | undefined> = {
		ET: { kind: "iana", name: "America/New_York" },
		CEST: { kind: "iana", name: "Europe/Berlin" },
		UTC: { kind: "fixed", minutes: 0 },
		XYZ: undefined,
	};
	const iana = (name: string): Zone => ({ kind: "iana", name });

	/** resolveZone's rule written out: every candidate in order, the first that agrees. */
	function expected(ev: ZoneEvidence): { zone: Zone; reason: string } {
		const candidates: { zone: Zone; reason: string }[] = [];
		const add = (name: string | undefined, reason: string) => {
			if (name !== undefined) candidates.push({ zone: iana(name), reason });
		};
		for (const n of ev.names) add(NAMES[n], `embedded zone name ${n}`);
		for (const l of ev.locales) add(REGIONS[l], `locale ${l}`);
		for (const h of ev.hosts) add(HOSTS[h], `domain ${h}`);
		for (const l of ev.locales) add(LANGUAGES[l], `language ${l}`);
		for (const a of ev.abbreviations) {
			const zone = ABBREVIATIONS[a];
			if (zone !== undefined) candidates.push({ zone, reason: `abbreviation ${a}` });
		}
		const agrees = (z: Zone) => ev.offsets.every((o) => offsetAt(z, o.at) === o.minutes);
		const found = candidates.find((c) => agrees(c.zone));
		if (found !== undefined) return found;
		const newest = [...ev.offsets].sort((a, b) => b.at - a.at)[0];
		if (newest !== undefined) {
			return { zone: { kind: "fixed", minutes: newest.minutes }, reason: "offset on the page" };
		}
		return { zone: { kind: "fixed", minutes: 0 }, reason: "no zone evidence: read as UTC" };
	}

	it("agrees with listing every candidate first, for mixed evidence and offsets", () => {
		const next = random(5);
		const pick = <T>(values: readonly T[], most: number): T[] =>
			Array.from({ length: Math.floor(next() * (most + 1)) }, () => {
				return values[Math.floor(next() * values.length)] as T;
			});
		const summer = Date.UTC(2024, 6, 18, 12);
		const winter = Date.UTC(2024, 0, 18, 12);
		const offsets = [
			{ at: summer, minutes: 120 },
			{ at: summer, minutes: 60 },
			{ at: winter, minutes: 60 },
			{ at: summer, minutes: -240 },
			{ at: winter, minutes: 0 },
		];
		for (let i = 0; i < 2000; i++) {
			const ev: ZoneEvidence = {
				names: pick(Object.keys(NAMES), 2),
				offsets: pick(offsets, 2),
				locales: pick(Object.keys(REGIONS), 2),
				hosts: pick(Object.keys(HOSTS), 2),
				abbreviations: pick(Object.keys(ABBREVIATIONS), 2),
			};
			expect(resolveZone(ev)).toEqual(expected(ev));
		}
	});
});

describe("a page polled again", () => {
	it("gives the same entries when ids are remembered from the first poll", () => {
		const names = ["ticker-de-days.html", "ticker-en-am.html", "ticker-fr-dst.html"];
		for (const name of [...names, "ticker-it.html", "ticker-minutes.html", "ticker-pt.html"]) {
			const html = readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
			// Long first lines: their stamps are read again on the whole line.
			const long = html.replace(/(<p>\s*\d{1,2}[.:h]\d\d)/g, `$1 ${"lange Zeile ".repeat(12)}`);
			for (const page of [html, long]) {
				const url = `https://www.example.de/live/${name}`;
				const first = JSON.stringify(extractEntries(page, url, { now: Date.UTC(2025, 0, 5) }));
				const again = JSON.stringify(extractEntries(page, url, { now: Date.UTC(2025, 0, 5) }));
				expect(again).toBe(first);
			}
		}
	});
});
