import { describe, expect, it } from "vitest";
import {
	localTimeOf,
	offsetAt,
	resolveZone,
	type Zone,
	type ZoneEvidence,
	zonedInstant,
} from "../../../src/extract/extractors/page-zone.js";

const paris: Zone = { kind: "iana", name: "Europe/Paris" };
const london: Zone = { kind: "iana", name: "Europe/London" };
const at = (iso: string) => Date.parse(iso);

function evidence(overrides: Partial<ZoneEvidence>): ZoneEvidence {
	return { names: [], offsets: [], locales: [], hosts: [], abbreviations: [], ...overrides };
}

describe("zone arithmetic through Intl.DateTimeFormat", () => {
	it("follows daylight saving", () => {
		expect(offsetAt(paris, at("2024-01-15T12:00:00Z"))).toBe(60);
		expect(offsetAt(paris, at("2024-07-15T12:00:00Z"))).toBe(120);
		expect(offsetAt(london, at("2014-12-31T17:00:00Z"))).toBe(0);
		expect(offsetAt({ kind: "fixed", minutes: 330 }, 0)).toBe(330);
	});

	it("turns local times on both sides of a spring-forward night into instants", () => {
		const day = { year: 2024, month: 3, day: 31 };
		expect(zonedInstant(paris, day, 0, 10).toISOString()).toBe("2024-03-30T23:10:00.000Z");
		expect(zonedInstant(paris, day, 3, 5).toISOString()).toBe("2024-03-31T01:05:00.000Z");
		// 02:30 does not exist that night: read with the offset from before the change.
		expect(zonedInstant(paris, day, 2, 30).toISOString()).toBe("2024-03-31T01:30:00.000Z");
	});

	it("takes the first of the two 02:30s of an autumn night", () => {
		const day = { year: 2024, month: 10, day: 27 };
		expect(zonedInstant(paris, day, 2, 30).toISOString()).toBe("2024-10-27T00:30:00.000Z");
		expect(zonedInstant(paris, day, 4, 0).toISOString()).toBe("2024-10-27T03:00:00.000Z");
	});

	it("gives the local date and time of an instant", () => {
		expect(localTimeOf(paris, at("2024-07-17T23:30:00Z"))).toEqual({
			year: 2024,
			month: 7,
			day: 18,
			minutes: 90,
		});
	});
});

describe("resolveZone: which zone a page's bare times are in", () => {
	it("takes the locale's country when it agrees with the offsets on the page", () => {
		const zone = resolveZone(
			evidence({
				locales: ["de-CH", "de"],
				offsets: [{ at: at("2024-07-18T11:08:27Z"), minutes: 120 }],
			}),
		);
		expect(zone).toEqual({ zone: { kind: "iana", name: "Europe/Zurich" }, reason: "locale de-CH" });
	});

	it("uses the country domain when the language has no region (en on .co.uk)", () => {
		expect(resolveZone(evidence({ locales: ["en"], hosts: ["www.telegraph.co.uk"] })).zone).toEqual(
			london,
		);
	});

	it("prefers a zone name from the page's embedded state", () => {
		const zone = resolveZone(evidence({ names: ["America/Chicago"], locales: ["en-GB"] }));
		expect(zone.zone).toEqual({ kind: "iana", name: "America/Chicago" });
	});

	it("drops a locale guess that the page's offsets contradict, keeping the offset", () => {
		// A German-language page of a newsroom in New York: -04:00 in July is not Berlin.
		const zone = resolveZone(
			evidence({ locales: ["de"], offsets: [{ at: at("2024-07-18T12:00:00Z"), minutes: -240 }] }),
		);
		expect(zone.zone).toEqual({ kind: "fixed", minutes: -240 });
	});

	it("falls back to a printed abbreviation, then to UTC", () => {
		expect(resolveZone(evidence({ locales: ["en"], abbreviations: ["EST"] })).zone).toEqual({
			kind: "iana",
			name: "America/New_York",
		});
		expect(resolveZone(evidence({ locales: ["en-US"], hosts: ["example.com"] }))).toEqual({
			zone: { kind: "fixed", minutes: 0 },
			reason: "no zone evidence: read as UTC",
		});
	});

	it("ignores zone names Intl does not know", () => {
		expect(resolveZone(evidence({ names: ["Mars/Olympus_Mons"], locales: ["it"] })).zone).toEqual({
			kind: "iana",
			name: "Europe/Rome",
		});
	});
});
