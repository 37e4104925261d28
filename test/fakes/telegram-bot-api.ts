/** A loopback Telegram Bot API for tests and benchmarks: records requests, scripts failures, enforces limits. */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, Message, MessageEntity, Update, User } from "grammy/types";
import type { ScriptedOutcome } from "../contract/delivery-outcomes.js";
import { fakeTelegramToken } from "../helpers.js";
import { type TelegramOutcomeOptions, telegramErrorFor } from "./outcome-dialects.js";
import { applyChange, CHANGE_METHODS, type ChangeState } from "./telegram-message-changes.js";

/** A chat the fake knows about (type decides what getChat and messages say). */
export type FakeChat =
	| { id: number; type: "private"; first_name: string; username?: string }
	| { id: number; type: "group"; title: string }
	| { id: number; type: "supergroup"; title: string; is_forum?: true }
	| { id: number; type: "channel"; title: string; username?: string };

/** One Bot API call as received. */
export interface RecordedRequest {
	method: string;
	payload: Record<string, unknown>;
	/** performance.now() at arrival. */
	at: number;
	/** error_code when the fake answered with an error. */
	errorCode?: number;
}

/** A sendMessage the fake accepted. */
export interface SentMessage {
	message_id: number;
	chat_id: string;
	text: string;
	parse_mode: string | undefined;
	message_thread_id: number | undefined;
	link_preview_options: unknown;
	at: number;
	/** A sendPhoto post: `text` is its caption. */
	photo?: string | undefined;
	/** Edits applied to it (its text is the latest). */
	edits: number;
	/** Deleted by the bot or, through deleteByAdmin, by the chat's admins. */
	deleted?: boolean | undefined;
}

/** A forum topic the bot created. */
export interface FakeTopic {
	chat_id: string;
	message_thread_id: number;
	name: string;
	icon_color: number;
}

