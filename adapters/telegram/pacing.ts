/** Client-side pacing for Telegram's send limits, so a fan-out runs at full speed without 429s. */

/** Telegram's broadcast limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this). */
export interface TelegramPacing {
	/** Messages per second over all chats (Telegram: about 30). `Infinity` turns the check off. */
	globalPerSecond: number;
	/** Minimum milliseconds between two messages to one chat (Telegram: about one per second). */
	perChatIntervalMs: number;
	/** Messages per minute to one group or channel, i.e. a negative chat id (Telegram: 20). */
	perGroupPerMinute: number;
	/** Fraction added to every window, as slack for clock and network differences. */
	safetyMargin: number;
	/**
	 * Most of the global rate command replies may take while posts are waiting (0..1). Replies go
	 * first, but a flood of /help from thousands of users must not hold back the news.
	 */
	replyShare: number;
}

/** Telegram's published limits with a 1% margin (about 29.4 msg/s on a fast link). */
export const DEFAULT_TELEGRAM_PACING: TelegramPacing = Object.freeze({
	globalPerSecond: 30,
	perChatIntervalMs: 1_000,
	perGroupPerMinute: 20,
	safetyMargin: 0.01,
	replyShare: 1 / 3,
});

/** No pacing at all (tests that count requests, not time). */
export const UNPACED: TelegramPacing = Object.freeze({
	globalPerSecond: Number.POSITIVE_INFINITY,
	perChatIntervalMs: 0,
	perGroupPerMinute: Number.POSITIVE_INFINITY,
	safetyMargin: 0,
	replyShare: 1,
});

/** Options of one acquire call. */
export interface AcquireOptions {
	/** Command replies jump the queue (within `replyShare` while posts wait): a user waiting for an answer beats a fan-out backlog. */
	priority?: boolean;
	/** Gives up waiting (resolves undefined) when aborted. */
	signal?: AbortSignal;
}

/** Call once the request has been answered (or has failed); the limits count from then. */
export type Release = () => void;

/** Grants send slots one at a time within the limits. */
export interface Pacer {
	/** Resolves with a Release when a message to `chatId` may be sent now; undefined if closed or aborted. */
	acquire(chatId: string, options?: AcquireOptions): Promise<Release | undefined>;
	/** Telegram answered 429 for this chat: send nothing more to it for `ms`. */
	penalize(chatId: string, ms: number): void;
	/** Messages waiting for a slot. */
	readonly waiting: number;
	/** Releases every waiter with undefined and refuses new ones; idempotent. */
	close(): void;
}

interface Waiter {
	chatId: string;
	resolve: (release: Release | undefined) => void;
	signal: AbortSignal | undefined;
	onAbort: (() => void) | undefined;
}

/** One granted send; `doneAt` stays undefined while the request is in flight. */
interface Send {
	doneAt: number | undefined;
}

const GROUP_WINDOW_MS = 60_000;

/**
 * Creates a pacer; `now` is injectable so tests can drive it with fake timers.
 *
 * Telegram counts messages when they arrive, which is somewhere between our send and its answer.
 * So every window is measured from the *answer* of the message N sends back: "the 31st send starts
 * more than a second after the 1st was answered" holds whatever the network jitter, which a
 * send-time schedule cannot promise (the first requests of a burst, still opening connections,
 * arrive bunched). The cost is one round trip per window, about 1% on a fast link.
 */
