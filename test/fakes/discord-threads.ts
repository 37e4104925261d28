/** Threads in the fake Discord: create (in a text channel or as a forum post), rename, archive, delete. */
import { type APIChannel, ChannelType } from "discord.js";
import type { FakeChannel } from "./discord-api.js";

/** A thread the bot created. */
export interface FakeThread {
	id: string;
	parentId: string;
	name: string;
	archived: boolean;
	/** The starter message of a forum post. */
	starter?: Record<string, unknown> | undefined;
}

/** What the thread routes need from the fake. */
export interface ThreadRouteDeps {
	channels: Map<string, FakeChannel>;
	deleted: Set<string>;
	guildId: string;
	snowflake: () => string;
	storeMessage: (channelId: string, body: unknown) => unknown;
}

/** Thread routes and state; route() returns false for requests that are not about threads. */
export function createThreadRoutes(deps: ThreadRouteDeps) {
	const threads = new Map<string, FakeThread>();
	const wire = (t: FakeThread): APIChannel =>
		({
			id: t.id,
			type: ChannelType.PublicThread,
			name: t.name,
			guild_id: deps.guildId,
			parent_id: t.parentId,
			flags: 0,
			thread_metadata: {
				archived: t.archived,
				auto_archive_duration: 10080,
				archive_timestamp: new Date().toISOString(),
				locked: false,
			},
		}) as unknown as APIChannel;
	return {
		threads,
		/** Archives a thread: posting to it answers 50083 until it is unarchived. */
		archive(id: string) {
			const t = threads.get(id);
			if (t) t.archived = true;
		},
		route(
			method: string,
			p: string[],
			body: unknown,
			reply: (s: number, b?: unknown) => void,
		): boolean {
			if (p[0] !== "channels") return false;
			const id = p[1] ?? "";
			const b = (body ?? {}) as {
				name?: string;
				archived?: boolean;
				message?: Record<string, unknown>;
			};
			if (method === "POST" && p[2] === "threads" && p.length === 3) {
				const parent = deps.channels.get(id);
				if (!parent || deps.deleted.has(id)) {
					reply(404, { message: "Unknown Channel", code: 10003 });
					return true;
				}
				if (parent.type === ChannelType.GuildForum && !b.message) {
					reply(400, {
						message: "Invalid Form Body: message required in forum channels",
						code: 50035,
					});
					return true;
				}
				const thread: FakeThread = {
					id: deps.snowflake(),
					parentId: id,
					name: String(b.name ?? ""),
					archived: false,
					starter: b.message,
				};
				threads.set(thread.id, thread);
				deps.channels.set(thread.id, {
					id: thread.id,
					name: thread.name,
					type: ChannelType.PublicThread,
					parentId: id,
				});
				reply(201, wire(thread));
				return true;
			}
			const thread = threads.get(id);
			if (!thread) return false;
			if (method === "PATCH" && p.length === 2) {
				if (typeof b.name === "string") thread.name = b.name;
				if (typeof b.archived === "boolean") thread.archived = b.archived;
				reply(200, wire(thread));
				return true;
			}
			if (method === "DELETE" && p.length === 2) {
				threads.delete(id);
				deps.deleted.add(id);
				reply(200, wire(thread));
				return true;
			}
			if (method === "POST" && p[2] === "messages" && thread.archived) {
				reply(400, { message: "Thread is archived", code: 50083 });
				return true;
			}
			return false;
		},
	};
}