/** A scripted Bot API error. */
export interface FakeApiError {
	error_code: number;
	description: string;
	parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Telegram's send limits as the fake enforces them (rolling windows over arrival times). */
export interface FakeLimits {
	globalPerSecond: number;
	perChatPerSecond: number;
	perGroupPerMinute: number;
}

/** Options of startFakeTelegram. */
export interface FakeTelegramOptions {
	token?: string;
	username?: string;
	/** Enforce Telegram's limits from the start (the bench does). */
	limits?: FakeLimits | false;
}

/** The running fake. */
export interface FakeTelegram {
	/** Pass as grammY's client.apiRoot. */
	readonly apiRoot: string;
	readonly token: string;
	readonly me: User & { username: string };
	readonly requests: RecordedRequest[];
	readonly sent: SentMessage[];
	/** Forum topics the bot created (createForumTopic), renamed and deleted as the bot asked. */
	readonly topics: FakeTopic[];
	/** How many 429s the limit enforcement answered. */
	readonly rateLimited: number;
	/** Queues an update for getUpdates; returns its update_id. */
	pushUpdate(update: Omit<Update, "update_id">): number;
	/** A text message (a command gets its bot_command entity) from `from` in `chat`. */
	sendText(chat: FakeChat, from: User | undefined, text: string, extra?: Partial<Message>): number;
	/** A channel post with `text`. */
	postInChannel(chat: FakeChat, text: string, extra?: Partial<Message>): number;
	/** The next `times` calls of `method` (optionally only those whose payload matches) fail. */
	failNext(
		method: string,
		error: FakeApiError,
		times?: number,
		match?: (payload: Record<string, unknown>) => boolean,
	): void;
	/** The next sendMessage to `chatId` answers `outcome` in Telegram's words (outcome-dialects.ts). */
	failNextAs(
		outcome: ScriptedOutcome,
		chatId: number | string,
		options?: TelegramOutcomeOptions,
	): void;
	/**
	 * Holds matching calls unanswered until the returned function is called; it then answers them
	 * normally, with `error`, or (`dropAfterAccept`) records the message and cuts the connection, the
	 * "Telegram got it but we never heard back" case.
	 */
	hold(
		method: string,
		match: (payload: Record<string, unknown>) => boolean,
	): (outcome?: HoldOutcome) => void;
	/** Makes a chat known (getChat by id, or by @username for a public channel) without a message. */
	addChat(chat: FakeChat): void;
	/** getChatMember answers `status` for (chat, user); default "member". */
	setMember(
		chatId: number,
		userId: number,
		status: "creator" | "administrator" | "member" | "left",
	): void;
	/** The chat's admins delete a message: later edits find it gone. */
	deleteByAdmin(chatId: number | string, messageId: number): void;
	/** Whether the bot may pin in a chat (default true). */
	setPinRights(chatId: number | string, allowed: boolean): void;
	/** Message ids pinned in a chat, oldest pin first. */
	pinnedIn(chatId: number | string): number[];
	/** Turns limit enforcement on (with limits) or off. */
	enforceLimits(limits: FakeLimits | false): void;
	/** Messages sent to one chat (optionally one topic). */
	sentTo(chatId: number | string, threadId?: number): SentMessage[];
	/** Resolves once `predicate` holds, checked after every request; rejects after `timeoutMs`. */
	waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
	/** Resolves with the first sent message (new or old) that matches. */
	waitForMessage(
		predicate: (message: SentMessage) => boolean,
		timeoutMs?: number,
	): Promise<SentMessage>;
	/** Releases every held call (answered normally). */
	releaseAll(): void;
	/** Updates queued but not yet confirmed by a later getUpdates offset. */
	readonly pendingUpdates: number;
	/** Releases held calls and pending polls, then closes the server. */
	close(): Promise<void>;
}

/** Telegram's documented limits. */
export const TELEGRAM_LIMITS: FakeLimits = {
	globalPerSecond: 30,
	perChatPerSecond: 1,
	perGroupPerMinute: 20,
};

/** How released held calls are answered. */
export interface HoldOutcome {
	error?: FakeApiError;
	dropAfterAccept?: boolean;
}

interface HeldCall {
	match: (payload: Record<string, unknown>) => boolean;
	waiting: ((outcome: HoldOutcome) => void)[];
	released: boolean;
}

interface PendingPoll {
	offset: number;
	limit: number;
	respond: (updates: Update[]) => void;
}

/** Starts the fake Bot API on 127.0.0.1 and a free port. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
	const token = options.token ?? fakeTelegramToken();
	const me = {
		id: 123456,
		is_bot: true as const,
		first_name: "Relay",
		username: options.username ?? "RelayTestBot",
		can_join_groups: true,
		can_read_all_group_messages: false,
		supports_inline_queries: false,
		can_connect_to_business: false,
		has_main_web_app: false,
	};
	const events = new EventEmitter();
	events.setMaxListeners(0);
	const requests: RecordedRequest[] = [];
	const sent: SentMessage[] = [];
	const topics: FakeTopic[] = [];
	const updates: Update[] = [];
	const polls = new Set<PendingPoll>();
	const failures = new Map<
		string,
		{ error: FakeApiError; left: number; match?: (p: Record<string, unknown>) => boolean }[]
	>();
	const holds = new Map<string, HeldCall[]>();
	const members = new Map<string, string>();
	const chats = new Map<number, FakeChat>();
	const changeState: ChangeState = {
		find: (chatId, messageId) =>
			sent.find((m) => m.chat_id === chatId && m.message_id === messageId),
		pins: new Map(),
		noPinRights: new Set(),
	};
	let limits: FakeLimits | false = options.limits ?? false;
	let rateLimited = 0;
	let nextUpdateId = 1;
	let nextMessageId = 1;
	const globalArrivals: number[] = [];
	const chatArrivals = new Map<string, number[]>();

	/** A chat_id as Telegram takes it: a number, or "@username" of a public chat. */
	function resolveChatId(chatId: unknown): string {
		const text = String(chatId);
		if (!text.startsWith("@")) return text;
		const name = text.slice(1).toLowerCase();
		for (const chat of chats.values()) {
			if ("username" in chat && chat.username?.toLowerCase() === name) return String(chat.id);
		}
		return text;
	}

	/** Telegram's answer to an @username no chat has. */
	function unknownUsername(
		method: string,
		payload: Record<string, unknown>,
	): FakeApiError | undefined {
		if (method !== "getChat" && method !== "getChatMember") return undefined;
		return resolveChatId(payload.chat_id).startsWith("@")
			? { error_code: 400, description: "Bad Request: chat not found" }
			: undefined;
	}

	function chatOf(id: string | number): Chat {
		const known = chats.get(Number(id));
		if (known) return known as Chat;
		return Number(id) < 0
			? ({ id: Number(id), type: "supergroup", title: `Chat ${id}` } as Chat)
			: ({ id: Number(id), type: "private", first_name: `User ${id}` } as Chat);
	}

