/** Terminal rendering of entries: a readable block per entry, or one JSON object per line. */
import type { EntryUpdate } from "../../src/index.js";

/** The JSON shape `--json` prints per entry (ISO-8601 UTC times). */
export interface EntryJson {
	id: string;
	url: string;
	publishedAt: string | null;
	updatedAt: string | null;
	headline: string | null;
	summary: string;
	author: string | null;
	pinned: boolean;
	/** "new" when first seen, "edited" when the publisher changed it, "removed" when deleted. */
	kind: EntryUpdate["kind"];
	/** The publisher marks it a key event. */
	keyEvent: boolean;
}

/** One entry as a JSON object for scripts and jq. */
export function toEntryJson(update: EntryUpdate): EntryJson {
	return {
		id: update.entryId,
		url: update.entryUrl,
		publishedAt: update.publishedAt?.toISOString() ?? null,
		updatedAt: update.updatedAt?.toISOString() ?? null,
		headline: update.headline ?? null,
		summary: update.summary,
		author: update.author ?? null,
		pinned: update.pinned ?? false,
		kind: update.kind,
		keyEvent: update.keyEvent ?? false,
	};
}

/** Formats a time as "2024-09-11 09:23 UTC". */
export function formatUtc(date: Date | undefined): string {
	if (!date) return "time unknown";
	return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats a time in `timeZone` (an IANA name; undefined: the local zone, which honours TZ) as
 * "2024-09-11 10:23 BST", the zone named as the system names it ("GMT+2" where it has no letters).
 */
export function formatInZone(date: Date | undefined, timeZone?: string): string {
	if (!date) return "time unknown";
	if (timeZone === "UTC") return formatUtc(date);
	const key = timeZone ?? "";
	let format = zoneFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat("en-US", {
			...(timeZone ? { timeZone } : {}),
			year: "numeric",
			month: "2-digit",
			day: "2-digit",
			hour: "2-digit",
			minute: "2-digit",
			hourCycle: "h23",
			timeZoneName: "short",
		});
		zoneFormats.set(key, format);
	}
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		format.formatToParts(date).find((p) => p.type === type)?.value ?? "";
	return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")} ${part("timeZoneName")}`;
}

/** Width the terminal text wraps at when the output is not a terminal. */
export const DEFAULT_TEXT_WIDTH = 80;

const ANSI = { bold: "\u001b[1m", dim: "\u001b[2m", cyan: "\u001b[36m", reset: "\u001b[0m" };

/** How formatEntryText lays an entry out. */
export interface TextLayout {
	color: boolean;
	/** Columns to wrap at (default DEFAULT_TEXT_WIDTH). */
	width?: number | undefined;
	/** IANA zone of the times shown; undefined: the local zone (TZ). */
	timeZone?: string | undefined;
}

/** A readable multi-line block: time, headline, summary, author, link, wrapped at `width`. */
export function formatEntryText(update: EntryUpdate, options: TextLayout): string {
	const width = Math.max(20, options.width ?? DEFAULT_TEXT_WIDTH);
	const c = options.color ? ANSI : { bold: "", dim: "", cyan: "", reset: "" };
	const marks = [
		update.keyEvent ? "key event" : "",
		update.pinned ? "pinned" : "",
		update.kind === "edited" ? "edited" : "",
	].filter(Boolean);
	const head = `${c.cyan}${formatInZone(update.publishedAt, options.timeZone)}${c.reset}${marks.length ? ` ${c.dim}(${marks.join(", ")})${c.reset}` : ""}`;
	const lines = [head];
	if (update.headline) {
		for (const line of wrap(stripControls(update.headline), width))
			lines.push(`${c.bold}${line}${c.reset}`);
	}
	// Paragraphs stay apart; each is wrapped inside the two-space indent.
	const paragraphs = update.summary ? stripControls(update.summary).split(/\n+/) : [];
	paragraphs.forEach((paragraph, i) => {
		if (i > 0) lines.push("");
		lines.push(...wrap(paragraph.replace(/\s+/g, " ").trim(), width - 2).map((l) => `  ${l}`));
	});
	const meta = [update.author ? `by ${stripControls(update.author)}` : "", update.entryUrl].filter(
		Boolean,
	);
	lines.push(`  ${c.dim}${meta.join(" · ")}${c.reset}`);
	return `${lines.join("\n")}\n`;
}

/** Page text must not drive the terminal: escape sequences and other controls are dropped (newlines kept). */
function stripControls(text: string): string {
	return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, "");
}

/** Words into lines of at most `width` characters (a longer word, e.g. a URL, gets a line of its own). */
function wrap(text: string, width: number): string[] {
	const out: string[] = [];
	let line = "";
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + word.length + 1 > width) {
			out.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) out.push(line);
	return out;
}
