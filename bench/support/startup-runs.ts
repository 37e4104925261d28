/** Child-process runs for bench:startup: timed one-shot commands, the bot against the loopback fakes. */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Wall, CPU (user + system) and peak RSS of one finished child. */
export interface OneShot {
	wallS: number;
	cpuS: number;
	peakRssMb: number;
	code: number;
}

const TIME = "/usr/bin/time";

/** Runs `command args` under GNU time (CPU and peak RSS of the child and what it waited for). */
export async function timedRun(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<OneShot> {
	if (!existsSync(TIME)) throw new Error(`${TIME} is missing (apt-get install time)`);
	const dir = mkdtempSync(path.join(tmpdir(), "bench-time-"));
	const out = path.join(dir, "usage");
	try {
		const started = performance.now();
		const child = spawn(TIME, ["-o", out, "-f", "%U %S %M", command, ...args], {
			cwd: options.cwd,
			env: options.env,
			stdio: ["ignore", "ignore", "pipe"],
		});
		let stderr = "";
		child.stderr.on("data", (d) => {
			stderr = (stderr + d).slice(-2000);
		});
		const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
		const wallS = (performance.now() - started) / 1000;
		if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr}`);
		// The last line: GNU time prefixes "Command exited with non-zero status" lines when it fails.
		const last = readFileSync(out, "utf8").trim().split("\n").at(-1) ?? "";
		const [user, system, maxKb] = last.split(" ").map(Number);
		return {
			wallS,
			cpuS: (user ?? 0) + (system ?? 0),
			peakRssMb: (maxKb ?? 0) / 1024,
			code,
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Resolves with the time (performance.now()) at which `check` first holds; polled every 2 ms. */
export async function timeWhen(
	check: () => boolean,
	what: string,
	child: ChildProcess,
	timeoutMs = 60_000,
): Promise<number> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		if (check()) return performance.now();
		if (child.exitCode !== null)
			throw new Error(`the bot exited (${child.exitCode}) before ${what}`);
		if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 2));
	}
}

/** Resolves when the child has exited. */
export function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Resident set size of a running process in MB (Linux /proc). */
export function rssMb(pid: number): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, "utf8");
	const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1]);
	return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/** Median and spread (min–max) of samples. */
export function stats(values: readonly number[]): { median: number; min: number; max: number } {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	const median =
		sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
	return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}

/** "median (min–max)" with `digits` decimals. */
export function show(values: readonly number[], digits = 2): string {
	const s = stats(values);
	return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}
