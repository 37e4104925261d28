/**
 * @module
 * Discord adapter (discord.js v14): posts updates as embeds over REST and serves slash commands
 * received over the gateway.
 */
import {
	Client,
	Events,
	GatewayIntentBits,
	type RateLimitData,
	type RESTPostAPIChannelMessageJSONBody,
	type RESTPostAPIChannelMessageResult,
	Routes,
} from "discord.js";
import {
	type ChatStyle,
	type ChatStylePorts,
	chatStyle,
	connectWithRetry,
	type DeliveryResult,
	type Logger,
	type PlatformAdapter,
	type RelayCore,
	settingsPorts,
	type Target,
} from "../../src/index.js";
import { createDiscordChanges, formatRecap } from "./changes.js";
import { COMMAND_DEFINITIONS, handleInteraction } from "./commands.js";
import { DISCORD_DIGEST_BUDGET, formatDigest } from "./digest-format.js";
import {
	classifyStartFailure,
	commandRegistrationError,
	toDeliveryResult,
	toStartError,
} from "./errors.js";
import { formatNotice, formatUpdate } from "./format.js";
import { forgetRemovedTargets } from "./removals.js";
import { remakeDeletedThread, unarchiveAndRetry } from "./thread-placement.js";

/** Summary length for embeds: far below the 4,096 limit, so an update stays a quick read. */
export const DISCORD_SUMMARY_LIMIT = 1000;
/**
 * Rate-limit waits up to this long happen inside @discordjs/rest (queued per route, nothing dropped);
 * longer ones come back as "rate-limited" so the dispatcher requeues instead of holding a send for minutes.
 */
export const MAX_RATE_LIMIT_WAIT_MS = 10_000;
/**
 * This process's pace of posts, just under Discord's global 50 requests/s per bot. discord.js's own
 * limiter sends bursts of 50 and then waits; Discord anchors its window on arrival, not on our send
 * time, so a burst delayed by a busy event loop lands in the next window and draws 429s. An even
 * pace does not (bench/discord-fanout.bench.ts: about 47 messages/s, no 429).
 */
export const DEFAULT_POSTS_PER_SECOND = 47;
/**
 * The per-bot limit shared by every instance on one store (the dispatcher reserves a slot per post).
 * Slightly above our own pace so that a single instance is paced by the spacer alone.
 */
export const DISCORD_GLOBAL_RATE_LIMIT = { count: 48, perMs: 1000 } as const;

/** Options of createDiscordAdapter. */
/** How long stop() waits for discord.js to close the gateway before it goes on without it. */
const DESTROY_TIMEOUT_MS = 2_000;

export interface DiscordAdapterOptions extends ChatStylePorts {
	token: string;
	/** REST root, e.g. https://discord.com/api; the gateway URL comes from GET /v10/gateway/bot there. */
	apiRoot: string;
	/** Register the commands in this guild only (instant, for development) instead of globally. */
	guildId?: string | undefined;
	log: Logger;
	/** Pace of post(); default DEFAULT_POSTS_PER_SECOND. Interaction replies are not paced (Discord exempts them). */
	postsPerSecond?: number;
	/**
	 * Gateway shards this process runs: "auto" (Discord's recommendation from /gateway/bot; one shard for
	 * small bots) or explicit ids with shardCount, so several instances split the servers between them.
	 */
	shards?: "auto" | { ids: number[]; count: number } | undefined;
}

