/**
 * Graceful shutdown of a long-running command. The first SIGTERM or SIGINT stops the relay: no new
 * polls or sends, sends already on the wire are finished and recorded, all within a grace period. A
 * second signal ends the process at once; deliveries not yet sent stay in the outbox for the next start.
 */
import type { Logger } from "./log.js";

/** Default of SHUTDOWN_GRACE_MS: long enough for a send in flight, short of Docker's 10 s kill. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
/** After a clean stop, a handle left open (a socket of a library) must not keep the process alive. */
const EXIT_AFTER_STOP_MS = 2_000;

/** Signals heard by listenForShutdown. */
export interface ShutdownSignals {
	/** Resolves with the first SIGTERM/SIGINT. */
	readonly signalled: Promise<NodeJS.Signals>;
	/**
	 * Runs `stop` once the first signal came, bounded by the grace period. Resolves 0 when it finished
	 * in time; when the grace runs out the process exits 1 (what was not sent stays in the outbox).
	 */
	stopWithin(stop: () => Promise<void>): Promise<number>;
}

/** The process surface used here (tests pass their own). */
export interface SignalProcess {
	once(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
	exit(code: number): never;
}

/** Exit status of a process ended by `signal` (the shell's 128 + signal number). */
function exitCodeFor(signal: NodeJS.Signals): number {
	return signal === "SIGINT" ? 130 : 143;
}

/**
 * Takes over SIGTERM and SIGINT from now on. Call it before anything slow starts: a signal that
 * arrives while the platforms connect is then a graceful stop too, not Node's default instant death.
 */
export function listenForShutdown(options: {
	graceMs: number;
	log: Logger;
	/** Where a person reads "stopping…" (stderr); undefined = log only. */
	tell?: (line: string) => void;
	process?: SignalProcess;
}): ShutdownSignals {
	const proc: SignalProcess = options.process ?? process;
	const { log } = options;
	let first: NodeJS.Signals | undefined;
	let resolveSignal: (signal: NodeJS.Signals) => void = () => undefined;
	const signalled = new Promise<NodeJS.Signals>((resolve) => {
		resolveSignal = resolve;
	});
	const onSignal = (signal: NodeJS.Signals) => {
		if (first !== undefined) {
			log.warn({ signal }, "second signal: exiting now; unsent deliveries stay in the outbox");
			options.tell?.(`${signal} again: exiting now; unsent deliveries stay queued.\n`);
			proc.exit(exitCodeFor(signal));
			return;
		}
		first = signal;
		// Listen again: the second signal must find a handler, or Node's default would kill silently.
		proc.once("SIGINT", onSignal);
		proc.once("SIGTERM", onSignal);
		options.tell?.(`\n${signal}: stopping (send ${signal} again to exit at once)…\n`);
		resolveSignal(signal);
	};
	proc.once("SIGINT", onSignal);
	proc.once("SIGTERM", onSignal);
	return {
		signalled,
		async stopWithin(stop) {
			const signal = await signalled;
			const started = Date.now();
			log.info({ signal, graceMs: options.graceMs }, "shutting down");
			let timer: NodeJS.Timeout | undefined;
			const graceOver = new Promise<"late">((resolve) => {
				timer = setTimeout(() => resolve("late"), options.graceMs);
			});
			const outcome = await Promise.race([stop().then(() => "done" as const), graceOver]).finally(
				() => clearTimeout(timer),
			);
			if (outcome === "late") {
				log.error(
					{ graceMs: options.graceMs },
					"shutdown grace ran out: exiting with sends unfinished; they stay in the outbox (a send that did reach the platform may be repeated)",
				);
				proc.exit(1);
			}
			log.info({ tookMs: Date.now() - started }, "shut down cleanly");
			setTimeout(() => proc.exit(0), EXIT_AFTER_STOP_MS).unref();
			return 0;
		},
	};
}
