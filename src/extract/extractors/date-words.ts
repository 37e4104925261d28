/** Day, month and relative-day words of the languages tickers are written in (en, nl, de, fr, it, es, pt). */

const WEEKDAY_NAMES: readonly (readonly string[])[] = [
	// Abbreviations that are also month names ("mar") are left out: the month reading wins.
	["sunday", "zondag", "sun", "sonntag", "dimanche", "dim", "domenica", "dom", "domingo"],
	["monday", "maandag", "mon", "montag", "lundi", "lun", "lunedì", "lunedi", "lunes", "segunda"],
	[
		"tuesday",
		"dinsdag",
		"tue",
		"tues",
		"dienstag",
		"mardi",
		"martedì",
		"martedi",
		"martes",
		"terça",
		"terca",
	],
	[
		"wednesday",
		"woensdag",
		"wed",
		"mittwoch",
		"mi",
		"mercredi",
		"mer",
		"mercoledì",
		"mercoledi",
		"miércoles",
		"miercoles",
		"mié",
		"quarta",
	],
	[
		"thursday",
		"donderdag",
		"thu",
		"thur",
		"thurs",
		"donnerstag",
		"jeudi",
		"jeu",
		"giovedì",
		"giovedi",
		"jueves",
		"jue",
		"quinta",
	],
	[
		"friday",
		"vrijdag",
		"fri",
		"freitag",
		"vendredi",
		"ven",
		"venerdì",
		"venerdi",
		"viernes",
		"vie",
		"sexta",
	],
	[
		"saturday",
		"zaterdag",
		"sat",
		"samstag",
		"sonnabend",
		"samedi",
		"sam",
		"sabato",
		"sábado",
		"sabado",
	],
];

const MONTH_NAMES: readonly (readonly string[])[] = [
	[
		"january",
		"januari",
		"jan",
		"januar",
		"jänner",
		"janvier",
		"janv",
		"gennaio",
		"enero",
		"janeiro",
	],
	[
		"february",
		"februari",
		"feb",
		"februar",
		"février",
		"fevrier",
		"févr",
		"fevr",
		"febbraio",
		"febrero",
		"fevereiro",
	],
	["march", "maart", "mar", "märz", "maerz", "mär", "mrz", "mars", "marzo", "março", "marco"],
	["april", "apr", "avril", "avr", "aprile", "abril"],
	["may", "mei", "mai", "maggio", "mayo", "maio"],
	["june", "jun", "juni", "juin", "giugno", "junio", "junho"],
	["july", "jul", "juli", "juillet", "juil", "luglio", "julio", "julho"],
	["august", "augustus", "aug", "août", "aout", "agosto"],
	["september", "sep", "sept", "septembre", "settembre", "septiembre", "setiembre", "setembro"],
	["october", "oct", "oktober", "okt", "octobre", "ottobre", "octubre", "outubro"],
	["november", "nov", "novembre", "noviembre"],
	[
		"december",
		"dec",
		"dezember",
		"dez",
		"décembre",
		"decembre",
		"déc",
		"dicembre",
		"diciembre",
		"dezembro",
	],
];

function indexWords(lists: readonly (readonly string[])[]): Map<string, number> {
	const map = new Map<string, number>();
	lists.forEach((words, i) => {
		for (const w of words) map.set(w, i);
	});
	return map;
}

/** Weekday word → 0 (Sunday) … 6. */
export const WEEKDAYS = indexWords(WEEKDAY_NAMES);
/** Month word → 0 (January) … 11. */
export const MONTHS = indexWords(MONTH_NAMES);
/** "today", "yesterday" → days relative to the page's date. */
export const RELATIVE = new Map<string, number>([
	["today", 0],
	["heute", 0],
	["vandaag", 0],
	["gisteren", -1],
	["aujourd'hui", 0],
	["aujourd’hui", 0],
	["oggi", 0],
	["hoy", 0],
	["yesterday", -1],
	["gestern", -1],
	["hier", -1],
	["ieri", -1],
	["ayer", -1],
	["hoje", 0],
	["ontem", -1],
]);
/** Words that join the parts of a written date. */
// Words that join the parts of a written date: "18 de julio de 2024", "the 18th of July",
// Portuguese "quinta-feira" (split at the hyphen: "feira" is part of the weekday).
export const FILLERS = new Set([
	"de",
	"del",
	"of",
	"the",
	"le",
	"il",
	"am",
	"den",
	"der",
	"el",
	"en",
	"feira",
]);
