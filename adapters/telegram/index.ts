/**
 * @module
 * Telegram adapter for liveblog-relay: grammY long polling for commands, paced sendMessage for posts.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, type Transformer } from "grammy";
import {
	type ChatStylePorts,
	chatStyle,
	connectWithRetry,
	type DeliveryResult,
	type Digest,
	describeNotice,
	type EntryUpdate,
	type Logger,
	type Notice,
	type PlatformAdapter,
	type RelayCore,
	settingsPorts,
	type Target,
} from "../../src/index.js";
import { createTelegramChanges, renderRecap } from "./changes.js";
import { COMMANDS, LOCALIZED_COMMANDS, registerCommands } from "./commands.js";
import { formatDigest, TELEGRAM_DIGEST_BUDGET } from "./digest-format.js";
import { classifyStartFailure, toDeliveryResult } from "./errors.js";
import { blogLink, escapeHtml, formatUpdate } from "./format.js";
import { createPacer, type Pacer, type TelegramPacing } from "./pacing.js";
import { createTopicNotices } from "./topic-notice.js";
import { startWebhook, type TelegramWebhookOptions, type WebhookServer } from "./webhook.js";

export { toDeliveryResult } from "./errors.js";
export { escapeHtml, formatUpdate, TELEGRAM_MESSAGE_LIMIT } from "./format.js";
export { DEFAULT_TELEGRAM_PACING, type TelegramPacing, UNPACED } from "./pacing.js";
export type { TelegramWebhookOptions } from "./webhook.js";

/** Telegram's overall send limit per bot token. */
const TELEGRAM_GLOBAL_PER_SECOND = 30;

/** Summary length for Telegram posts: a few sentences, well inside one message. */
export const TELEGRAM_SUMMARY_LIMIT = 700;

/** Options of createTelegramAdapter. */
export interface TelegramAdapterOptions extends ChatStylePorts {
	token: string;
	/** Bot API root, e.g. https://api.telegram.org or a test fake. */
	apiRoot: string;
	log: Logger;
	/** Overrides of Telegram's send limits (tests, benchmarks). */
	pacing?: Partial<TelegramPacing>;
	/** Receive updates by webhook instead of long polling (several instances behind a load balancer). */
	webhook?: TelegramWebhookOptions | undefined;
	/** The clock of command replies and the settings keyboard's time limits (tests inject one). */
	now?: (() => Date) | undefined;
}

const ALLOWED_UPDATES = ["message", "channel_post", "my_chat_member", "callback_query"] as const;

