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
	};
}

/** Formats a time as "2024-09-11 09:23 UTC". */
export function formatUtc(date: Date | undefined): string {
	if (!date) return "time unknown";
	return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const ANSI = { bold: "\u001b[1m", dim: "\u001b[2m", cyan: "\u001b[36m", reset: "\u001b[0m" };

/** A readable multi-line block: time, headline, summary, author, link. */
export function formatEntryText(
	update: EntryUpdate,
	options: { color: boolean; width?: number },
): string {
	const c = options.color ? ANSI : { bold: "", dim: "", cyan: "", reset: "" };
	const marks = [update.pinned ? "pinned" : "", update.kind === "edited" ? "edited" : ""].filter(
		Boolean,
	);
	const head = `${c.cyan}${formatUtc(update.publishedAt)}${c.reset}${marks.length ? ` ${c.dim}(${marks.join(", ")})${c.reset}` : ""}`;
	const lines = [head];
	if (update.headline) lines.push(`${c.bold}${stripControls(update.headline)}${c.reset}`);
	// Each paragraph of the summary (one per line) is wrapped on its own, every line indented.
	for (const paragraph of stripControls(update.summary).split("\n")) {
		if (paragraph.trim()) {
			lines.push(...wrap(paragraph.trim(), options.width ?? 100).map((l) => `  ${l}`));
		}
	}
	const meta = [update.author ? `by ${stripControls(update.author)}` : "", update.entryUrl].filter(
		Boolean,
	);
	lines.push(`  ${c.dim}${meta.join(" · ")}${c.reset}`);
	return `${lines.join("\n")}\n`;
}

/** Page text must not drive the terminal: escape sequences and other controls are dropped. */
function stripControls(text: string): string {
	return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

function wrap(text: string, width: number): string[] {
	const out: string[] = [];
	let line = "";
	for (const word of text.split(" ")) {
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
