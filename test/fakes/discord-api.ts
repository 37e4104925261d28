/**
 * A loopback Discord for tests: REST (node:http) and gateway (ws) on one 127.0.0.1 port. It records
 * what the real discord.js client sends, scripts failures and rate limits, and dispatches interactions.
 */

import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
	type APIApplicationCommand,
	type APIApplicationCommandInteractionDataBasicOption,
	type APIApplicationCommandInteractionDataOption,
	type APIChannel,
	type APIGuildMember,
	type APIInteraction,
	type APIInteractionDataResolvedChannel,
	type APIMessage,
	type APIRole,
	type APIUser,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	type ApplicationFlags,
	ChannelType,
	type GatewayGuildCreateDispatchData,
	GatewayOpcodes,
	type GatewayReadyDispatchData,
	type GuildMemberFlags,
	type GuildSystemChannelFlags,
	InteractionContextType,
	InteractionResponseType,
	InteractionType,
	PermissionFlagsBits,
	type RoleFlags,
} from "discord.js";
import { type WebSocket, WebSocketServer } from "ws";
import type { ScriptedOutcome } from "../contract/delivery-outcomes.js";
import { discordChangeState, routeMessageChange } from "./discord-message-changes.js";
import { createThreadRoutes } from "./discord-threads.js";
import { discordFailureFor } from "./outcome-dialects.js";

/** One channel of a fake guild; threads name their parent. */
export interface FakeChannel {
	id: string;
	name: string;
	type: ChannelType;
	parentId?: string;
}

/** One request the fake saw; `path` has the /api/v10 prefix removed. */
export interface RecordedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	authorization: string | undefined;
	body: unknown;
	status: number;
	/** Date.now() when it arrived. */
	at: number;
}

/** A scripted failure for the next matching request(s). */
export interface FakeFailure {
	status: number;
	code?: number;
	message?: string;
	/** Seconds, for 429 (sent in the body and, unrounded so tests stay fast, in Retry-After). */
	retryAfter?: number;
	global?: boolean;
	/** How many matching requests fail (default 1). */
	times?: number;
	/** Store the message before failing: Discord accepted it but the answer was lost. */
	accept?: boolean;
}

/** What an interaction got back: its callbacks, the original response, follow-ups. */
export interface InteractionRecord {
	id: string;
	token: string;
	channelId: string;
	callbacks: { type: number; data?: Record<string, unknown> }[];
	original: Record<string, unknown> | undefined;
	deleted: boolean;
	followups: Record<string, unknown>[];
}

/** Options of one slash command invocation. */
export interface CommandOptions {
	channelId: string;
	/** The member's permissions in the channel (default: Manage Channels and the usual ones). */
	permissions?: bigint;
	/** The bot's permissions in the channel (default: view, send, embed). */
	appPermissions?: bigint;
	/** Send it as a DM instead of from a guild channel. */
	dm?: boolean;
	userId?: string;
	/** The subcommand the options belong to (/settings mode …). */
	subcommand?: string;
	/** The language of the user's Discord client (default en-US). */
	locale?: string;
	/** Leave the picked channel out of `resolved` (as a malformed or partial interaction would). */
	omitResolved?: boolean;
}

const EVERYDAY_PERMISSIONS =
	PermissionFlagsBits.ViewChannel |
	PermissionFlagsBits.SendMessages |
	PermissionFlagsBits.EmbedLinks |
	PermissionFlagsBits.SendMessagesInThreads |
	PermissionFlagsBits.UseApplicationCommands;
/** A member allowed to /follow: everyday permissions plus Manage Channels. */
export const MANAGER_PERMISSIONS = EVERYDAY_PERMISSIONS | PermissionFlagsBits.ManageChannels;
/** A member without Manage Channels. */
export const MEMBER_PERMISSIONS = EVERYDAY_PERMISSIONS;

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;
/** A fresh, increasing snowflake. */
export function snowflake(): string {
	sequence += 1n;
	return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (sequence & 0x3fffffn)).toString();
}

