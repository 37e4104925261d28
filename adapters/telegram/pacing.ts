/** Client-side pacing for Telegram's send limits, so a fan-out runs at full speed without 429s. */

/** Telegram's broadcast limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this). */
export interface TelegramPacing {
	/** Messages per second over all chats (Telegram: about 30). `Infinity` turns the check off. */
	globalPerSecond: number;
	/** Minimum milliseconds between two messages to one chat (Telegram: about one per second). */
	perChatIntervalMs: number;
	/** Messages per minute to one group or channel, i.e. a negative chat id (Telegram: 20). */
	perGroupPerMinute: number;
	/**
	 * Fraction added to every interval. Our send time and Telegram's receive time differ by network
	 * jitter, so pacing at exactly the limit would still draw the odd 429.
	 */
	safetyMargin: number;
}

/** Telegram's published limits with a small margin: about 29.4 msg/s overall. */
export const DEFAULT_TELEGRAM_PACING: TelegramPacing = Object.freeze({
	globalPerSecond: 30,
	perChatIntervalMs: 1_000,
	perGroupPerMinute: 20,
	safetyMargin: 0.02,
});

/** No pacing at all (unit tests that count requests, not time). */
export const UNPACED: TelegramPacing = Object.freeze({
	globalPerSecond: Number.POSITIVE_INFINITY,
	perChatIntervalMs: 0,
	perGroupPerMinute: Number.POSITIVE_INFINITY,
	safetyMargin: 0,
});

/** Options of one acquire call. */
export interface AcquireOptions {
	/** Command replies jump the queue: a user waiting for an answer beats a fan-out backlog. */
	priority?: boolean;
	/** Gives up waiting (resolves false) when aborted. */
	signal?: AbortSignal;
}

/** Grants send slots one at a time within the limits. */
export interface Pacer {
	/** Resolves true when a message to `chatId` may be sent now, false if closed or aborted first. */
	acquire(chatId: string, options?: AcquireOptions): Promise<boolean>;
	/** Telegram answered 429 for this chat: send nothing more to it for `ms`. */
	penalize(chatId: string, ms: number): void;
	/** Messages waiting for a slot. */
	readonly waiting: number;
	/** Releases every waiter with false and refuses new ones; idempotent. */
	close(): void;
}

interface Waiter {
	chatId: string;
	resolve: (granted: boolean) => void;
	signal: AbortSignal | undefined;
	onAbort: (() => void) | undefined;
}

const GROUP_WINDOW_MS = 60_000;

