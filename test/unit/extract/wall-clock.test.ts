import { describe, expect, it } from "vitest";
import { readDayHeading, readStamp } from "../../../src/extract/extractors/wall-clock.js";

describe("readStamp: a clock time at the start of a block", () => {
	it.each([
		["07:45 – Polizei sperrt die Brücke", 7, 45, "Polizei sperrt die Brücke"],
		["9.05 Uhr: Erste Meldungen", 9, 5, "Erste Meldungen"],
		["11.04 Uhr: Israelische Drohne", 11, 4, "Israelische Drohne"],
		["2.59 Uhr: ohne Null", 2, 59, "ohne Null"],
		["9 Uhr: volle Stunde", 9, 0, "volle Stunde"],
		["+++ 14.05 Uhr +++ Eilmeldung", 14, 5, "Eilmeldung"],
		["🔴 14:05 Uhr: Eilmeldung", 14, 5, "Eilmeldung"],
		["(14:05) In Klammern", 14, 5, "In Klammern"],
		["14h05 Le conseil se réunit", 14, 5, "Le conseil se réunit"],
		["14 h 05 : avec espaces", 14, 5, "avec espaces"],
		["22h – heure pleine", 22, 0, "heure pleine"],
		["0h10 – après minuit", 0, 10, "après minuit"],
		["ore 9.15 – Chiuse le scuole", 9, 15, "Chiuse le scuole"],
		["alle ore 21.30 il bollettino", 21, 30, "il bollettino"],
		["10:30 h – Llega el presidente", 10, 30, "Llega el presidente"],
		["a las 10:30, comienza", 10, 30, "comienza"],
		["9.15am: Polls open", 9, 15, "Polls open"],
		["9.15pm: Polls close", 21, 15, "Polls close"],
		["12.05am: just after midnight", 0, 5, "just after midnight"],
		["12:30 p.m. Lunch briefing", 12, 30, "Lunch briefing"],
		["17.00 We are going to leave", 17, 0, "We are going to leave"],
		["23:59:30 – seconds too", 23, 59, "seconds too"],
	])("reads %j", (text, hour, minute, rest) => {
		expect(readStamp(text)).toMatchObject({ kind: "clock", hour, minute, rest });
	});

	it("keeps a zone abbreviation written after the time, case-sensitively", () => {
		expect(readStamp("14:05 GMT: Statement")).toMatchObject({ zone: "GMT", rest: "Statement" });
		expect(readStamp("9.30am BST – Markets open")).toMatchObject({ hour: 9, zone: "BST" });
		// French "et" is a word, not Eastern Time.
		expect(readStamp("14h05 et la séance reprend")).toMatchObject({ zone: undefined });
	});

	it.each([
		"18.07.2024 war ein Donnerstag",
		"1.200 Menschen demonstrierten",
		"2.5 million people",
		"2024 was a year",
		"Donnerstag, 18. 7.",
		"18.07.",
		"At the start of the day",
		"25:00 is not a time",
		"13pm is not a time",
		"3,50 Euro kostet",
		"21 mins ago",
		"5 minutes ago: update",
		"",
	])("refuses %j", (text) => {
		expect(readStamp(text)).toBeUndefined();
	});

	it.each([
		["95' C'est terminé", "95'", "C'est terminé"],
		["45'+2 Half time", "45'+2", "Half time"],
		["90+3' Full time", "90'+3", "Full time"],
		["12’ curly apostrophe", "12'", "curly apostrophe"],
		["0'", "0'", ""],
		["12 min: Early chance", "12'", "Early chance"],
		["45+2 min Half time", "45'+2", "Half time"],
		["90. Min. Tor für Bern", "90'", "Tor für Bern"],
		["67° minuto - Gol", "67'", "Gol"],
	])("reads the match minute %j as a label, not a time", (text, label, rest) => {
		expect(readStamp(text)).toEqual({ kind: "minute", label, rest });
	});

	// Up to eight characters of decoration ("+++ +++ ") come before a stamp; a shortcut that decided
	// on the eighth without reading the ninth once lost stamps with no H:MM shape (session 7's review).
	it.each(["+", "+++ ", "+++ +++", "+++ +++ ", "(((((((("])(
		"reads stamps with no H:MM shape after the decoration %j",
		(decoration) => {
			expect(readStamp(`${decoration}45' Tor für Bayern`)).toEqual({
				kind: "minute",
				label: "45'",
				rest: "Tor für Bayern",
			});
			expect(readStamp(`${decoration}9 Uhr: Die Polizei`)).toMatchObject({
				kind: "clock",
				hour: 9,
			});
			expect(readStamp(`${decoration}9am Polls open`)).toMatchObject({ kind: "clock", hour: 9 });
			expect(readStamp(`${decoration}um 9 Uhr: Start`)).toMatchObject({ kind: "clock", hour: 9 });
		},
	);

	it.each([
		[
			"18.07.2024, 11:04 Uhr: Drohnenangriff",
			{ year: 2024, month: 7, day: 18 },
			11,
			4,
			"Drohnenangriff",
		],
		[
			"Do., 18.07., 11.04 Uhr – Drohnenangriff",
			{ month: 7, day: 18, weekday: 4 },
			11,
			4,
			"Drohnenangriff",
		],
		["Thursday 18 July 9.15am: Polls open", { month: 7, day: 18, weekday: 4 }, 9, 15, "Polls open"],
		[
			"30 Dec 2014 17.00 We are leaving",
			{ year: 2014, month: 12, day: 30 },
			17,
			0,
			"We are leaving",
		],
		["jeudi 18 juillet à 14h05 : Le conseil", { month: 7, day: 18 }, 14, 5, "Le conseil"],
	])("reads the dated stamp %j", (text, date, hour, minute, rest) => {
		const stamp = readStamp(text);
		expect(stamp).toMatchObject({ kind: "clock", hour, minute, rest });
		expect(stamp?.kind === "clock" ? stamp.date : undefined).toMatchObject(date);
	});

	it.each(["Update 14:05: more", "Seit 2019 12:30 Stunden", "Chapter 4 10:30 am"])(
		"refuses a time after words that are not a date: %j",
		(text) => {
			expect(readStamp(text)).toBeUndefined();
		},
	);

	it("reads only a bounded prefix of a long block", () => {
		const long = `07:45 – ${"x".repeat(100_000)}`;
		expect(readStamp(long)).toMatchObject({ hour: 7, minute: 45 });
		expect(readStamp(`${" ".repeat(100)}07:45 late`)).toBeUndefined();
	});
});

