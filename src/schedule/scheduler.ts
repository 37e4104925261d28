/** node-cron drives polling: due blogs are polled with a concurrency limit, never two polls of one blog. */
import cron, { type ScheduledTask } from "node-cron";
import PQueue from "p-queue";
import type { Logger } from "pino";
import { toError } from "../errors.js";

/** What the scheduler needs to know about blogs. */
export interface SchedulerDeps {
	schedule: string;
	concurrency: number;
	log: Logger;
	now: () => number;
	/** Blog keys with their URL and earliest next poll time. */
	listDue: () => Promise<{ key: string; url: string; nextPollAt?: number | undefined }[]>;
	/** Politeness: concurrent requests to one host (default 2). */
	perHostConcurrency?: number;
	/** Polls one blog; `tickStartedAt` is set for scheduled (not forced) polls. */
	poll: (blogKey: string, tickStartedAt: number | undefined) => Promise<unknown>;
	/** Runs at every tick, before the polls (e.g. picking up deliveries another instance left). */
	onTick?: () => Promise<void>;
}

/** Polls due blogs on a cron schedule. */
export class Scheduler {
	readonly #queue: PQueue;
	readonly #inFlight = new Set<string>();
	readonly #hosts = new Map<string, PQueue>();
	#task: ScheduledTask | undefined;
	#stopped = false;

	constructor(private readonly deps: SchedulerDeps) {
		this.#queue = new PQueue({ concurrency: deps.concurrency });
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

	/** Polls every due blog once; resolves when those polls are done. `force` ignores backoff. */
	async tick(force = false): Promise<void> {
		if (this.#stopped) return;
		const now = this.deps.now();
		await this.deps.onTick?.();
		const blogs = await this.deps.listDue();
		const runs: Promise<void>[] = [];
		for (const blog of blogs) {
			if (!force && blog.nextPollAt !== undefined && blog.nextPollAt > now) continue;
			if (this.#inFlight.has(blog.key)) continue; // Never two polls of one blog at once.
			this.#inFlight.add(blog.key);
			const host = hostOf(blog.url);
			let hostQueue = this.#hosts.get(host);
			if (!hostQueue) {
				hostQueue = new PQueue({ concurrency: this.deps.perHostConcurrency ?? 2 });
				this.#hosts.set(host, hostQueue);
			}
			const perHost = hostQueue;
			runs.push(
				perHost
					.add(() => this.#queue.add(() => this.deps.poll(blog.key, force ? undefined : now)))
					.then(
						() => undefined,
						(error: unknown) =>
							this.deps.log.error({ err: toError(error), blog: blog.key }, "poll crashed"),
					)
					.finally(() => {
						this.#inFlight.delete(blog.key);
						if (perHost.size === 0 && perHost.pending === 0) this.#hosts.delete(host);
					}),
			);
		}
		await Promise.all(runs);
	}

	/** Stops the schedule and waits for in-flight polls. */
	async stop(): Promise<void> {
		this.#stopped = true;
		await this.#task?.stop();
		this.#task = undefined;
		this.#queue.clear();
		await this.#queue.onIdle();
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
