/**
 * The SQLite store's lock file (`<db>.lock`): one process per database file. Two bots on one file
 * each send every entry (and each takes the other's targets for "gone"); the second one refuses.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import type { Logger } from "pino";
import { StoreLockedError } from "../errors.js";

/** What the lock file holds: enough to tell a live holder from a stale file. */
export interface LockOwner {
	pid: number;
	host: string;
	/** When the holding process started (ISO), for people reading the file. */
	startedAt: string;
	/** Kernel start time of the process (Linux /proc), which tells a reused pid from the holder. */
	procStart?: string | undefined;
}

/** A held lock; release() removes the file if it is still ours. */
export interface StoreLock {
	readonly file: string;
	release(): void;
}

const MAX_ATTEMPTS = 5;
/** Lock files held by this process (a second open of the same file in one process is refused too). */
const heldHere = new Set<string>();

/** Takes `<dbFile>.lock` or throws StoreLockedError naming the holder; a stale lock is taken over. */
export function lockStoreFile(dbFile: string, log?: Logger): StoreLock {
	const file = `${dbFile}.lock`;
	const me = currentOwner();
	for (let attempt = 0; ; attempt++) {
		if (tryCreate(file, me)) break;
		const holder = readOwner(file);
		// Released between our attempt and the read: try again (a few times, never forever).
		if (holder === "missing" && attempt < MAX_ATTEMPTS) continue;
		const alive =
			holder === "missing" || (holder === "unreadable" ? isFresh(file) : isAlive(holder, me, file));
		if (alive || attempt >= MAX_ATTEMPTS)
			throw lockedError(dbFile, file, isOwner(holder) ? holder : undefined);
		log?.warn(
			{ lockFile: file, stale: holder },
			"taking over a stale store lock (its process is gone)",
		);
		removeIfSame(file, holder);
	}
	heldHere.add(file);
	return {
		file,
		release() {
			if (!heldHere.delete(file)) return;
			removeIfSame(file, me);
		},
	};
}

function currentOwner(): LockOwner {
	return {
		pid: process.pid,
		host: hostname(),
		startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
		procStart: procStartOf(process.pid),
	};
}

/** Exclusive create: fails when the file exists, so two starting processes cannot both win. */
function tryCreate(file: string, owner: LockOwner): boolean {
	let fd: number;
	try {
		fd = openSync(file, "wx", 0o644);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
		throw error;
	}
	try {
		writeSync(fd, `${JSON.stringify(owner)}\n`);
	} finally {
		closeSync(fd);
	}
	return true;
}

function readOwner(file: string): LockOwner | "missing" | "unreadable" {
	let text: string;
	try {
		text = readFileSync(file, "utf8");
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
		throw error;
	}
	try {
		const parsed = JSON.parse(text) as Partial<LockOwner>;
		if (typeof parsed.pid === "number" && typeof parsed.host === "string") {
			return {
				pid: parsed.pid,
				host: parsed.host,
				startedAt: String(parsed.startedAt ?? "?"),
				procStart: parsed.procStart,
			};
		}
	} catch {
		// A half-written file (the writer died between create and write): judged below as unreadable.
	}
	return "unreadable";
}

function isOwner(value: LockOwner | "missing" | "unreadable"): value is LockOwner {
	return typeof value === "object";
}

/** An unreadable lock younger than this may be one whose holder is still writing it. */
const FRESH_LOCK_MS = 5_000;

function isFresh(file: string): boolean {
	try {
		return Date.now() - statSync(file).mtimeMs < FRESH_LOCK_MS;
	} catch (error) {
		// Gone since we read it: not held.
		if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
		throw error;
	}
}

/** Whether the lock's process still runs. Another host's process cannot be checked: assume it does. */
function isAlive(holder: LockOwner, me: LockOwner, file: string): boolean {
	if (holder.host !== me.host) return true;
	if (holder.pid === me.pid && holder.procStart === me.procStart) return heldHere.has(file);
	try {
		process.kill(holder.pid, 0);
	} catch (error) {
		// EPERM: the process exists but belongs to another user.
		if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
	}
	// A live pid that started at another time is a different process that reused the number.
	const start = procStartOf(holder.pid);
	return holder.procStart === undefined || start === undefined || start === holder.procStart;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined off Linux. */
function procStartOf(pid: number): string | undefined {
	let stat: string;
	try {
		stat = readFileSync(`/proc/${pid}/stat`, "utf8");
	} catch {
		// No /proc (macOS, Windows) or the process is gone: liveness then rests on the pid alone.
		return undefined;
	}
	// The command name (field 2) may hold spaces and parentheses; the fields after its last ")" don't.
	const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
	return fields[19];
}

/** Removes the lock file only if it still holds `owner` (never someone else's fresh lock). */
function removeIfSame(file: string, owner: LockOwner | "unreadable"): void {
	const current = readOwner(file);
	if (current === "missing") return;
	const same =
		owner === "unreadable"
			? current === "unreadable"
			: current !== "unreadable" &&
				current.pid === owner.pid &&
				current.host === owner.host &&
				current.startedAt === owner.startedAt;
	if (same) unlinkSync(file);
}

function lockedError(
	dbFile: string,
	file: string,
	holder: LockOwner | undefined,
): StoreLockedError {
	const who = holder
		? `process ${holder.pid} on ${holder.host} (started ${holder.startedAt})`
		: "another process";
	return new StoreLockedError(
		`The store ${dbFile} is in use by ${who}: two processes on one SQLite file send every entry twice. ` +
			`Stop the other process, or give this one its own STORE_URL; if no such process runs, delete ${file}.`,
		file,
		holder?.pid,
	);
}