describe("readDayHeading: a block whose whole text is a date", () => {
	it.each([
		["Donnerstag, 18. 7.", { month: 7, day: 18, weekday: 4, year: undefined }],
		["Donnerstag, 18.\u00a07.", { month: 7, day: 18, weekday: 4 }],
		["Mittwoch, 17. Juli", { month: 7, day: 17, weekday: 3 }],
		["Dienstag, 31. Dezember", { month: 12, day: 31, weekday: 2 }],
		["jeudi 18 juillet 2024", { year: 2024, month: 7, day: 18, weekday: 4 }],
		["mardi 1er octobre", { month: 10, day: 1, weekday: 2 }],
		["giovedì 18 luglio", { month: 7, day: 18, weekday: 4 }],
		["jueves, 18 de julio de 2024", { year: 2024, month: 7, day: 18, weekday: 4 }],
		["Thursday 18 July", { month: 7, day: 18, weekday: 4 }],
		["Tuesday, December 30th, 2014", { year: 2014, month: 12, day: 30, weekday: 2 }],
		["30 December 2014", { year: 2014, month: 12, day: 30, weekday: undefined }],
		["18.07.2024", { year: 2024, month: 7, day: 18 }],
		["18. 7.", { month: 7, day: 18 }],
		["2024-07-18", { year: 2024, month: 7, day: 18 }],
		["Di., 16.07.", { month: 7, day: 16, weekday: 2 }],
		["woensdag 17 juli", { month: 7, day: 17, weekday: 3 }],
	])("reads %j", (text, expected) => {
		expect(readDayHeading(text)).toMatchObject(expected);
	});

	it.each([
		["Heute", 0],
		["Gestern", -1],
		["Aujourd'hui", 0],
		["hier", -1],
		["Ieri", -1],
		["Hoy", 0],
		["Yesterday", -1],
	])("reads the relative day %j", (text, relative) => {
		expect(readDayHeading(text)).toMatchObject({ relative });
	});

	it.each([
		"Live-Ticker",
		"Das Wichtigste in Kürze:",
		"18 7",
		"Sports 2024",
		"Latest",
		"31. Februar 2024",
		"Thursday 18 July and what happened next",
		"",
	])("refuses %j", (text) => {
		expect(readDayHeading(text)).toBeUndefined();
	});
});

describe("readStamp: a date written after the time", () => {
	it("is the stamp's own date ('2:45 a.m. ET, October 27, 2023')", () => {
		expect(readStamp("2:45 a.m. ET, October 27, 2023")).toMatchObject({
			kind: "clock",
			hour: 2,
			minute: 45,
			zone: "ET",
			date: { year: 2023, month: 10, day: 27 },
			rest: "",
		});
	});

	it("but text after the time stays text", () => {
		const stamp = readStamp("9.15am: Police arrive at the scene");
		expect(stamp).toMatchObject({ kind: "clock", hour: 9, rest: "Police arrive at the scene" });
		expect(stamp?.kind === "clock" ? stamp.date : "not a clock").toBeUndefined();
	});
});
