/** Terminal helpers for `watch`: the output's width and a "Fetching …" line while a read is slow. */
import { DEFAULT_TEXT_WIDTH } from "./format.js";

/** Columns of `stream` when it is a terminal, else DEFAULT_TEXT_WIDTH. */
export function terminalWidth(stream: NodeJS.WritableStream): number {
	const columns = (stream as NodeJS.WriteStream).columns;
	return typeof columns === "number" && columns > 0 ? columns : DEFAULT_TEXT_WIDTH;
}

/**
 * Resolves `work`; if it takes longer than `afterMs`, writes `Fetching <what> …` to `status` meanwhile
 * and erases it when the work ends. Only on a terminal: an indicator is for a person watching, and a
 * log file or a script reading stderr wants the outcome alone (e.g. a one-line reason).
 */
export async function showWhileSlow<T>(
	work: Promise<T>,
	what: string,
	status: NodeJS.WritableStream,
	afterMs = 1_000,
): Promise<T> {
	if (!(status as NodeJS.WriteStream).isTTY) return work;
	let shown = false;
	const timer = setTimeout(() => {
		shown = true;
		status.write(`Fetching ${what} …`);
	}, afterMs);
	try {
		return await work;
	} finally {
		clearTimeout(timer);
		// Carriage return and erase-line: the indicator leaves nothing behind.
		if (shown) status.write("\r\u001b[K");
	}
}