/** Creates the Telegram adapter; `bot` is exposed for tests and diagnostics. */
export function createTelegramAdapter(options: TelegramAdapterOptions): PlatformAdapter & {
	readonly bot: Bot;
	readonly webhookPort: number | undefined;
	/** Sends (posts and replies) waiting for a pacing slot; for tests and diagnostics. */
	readonly waitingSends: number;
} {
	const { log } = options;
	// Long polls hold for 30 s; anything slower than this is a dead connection.
	const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot, timeoutSeconds: 60 } });
	const pacer = createPacer(options.pacing);
	/** Set by start(): the chat's language and zone come from its settings there, unless given. */
	let relayCore: RelayCore | undefined;
	const ports = settingsPorts(options, () => relayCore?.settings);
	const topicNotices = createTopicNotices({
		bot,
		log,
		localeOf: async (target) => (await chatStyle(target, ports, log)).locale,
		settings: () => relayCore?.settings,
	});
	const inflight = new Set<Promise<void>>();
	const chains = new Map<string, Promise<void>>();
	let polling: Promise<void> | undefined;
	/** Aborted by stop(): ends start-up retries. */
	const connecting = new AbortController();
	let webhook: WebhookServer | undefined;
	let started = false;
	let stopping: Promise<void> | undefined;

	/** Runs handlers per chat in order but chats concurrently (see start()). */
	function runSequentially(key: string, work: () => Promise<void>): void {
		const previous = chains.get(key) ?? Promise.resolve();
		const run = previous.then(work).catch((error: unknown) => {
			log.error({ err: error, chat: key }, "Telegram command handler failed");
		});
		chains.set(key, run);
		inflight.add(run);
		void run.finally(() => {
			inflight.delete(run);
			if (chains.get(key) === run) chains.delete(key);
		});
	}

	async function start(core: RelayCore): Promise<void> {
		if (started) return;
		started = true;
		relayCore = core;
		// Without an error handler grammY's default one stops long polling on the first failure.
		bot.catch((error) => {
			log.error({ err: error.error, update: error.ctx.update.update_id }, "Telegram update failed");
		});
		bot.use((ctx, next) => {
			// Replies share the send limits with posts but jump the queue; a short auto-retry covers
			// the odd 429 on a reply (posts get none: the dispatcher owns their retries).
			ctx.api.config.use(pacedReplies(pacer));
			ctx.api.config.use(autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 30 }));
			// grammY's simple polling awaits each update before fetching the next, so one /subscribe
			// waiting on a slow site would stall every chat. Run chats concurrently, each in order.
			runSequentially(String(ctx.chat?.id ?? "none"), () => next());
		});
		registerCommands(bot, {
			core,
			log,
			summaryLimit: TELEGRAM_SUMMARY_LIMIT,
			...ports,
			...(options.now ? { now: options.now } : {}),
		});
		// Our own retries of getMe rather than grammY's silent ones: one log line per failed try, the same
		// backoff as Discord's, and a refused token ends the start at once.
		bot.botInfo = await connectWithRetry(
			() => bot.api.getMe(connecting.signal as Parameters<typeof bot.api.getMe>[0]),
			{
				platform: "telegram",
				what: "The Telegram Bot API",
				log,
				classify: classifyStartFailure,
				signal: connecting.signal,
			},
		);
		try {
			await bot.api.setMyCommands(COMMANDS);
			// Users whose Telegram app speaks one of our languages see the menu in it.
			for (const { languageCode, commands } of LOCALIZED_COMMANDS) {
				await bot.api.setMyCommands(commands, { language_code: languageCode });
			}
		} catch (error) {
			// The menu is a convenience; typed commands work without it.
			log.warn({ err: error }, "setMyCommands failed; continuing without the command menu");
		}
		log.info({ username: bot.botInfo.username }, "Telegram bot connected");
		// Stopped while connecting (a SIGTERM during start-up): polling started now would never end.
		if (stopping) return;
		if (options.webhook) {
			webhook = await startWebhook(bot, options.webhook, ALLOWED_UPDATES, log);
			return;
		}
		// Not awaited: it resolves only when polling stops.
		polling = bot
			.start({
				drop_pending_updates: false,
				allowed_updates: [...ALLOWED_UPDATES],
			})
			.catch((error: unknown) => {
				// 401 (token revoked) or 409 (another instance polls): polling is over; say so loudly.
				log.error({ err: error }, "Telegram long polling stopped with an error");
			});
	}

	async function post(target: Target, update: EntryUpdate): Promise<DeliveryResult> {
		if (stopping) return { status: "failed", reason: "Telegram adapter is stopping" };
		let message: ReturnType<typeof formatUpdate>;
		const style = await chatStyle(target, ports, log);
		try {
			message = formatUpdate(update, undefined, style);
		} catch (error) {
			// A malformed update is our bug and would fail the same way on every retry.
			log.error({ err: error, entry: update.entryId }, "could not format an update for Telegram");
			return { status: "rejected", reason: `Formatting failed: ${String(error)}` };
		}
		const release = await pacer.acquire(target.id);
		if (!release) {
			// Released unsent by stop(): nothing reached Telegram, so a later retry is safe.
			return { status: "failed", reason: "Telegram adapter stopped before sending" };
		}
		try {
			const sent = await bot.api.sendMessage(target.id, message.text, {
				parse_mode: "HTML",
				link_preview_options: message.link_preview_options,
				...(target.threadId ? { message_thread_id: Number(target.threadId) } : {}),
			});
			return { status: "delivered", messageId: String(sent.message_id) };
		} catch (error) {
			const result = toDeliveryResult(error);
			topicNotices.after(target, update, result);
			if (result.status === "rate-limited") pacer.penalize(target.id, result.retryAfterMs);
			if (topicNotices.isDeletedTopic(target, result)) {
				log.info({ chat: target.id, topic: target.threadId }, "forum topic deleted: paused");
			} else if (result.status === "rejected") {
				log.error({ err: error, chat: target.id, text: message.text }, "Telegram rejected a post");
			}
			return result;
		} finally {
			release();
		}
	}

	async function postNotice(target: Target, notice: Notice): Promise<DeliveryResult> {
		if (stopping) return { status: "failed", reason: "Telegram adapter is stopping" };
		const release = await pacer.acquire(target.id);
		if (!release) return { status: "failed", reason: "Telegram adapter stopped before sending" };
		try {
			// "N more entries — see the blog" needs the blog's link; the other notices name the blog only.
			const more =
				notice.kind === "entries-skipped"
					? `\n${blogLink({ url: notice.blogUrl, title: notice.blogTitle })}`
					: "";
			const style = await chatStyle(target, ports, log);
			const text =
				notice.kind === "blog-ended" && notice.keyEvents?.length
					? renderRecap(notice, style)
					: `ℹ️ ${escapeHtml(describeNotice(notice, style))}${more}`;
			const sent = await bot.api.sendMessage(target.id, text, {
				parse_mode: "HTML",
				link_preview_options: { is_disabled: true },
				...(target.threadId ? { message_thread_id: Number(target.threadId) } : {}),
			});
			return { status: "delivered", messageId: String(sent.message_id) };
		} catch (error) {
			return toDeliveryResult(error);
		} finally {
			release();
		}
	}

	async function postDigest(target: Target, digest: Digest): Promise<DeliveryResult> {
		if (stopping) return { status: "failed", reason: "Telegram adapter is stopping" };
		const release = await pacer.acquire(target.id);
		if (!release) return { status: "failed", reason: "Telegram adapter stopped before sending" };
		try {
			const style = await chatStyle(target, ports, log);
			const sent = await bot.api.sendMessage(target.id, formatDigest(digest, style.locale), {
				parse_mode: "HTML",
				link_preview_options: { is_disabled: true },
				...(target.threadId ? { message_thread_id: Number(target.threadId) } : {}),
			});
			return { status: "delivered", messageId: String(sent.message_id) };
		} catch (error) {
			const result = toDeliveryResult(error);
			topicNotices.after(target, digest, result);
			if (result.status === "rate-limited") pacer.penalize(target.id, result.retryAfterMs);
			return result;
		} finally {
			release();
		}
	}

	function stop(): Promise<void> {
		stopping ??= (async () => {
			connecting.abort();
			pacer.close();
			await webhook?.close();
			if (bot.isRunning()) {
				try {
					await bot.stop();
				} catch (error) {
					// Only the final offset confirmation failed; those updates come again next start.
					log.warn({ err: error }, "Telegram bot.stop could not confirm the update offset");
				}
			}
			await polling;
			// Handlers still running use the core; let them finish before the relay closes the store.
			await Promise.allSettled([...inflight]);
		})();
		return stopping;
	}

	const apply = createTelegramChanges({ bot, pacer, log, stopping: () => stopping !== undefined });

	return {
		platform: "telegram",
		summaryLimit: TELEGRAM_SUMMARY_LIMIT,
		// Telegram's 30 messages/s is per bot token: instances on one Redis share it through the store.
		// Slightly slower than each instance's own pacer (about 29.1/s), so no instance falls behind the
		// slots it reserved and two senders never add up to more than 30 in a second.
		globalRateLimit: { count: TELEGRAM_GLOBAL_PER_SECOND, perMs: 1030 },
		bot,
		get webhookPort() {
			return webhook?.port;
		},
		get waitingSends() {
			return pacer.waiting;
		},
		start,
		post,
		postNotice,
		apply,
		postDigest,
		digestBudget: TELEGRAM_DIGEST_BUDGET,
		stop,
	};
}

/** Paces replies' sendMessage through the shared pacer, ahead of queued posts. */
function pacedReplies(pacer: Pacer): Transformer {
	return async (prev, method, payload, signal) => {
		if (method !== "sendMessage" || !payload || !("chat_id" in payload)) {
			return prev(method, payload, signal);
		}
		// A closed pacer (adapter stopping) lets the reply through unpaced rather than drop it.
		const release = await pacer.acquire(String(payload.chat_id), {
			priority: true,
			...(signal ? { signal: signal as AbortSignal } : {}),
		});
		try {
			return await prev(method, payload, signal);
		} finally {
			release?.();
		}
	};
}
