/**
 * `/subscribe <url> topic` in a forum supergroup: the blog gets its own topic, named after it
 * (createForumTopic, which needs the can_manage_topics right), and entries are posted there. Without
 * the right, or outside a forum, the subscription goes where the command was sent, as a plain
 * /subscribe does, and the reply says why.
 */
import { type Context, GrammyError } from "grammy";
import {
	type CommandActor,
	type Logger,
	type RelayCore,
	type Said,
	type SubscribeReply,
	said,
	type Target,
} from "../../src/index.js";

/** Telegram's longest topic name. */
const TOPIC_NAME_MAX = 128;

/** What a topic subscribe did: the core's reply, where it went, and a note when not to a new topic. */
export interface TopicSubscribe {
	reply: SubscribeReply;
	/** The new topic's id, when one was made. */
	threadId?: number | undefined;
	/** Where the entries go, or why elsewhere (no forum, no right to make topics); plain text. */
	note?: Said | undefined;
}

function cut(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A provisional topic name from the URL (the blog's title replaces it once known). */
function provisionalName(url: string): string {
	try {
		return cut(`Live: ${new URL(url).hostname.replace(/^www\./, "")}`, TOPIC_NAME_MAX);
	} catch {
		// Not a URL: the core refuses it anyway; the topic is deleted right after.
		return "Live blog";
	}
}

/** Subscribes `url` in a new topic of this forum, or where the command was sent when that cannot be. */
export async function subscribeInTopic(
	ctx: Context,
	core: RelayCore,
	target: Target,
	url: string,
	actor: CommandActor,
	log: Logger,
): Promise<TopicSubscribe> {
	const chat = ctx.chat;
	const isForum = chat?.type === "supergroup" && chat.is_forum === true;
	if (!chat || !isForum) {
		return {
			reply: await core.commands.subscribe(target, url, actor),
			note: said("placement.not-a-forum"),
		};
	}
	// A refusal (not an admin) needs no topic: the core says so.
	if (!actor.canManage) return { reply: await core.commands.subscribe(target, url, actor) };
	let threadId: number;
	try {
		threadId = (await ctx.api.createForumTopic(chat.id, provisionalName(url))).message_thread_id;
	} catch (error) {
		if (!(error instanceof GrammyError)) throw error;
		log.info(
			{ chat: chat.id, err: error.description },
			"cannot create a forum topic; subscribing here",
		);
		return {
			reply: await core.commands.subscribe(target, url, actor),
			note: said("placement.no-topic-right"),
		};
	}
	const inTopic: Target = { platform: "telegram", id: String(chat.id), threadId: String(threadId) };
	const reply = await core.commands.subscribe(inTopic, url, actor);
	if (reply.kind === "error") {
		// Nothing follows in it: the empty topic goes again.
		await ctx.api.deleteForumTopic(chat.id, threadId).catch((error: unknown) => {
			log.warn({ err: error, chat: chat.id, threadId }, "could not delete an unused forum topic");
		});
		return { reply };
	}
	const name = cut(reply.blog.title.trim() || provisionalName(url), TOPIC_NAME_MAX);
	await ctx.api.editForumTopic(chat.id, threadId, { name }).catch((error: unknown) => {
		// The provisional name stays: cosmetic.
		log.warn({ err: error, chat: chat.id, threadId }, "could not name the forum topic");
	});
	await movePausedTopics(core, inTopic, reply.blog.url, actor, log);
	return { reply, threadId, note: said("placement.in-topic", { name }) };
}

/**
 * The blog's subscriptions in this chat's deleted topics (paused) move to the new one: their own
 * settings come along, and the paused subscriptions end.
 */
async function movePausedTopics(
	core: RelayCore,
	to: Target,
	blogUrl: string,
	actor: CommandActor,
	log: Logger,
): Promise<void> {
	const settings = core.settings;
	if (!settings) return;
	for (const from of await settings.pausedTopics(to)) {
		if (from.threadId === to.threadId) continue;
		try {
			if (!(await settings.carryOver(from, to, blogUrl))) continue;
			await core.commands.unsubscribe(from, blogUrl, actor);
			if (!(await settings.view(from)).blogs.length) await settings.forgetTopic(from);
			log.info(
				{ chat: to.id, from: from.threadId, to: to.threadId },
				"moved a paused topic's blog",
			);
		} catch (error) {
			// The new topic works either way; the paused one stays paused and is tried again next time.
			log.warn({ err: error, chat: to.id, topic: from.threadId }, "could not move a paused topic");
		}
	}
}
