/** pino logger factory; logs go to stderr so stdout carries only entries. */
import pino, { type Logger } from "pino";

export type { Logger } from "pino";

/** Creates the root logger writing JSON lines to stderr (fd 2). */
export function createLogger(level: string, destination: number | NodeJS.WritableStream = 2): Logger {
	const dest = typeof destination === "number" ? pino.destination({ fd: destination, sync: true }) : destination;
	return pino(
		{
			level,
			base: undefined,
			// Tokens must never reach logs: redact the usual places they would appear.
			redact: { paths: ["token", "*.token", "config.telegramBotToken", "config.discordBotToken"], censor: "[redacted]" },
		},
		dest,
	);
}

/** A logger that drops everything (tests, benchmarks). */
export function createSilentLogger(): Logger {
	return pino({ level: "silent" });
}
