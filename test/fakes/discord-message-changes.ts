/**
 * The fake Discord REST API's message changes: PATCH and DELETE of a channel message, and pins
 * (PUT/DELETE /channels/:id/messages/pins/:id), answered as Discord does (10008 Unknown Message,
 * 50013 Missing Permissions).
 */

/** A stored message as changes see it. */
export interface ChangeableMessage {
	id: string;
	channel_id: string;
	body: Record<string, unknown>;
}

/** What the changes need from the fake, and what they keep. */
export interface DiscordChangeState {
	messages: ChangeableMessage[];
	/** Message ids deleted (by the bot, or by a moderator through deleteByModerator). */
	deletedMessages: Set<string>;
	/** PATCHes applied per message id. */
	edits: Map<string, number>;
	pins: Map<string, string[]>;
	/** Channels where the bot lacks Manage Messages (pins refused). */
	noPinRights: Set<string>;
}

/** A fresh state over the fake's message list. */
export function discordChangeState(messages: ChangeableMessage[]): DiscordChangeState {
	return {
		messages,
		deletedMessages: new Set(),
		edits: new Map(),
		pins: new Map(),
		noPinRights: new Set(),
	};
}

/** Replies and says the route was handled. */
function answered(reply: (status: number, body?: unknown) => void, status: number, body: unknown) {
	reply(status, body);
	return true;
}

const UNKNOWN_MESSAGE = { message: "Unknown Message", code: 10008 };
const MISSING_PERMISSIONS = { message: "Missing Permissions", code: 50013 };

/** Handles a message-change route; false when `p` is not one. */
export function routeMessageChange(
	method: string,
	p: string[],
	body: unknown,
	state: DiscordChangeState,
	reply: (status: number, body?: unknown) => void,
): boolean {
	if (p[0] !== "channels" || p[2] !== "messages") return false;
	const channelId = p[1] ?? "";
	const isPin = p[3] === "pins" && p.length === 5;
	const messageId = (isPin ? p[4] : p[3]) ?? "";
	if (!isPin && p.length !== 4) return false;
	const message = state.messages.find((m) => m.id === messageId && m.channel_id === channelId);
	const live = message && !state.deletedMessages.has(messageId) ? message : undefined;
	if (isPin) {
		if (method !== "PUT" && method !== "DELETE") return false;
		if (state.noPinRights.has(channelId)) return answered(reply, 403, MISSING_PERMISSIONS);
		if (!live) return answered(reply, 404, UNKNOWN_MESSAGE);
		const pins = state.pins.get(channelId) ?? [];
		state.pins.set(
			channelId,
			method === "PUT"
				? [...pins.filter((id) => id !== messageId), messageId]
				: pins.filter((id) => id !== messageId),
		);
		reply(204);
		return true;
	}
	if (method === "PATCH") {
		if (!live) return answered(reply, 404, UNKNOWN_MESSAGE);
		live.body = { ...live.body, ...(body as Record<string, unknown>) };
		state.edits.set(messageId, (state.edits.get(messageId) ?? 0) + 1);
		reply(200, { id: live.id, channel_id: channelId, ...live.body });
		return true;
	}
	if (method === "DELETE") {
		if (!live) return answered(reply, 404, UNKNOWN_MESSAGE);
		state.deletedMessages.add(messageId);
		reply(204);
		return true;
	}
	return false;
}
