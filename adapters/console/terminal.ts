/** Terminal helpers for `watch`: the output's width and a "Fetching …" line while a read is slow. */
import { DEFAULT_TEXT_WIDTH } from "./format.js";

/** Columns of `stream` when it is a terminal, else DEFAULT_TEXT_WIDTH. */
export function terminalWidth(stream: NodeJS.WritableStream): number {
	const columns = (stream as NodeJS.WriteStream).columns;
	return typeof columns === "number" && columns > 0 ? columns : DEFAULT_TEXT_WIDTH;
}

/**
 * Resolves `work`; if it takes longer than `afterMs`, writes `Fetching <what> …` to `status` meanwhile.
 * On a terminal the line is cleared again when the work ends; elsewhere (a log file) it stays as a line.
 */
export async function showWhileSlow<T>(
	work: Promise<T>,
	what: string,
	status: NodeJS.WritableStream,
	afterMs = 1_000,
): Promise<T> {
	const isTty = Boolean((status as NodeJS.WriteStream).isTTY);
	let shown = false;
	const timer = setTimeout(() => {
		shown = true;
		status.write(isTty ? `Fetching ${what} …` : `Fetching ${what} …\n`);
	}, afterMs);
	try {
		return await work;
	} finally {
		clearTimeout(timer);
		// Carriage return and erase-line: the indicator leaves nothing behind on a terminal.
		if (shown && isTty) status.write("\r\u001b[K");
	}
}
