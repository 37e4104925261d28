/** Console adapter: prints updates to a stream (stdout); powers `watch <url>` with no tokens. */
import {
	type DeliveryResult,
	describeNotice,
	type EntryUpdate,
	type MessageChange,
	type Notice,
	type PlatformAdapter,
	RECAP_HEADING,
	type RelayCore,
	type Target,
} from "../../src/index.js";
import { renderConsoleChange } from "./changes.js";
import { DEFAULT_TEXT_WIDTH, formatEntryText, toEntryJson } from "./format.js";

export {
	DEFAULT_TEXT_WIDTH,
	type EntryJson,
	formatEntryText,
	formatInZone,
	formatUtc,
	type TextLayout,
	toEntryJson,
} from "./format.js";
export { showWhileSlow, terminalWidth } from "./terminal.js";

/** Options of the console adapter. */
export interface ConsoleAdapterOptions {
	out?: NodeJS.WritableStream;
	/** One JSON object per line instead of text blocks. */
	json?: boolean;
	/** Where notices about blogs (outage, end) go; default stderr, so stdout carries entries only. */
	noticeOut?: NodeJS.WritableStream;
	/** ANSI colours (default: when the stream is a TTY). */
	color?: boolean;
	/** IANA zone of the times shown ("UTC" for --utc); default the local zone (TZ). */
	timeZone?: string | undefined;
	/** Columns to wrap text at; default the terminal's width, DEFAULT_TEXT_WIDTH when not a terminal. */
	width?: number | undefined;
	/**
	 * The one console target this process prints for. Console targets of other (ended) terminal
	 * sessions are answered "gone", which removes their leftover subscriptions.
	 */
	ownTargetId?: string;
}

/** Renders one update the way the console adapter prints it. */
export function renderConsoleUpdate(
	update: EntryUpdate,
	options: { json: boolean; color: boolean; width?: number; timeZone?: string | undefined },
): string {
	return options.json
		? `${JSON.stringify(toEntryJson(update))}\n`
		: `${formatEntryText(update, options)}\n`;
}

/** The closing recap's key events, newest first, one line each (empty without any). */
function recapLines(notice: Notice): string {
	const events = notice.keyEvents ?? [];
	if (!events.length) return "";
	const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
	const lines = events.map((e) => `  ⭐ ${clean(e.headline)} · ${clean(e.url)}`);
	return `  ${RECAP_HEADING}:\n${lines.join("\n")}\n  ${clean(notice.blogUrl)}\n`;
}

/** Creates the console adapter. */
export function createConsoleAdapter(options: ConsoleAdapterOptions = {}): PlatformAdapter & {
	print(update: EntryUpdate): Promise<void>;
} {
	const out = options.out ?? process.stdout;
	const json = options.json ?? false;
	const color = options.color ?? (!json && Boolean((out as NodeJS.WriteStream).isTTY));
	// After stop() nothing is printed: the delivery stays queued, as with the chat platforms.
	let stopped = false;
	const STOPPED: DeliveryResult = { status: "failed", reason: "the console adapter is stopped" };

	function write(text: string): Promise<void> {
		return new Promise((resolve, reject) => {
			out.write(text, (error) => (error ? reject(error) : resolve()));
		});
	}

	/** Read at each print: the terminal may have been resized. */
	function layout() {
		const width = options.width ?? (out as NodeJS.WriteStream).columns ?? DEFAULT_TEXT_WIDTH;
		return { json, color, width, timeZone: options.timeZone };
	}

	function print(update: EntryUpdate): Promise<void> {
		return write(renderConsoleUpdate(update, layout()));
	}

	/** Writes for `target`; the terminal's answer as a DeliveryResult. */
	async function writeFor(
		target: Target,
		text: string,
		messageId?: string,
	): Promise<DeliveryResult> {
		if (stopped) return STOPPED;
		if (target.id !== options.ownTargetId)
			return { status: "gone", reason: "terminal session ended" };
		try {
			if (text) await write(text);
			return { status: "delivered", messageId };
		} catch (error) {
			// A closed stdout (e.g. `| head`) is final for this target.
			const code = (error as NodeJS.ErrnoException)?.code;
			if (code === "EPIPE" || code === "ERR_STREAM_DESTROYED")
				return { status: "gone", reason: `stdout closed (${code})` };
			return { status: "failed", reason: (error as Error).message, cause: error };
		}
	}

	return {
		platform: "console",
		summaryLimit: 600,
		print,
		async start(_core: RelayCore) {},
		// The entry id stands for the printed block, so later changes of the entry come back here.
		post: (target: Target, update: EntryUpdate) =>
			writeFor(target, renderConsoleUpdate(update, layout()), update.entryId),
		apply: (target: Target, change: MessageChange) =>
			writeFor(target, renderConsoleChange(change, layout())),
		async postNotice(target: Target, notice: Notice): Promise<DeliveryResult> {
			if (stopped) return STOPPED;
			if (target.id !== options.ownTargetId)
				return { status: "gone", reason: "terminal session ended" };
			(options.noticeOut ?? process.stderr).write(
				`! ${describeNotice(notice)}\n${recapLines(notice)}`,
			);
			return { status: "delivered" };
		},
		async stop() {
			stopped = true;
		},
	};
}