/** Starts a fake Discord with one guild holding `channels`. */
export async function startDiscordFake(
	options: {
		token?: string;
		channels?: FakeChannel[];
		heartbeatIntervalMs?: number;
		/** The gateway takes Identify but never answers READY: the client stays connecting. */
		neverReady?: boolean;
	} = {},
) {
	const token = options.token ?? "fake-bot-token";
	const applicationId = snowflake();
	const guildId = snowflake();
	const bot: APIUser = {
		id: applicationId,
		username: "Relay",
		discriminator: "0",
		global_name: null,
		avatar: null,
		bot: true,
	};
	const channels = new Map((options.channels ?? []).map((c) => [c.id, c]));
	const events = new EventEmitter();
	const requests: RecordedRequest[] = [];
	const messages: (APIMessage & { body: Record<string, unknown> })[] = [];
	const commands = new Map<string, APIApplicationCommand[]>();
	const interactions = new Map<string, InteractionRecord>();
	const failures: { method: string; pattern: string[]; failure: FakeFailure; left: number }[] = [];
	const holds: { pattern: string[]; method: string; resolve: (r: () => void) => void }[] = [];
	const deleted = new Set<string>();
	const changes = discordChangeState(messages);
	const gw = {
		identifies: 0,
		resumes: 0,
		heartbeats: 0,
		connections: 0,
		sessionId: "",
		seq: 0,
		log: [] as unknown[],
		socket: undefined as WebSocket | undefined,
	};
	const limit = { perSecond: 0, windowStart: 0, used: 0, rejected: 0 };
	const changed = () => events.emit("change");

	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on("data", (c: Buffer) => chunks.push(c));
		req.on("end", () => void handle(req, res, Buffer.concat(chunks).toString("utf8")));
	});
	const wss = new WebSocketServer({ server, path: "/gateway" });
	wss.on("connection", (socket, req) => onGateway(socket, req));
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const gatewayUrl = `${origin.replace("http", "ws")}/gateway`;

	function send(
		res: ServerResponse,
		status: number,
		body?: unknown,
		headers: Record<string, string> = {},
	) {
		if (body === undefined) res.writeHead(status, headers).end();
		else
			res
				.writeHead(status, { "content-type": "application/json", ...headers })
				.end(JSON.stringify(body));
	}

	function matches(pattern: string[], path: string[]): boolean {
		return (
			pattern.length === path.length && pattern.every((p, i) => p.startsWith(":") || p === path[i])
		);
	}

	async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
		const url = new URL(req.url ?? "/", origin);
		const path = decodeURIComponent(url.pathname.replace(/^\/api/, "").replace(/^\/v10/, ""));
		const method = req.method ?? "GET";
		let body: unknown;
		try {
			body = raw ? JSON.parse(raw) : undefined;
		} catch {
			body = raw; // Recorded as text; no route of ours takes non-JSON bodies.
		}
		const record: RecordedRequest = {
			method,
			path,
			query: url.searchParams,
			authorization: req.headers.authorization,
			body,
			status: 0,
			at: Date.now(),
		};
		requests.push(record);
		const parts = path.split("/").filter(Boolean);
		const reply = (status: number, payload?: unknown, headers?: Record<string, string>) => {
			record.status = status;
			send(res, status, payload, headers);
			changed();
		};
		const isInteraction = parts[0] === "interactions" || parts[0] === "webhooks";
		if (!isInteraction && req.headers.authorization !== `Bot ${token}`) {
			return reply(401, { message: "401: Unauthorized", code: 0 });
		}
		if (!isInteraction && limit.perSecond > 0) {
			// Fixed one-second windows, like Discord's global limit of 50 requests per second per bot.
			const now = Date.now();
			if (now >= limit.windowStart + 1000) Object.assign(limit, { windowStart: now, used: 0 });
			if (limit.used >= limit.perSecond) {
				limit.rejected += 1;
				const retryAfter = (limit.windowStart + 1000 - now) / 1000;
				return reply(
					429,
					{ message: "You are being rate limited.", retry_after: retryAfter, global: true },
					{
						"retry-after": String(retryAfter),
						"x-ratelimit-global": "true",
						"x-ratelimit-scope": "global",
					},
				);
			}
			limit.used += 1;
		}
		const failure = failures.find(
			(f) => f.left > 0 && f.method === method && matches(f.pattern, parts),
		);
		if (failure) {
			failure.left -= 1;
			const f = failure.failure;
			if (f.accept && method === "POST" && parts[0] === "channels")
				storeMessage(parts[1] ?? "", body);
			const headers: Record<string, string> = {};
			if (f.status === 429) {
				headers["retry-after"] = String(f.retryAfter ?? 1);
				headers["x-ratelimit-scope"] = f.global ? "global" : "user";
				if (f.global) headers["x-ratelimit-global"] = "true";
				else {
					// A per-route bucket (5 messages per 5 s per channel on Discord) that is exhausted.
					headers["x-ratelimit-limit"] = "5";
					headers["x-ratelimit-remaining"] = "0";
					headers["x-ratelimit-reset-after"] = String(f.retryAfter ?? 1);
					headers["x-ratelimit-reset"] = String(Date.now() / 1000 + (f.retryAfter ?? 1));
					headers["x-ratelimit-bucket"] = `bucket-${parts.slice(0, 2).join("-")}`;
				}
				return reply(
					429,
					{
						message: "You are being rate limited.",
						retry_after: f.retryAfter ?? 1,
						global: Boolean(f.global),
					},
					headers,
				);
			}
			return reply(f.status, { message: f.message ?? "Scripted failure", code: f.code ?? 0 });
		}
		const hold = holds.find((h) => h.method === method && matches(h.pattern, parts));
		if (hold) {
			holds.splice(holds.indexOf(hold), 1);
			await new Promise<void>((release) => hold.resolve(release));
		}
		route(method, parts, body, url, reply);
	}

	/** The message object Discord answers with for a posted body (type 0 channel, 20 webhook/interaction). */
	function messageObject(
		channelId: string,
		body: Record<string, unknown>,
		type: 0 | 20,
	): APIMessage {
		return {
			id: snowflake(),
			channel_id: channelId,
			author: bot,
			content: typeof body.content === "string" ? body.content : "",
			timestamp: new Date().toISOString(),
			edited_timestamp: null,
			tts: false,
			mention_everyone: false,
			mentions: [],
			mention_roles: [],
			attachments: [],
			embeds: (body.embeds as APIMessage["embeds"]) ?? [],
			pinned: false,
			type,
			flags: typeof body.flags === "number" ? body.flags : 0,
			components: [],
		};
	}

	const threadRoutes = createThreadRoutes({ channels, deleted, guildId, snowflake, storeMessage });

	function storeMessage(channelId: string, body: unknown): APIMessage {
		const b = (body ?? {}) as Record<string, unknown>;
		const wire = messageObject(channelId, b, 0);
		messages.push({ ...wire, body: b });
		return wire;
	}

	function route(
		method: string,
		p: string[],
		body: unknown,
		url: URL,
		reply: (s: number, b?: unknown) => void,
	) {
		if (method === "GET" && p.join("/") === "gateway/bot") {
			return reply(200, {
				url: gatewayUrl,
				shards: 1,
				session_start_limit: {
					total: 1000,
					remaining: 999,
					reset_after: 14_400_000,
					max_concurrency: 1,
				},
			});
		}
		if (method === "GET" && p.join("/") === "users/@me") return reply(200, bot);
		if (method === "GET" && p.join("/") === "applications/@me") {
			return reply(200, {
				id: applicationId,
				name: "Relay",
				icon: null,
				description: "",
				bot_public: true,
				bot_require_code_grant: false,
				verify_key: "0",
				flags: 0,
				bot,
			});
		}
		if (p[0] === "applications" && p[1] === applicationId && p.at(-1) === "commands") {
			const scope = p.length === 5 ? (p[3] ?? "") : "global";
			if (method === "GET") return reply(200, commands.get(scope) ?? []);
			if (method === "PUT" && Array.isArray(body)) {
				const saved = (body as Partial<APIApplicationCommand>[]).map((c) => ({
					...c,
					id: commands.get(scope)?.find((old) => old.name === c.name)?.id ?? snowflake(),
					application_id: applicationId,
					version: snowflake(),
					type: c.type ?? ApplicationCommandType.ChatInput,
					name: c.name ?? "",
					description: c.description ?? "",
					default_member_permissions: c.default_member_permissions ?? null,
					...(scope === "global" ? {} : { guild_id: scope }),
				})) as APIApplicationCommand[];
				commands.set(scope, saved);
				return reply(200, saved);
			}
		}
		if (routeMessageChange(method, p, body, changes, reply)) return;
		if (threadRoutes.route(method, p, body, reply)) return;
		if (method === "POST" && p[0] === "channels" && p[2] === "messages" && p.length === 3) {
			const channelId = p[1] ?? "";
			if (deleted.has(channelId)) return reply(404, { message: "Unknown Channel", code: 10003 });
			return reply(200, storeMessage(channelId, body));
		}
		if (p[0] === "interactions" && p[3] === "callback" && method === "POST") {
			const record = interactions.get(p[2] ?? "");
			if (!record || record.id !== p[1])
				return reply(404, { message: "Unknown interaction", code: 10062 });
			if (record.callbacks.length)
				return reply(400, { message: "Interaction has already been acknowledged.", code: 40060 });
			const cb = body as { type: number; data?: Record<string, unknown> };
			record.callbacks.push(cb);
			if (cb.type === InteractionResponseType.ChannelMessageWithSource)
				record.original = { ...cb.data };
			if (cb.type === InteractionResponseType.DeferredChannelMessageWithSource)
				record.original = { deferred: true, flags: cb.data?.flags ?? 0 };
			return url.searchParams.get("with_response") === "true"
				? reply(200, { interaction: { id: record.id, type: InteractionType.ApplicationCommand } })
				: reply(204);
		}
		if (p[0] === "webhooks" && p[1] === applicationId) {
			const record = interactions.get(p[2] ?? "");
			if (!record) return reply(404, { message: "Unknown Webhook", code: 10015 });
			const channelId = record.channelId;
			if (p[3] === "messages" && p[4] === "@original") {
				if (!record.original || record.deleted)
					return reply(404, { message: "Unknown Message", code: 10008 });
				if (method === "DELETE") {
					record.deleted = true;
					return reply(204);
				}
				if (method === "PATCH")
					record.original = { ...record.original, ...(body as object), deferred: false };
				return reply(200, { ...webhookMessage(channelId, record.original) });
			}
			if (method === "POST" && p.length === 3) {
				record.followups.push(body as Record<string, unknown>);
				return reply(200, webhookMessage(channelId, body as Record<string, unknown>));
			}
		}
		return reply(404, { message: `404: Not Found (${method} /${p.join("/")})`, code: 0 });
	}

	/** A message object for webhook answers, not stored among channel messages. */
	function webhookMessage(channelId: string, body: Record<string, unknown>): APIMessage {
		return { ...messageObject(channelId, body, 20), webhook_id: applicationId };
	}

	function onGateway(socket: WebSocket, req: IncomingMessage) {
		const query = new URL(req.url ?? "/", origin).searchParams;
		if (query.get("encoding") !== "json" || query.get("v") !== "10" || query.has("compress")) {
			socket.close(4012, "Invalid API version or encoding");
			return;
		}
		gw.connections += 1;
		gw.socket = socket;
		const sendOp = (payload: unknown) => socket.send(JSON.stringify(payload));
		sendOp({
			op: GatewayOpcodes.Hello,
			d: { heartbeat_interval: options.heartbeatIntervalMs ?? 41_250 },
			s: null,
			t: null,
		});
		socket.on("message", (data) => {
			const msg = JSON.parse(String(data)) as { op: number; d: Record<string, unknown> | null };
			if (msg.op === GatewayOpcodes.Heartbeat) {
				gw.heartbeats += 1;
				sendOp({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
			} else if (msg.op === GatewayOpcodes.Identify) {
				if (msg.d?.token !== token) return socket.close(4004, "Authentication failed.");
				gw.identifies += 1;
				if (options.neverReady) return changed();
				gw.sessionId = snowflake();
				gw.log = [];
				dispatch("READY", ready());
				dispatch("GUILD_CREATE", guildCreate());
			} else if (msg.op === GatewayOpcodes.Resume) {
				if (msg.d?.session_id !== gw.sessionId || msg.d?.token !== token) {
					return sendOp({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
				}
				gw.resumes += 1;
				// Replay what was dispatched while the client was away, then confirm.
				for (const payload of gw.log)
					if ((payload as { s: number }).s > Number(msg.d.seq)) sendOp(payload);
				dispatch("RESUMED", {});
			}
			changed();
		});
		socket.on("close", () => {
			if (gw.socket === socket) gw.socket = undefined;
			changed();
		});
	}

	function dispatch(t: string, d: unknown) {
		gw.seq += 1;
		const payload = { op: GatewayOpcodes.Dispatch, t, s: gw.seq, d };
		gw.log.push(payload);
		gw.socket?.send(JSON.stringify(payload));
	}

	function ready(): GatewayReadyDispatchData {
		return {
			v: 10,
			user: bot,
			guilds: [{ id: guildId, unavailable: true }],
			session_id: gw.sessionId,
			resume_gateway_url: gatewayUrl,
			shard: [0, 1],
			application: { id: applicationId, flags: 0 as ApplicationFlags, flags_new: "0" },
		};
	}

	const everyone: APIRole = {
		id: guildId,
		name: "@everyone",
		color: 0,
		colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
		hoist: false,
		icon: null,
		unicode_emoji: null,
		position: 0,
		permissions: String(MEMBER_PERMISSIONS),
		managed: false,
		mentionable: false,
		flags: 0 as RoleFlags,
	};
	function member(user: APIUser): APIGuildMember {
		return {
			user,
			nick: null,
			avatar: null,
			banner: null,
			roles: [],
			joined_at: "2024-01-01T00:00:00.000Z",
			premium_since: null,
			deaf: false,
			mute: false,
			flags: 0 as GuildMemberFlags,
			pending: false,
		};
	}

	function toApiChannel(c: FakeChannel): APIChannel {
		const base = {
			id: c.id,
			name: c.name,
			guild_id: guildId,
			flags: 0,
			position: 0,
			permission_overwrites: [],
			nsfw: false,
		};
		if (c.parentId) {
			return {
				...base,
				type: c.type as ChannelType.PublicThread,
				parent_id: c.parentId,
				owner_id: applicationId,
				last_message_id: null,
				rate_limit_per_user: 0,
				member_count: 1,
				message_count: 0,
				total_message_sent: 0,
				thread_metadata: {
					archived: false,
					auto_archive_duration: 1440,
					archive_timestamp: new Date().toISOString(),
					locked: false,
				},
			};
		}
		return {
			...base,
			type: c.type as ChannelType.GuildText,
			parent_id: null,
			topic: null,
			last_message_id: null,
			rate_limit_per_user: 0,
			default_auto_archive_duration: 1440,
		} as APIChannel;
	}

	function guildCreate(): GatewayGuildCreateDispatchData {
		const all = [...channels.values()];
		return {
			id: guildId,
			name: "Newsroom",
			icon: null,
			splash: null,
			discovery_splash: null,
			owner_id: snowflake(),
			afk_channel_id: null,
			afk_timeout: 300,
			verification_level: 0,
			default_message_notifications: 0,
			explicit_content_filter: 0,
			roles: [everyone],
			emojis: [],
			features: [],
			mfa_level: 0,
			application_id: null,
			system_channel_id: null,
			system_channel_flags: 0 as GuildSystemChannelFlags,
			rules_channel_id: null,
			vanity_url_code: null,
			description: null,
			banner: null,
			premium_tier: 0,
			preferred_locale: "en-US" as GatewayGuildCreateDispatchData["preferred_locale"],
			public_updates_channel_id: null,
			nsfw_level: 0,
			premium_progress_bar_enabled: false,
			safety_alerts_channel_id: null,
			stickers: [],
			hub_type: null,
			incidents_data: null,
			joined_at: "2024-01-01T00:00:00.000Z",
			large: false,
			unavailable: false,
			member_count: 2,
			voice_states: [],
			members: [member(bot)],
			channels: all
				.filter((c) => !c.parentId)
				.map(toApiChannel) as GatewayGuildCreateDispatchData["channels"],
			threads: all
				.filter((c) => c.parentId)
				.map(toApiChannel) as GatewayGuildCreateDispatchData["threads"],
			presences: [],
			stage_instances: [],
			guild_scheduled_events: [],
			soundboard_sounds: [],
		};
	}

	function resolvedChannel(
		c: FakeChannel,
		permissions: bigint,
		appPermissions: bigint,
	): APIInteractionDataResolvedChannel {
		const base = {
			id: c.id,
			name: c.name,
			permissions: String(permissions),
			app_permissions: String(appPermissions),
		};
		return c.parentId
			? {
					...base,
					type: c.type as ChannelType.PublicThread,
					parent_id: c.parentId,
					thread_metadata: {
						archived: false,
						auto_archive_duration: 1440,
						archive_timestamp: new Date().toISOString(),
						locked: false,
					},
				}
			: { ...base, type: c.type as ChannelType.GuildText };
	}

	/** Builds and dispatches one interaction; `focused` makes it an autocomplete request for that option. */
	function interact(
		name: string,
		values: Record<string, string | number | boolean>,
		opts: CommandOptions,
		focused?: string,
	) {
		const id = snowflake();
		const itoken = `itoken-${id}`;
		interactions.set(itoken, {
			id,
			token: itoken,
			channelId: opts.channelId,
			callbacks: [],
			original: undefined,
			deleted: false,
			followups: [],
		});
		const channel = channels.get(opts.channelId) ?? {
			id: opts.channelId,
			name: "unknown",
			type: ChannelType.GuildText,
		};
		const permissions = opts.permissions ?? MANAGER_PERMISSIONS;
		const appPermissions = opts.appPermissions ?? EVERYDAY_PERMISSIONS;
		const user: APIUser = {
			id: opts.userId ?? "700000000000000001",
			username: "editor",
			discriminator: "0",
			global_name: "Editor",
			avatar: null,
		};
		const resolvedChannels: Record<string, APIInteractionDataResolvedChannel> = {};
		const given = Object.entries(values).map(
			([key, value]): APIApplicationCommandInteractionDataOption => {
				const picked = key === "channel" ? channels.get(String(value)) : undefined;
				if (picked) {
					if (!opts.omitResolved) {
						resolvedChannels[picked.id] = resolvedChannel(picked, permissions, appPermissions);
					}
					return { name: key, type: ApplicationCommandOptionType.Channel, value: picked.id };
				}
				const type =
					typeof value === "number"
						? ApplicationCommandOptionType.Integer
						: typeof value === "boolean"
							? ApplicationCommandOptionType.Boolean
							: ApplicationCommandOptionType.String;
				return {
					name: key,
					type,
					value,
					...(key === focused ? { focused: true } : {}),
				} as APIApplicationCommandInteractionDataBasicOption;
			},
		);
		const options = (
			opts.subcommand
				? [{ type: ApplicationCommandOptionType.Subcommand, name: opts.subcommand, options: given }]
				: given
		) as APIApplicationCommandInteractionDataOption[];
		const registered = [...commands.values()].flat().find((c) => c.name === name);
		const data = {
			id: registered?.id ?? snowflake(),
			name,
			type: ApplicationCommandType.ChatInput,
			options,
			...(Object.keys(resolvedChannels).length ? { resolved: { channels: resolvedChannels } } : {}),
			...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
		};
		const common = {
			id,
			application_id: applicationId,
			token: itoken,
			version: 1,
			app_permissions: String(appPermissions),
			locale: opts.locale ?? "en-US",
			entitlements: [],
			attachment_size_limit: 26_214_400,
		};
		const payload = opts.dm
			? {
					...common,
					type: focused
						? InteractionType.ApplicationCommandAutocomplete
						: InteractionType.ApplicationCommand,
					data,
					channel: {
						id: opts.channelId,
						type: ChannelType.DM,
						recipients: [user],
						last_message_id: null,
						flags: 0,
					},
					channel_id: opts.channelId,
					user,
					context: InteractionContextType.BotDM,
					authorizing_integration_owners: { "1": user.id },
				}
			: {
					...common,
					type: focused
						? InteractionType.ApplicationCommandAutocomplete
						: InteractionType.ApplicationCommand,
					data,
					guild_id: guildId,
					guild: { id: guildId, locale: "en-US", features: [] },
					guild_locale: "en-US",
					channel: { ...toApiChannel(channel), permissions: String(permissions) },
					channel_id: channel.id,
					member: { ...member(user), permissions: String(permissions) },
					context: InteractionContextType.Guild,
					authorizing_integration_owners: { "0": guildId },
				};
		dispatch("INTERACTION_CREATE", payload as unknown as APIInteraction);
		return interactions.get(itoken) as InteractionRecord;
	}

	return {
		origin,
		/** What DISCORD_API_ROOT should be. */
		apiRoot: `${origin}/api`,
		gatewayUrl,
		token,
		applicationId,
		guildId,
		requests,
		messages,
		interactions,
		gateway: gw,
		rateLimit: limit,
		/** Registered commands by scope ("global" or a guild id). */
		commands,
		/** Bodies of the messages posted to a channel, oldest first. */
		messagesIn: (channelId: string) =>
			messages.filter((m) => m.channel_id === channelId).map((m) => m.body),
		addChannel(channel: FakeChannel) {
			channels.set(channel.id, channel);
		},
		/** A moderator deletes a message: later edits answer 10008 Unknown Message. */
		deleteByModerator(messageId: string) {
			changes.deletedMessages.add(messageId);
		},
		/** Whether the bot has Manage Messages (may pin) in a channel (default true). */
		setPinRights(channelId: string, allowed: boolean) {
			if (allowed) changes.noPinRights.delete(channelId);
			else changes.noPinRights.add(channelId);
		},
		/** Message ids pinned in a channel, oldest pin first. */
		pinnedIn: (channelId: string) => [...(changes.pins.get(channelId) ?? [])],
		/** PATCHes a message took. */
		editsOf: (messageId: string) => changes.edits.get(messageId) ?? 0,
		/** Whether a message was deleted. */
		isDeleted: (messageId: string) => changes.deletedMessages.has(messageId),
		/** Threads the bot created (thread placement). */
		threads: threadRoutes.threads,
		/** Archives a thread the bot created. */
		archiveThread: (id: string) => threadRoutes.archive(id),
		/** From now on, posting to this channel answers 404 Unknown Channel. */
		deleteChannel: (channelId: string) => deleted.add(channelId),
		...removalEvents({ guildId, channels, deleted, dispatch, toApiChannel }),
		/** Fails the next matching request(s), e.g. failNext("POST /channels/:id/messages", {...}). */
		failNext(routePattern: string, failure: FakeFailure) {
			const [method = "GET", path = ""] = routePattern.split(" ");
			failures.push({
				method,
				pattern: path.split("/").filter(Boolean),
				failure,
				left: failure.times ?? 1,
			});
		},
		/** The next post to `channelId` answers `outcome` in Discord's words (outcome-dialects.ts). */
		failNextAs(outcome: ScriptedOutcome, channelId: string) {
			const failure = discordFailureFor(outcome);
			if (!failure) throw new Error(`Discord has no way to answer "${outcome}"`);
			failures.push({
				method: "POST",
				pattern: ["channels", channelId, "messages"],
				failure,
				left: failure.times ?? 1,
			});
		},
		/** Forgets every scripted failure that has not happened yet. */
		clearFailures() {
			failures.length = 0;
		},
		/** Holds the next matching request until release() is called; resolves once it arrived. */
		hold(routePattern: string): Promise<() => void> {
			const [method = "GET", path = ""] = routePattern.split(" ");
			return new Promise((resolve) =>
				holds.push({ method, pattern: path.split("/").filter(Boolean), resolve }),
			);
		},
		/** Enforces a global limit of `perSecond` requests (0 turns it off). */
		setGlobalRateLimit(perSecond: number) {
			Object.assign(limit, { perSecond, windowStart: 0, used: 0, rejected: 0 });
		},
		/** Closes the gateway socket with a resumable code; discord.js reconnects and resumes. */
		dropGateway(code = 4000) {
			gw.socket?.close(code, "Dropped by the fake");
		},
		/** A slash command as a member in `opts.channelId` (or a DM) would send it. */
		command: (
			name: string,
			values: Record<string, string | number | boolean>,
			opts: CommandOptions,
		) => interact(name, values, opts),
		/** An autocomplete request while the user types into option `focused`. */
		autocomplete: (
			name: string,
			values: Record<string, string | number | boolean>,
			focused: string,
			opts: CommandOptions,
		) => interact(name, values, opts, focused),
		/** Resolves once `predicate` holds; re-checked after every request and gateway message. */
		waitFor(predicate: () => boolean): Promise<void> {
			if (predicate()) return Promise.resolve();
			return new Promise((resolve) => {
				const check = () => {
					if (!predicate()) return;
					events.off("change", check);
					resolve();
				};
				events.on("change", check);
			});
		},
		async close() {
			for (const client of wss.clients) client.terminate();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** A running fake Discord. */
export type DiscordFake = Awaited<ReturnType<typeof startDiscordFake>>;

/**
 * Gateway events about things going away (CHANNEL_DELETE, THREAD_DELETE, GUILD_DELETE). Each also
 * makes posts there answer 404 Unknown Channel from then on, as Discord would.
 */
function removalEvents(fake: {
	guildId: string;
	channels: Map<string, FakeChannel>;
	deleted: Set<string>;
	dispatch: (t: string, d: unknown) => void;
	toApiChannel: (c: FakeChannel) => APIChannel;
}) {
	const { guildId, channels, deleted, dispatch } = fake;
	const remove = (id: string) => {
		channels.delete(id);
		deleted.add(id);
	};
	return {
		/** The channel (or thread) was deleted; a channel's threads go with it, without events. */
		dispatchChannelDelete(channelId: string) {
			const channel = channels.get(channelId);
			if (!channel) throw new Error(`No channel ${channelId} in the fake guild`);
			const threads = [...channels.values()].filter((c) => c.parentId === channelId);
			for (const c of [channel, ...threads]) remove(c.id);
			if (channel.parentId) {
				dispatch("THREAD_DELETE", {
					id: channel.id,
					guild_id: guildId,
					parent_id: channel.parentId,
					type: channel.type,
				});
			} else {
				dispatch("CHANNEL_DELETE", { ...fake.toApiChannel(channel), guild_id: guildId });
			}
		},
		/**
		 * The bot was removed from the guild (or it was deleted); with `unavailable` the guild only
		 * went dark in an outage, and its channels stay.
		 */
		dispatchGuildDelete(options: { unavailable?: boolean } = {}) {
			if (options.unavailable) {
				dispatch("GUILD_DELETE", { id: guildId, unavailable: true });
				return;
			}
			for (const id of [...channels.keys()]) remove(id);
			dispatch("GUILD_DELETE", { id: guildId });
		},
	};
}