/** Creates a pacer; `now` is injectable so tests can drive it with fake timers. */
export function createPacer(
	pacing: Partial<TelegramPacing> = {},
	now: () => number = () => performance.now(),
): Pacer {
	const limits = { ...DEFAULT_TELEGRAM_PACING, ...pacing };
	const factor = 1 + limits.safetyMargin;
	const globalInterval = (1000 / limits.globalPerSecond) * factor;
	const chatInterval = limits.perChatIntervalMs * factor;
	const groupWindow = GROUP_WINDOW_MS * factor;
	const groupMax = limits.perGroupPerMinute;

	const urgent: Waiter[] = [];
	const normal: Waiter[] = [];
	/** Earliest time each chat may receive again (per-chat interval and 429 penalties). */
	const chatReadyAt = new Map<string, number>();
	/** Send times within the last window, per group. */
	const groupSends = new Map<string, number[]>();
	let nextGlobalAt = Number.NEGATIVE_INFINITY;
	let timer: NodeJS.Timeout | undefined;
	let closed = false;

	function readyAt(chatId: string, t: number): number {
		let ready = chatReadyAt.get(chatId) ?? 0;
		if (chatId.startsWith("-") && Number.isFinite(groupMax)) {
			const sends = groupSends.get(chatId);
			if (sends) {
				while (sends.length > 0 && (sends[0] ?? 0) <= t - groupWindow) sends.shift();
				if (sends.length === 0) groupSends.delete(chatId);
				else if (sends.length >= groupMax) {
					ready = Math.max(ready, (sends[sends.length - groupMax] ?? 0) + groupWindow);
				}
			}
		}
		return ready;
	}

	function grant(queue: Waiter[], index: number, t: number): void {
		const [waiter] = queue.splice(index, 1);
		if (!waiter) return;
		// Slots keep their rhythm: a timer firing a little late doesn't shift every later slot,
		// which would quietly cost throughput. A long stall is not caught up with a burst, though.
		const slot = t - nextGlobalAt < globalInterval ? nextGlobalAt : t;
		nextGlobalAt = slot + globalInterval;
		if (chatInterval > 0) chatReadyAt.set(waiter.chatId, t + chatInterval);
		if (waiter.chatId.startsWith("-") && Number.isFinite(groupMax)) {
			const sends = groupSends.get(waiter.chatId) ?? [];
			sends.push(t);
			groupSends.set(waiter.chatId, sends);
		}
		if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
		waiter.resolve(true);
	}

	/** First waiter of `queue` whose chat may receive now, else the earliest time one may. */
	function findReady(queue: Waiter[], t: number): { index: number; earliest: number } {
		let earliest = Number.POSITIVE_INFINITY;
		for (let i = 0; i < queue.length; i++) {
			const waiter = queue[i];
			if (!waiter) continue;
			const ready = readyAt(waiter.chatId, t);
			if (ready <= t) return { index: i, earliest: t };
			earliest = Math.min(earliest, ready);
		}
		return { index: -1, earliest };
	}

	function pump(): void {
		if (timer) clearTimeout(timer);
		timer = undefined;
		if (closed) return;
		for (;;) {
			if (urgent.length === 0 && normal.length === 0) {
				sweep();
				return;
			}
			const t = now();
			if (t < nextGlobalAt) {
				arm(nextGlobalAt - t);
				return;
			}
			const fromUrgent = findReady(urgent, t);
			if (fromUrgent.index >= 0) {
				grant(urgent, fromUrgent.index, t);
				continue;
			}
			const fromNormal = findReady(normal, t);
			if (fromNormal.index >= 0) {
				grant(normal, fromNormal.index, t);
				continue;
			}
			arm(Math.min(fromUrgent.earliest, fromNormal.earliest) - t);
			return;
		}
	}

	function arm(delayMs: number): void {
		timer = setTimeout(pump, Math.max(1, Math.ceil(delayMs)));
	}

	/** Forgets chats whose limits have lapsed, so a long-running bot doesn't keep every chat id. */
	function sweep(): void {
		if (chatReadyAt.size < 10_000) return;
		const t = now();
		for (const [chatId, ready] of chatReadyAt) if (ready <= t) chatReadyAt.delete(chatId);
		for (const chatId of [...groupSends.keys()]) readyAt(chatId, t);
	}

	function remove(waiter: Waiter): void {
		for (const queue of [urgent, normal]) {
			const index = queue.indexOf(waiter);
			if (index >= 0) queue.splice(index, 1);
		}
	}

	return {
		acquire(chatId, options = {}) {
			if (closed || options.signal?.aborted) return Promise.resolve(false);
			return new Promise<boolean>((resolve) => {
				const waiter: Waiter = { chatId, resolve, signal: options.signal, onAbort: undefined };
				if (options.signal) {
					waiter.onAbort = () => {
						remove(waiter);
						resolve(false);
					};
					options.signal.addEventListener("abort", waiter.onAbort, { once: true });
				}
				(options.priority ? urgent : normal).push(waiter);
				// Re-plan at once: the armed timer may be waiting for a chat this waiter doesn't need.
				pump();
			});
		},
		penalize(chatId, ms) {
			const until = now() + ms;
			chatReadyAt.set(chatId, Math.max(chatReadyAt.get(chatId) ?? 0, until));
		},
		get waiting() {
			return urgent.length + normal.length;
		},
		close() {
			if (closed) return;
			closed = true;
			if (timer) clearTimeout(timer);
			timer = undefined;
			for (const waiter of [...urgent.splice(0), ...normal.splice(0)]) {
				if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
				waiter.resolve(false);
			}
		},
	};
}
