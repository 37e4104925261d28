/**
 * node-cron drives polling: due blogs are polled through per-host queues with a concurrency limit
 * (see host-pool.ts), never two polls of one blog. A tick does not wait for the previous one, so a
 * slow poll delays only its own blog.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import { toError } from "../errors.js";
import { HostPool } from "./host-pool.js";

/** A watched blog as the scheduler sees it. */
export interface DueBlog {
	key: string;
	url: string;
	nextPollAt?: number | undefined;
	lastPollAt?: number | undefined;
}

/** What the scheduler needs to know about blogs. */
export interface SchedulerDeps {
	schedule: string;
	concurrency: number;
	log: Logger;
	now: () => number;
	/** Blog keys with their URL, earliest next poll time and last poll time. */
	listDue: () => Promise<DueBlog[]>;
	/** Politeness: concurrent requests to one host (default 2; never more than half the pool). */
	perHostConcurrency?: number;
	/** A poll longer than this makes its host slow (default: never); slow hosts share half the pool. */
	slowPollMs?: number;
	/** Called after each poll with how long it took (by `now`), e.g. to poll slow blogs less often. */
	onPollDone?: (blogKey: string, durationMs: number) => Promise<void>;
	/** Polls one blog; `tickStartedAt` is set for scheduled (not forced) polls. */
	poll: (blogKey: string, tickStartedAt: number | undefined) => Promise<unknown>;
	/** Runs at every tick, before the polls (e.g. picking up deliveries another instance left). */
	onTick?: () => Promise<void>;
	/** Runs at every tick once its polls are done (e.g. digests, which must see the tick's edits). */
	afterPolls?: () => Promise<void>;
}

/** Polls due blogs on a cron schedule. */
export class Scheduler {
	readonly #pool: HostPool;
	readonly #inFlight = new Set<string>();
	#task: ScheduledTask | undefined;
	#stopped = false;
	/** Ticks still in onTick/listDue/afterPolls (stop() waits for them before the store closes). */
	readonly #reading = new Set<Promise<unknown>>();

	constructor(private readonly deps: SchedulerDeps) {
		this.#pool = new HostPool({
			concurrency: deps.concurrency,
			perHost: deps.perHostConcurrency ?? 2,
			slowAfterMs: deps.slowPollMs ?? Number.POSITIVE_INFINITY,
			now: deps.now,
		});
	}

	/** Starts the cron task. */
	start(): void {
		this.#stopped = false;
		this.#task = cron.schedule(
			this.deps.schedule,
			() => {
				this.tick().catch((error: unknown) =>
					this.deps.log.error({ err: toError(error) }, "poll tick failed"),
				);
			},
			{ noOverlap: true, name: "poll" },
		);
	}

	/** Time (ms) of the next scheduled tick; undefined when the schedule is not running. */
	nextTickAt(): number | undefined {
		return this.#task?.getNextRun()?.getTime();
	}

	/**
	 * Right after start(): polls the due blogs not polled for a whole schedule interval, so a restart
	 * (after a crash, a deploy) reads them now instead of at the next tick, up to an interval later.
	 */
	async catchUp(): Promise<void> {
		const [next, after] = this.#task?.getNextRuns(2) ?? [];
		if (!next || !after) return;
		// The regular tick is about to come: it polls them anyway.
		if (next.getTime() - Date.now() < 1_000) return;
		const interval = after.getTime() - next.getTime();
		await this.tick(
			false,
			(blog, now) => blog.lastPollAt === undefined || now - blog.lastPollAt >= interval,
		);
	}

	/** Polls every due blog once; resolves when those polls are done. `force` ignores backoff. */
	async tick(force = false, include?: (blog: DueBlog, now: number) => boolean): Promise<void> {
		if (this.#stopped) return;
		// stop() waits for the tick's store reads too, not only for its polls.
		const reading = this.#readDue();
		this.#reading.add(reading);
		const due = await reading.finally(() => this.#reading.delete(reading));
		if (!due) return;
		const { now, blogs } = due;
		const runs: Promise<void>[] = [];
		for (const blog of blogs) {
			if (!force && blog.nextPollAt !== undefined && blog.nextPollAt > now) continue;
			if (include && !include(blog, now)) continue;
			if (this.#inFlight.has(blog.key)) continue; // Never two polls of one blog at once.
			this.#inFlight.add(blog.key);
			runs.push(
				this.#pool
					.run(hostOf(blog.url), () => this.#pollTimed(blog.key, force ? undefined : now))
					.then(
						() => undefined,
						(error: unknown) =>
							this.deps.log.error({ err: toError(error), blog: blog.key }, "poll crashed"),
					)
					.finally(() => {
						this.#inFlight.delete(blog.key);
					}),
			);
		}
		await Promise.all(runs);
		if (!this.deps.afterPolls || this.#stopped) return;
		// Counted with the store reads: stop() waits for it before the store closes.
		const after = this.deps.afterPolls();
		this.#reading.add(after);
		await after.finally(() => this.#reading.delete(after));
	}

	/** Stops the schedule and waits for in-flight polls. */
	async stop(): Promise<void> {
		this.#stopped = true;
		await this.#task?.stop();
		this.#task = undefined;
		await Promise.allSettled([...this.#reading]);
		this.#pool.clear();
		await this.#pool.onIdle();
	}

	/** The tick's start: onTick, then the list of blogs; undefined when stopped meanwhile. */
	async #readDue(): Promise<{ now: number; blogs: DueBlog[] } | undefined> {
		const now = this.deps.now();
		await this.deps.onTick?.();
		const blogs = await this.deps.listDue();
		// Stopped while reading the list: no poll may start on a store being closed.
		return this.#stopped ? undefined : { now, blogs };
	}

	async #pollTimed(blogKey: string, tickStartedAt: number | undefined): Promise<void> {
		const started = this.deps.now();
		try {
			await this.deps.poll(blogKey, tickStartedAt);
		} finally {
			const took = this.deps.now() - started;
			await this.deps.onPollDone?.(blogKey, took).catch((error: unknown) =>
				// Only the slow-blog pacing is lost for this poll; the poll itself is recorded.
				this.deps.log.error({ err: toError(error), blog: blogKey }, "recording poll time failed"),
			);
		}
	}
}

/** Host of a URL for politeness grouping ("" when unparsable, which groups those together). */
function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		// Stored URLs were validated; an unparsable one only loses its own politeness group.
		return "";
	}
}
