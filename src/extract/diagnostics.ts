/**
 * What one extraction did, for `watch <url> --explain`: plain data (structured-clone safe), filled
 * only when asked for so a normal poll pays nothing.
 */

/** Two or more copies of one entry joined into one, and the evidence that joined them. */
export interface MergeNote {
	/** The id the merged entry got. */
	id: string;
	/** Source name and that source's own id (or "(no id)") of each copy. */
	copies: string[];
	/** "same id", "same numeric id core 8812", "same text start, same time", … */
	why: string;
}

/** A block a source reported that is not an entry, and why it was left out. */
export interface DropNote {
	source: string;
	/** Its id or anchor, or "(no id)". */
	ref: string;
	why: string;
}

/** An entry reported as a key event, and what flagged it. */
export interface KeyEventNote {
	id: string;
	/** ISO publication time, when the entry has one. */
	at?: string | undefined;
	/** Headline or body start, for a reader to recognise the entry. */
	label: string;
	/** "linked from the page's key-events list" or "flagged in the entry's own markup or data". */
	why: string;
}

/** The diagnostics record of one extraction. */
export interface ExtractDiagnostics {
	/** Every extractor that ran, with how many entries it found (0 included). */
	sources: { name: string; entries: number }[];
	/** Copies joined across sources. */
	merged: MergeNote[];
	/** Blocks dropped as non-entries or unconfirmed guesses. */
	dropped: DropNote[];
	/** Sources whose ids number entries by position (replaced by stable ids). */
	positional: string[];
	/** Time-zone rules that were applied, in words. */
	timeZone: string[];
	/** Non-fatal problems (invalid JSON-LD, an extractor that threw). */
	warnings: string[];
	/** Entries reported after merging. */
	entries: number;
	/** Entries reported as key events, newest first. */
	keyEvents: KeyEventNote[];
}

/** An empty record to fill. */
export function emptyDiagnostics(): ExtractDiagnostics {
	return {
		sources: [],
		merged: [],
		dropped: [],
		positional: [],
		timeZone: [],
		warnings: [],
		entries: 0,
		keyEvents: [],
	};
}

/** The record as the lines `--explain` prints. */
export function formatDiagnostics(d: ExtractDiagnostics): string {
	const lines: string[] = [];
	lines.push(`Sources: ${d.sources.map((s) => `${s.name} ${s.entries}`).join(", ") || "none"}`);
	lines.push(`Entries after merging: ${d.entries}`);
	const plain = d.merged.filter((m) => m.why === "same id");
	const evidence = d.merged.filter((m) => m.why !== "same id");
	if (plain.length > 0) lines.push(`Merged by the same id: ${plain.length} entries`);
	for (const m of evidence) lines.push(`Merged ${m.copies.join(" + ")} → ${m.id}: ${m.why}`);
	for (const p of d.positional) lines.push(`Positional ids: ${p}`);
	for (const drop of d.dropped) lines.push(`Dropped ${drop.source} ${drop.ref}: ${drop.why}`);
	if (d.timeZone.length === 0) lines.push("Time zone: every time carried its own zone or epoch");
	for (const rule of d.timeZone) lines.push(`Time zone: ${rule}`);
	lines.push(
		d.keyEvents.length === 0
			? "Key events: none found"
			: `Key events: ${d.keyEvents.length} of ${d.entries} entries`,
	);
	for (const k of d.keyEvents) {
		lines.push(`Key event ${k.id} at ${k.at ?? "(no time)"} "${k.label}": ${k.why}`);
	}
	for (const w of d.warnings) lines.push(`Warning: ${w}`);
	return lines.join("\n");
}
