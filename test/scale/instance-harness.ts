/** Starts the real bot as child processes (one node process each, so SIGKILL hits the bot itself). */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../helpers.js";

const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;

/** A running bot process with the tail of its stderr. */
export interface BotProcess {
	readonly child: ChildProcess;
	stderr(): string;
	/** Resolves once the process has exited (at once if it already has). */
	exited(): Promise<void>;
}

/** Spawns `node --import tsx src/cli.ts [args]` with exactly `env` (plus PATH and HOME). */
export function spawnBot(
	env: Record<string, string>,
	cwd: string,
	args: string[] = [],
): BotProcess {
	const child = spawn(
		process.execPath,
		["--import", TSX_LOADER, path.join(ROOT, "src", "cli.ts"), ...args],
		{
			cwd,
			env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
			stdio: ["ignore", "ignore", "pipe"],
		},
	);
	let err = "";
	child.stderr?.on("data", (d) => {
		err = (err + d).slice(-4000);
	});
	return {
		child,
		stderr: () => err,
		exited: () =>
			child.exitCode !== null || child.signalCode !== null
				? Promise.resolve()
				: new Promise((resolve) => child.once("exit", () => resolve())),
	};
}
