/**
 * The fake Bot API's message changes: editMessageText, editMessageCaption, deleteMessage,
 * pinChatMessage and unpinChatMessage, answered in Telegram's own words (not modified, not found,
 * no text to edit, not enough rights), plus sendPhoto so a post can be a photo with a caption.
 */

/** A message the fake holds, as changes see it. */
export interface HeldMessage {
	message_id: number;
	chat_id: string;
	text: string;
	/** Set on photo posts: the text is a caption. */
	photo?: string | undefined;
	/** How many edits it took. */
	edits: number;
	/** Deleted (by the bot, or by the chat's admins through deleteByAdmin). */
	deleted?: boolean | undefined;
}

/** A Bot API error answer. */
export interface ChangeError {
	error_code: number;
	description: string;
}

/** State of the changes: pins per chat, and who may pin. */
export interface ChangeState {
	find(chatId: string, messageId: number): HeldMessage | undefined;
	pins: Map<string, number[]>;
	/** Chats where the bot may not pin. */
	noPinRights: Set<string>;
}

/** The methods handled here. */
export const CHANGE_METHODS = new Set([
	"editMessageText",
	"editMessageCaption",
	"deleteMessage",
	"pinChatMessage",
	"unpinChatMessage",
]);

const bad = (description: string): ChangeError => ({
	error_code: 400,
	description: `Bad Request: ${description}`,
});

/** Applies one change; returns Telegram's result or its error. */
export function applyChange(
	method: string,
	payload: Record<string, unknown>,
	state: ChangeState,
): { result: unknown } | { error: ChangeError } {
	const chatId = String(payload.chat_id);
	const message = state.find(chatId, Number(payload.message_id));
	const live = message && !message.deleted ? message : undefined;
	switch (method) {
		case "editMessageText": {
			if (!live) return { error: bad("message to edit not found") };
			if (live.photo) return { error: bad("there is no text in the message to edit") };
			const text = String(payload.text);
			if (text === live.text) {
				return {
					error: bad(
						"message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
					),
				};
			}
			live.text = text;
			live.edits++;
			return { result: { message_id: live.message_id, text } };
		}
		case "editMessageCaption": {
			if (!live) return { error: bad("message to edit not found") };
			if (!live.photo) return { error: bad("there is no caption in the message to edit") };
			const caption = String(payload.caption ?? "");
			if (caption === live.text) return { error: bad("message is not modified") };
			live.text = caption;
			live.edits++;
			return { result: { message_id: live.message_id, caption } };
		}
		case "deleteMessage":
			if (!live) return { error: bad("message to delete not found") };
			live.deleted = true;
			return { result: true };
		case "pinChatMessage": {
			if (state.noPinRights.has(chatId)) {
				return { error: bad("not enough rights to manage pinned messages in the chat") };
			}
			if (!live) return { error: bad("message to pin not found") };
			const pins = state.pins.get(chatId) ?? [];
			if (!pins.includes(live.message_id)) pins.push(live.message_id);
			state.pins.set(chatId, pins);
			return { result: true };
		}
		case "unpinChatMessage": {
			if (state.noPinRights.has(chatId)) {
				return { error: bad("not enough rights to manage pinned messages in the chat") };
			}
			const pins = state.pins.get(chatId) ?? [];
			const id = Number(payload.message_id);
			if (!pins.includes(id)) return { error: bad("message to unpin not found") };
			state.pins.set(
				chatId,
				pins.filter((p) => p !== id),
			);
			return { result: true };
		}
		default:
			return { error: bad(`method ${method} not handled`) };
	}
}
