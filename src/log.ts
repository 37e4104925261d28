/** pino logger factory; logs go to stderr so stdout carries only entries. */
import pino, { type Logger } from "pino";
import { redactSecrets } from "./redact.js";

export type { Logger } from "pino";
export { redactSecrets } from "./redact.js";

const LEVEL_NAMES: Record<number, string> = {
	10: "trace",
	20: "debug",
	30: "info",
	40: "warn",
	50: "error",
	60: "fatal",
};

/** Creates the root logger: JSON lines on stderr, or short readable lines when `pretty`. */
export function createLogger(
	level: string,
	options: { pretty?: boolean; stream?: NodeJS.WritableStream } = {},
): Logger {
	const stream = options.stream ?? process.stderr;
	const destination = options.pretty
		? { write: (line: string) => stream.write(prettyLine(line)) }
		: stream;
	return pino(
		{
			level,
			base: undefined,
			// Tokens must never reach logs: redact the places they could appear.
			serializers: { err: serializeError },
			redact: {
				paths: ["token", "*.token", "config.telegram.token", "config.discord.token"],
				censor: "[redacted]",
			},
		},
		destination,
	);
}

/** pino's error serializer with tokens masked in message and stack. */
function serializeError(error: unknown): unknown {
	const plain = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
	return JSON.parse(redactSecrets(JSON.stringify(plain)));
}

/** A logger that drops everything (tests, benchmarks). */
export function createSilentLogger(): Logger {
	return pino({ level: "silent" });
}

/** "HH:MM:SS level message key=value…" from a pino JSON line. */
function prettyLine(line: string): string {
	try {
		const { level, time, msg, err, ...rest } = JSON.parse(line) as Record<string, unknown>;
		const clock = new Date(typeof time === "number" ? time : Date.now())
			.toISOString()
			.slice(11, 19);
		const fields = Object.entries(rest)
			.map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
			.join(" ");
		const errText =
			err && typeof err === "object" && "message" in err
				? ` (${String((err as { message: unknown }).message)})`
				: "";
		return `${clock} ${LEVEL_NAMES[level as number] ?? level} ${String(msg ?? "")}${errText}${fields ? ` ${fields}` : ""}\n`;
	} catch {
		// Not JSON (should not happen with pino): pass the line through unchanged rather than lose it.
		return line;
	}
}