	function deliverPolls(): void {
		for (const poll of polls) {
			const ready = updates.filter((u) => u.update_id >= poll.offset).slice(0, poll.limit);
			if (ready.length === 0) continue;
			polls.delete(poll);
			poll.respond(ready);
		}
	}

	function pushUpdate(update: Omit<Update, "update_id">): number {
		const update_id = nextUpdateId++;
		updates.push({ update_id, ...update } as Update);
		deliverPolls();
		return update_id;
	}

	function buildMessage(
		chat: FakeChat,
		text: string,
		extra: Partial<Message>,
		from?: User,
	): Message {
		chats.set(chat.id, chat);
		const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
		const entities: MessageEntity[] = command
			? [{ type: "bot_command", offset: 0, length: command[0].length }]
			: [];
		return {
			message_id: nextMessageId++,
			date: Math.floor(Date.now() / 1000),
			chat,
			...(from ? { from } : {}),
			text,
			...(entities.length > 0 ? { entities } : {}),
			...extra,
		} as Message;
	}

	/** Checks the limits against arrival times; returns seconds to wait when one is exceeded. */
	function overLimit(chatId: string, t: number): number | undefined {
		if (!limits) return undefined;
		while (globalArrivals.length > 0 && (globalArrivals[0] ?? 0) <= t - 1000)
			globalArrivals.shift();
		if (globalArrivals.length >= limits.globalPerSecond) return 1;
		const arrivals = chatArrivals.get(chatId) ?? [];
		const isGroup = chatId.startsWith("-");
		const window = isGroup ? 60_000 : 1000;
		while (arrivals.length > 0 && (arrivals[0] ?? 0) <= t - window) arrivals.shift();
		const lastSecond = arrivals.filter((a) => a > t - 1000).length;
		if (lastSecond >= limits.perChatPerSecond) return 1;
		if (isGroup && arrivals.length >= limits.perGroupPerMinute) {
			return Math.max(1, Math.ceil(((arrivals[0] ?? t) + 60_000 - t) / 1000));
		}
		return undefined;
	}

	function recordArrival(chatId: string, t: number): void {
		if (!limits) return;
		globalArrivals.push(t);
		const arrivals = chatArrivals.get(chatId) ?? [];
		arrivals.push(t);
		chatArrivals.set(chatId, arrivals);
	}

	function takeFailure(method: string, payload: Record<string, unknown>): FakeApiError | undefined {
		const list = failures.get(method);
		const index = list?.findIndex((f) => f.left > 0 && (!f.match || f.match(payload))) ?? -1;
		const failure = index >= 0 ? list?.[index] : undefined;
		if (!failure) return undefined;
		failure.left -= 1;
		if (failure.left === 0) list?.splice(index, 1);
		return failure.error;
	}

	async function waitIfHeld(
		method: string,
		payload: Record<string, unknown>,
	): Promise<HoldOutcome> {
		const held = holds.get(method)?.find((h) => !h.released && h.match(payload));
		if (!held) return {};
		return await new Promise<HoldOutcome>((resolve) => held.waiting.push(resolve));
	}

