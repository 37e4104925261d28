/**
 * A small pool of worker threads that parse and extract pages off the event loop, each page under a
 * wall-clock deadline (a worker runs one page at a time, so it is the page's CPU time on an unloaded
 * core). A page over the deadline terminates its worker, which is replaced, and fails with
 * PageTooComplexError like any source fault; chats' commands and other blogs never wait for it.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { NotALiveBlogError, PageTooComplexError, RelayError, toError } from "../errors.js";
import type { LiveBlog } from "../types.js";
import type { ExtractJob, ExtractReply, SerializedError } from "./extract-protocol.js";

/** Size and limits of a pool. */
export interface ExtractPoolOptions {
	/** Worker threads (2 on a 2-core machine is plenty). */
	workers: number;
	/** Per-page limit from the moment a worker takes the page. */
	deadlineMs: number;
	/** Old-generation heap cap of each worker; a page that needs more fails, not the process. */
	maxHeapMb?: number;
}

/** What extract() needs besides the body. */
export interface ExtractRequest {
	body: string;
	pageUrl: string;
	contentType?: string | undefined;
	now: Date | number;
	/** This page's limit instead of the pool's (a tighter one for a page already known to be slow). */
	deadlineMs?: number | undefined;
}

interface PendingJob {
	job: ExtractJob;
	deadlineMs: number;
	/** Its page failed a deadline (or crashed a worker) before. */
	suspect: boolean;
	/** Expected parse time in ms (this URL's last one, else estimated from the size). */
	cost: number;
	queuedAt: number;
	startedAt?: number;
	resolve: (blog: LiveBlog) => void;
	reject: (error: Error) => void;
}

interface Slot {
	worker: Worker;
	ready: boolean;
	/** Resolves when the worker has loaded and can take pages. */
	started: Promise<void>;
	current: PendingJob | undefined;
	timer: NodeJS.Timeout | undefined;
}

const DEFAULT_MAX_HEAP_MB = 1024;
/** Pages remembered as suspects (over a deadline before); the oldest are forgotten first. */
const MAX_SUSPECTS = 1_000;
/** URLs whose last parse time is remembered, for cheapest-first ordering. */
const MAX_COSTS = 10_000;
/** Rough parse speed for a URL never parsed: characters per millisecond. */
const CHARS_PER_MS = 5_000;
/** A page queued this long goes next whatever its cost, so cheap pages cannot starve a dear one. */
const MAX_WAIT_MS = 2_000;