export function createPacer(
	pacing: Partial<TelegramPacing> = {},
	now: () => number = () => performance.now(),
): Pacer {
	const limits = { ...DEFAULT_TELEGRAM_PACING, ...pacing };
	const factor = 1 + limits.safetyMargin;
	const globalMax = limits.globalPerSecond;
	const globalWindow = 1000 * factor;
	// Even spacing inside the window, so sends don't go out in bursts of 30.
	const spacing = Number.isFinite(globalMax) ? 1000 / globalMax : 0;
	const chatInterval = limits.perChatIntervalMs * factor;
	const groupMax = limits.perGroupPerMinute;
	const groupWindow = GROUP_WINDOW_MS * factor;
	// Replies granted in the last global window while posts may wait: at least one, so a reply
	// always gets through eventually, however small the share.
	const replyBudget = Number.isFinite(globalMax)
		? Math.max(1, Math.floor(globalMax * Math.min(1, Math.max(0, limits.replyShare))))
		: Number.POSITIVE_INFINITY;
	/** Grant times of recent replies, oldest first (at most replyBudget kept). */
	const replyGrants: number[] = [];

	const urgent: Waiter[] = [];
	const normal: Waiter[] = [];
	/** The last `globalMax` sends, oldest first. */
	const recent: Send[] = [];
	/** Each chat's last send. */
	const lastToChat = new Map<string, Send>();
	/** The last `groupMax` sends per group. */
	const groupSends = new Map<string, Send[]>();
	/** 429 penalties: no send to the chat before this time. */
	const penalties = new Map<string, number>();
	let nextSlotAt = Number.NEGATIVE_INFINITY;
	let timer: NodeJS.Timeout | undefined;
	let closed = false;

	/** When the window allows one more send: the answer of the send `max` back, plus the window. */
	function windowReadyAt(sends: Send[], max: number, window: number): number {
		if (!Number.isFinite(max) || sends.length < max) return 0;
		const anchor = sends[sends.length - max];
		return anchor?.doneAt === undefined ? Number.POSITIVE_INFINITY : anchor.doneAt + window;
	}

	function chatReadyAt(chatId: string): number {
		let ready = penalties.get(chatId) ?? 0;
		const last = lastToChat.get(chatId);
		if (last && chatInterval > 0) {
			ready = Math.max(
				ready,
				last.doneAt === undefined ? Number.POSITIVE_INFINITY : last.doneAt + chatInterval,
			);
		}
		const group = groupSends.get(chatId);
		if (group) ready = Math.max(ready, windowReadyAt(group, groupMax, groupWindow));
		return ready;
	}

	/** Whether replies have used their share of the current global window. */
	function repliesOverShare(t: number): boolean {
		if (!Number.isFinite(replyBudget)) return false;
		while (replyGrants.length && (replyGrants[0] as number) <= t - globalWindow)
			replyGrants.shift();
		return replyGrants.length >= replyBudget;
	}

	function grant(queue: Waiter[], index: number, t: number): void {
		const [waiter] = queue.splice(index, 1);
		if (!waiter) return;
		if (queue === urgent && Number.isFinite(replyBudget)) {
			replyGrants.push(t);
			if (replyGrants.length > replyBudget) replyGrants.shift();
		}
		// Keep the rhythm: a timer firing a little late doesn't push back every later slot.
		const slot = t - nextSlotAt < spacing ? nextSlotAt : t;
		nextSlotAt = slot + spacing;
		const send: Send = { doneAt: undefined };
		if (Number.isFinite(globalMax)) {
			recent.push(send);
			if (recent.length > globalMax) recent.shift();
		}
		if (chatInterval > 0) lastToChat.set(waiter.chatId, send);
		if (waiter.chatId.startsWith("-") && Number.isFinite(groupMax)) {
			const sends = groupSends.get(waiter.chatId) ?? [];
			sends.push(send);
			if (sends.length > groupMax) sends.shift();
			groupSends.set(waiter.chatId, sends);
		}
		if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
		let released = false;
		waiter.resolve(() => {
			if (released) return;
			released = true;
			send.doneAt = now();
			// Someone may be waiting for exactly this answer.
			if (urgent.length + normal.length > 0) pump();
		});
	}

	/** First waiter of `queue` whose chat may receive now, else the earliest time one may. */
	function findReady(queue: Waiter[], t: number): { index: number; earliest: number } {
		let earliest = Number.POSITIVE_INFINITY;
		for (let i = 0; i < queue.length; i++) {
			const waiter = queue[i];
			if (!waiter) continue;
			const ready = chatReadyAt(waiter.chatId);
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
			const globalReady = Math.max(nextSlotAt, windowReadyAt(recent, globalMax, globalWindow));
			if (t < globalReady) {
				// Infinity: a send is still in flight; its release calls pump again.
				if (Number.isFinite(globalReady)) arm(globalReady - t);
				return;
			}
			// Replies have had their share: a post that may go now goes first.
			const postFirst = urgent.length > 0 && normal.length > 0 && repliesOverShare(t);
			const early = postFirst ? findReady(normal, t) : undefined;
			if (early && early.index >= 0) {
				grant(normal, early.index, t);
				continue;
			}
			const fromUrgent = findReady(urgent, t);
			if (fromUrgent.index >= 0) {
				grant(urgent, fromUrgent.index, t);
				continue;
			}
			const fromNormal = early ?? findReady(normal, t);
			if (fromNormal.index >= 0) {
				grant(normal, fromNormal.index, t);
				continue;
			}
			const earliest = Math.min(fromUrgent.earliest, fromNormal.earliest);
			if (Number.isFinite(earliest)) arm(earliest - t);
			return;
		}
	}

	function arm(delayMs: number): void {
		timer = setTimeout(pump, Math.max(1, Math.ceil(delayMs)));
	}

	/** Forgets chats whose limits have lapsed, so a long-running bot doesn't keep every chat id. */
	function sweep(): void {
		if (lastToChat.size + groupSends.size + penalties.size < 10_000) return;
		const t = now();
		for (const [chatId, send] of lastToChat) {
			if (send.doneAt !== undefined && send.doneAt + chatInterval <= t) lastToChat.delete(chatId);
		}
		for (const [chatId, sends] of groupSends) {
			const last = sends.at(-1);
			if (last?.doneAt !== undefined && last.doneAt + groupWindow <= t) groupSends.delete(chatId);
		}
		for (const [chatId, until] of penalties) if (until <= t) penalties.delete(chatId);
	}

	function remove(waiter: Waiter): void {
		for (const queue of [urgent, normal]) {
			const index = queue.indexOf(waiter);
			if (index >= 0) queue.splice(index, 1);
		}
	}

	return {
		acquire(chatId, options = {}) {
			if (closed || options.signal?.aborted) return Promise.resolve(undefined);
			return new Promise<Release | undefined>((resolve) => {
				const waiter: Waiter = { chatId, resolve, signal: options.signal, onAbort: undefined };
				if (options.signal) {
					waiter.onAbort = () => {
						remove(waiter);
						resolve(undefined);
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
			penalties.set(chatId, Math.max(penalties.get(chatId) ?? 0, until));
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
				waiter.resolve(undefined);
			}
		},
	};
}