	async function handle(
		method: string,
		payload: Record<string, unknown>,
		res: ServerResponse,
	): Promise<unknown> {
		switch (method) {
			case "getMe":
				return me;
			case "getUpdates":
				return await longPoll(payload, res);
			case "deleteWebhook":
			case "setWebhook":
			case "setMyCommands":
			case "sendChatAction":
				return true;
			case "getChat":
				return chatOf(resolveChatId(payload.chat_id));
			case "createForumTopic": {
				const topic = {
					message_thread_id: nextMessageId++,
					name: String(payload.name),
					icon_color: 7322096,
				};
				topics.push({ chat_id: String(payload.chat_id), ...topic });
				return topic;
			}
			case "editForumTopic": {
				const topic = topics.find(
					(t) =>
						t.chat_id === String(payload.chat_id) &&
						t.message_thread_id === payload.message_thread_id,
				);
				if (topic && typeof payload.name === "string") topic.name = payload.name;
				return true;
			}
			case "deleteForumTopic": {
				const at = topics.findIndex(
					(t) =>
						t.chat_id === String(payload.chat_id) &&
						t.message_thread_id === payload.message_thread_id,
				);
				if (at >= 0) topics.splice(at, 1);
				return true;
			}
			case "getChatMember": {
				const status = members.get(`${payload.chat_id}:${payload.user_id}`) ?? "member";
				return { status, user: { id: Number(payload.user_id), is_bot: false, first_name: "U" } };
			}
			case "sendPhoto":
			case "sendMessage": {
				const chatId = String(payload.chat_id);
				const photo = method === "sendPhoto" ? String(payload.photo) : undefined;
				const message: SentMessage = {
					message_id: nextMessageId++,
					chat_id: chatId,
					text: String((photo ? payload.caption : payload.text) ?? ""),
					parse_mode: payload.parse_mode as string | undefined,
					message_thread_id: payload.message_thread_id as number | undefined,
					link_preview_options: payload.link_preview_options,
					at: performance.now(),
					photo,
					edits: 0,
				};
				sent.push(message);
				return {
					message_id: message.message_id,
					date: Math.floor(Date.now() / 1000),
					chat: chatOf(chatId),
					from: me,
					text: message.text,
				};
			}
			default:
				return true;
		}
	}