/** A Discord PlatformAdapter; `client` is exposed for tests and diagnostics. */
export function createDiscordAdapter(
	options: DiscordAdapterOptions,
): PlatformAdapter & { readonly client: Client } {
	const { log } = options;
	const shards = options.shards ?? "auto";
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		...(shards === "auto"
			? { shards: "auto" as const }
			: { shards: shards.ids, shardCount: shards.count }),
		rest: {
			api: options.apiRoot,
			rejectOnRateLimit: (data: RateLimitData) =>
				Math.max(data.retryAfter, data.timeToReset) > MAX_RATE_LIMIT_WAIT_MS,
		},
	});
	// post() works over REST alone: before start(), without a gateway, and while it reconnects.
	client.rest.setToken(options.token);
	let started = false;
	let stopping: Promise<void> | undefined;
	/** Aborted by stop(): ends start-up retries. */
	const connecting = new AbortController();
	const spacer = createSpacer(options.postsPerSecond ?? DEFAULT_POSTS_PER_SECOND);
	/** Set by start(): a channel's language and zone come from its settings there, unless given. */
	let relayCore: RelayCore | undefined;
	const ports = settingsPorts(options, () => relayCore?.settings);

	// Without an "error" listener an EventEmitter error would crash the process.
	client.on(Events.Error, (error) => log.error({ err: error }, "discord.js client error"));
	client.on(Events.ShardError, (error, shardId) =>
		log.warn({ err: error, shardId }, "Discord gateway connection error; discord.js reconnects"),
	);
	client.on(Events.ShardReconnecting, (shardId) => {
		// discord.js reports its own shutdown as a reconnect; only a real one is worth a line.
		if (!stopping) log.info({ shardId }, "Discord gateway reconnecting");
	});
	client.on(Events.ShardResume, (shardId, replayed) =>
		log.info({ shardId, replayed }, "Discord gateway resumed"),
	);
	client.on(Events.ShardDisconnect, (event, shardId) =>
		log.error(
			{ code: event.code, shardId },
			"Discord gateway closed for good; commands stop working",
		),
	);
	client.rest.on("rateLimited", (info) =>
		log.debug(
			{ route: info.route, global: info.global, waitMs: info.timeToReset },
			"Discord rate limit",
		),
	);

	async function connect(): Promise<void> {
		// clientReady comes after READY and a GUILD_CREATE for every guild it listed: commands can
		// then resolve cached channels. Listen before login so the event cannot be missed; stop
		// listening afterwards, so retried logins do not pile up listeners.
		let onReady: () => void = () => undefined;
		let onClosed: (event: { code: number }) => void = () => undefined;
		const ready = new Promise<void>((resolve, reject) => {
			onReady = () => resolve();
			onClosed = (event) =>
				reject(
					new Error(`The Discord gateway closed (code ${event.code}) before the bot was ready`),
				);
			client.once(Events.ClientReady, onReady);
			client.once(Events.ShardDisconnect, onClosed);
		});
		ready.catch(() => undefined); // Observed below; this only avoids an unhandled rejection if login throws.
		try {
			await client.login(options.token);
			await ready;
		} finally {
			client.off(Events.ClientReady, onReady);
			client.off(Events.ShardDisconnect, onClosed);
		}
	}

	async function registerCommands(): Promise<void> {
		const applicationId = client.application?.id;
		if (!applicationId) throw new Error("Discord READY carried no application id");
		const route = options.guildId
			? Routes.applicationGuildCommands(applicationId, options.guildId)
			: Routes.applicationCommands(applicationId);
		try {
			await client.rest.put(route, { body: COMMAND_DEFINITIONS });
		} catch (error) {
			throw commandRegistrationError(
				options.guildId ? `in guild ${options.guildId}` : "globally",
				error,
			);
		}
		log.info(
			{ commands: COMMAND_DEFINITIONS.length, guildId: options.guildId },
			"Discord slash commands registered",
		);
	}

	/** Posts one message; platform outcomes come back as a DeliveryResult, never as a throw. */
	async function send(
		target: Target,
		render: (style: ChatStyle) => RESTPostAPIChannelMessageJSONBody,
	): Promise<DeliveryResult> {
		let body: RESTPostAPIChannelMessageJSONBody;
		const style = await chatStyle(target, ports, log);
		try {
			body = render(style);
		} catch (error) {
			// The builders validate limits; a throw here is our formatting bug, not Discord's answer.
			return { status: "rejected", reason: `Formatting the message failed: ${String(error)}` };
		}
		try {
			if (!(await spacer.wait())) {
				// Stopping: sends still waiting for their turn stay in the outbox for the next start.
				return {
					status: "failed",
					reason: "The Discord adapter stopped before this message was sent",
				};
			}
			// A blog's own thread may have archived itself: unarchive it, then post (thread-placement.ts).
			const message = (await unarchiveAndRetry(client.rest, target.id, () =>
				client.rest.post(Routes.channelMessages(target.id), { body }),
			)) as RESTPostAPIChannelMessageResult;
			return { status: "delivered", messageId: message.id };
		} catch (error) {
			// A blog's own thread someone deleted is made again once (thread-placement.ts).
			return remakeDeletedThread(
				client.rest,
				(id) => client.channels.cache.get(id)?.type,
				relayCore,
				target,
				toDeliveryResult(error),
				style.locale,
				log,
			);
		}
	}

	function stop(): Promise<void> {
		connecting.abort();
		spacer.close();
		stopping ??= closeClient();
		return stopping;
	}

	/**
	 * client.destroy(), bounded: while the gateway is still connecting (a SIGTERM right after start)
	 * discord.js can wait for ever, which held a graceful stop until SHUTDOWN_GRACE_MS ran out.
	 */
	async function closeClient(): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const gaveUp = new Promise<"gave-up">((resolve) => {
			timer = setTimeout(() => resolve("gave-up"), DESTROY_TIMEOUT_MS);
		});
		try {
			const outcome = await Promise.race([client.destroy().then(() => "closed" as const), gaveUp]);
			if (outcome === "gave-up") {
				log.warn(
					{ timeoutMs: DESTROY_TIMEOUT_MS },
					"the Discord client did not close in time (its gateway was still connecting); stopping without it",
				);
			}
		} catch (error) {
			log.warn({ err: error }, "closing the Discord client failed");
		} finally {
			clearTimeout(timer);
		}
	}

	return {
		platform: "discord",
		summaryLimit: DISCORD_SUMMARY_LIMIT,
		globalRateLimit: DISCORD_GLOBAL_RATE_LIMIT,
		client,

		async start(core: RelayCore): Promise<void> {
			if (started) throw new Error("The Discord adapter is already started");
			started = true;
			relayCore = core;
			const context = {
				core,
				log,
				summaryLimit: DISCORD_SUMMARY_LIMIT,
				...ports,
			};
			client.on(
				Events.InteractionCreate,
				(interaction) => void handleInteraction(interaction, context),
			);
			forgetRemovedTargets(client, core, log);
			try {
				// Unreachable Discord (network, 5xx) is tried again with backoff, one log line per try,
				// as Telegram is; a refused token ends the start at once.
				await connectWithRetry(connect, {
					platform: "discord",
					what: "Discord",
					log,
					classify: classifyStartFailure,
					signal: connecting.signal,
				});
				await registerCommands();
			} catch (error) {
				await stop();
				throw toStartError(error);
			}
			log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "Discord bot ready");
		},

		post: (target, update) => send(target, (style) => formatUpdate(update, style)),
		postNotice: (target, notice) =>
			send(target, (style) =>
				notice.kind === "blog-ended" && notice.keyEvents?.length
					? formatRecap(notice, style)
					: formatNotice(notice, style),
			),
		apply: createDiscordChanges({ client, paced: () => spacer.wait() }),
		// Digests show Discord timestamps, which each reader's client renders in their own zone.
		postDigest: (target, digest) => send(target, (style) => formatDigest(digest, style.locale)),
		digestBudget: DISCORD_DIGEST_BUDGET,
		stop,
	};
}

