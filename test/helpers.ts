/** Test factories and small utilities shared by the suites. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { type Config, loadConfig } from "../src/config.js";
import type { Resolver } from "../src/fetch/url-guard.js";
import type { BlogRecord } from "../src/store/watch-state.js";
import type { Entry } from "../src/types.js";

/**
 * A well-formed fake Telegram bot token (<digits>:<35 characters>, as config and @BotFather expect);
 * `secret` is padded or cut to 35 characters, so tests can tell tokens apart and spot leaks.
 */
export function fakeTelegramToken(botId = 123456, secret = "TEST-token"): string {
	return `${botId}:${secret.padEnd(35, "x").slice(0, 35)}`;
}

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** ../shared next to the repository (CI lays it there). */
export const SHARED = path.resolve(ROOT, "../shared");

/** An entry with sensible defaults; `n` sets id, time and text. */
export function makeEntry(n: number, overrides: Partial<Entry> = {}): Entry {
	return {
		id: `e${n}`,
		url: `https://news.example/live#e${n}`,
		publishedAt: new Date(Date.UTC(2024, 8, 11, 8, n, 0)),
		headline: `Headline ${n}`,
		bodyText: `Body ${n}. More about ${n}.`,
		...overrides,
	};
}

/** A healthy blog record keyed `key` (store tests). */
export function makeBlogRecord(key: string): BlogRecord {
	return {
		key,
		url: `https://news.example/${key}`,
		title: key,
		aliases: [],
		createdAt: 1,
		failures: 0,
		status: "ok",
		isLive: true,
	};
}

/** A temporary directory removed by the returned cleanup. */
export function makeTempDir(prefix = "relay-test-"): { dir: string; cleanup: () => void } {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A Config for tests: temp SQLite store, private network allowed, no tokens, no schedule surprises. */
export function makeConfig(overrides: Record<string, string> = {}, dir?: string): Config {
	const storeDir = dir ?? makeTempDir().dir;
	return loadConfig({
		STORE_URL: `sqlite://${path.join(storeDir, "store.sqlite")}`,
		ALLOW_PRIVATE_NETWORK: "1",
		POLL_SCHEDULE: "0 0 1 1 *",
		LOG_LEVEL: "silent",
		...overrides,
	});
}

/** A writable stream that collects everything written to it. */
export class MemoryStream extends Writable {
	chunks: string[] = [];
	override _write(
		chunk: Buffer | string,
		_encoding: BufferEncoding,
		cb: (error?: Error | null) => void,
	): void {
		this.chunks.push(typeof chunk === "string" ? chunk : chunk.toString("utf8"));
		cb(null);
	}
	get text(): string {
		return this.chunks.join("");
	}
}

/**
 * Deadline for a child process (the bot, `watch`) to be up. CI is a loaded 2-core box where a tsx
 * start alone has taken over 10 s: the deadline is for a hang, not for a slow start.
 */
export const START_DEADLINE_MS = 60_000;

/** Deadline for one asynchronous step of a test (a poll tick, a delivery, a lease lapsing). */
export const STEP_DEADLINE_MS = 30_000;

/**
 * Polls `check` until it returns a truthy value (tests of asynchronous processes). The deadline is
 * generous on purpose: it only bounds a hang; a passing run returns as soon as the condition holds.
 */
export async function waitFor<T>(
	check: () => T | Promise<T>,
	what: string,
	timeoutMs = STEP_DEADLINE_MS,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

/**
 * A DNS resolver that answers 127.0.0.1 for the given host names (so loopback fakes can stand for
 * sites on different registrable domains) and ENOTFOUND for any other name.
 */
export function loopbackResolver(...hosts: string[]): Resolver {
	const known = new Set(hosts.map((h) => h.toLowerCase()));
	return async (hostname) => {
		if (known.has(hostname.toLowerCase())) return [{ address: "127.0.0.1", family: 4 }];
		throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
	};
}