	function longPoll(payload: Record<string, unknown>, res: ServerResponse): Promise<Update[]> {
		const offset = Number(payload.offset ?? 0);
		const limit = Number(payload.limit ?? 100);
		const timeout = Number(payload.timeout ?? 0);
		// An offset confirms every update before it, as on Telegram.
		if (offset > 0) {
			while (updates.length > 0 && (updates[0]?.update_id ?? 0) < offset) updates.shift();
		}
		const ready = updates.filter((u) => u.update_id >= offset).slice(0, limit);
		if (ready.length > 0 || timeout <= 0) return Promise.resolve(ready);
		return new Promise<Update[]>((resolve) => {
			const poll: PendingPoll = {
				offset,
				limit,
				respond: (found) => {
					clearTimeout(timer);
					resolve(found);
				},
			};
			const timer = setTimeout(() => poll.respond([]), timeout * 1000);
			// grammY aborts the pending poll on bot.stop(): forget it so no update goes to a dead socket.
			res.once("close", () => {
				polls.delete(poll);
				clearTimeout(timer);
			});
			polls.add(poll);
		});
	}

	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on("data", (chunk: Buffer) => chunks.push(chunk));
		req.on("end", () => {
			void respond(req, res, Buffer.concat(chunks).toString("utf8"));
		});
	});

	async function respond(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
		const match = /^\/bot([^/]+)\/([A-Za-z]+)/.exec(req.url ?? "");
		const reply = (status: number, data: unknown) => {
			if (res.destroyed) return;
			res.writeHead(status, { "content-type": "application/json" });
			res.end(JSON.stringify(data));
		};
		if (!match || match[1] !== token) {
			reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
			return;
		}
		const method = match[2] ?? "";
		let payload: Record<string, unknown> = {};
		try {
			payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
		} catch {
			// grammY only sends multipart for file uploads, which the relay never does.
			reply(400, { ok: false, error_code: 400, description: "Bad Request: unsupported body" });
			return;
		}
		const recorded: RecordedRequest = { method, payload, at: performance.now() };
		requests.push(recorded);
		events.emit("change");
		const outcome = await waitIfHeld(method, payload);
		let error: FakeApiError | undefined =
			outcome.error ?? takeFailure(method, payload) ?? unknownUsername(method, payload);
		const counted = method === "sendMessage" || method === "sendPhoto" || method.startsWith("edit");
		if (!error && counted) {
			const chatId = String(payload.chat_id);
			const wait = overLimit(chatId, recorded.at);
			if (wait !== undefined) {
				rateLimited += 1;
				error = {
					error_code: 429,
					description: `Too Many Requests: retry after ${wait}`,
					parameters: { retry_after: wait },
				};
			} else recordArrival(chatId, recorded.at);
		}
		if (error) {
			recorded.errorCode = error.error_code;
			reply(error.error_code, { ok: false, ...error });
		} else if (outcome.dropAfterAccept) {
			await handle(method, payload, res);
			res.socket?.destroy();
		} else if (CHANGE_METHODS.has(method)) {
			const answer = applyChange(method, payload, changeState);
			if ("error" in answer) {
				recorded.errorCode = answer.error.error_code;
				reply(answer.error.error_code, { ok: false, ...answer.error });
			} else reply(200, { ok: true, result: answer.result });
		} else {
			const result = await handle(method, payload, res);
			reply(200, { ok: true, result });
		}
		events.emit("change");
	}

	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	function releaseAll(): void {
		for (const list of holds.values()) {
			for (const held of list) {
				held.released = true;
				for (const resume of held.waiting.splice(0)) resume({});
			}
		}
	}

	function waitFor(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
		if (predicate()) return Promise.resolve();
		return new Promise<void>((resolve, reject) => {
			const check = () => {
				if (!predicate()) return;
				cleanup();
				resolve();
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`fake Telegram: condition not met within ${timeoutMs} ms`));
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				events.off("change", check);
			};
			events.on("change", check);
		});
	}

	return {
		apiRoot,
		token,
		me,
		requests,
		sent,
		topics,
		get rateLimited() {
			return rateLimited;
		},
		get pendingUpdates() {
			return updates.length;
		},
		pushUpdate,
		sendText(chat, from, text, extra = {}) {
			const message = buildMessage(chat, text, extra, from);
			return pushUpdate({ message: message as Update["message"] });
		},
		postInChannel(chat, text, extra = {}) {
			const message = buildMessage(chat, text, { sender_chat: chat as Chat, ...extra });
			return pushUpdate({ channel_post: message as Update["channel_post"] });
		},
		failNext(method, error, times = 1, match) {
			const list = failures.get(method) ?? [];
			list.push({ error, left: times, ...(match ? { match } : {}) });
			failures.set(method, list);
		},
		failNextAs(outcome, chatId, options = {}) {
			const list = failures.get("sendMessage") ?? [];
			const match = (p: Record<string, unknown>) => String(p.chat_id) === String(chatId);
			list.push({ error: telegramErrorFor(outcome, options), left: 1, match });
			failures.set("sendMessage", list);
		},
		hold(method, match) {
			const held: HeldCall = { match, waiting: [], released: false };
			holds.set(method, [...(holds.get(method) ?? []), held]);
			return (outcome = {}) => {
				held.released = true;
				for (const resume of held.waiting.splice(0)) resume(outcome);
			};
		},
		addChat(chat) {
			chats.set(chat.id, chat);
		},
		setMember(chatId, userId, status) {
			members.set(`${chatId}:${userId}`, status);
		},
		enforceLimits(next) {
			limits = next;
		},
		deleteByAdmin(chatId, messageId) {
			const message = changeState.find(String(chatId), messageId);
			if (message) message.deleted = true;
			events.emit("change");
		},
		setPinRights(chatId, allowed) {
			if (allowed) changeState.noPinRights.delete(String(chatId));
			else changeState.noPinRights.add(String(chatId));
		},
		pinnedIn(chatId) {
			return [...(changeState.pins.get(String(chatId)) ?? [])];
		},
		sentTo(chatId, threadId) {
			return sent.filter(
				(m) =>
					m.chat_id === String(chatId) &&
					(threadId === undefined || m.message_thread_id === threadId),
			);
		},
		waitFor,
		async waitForMessage(predicate, timeoutMs) {
			await waitFor(() => sent.some(predicate), timeoutMs);
			return sent.find(predicate) as SentMessage;
		},
		releaseAll,
		close: () =>
			new Promise<void>((resolve) => {
				releaseAll();
				for (const poll of polls) poll.respond([]);
				polls.clear();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A private chat with user `id`. */
export function privateChat(id: number, name = `User${id}`): FakeChat & { type: "private" } {
	return { id, type: "private", first_name: name };
}

/** A user (command sender). */
export function user(id: number, name = `User${id}`): User {
	return { id, is_bot: false, first_name: name };
}

/** A basic group (negative id). */
export function group(id: number, title = `Group ${id}`): FakeChat & { type: "group" } {
	return { id, type: "group", title };
}

/** A supergroup (id -100…), optionally a forum. */
export function supergroup(id: number, title = `Supergroup ${id}`, isForum = false): FakeChat {
	return isForum
		? { id, type: "supergroup", title, is_forum: true }
		: { id, type: "supergroup", title };
}

/** A channel (id -100…). */
export function channel(
	id: number,
	title = `Channel ${id}`,
	username?: string,
): FakeChat & { type: "channel" } {
	return username ? { id, type: "channel", title, username } : { id, type: "channel", title };
}