/** Even pacing of sends; close() lets every waiting caller go at once with `false`. */
interface Spacer {
	/** Resolves true when the caller may send now, false when the spacer was closed meanwhile. */
	wait(): Promise<boolean>;
	close(): void;
}

/**
 * Releases callers one at a time on an even schedule of `perSecond`. A release that runs late (a
 * busy event loop) is made up by shortening the next gaps, never below 80% of the interval and
 * never for more than two intervals of debt: catching up further would be the burst we avoid.
 */
function createSpacer(perSecond: number): Spacer {
	const intervalMs = 1000 / perSecond;
	let due = Number.NEGATIVE_INFINITY;
	let last = Number.NEGATIVE_INFINITY;
	let chain: Promise<boolean> = Promise.resolve(true);
	let closed = false;
	const sleepers = new Set<() => void>();
	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			const wake = () => {
				clearTimeout(timer);
				sleepers.delete(wake);
				resolve();
			};
			const timer = setTimeout(wake, ms);
			sleepers.add(wake);
		});
	return {
		wait() {
			const turn = chain.then(async () => {
				if (closed) return false;
				const now = performance.now();
				due = Math.max(due, now - 2 * intervalMs);
				const at = Math.max(due, last + 0.8 * intervalMs);
				if (at > now) await sleep(at - now);
				if (closed) return false;
				last = performance.now();
				due = at + intervalMs;
				return true;
			});
			chain = turn;
			return turn;
		},
		close() {
			closed = true;
			for (const wake of [...sleepers]) wake();
		},
	};
}