// Running from TypeScript source (tsx, vitest): the worker loads the .ts entry through tsx's loader,
// registered inside the worker; compiled to dist/, the .js sibling needs nothing.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const ENTRY = new URL(`./extract-worker.${FROM_SOURCE ? "ts" : "js"}`, import.meta.url).href;
const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
(async () => {
	if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
	await import(workerData.entry);
})().catch((error) => { setImmediate(() => { throw error; }); });
`;

/**
 * tsx's ESM API, whose register() installs the .ts hooks in the calling thread. Needed even under the
 * tsx CLI: on Node 20 its --import loader registers itself in the main thread only.
 */
function tsxApiUrl(): string | undefined {
	if (!FROM_SOURCE) return undefined;
	// The package's "import" condition; createRequire resolves "require", whose build is CJS.
	const root = path.dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
	return pathToFileURL(path.join(root, "dist/esm/api/index.mjs")).href;
}

/** Rebuilds a worker's error on this side: RelayErrors keep their class and code. */
function reviveError(error: SerializedError, pageUrl: string): Error {
	let revived: Error;
	if (error.code === "not-a-live-blog") {
		revived = new NotALiveBlogError(pageUrl, error.tried ?? [], undefined, error.embed);
	} else if (error.code !== undefined) {
		revived = new RelayError(error.code as RelayError["code"], error.message);
	} else {
		revived = new Error(error.message);
	}
	revived.message = error.message;
	if (error.stack !== undefined) revived.stack = error.stack;
	return revived;
}

/** Worker threads that extract pages; create with createExtractPool, close() on shutdown. */
export class ExtractPool {
	readonly #options: Required<ExtractPoolOptions>;
	readonly #slots = new Set<Slot>();
	readonly #queue: PendingJob[] = [];
	// Pages that ran past a deadline or killed a worker: they never get the last free worker, so a
	// hostile blog polled again and again cannot hold every worker while other blogs wait.
	readonly #suspects = new Set<string>();
	// Last parse time per URL: the queue serves cheap pages first, so one blog's 2 MB page read after
	// read does not stand in front of every ordinary page.
	readonly #costs = new Map<string, number>();
	#nextId = 1;
	#closed = false;

	constructor(options: ExtractPoolOptions) {
		this.#options = { maxHeapMb: DEFAULT_MAX_HEAP_MB, ...options };
	}

	/** Parses `body` in a worker; rejects with NotALiveBlogError, PageTooComplexError, or a bug. */
	extract(request: ExtractRequest): Promise<LiveBlog> {
		if (this.#closed) return Promise.reject(new Error("The extract pool is closed"));
		return new Promise<LiveBlog>((resolve, reject) => {
			this.#queue.push({
				job: {
					id: this.#nextId++,
					body: request.body,
					pageUrl: request.pageUrl,
					contentType: request.contentType,
					now: new Date(request.now).getTime(),
				},
				deadlineMs: request.deadlineMs ?? this.#options.deadlineMs,
				suspect: this.#suspects.has(request.pageUrl),
				cost: this.#costs.get(request.pageUrl) ?? request.body.length / CHARS_PER_MS,
				queuedAt: performance.now(),
				resolve,
				reject,
			});
			this.#dispatch();
		});
	}

	/** Starts every worker now (instead of on first use); resolves when all can take pages. */
	async warm(): Promise<void> {
		while (!this.#closed && this.#slots.size < this.#options.workers) this.#spawn();
		await Promise.all([...this.#slots].map((s) => s.started));
	}

	/** Terminates every worker; queued and running pages are rejected. Idempotent. */
	async close(): Promise<void> {
		this.#closed = true;
		const closed = new Error("The extract pool was closed");
		for (const pending of this.#queue.splice(0)) pending.reject(closed);
		const slots = [...this.#slots];
		this.#slots.clear();
		await Promise.all(
			slots.map(async (slot) => {
				clearTimeout(slot.timer);
				slot.current?.reject(closed);
				slot.current = undefined;
				await slot.worker.terminate();
			}),
		);
	}

	#dispatch(): void {
		const suspectRoom = Math.max(1, this.#options.workers - 1);
		for (;;) {
			const running = [...this.#slots].filter((s) => s.current?.suspect).length;
			const index = this.#next(running < suspectRoom);
			if (index < 0) return;
			const idle = [...this.#slots].find((s) => s.ready && s.current === undefined);
			if (!idle) {
				if (this.#slots.size < this.#options.workers) this.#spawn();
				return;
			}
			const [pending] = this.#queue.splice(index, 1);
			this.#run(idle, pending as PendingJob);
		}
	}

	/**
	 * Index of the page to parse next: one that has waited too long (oldest first), else the cheapest.
	 * A suspect is skipped while it would take the last worker free for others.
	 */
	#next(suspectAllowed: boolean): number {
		const now = performance.now();
		let best = -1;
		for (const [i, p] of this.#queue.entries()) {
			if (p.suspect && !suspectAllowed) continue;
			if (now - p.queuedAt >= MAX_WAIT_MS) return i;
			if (best < 0 || p.cost < (this.#queue[best] as PendingJob).cost) best = i;
		}
		return best;
	}

	#run(slot: Slot, pending: PendingJob): void {
		pending.startedAt = performance.now();
		slot.current = pending;
		slot.worker.ref();
		slot.timer = setTimeout(() => {
			this.#retire(
				slot,
				new PageTooComplexError(
					pending.job.pageUrl,
					"deadline",
					`parsing took longer than ${pending.deadlineMs} ms`,
				),
			);
		}, pending.deadlineMs);
		slot.worker.postMessage(pending.job);
	}

	#spawn(): void {
		const worker = new Worker(BOOTSTRAP, {
			eval: true,
			workerData: { entry: ENTRY, tsxApi: tsxApiUrl() },
			resourceLimits: { maxOldGenerationSizeMb: this.#options.maxHeapMb },
		});
		let started = (): void => undefined;
		const slot: Slot = {
			worker,
			ready: false,
			started: new Promise<void>((resolve) => {
				started = resolve;
			}),
			current: undefined,
			timer: undefined,
		};
		// A worker that dies before it is ready settles `started` too (its pages were already failed).
		worker.once("exit", () => started());
		this.#slots.add(slot);
		// Idle workers must not keep the process alive (`watch --once` exits when done).
		worker.unref();
		worker.on("message", (message: ExtractReply | { ready: true }) => {
			if ("ready" in message) {
				slot.ready = true;
				started();
				this.#dispatch();
				return;
			}
			const pending = slot.current;
			if (!pending || pending.job.id !== message.id) return;
			clearTimeout(slot.timer);
			slot.current = undefined;
			worker.unref();
			this.#remember(pending.job.pageUrl, performance.now() - (pending.startedAt ?? 0));
			if (message.ok) {
				this.#suspects.delete(pending.job.pageUrl);
				pending.resolve(message.blog);
			} else pending.reject(reviveError(message.error, pending.job.pageUrl));
			this.#dispatch();
		});
		worker.on("error", (error) => {
			const err = toError(error);
			const pending = slot.current;
			const memory = (err as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
			const failure = pending
				? new PageTooComplexError(
						pending.job.pageUrl,
						memory ? "memory" : "crashed",
						memory
							? `parsing needed more than ${this.#options.maxHeapMb} MB`
							: `the parser crashed (${err.message})`,
					)
				: err;
			if (!slot.ready && !pending) {
				// The worker could not even load: every waiting page fails with the reason, no respawn loop.
				this.#slots.delete(slot);
				for (const queued of this.#queue.splice(0)) queued.reject(err);
				return;
			}
			this.#retire(slot, failure);
		});
		worker.on("exit", () => {
			if (this.#slots.has(slot)) this.#retire(slot, new Error("An extract worker exited"));
		});
	}

	#remember(pageUrl: string, ms: number): void {
		this.#costs.delete(pageUrl);
		this.#costs.set(pageUrl, ms);
		if (this.#costs.size > MAX_COSTS) {
			const oldest = this.#costs.keys().next().value;
			if (oldest !== undefined) this.#costs.delete(oldest);
		}
	}

	#suspect(pageUrl: string): void {
		this.#suspects.delete(pageUrl);
		this.#suspects.add(pageUrl);
		if (this.#suspects.size > MAX_SUSPECTS) {
			const oldest = this.#suspects.values().next().value;
			if (oldest !== undefined) this.#suspects.delete(oldest);
		}
	}

	/** Fails the slot's page (if any), terminates its worker and lets a fresh one take its place. */
	#retire(slot: Slot, error: Error): void {
		clearTimeout(slot.timer);
		this.#slots.delete(slot);
		const pending = slot.current;
		slot.current = undefined;
		if (pending && error instanceof PageTooComplexError) {
			this.#suspect(pending.job.pageUrl);
			this.#remember(pending.job.pageUrl, pending.deadlineMs);
		}
		pending?.reject(error);
		void slot.worker.terminate();
		if (this.#closed) return;
		// The replacement starts now, not when the next page arrives: a worker takes a moment to load.
		if (pending && this.#slots.size < this.#options.workers) this.#spawn();
		this.#dispatch();
	}
}

/** A pool of `workers` threads with a per-page deadline. */
export function createExtractPool(options: ExtractPoolOptions): ExtractPool {
	return new ExtractPool(options);
}
