/**
 * Changes in the terminal: a terminal cannot edit what it printed, so an edit prints the entry again
 * marked "edited · updated 10:42 UTC", a retraction prints one "removed by the publisher" line, and
 * `--json` prints the entry with kind "edited" or "removed". Pins have no meaning there.
 */
import {
	describeEditMarker,
	type EntryUpdate,
	type MessageChange,
	REMOVED_BY_PUBLISHER,
} from "../../src/index.js";
import { formatEntryText, formatInZone, toEntryJson } from "./format.js";

const ANSI = { dim: "\u001b[2m", strike: "\u001b[9m", reset: "\u001b[0m" };

/** What to print for a change (empty for none). */
export function renderConsoleChange(
	change: MessageChange,
	options: { json: boolean; color: boolean; width?: number; timeZone?: string | undefined },
): string {
	if (change.kind === "pin" || change.kind === "unpin") return "";
	const update: EntryUpdate =
		change.kind === "edit"
			? { ...change.update, kind: "edited" }
			: { ...change.update, kind: "removed" };
	if (options.json) return `${JSON.stringify(toEntryJson(update))}\n`;
	if (change.kind === "edit") {
		const marker = describeEditMarker(change.editedAt, change.timeZone);
		const c = options.color ? ANSI : { dim: "", strike: "", reset: "" };
		return `${formatEntryText(update, options).trimEnd()}\n  ${c.dim}(${marker})${c.reset}\n\n`;
	}
	const c = options.color ? ANSI : { dim: "", strike: "", reset: "" };
	const headline = (update.headline ?? update.summary).replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
	const when = update.publishedAt ? `${formatInZone(update.publishedAt, options.timeZone)} ` : "";
	return `✗ ${when}${c.strike}${headline}${c.reset} ${c.dim}(${REMOVED_BY_PUBLISHER})${c.reset}\n\n`;
}
