/**
 * `/follow url thread:true`: the blog gets its own thread in the channel (in a forum channel, its
 * own post), named after it, and its entries are posted there. A thread Discord archived (inactivity)
 * is unarchived before posting (see unarchiveAndRetry); a deleted one is made again once for the
 * next post (remakeDeletedThread), and the follow moves there with its settings.
 */
import {
	ChannelType,
	type ChatInputCommandInteraction,
	DiscordAPIError,
	MessageFlags,
	PermissionFlagsBits,
	type PermissionsBitField,
	type REST,
	Routes,
} from "discord.js";
import {
	type CommandActor,
	type DeliveryResult,
	type Locale,
	type Logger,
	type RelayCore,
	type RelayError,
	type SubscribeReply,
	type Target,
	t,
} from "../../src/index.js";

/** Discord's longest thread name. */
const THREAD_NAME_MAX = 100;
/** Discord's "Thread is archived" error. */
export const THREAD_ARCHIVED = 50083;

/** What a thread follow did. */
export type ThreadFollow =
	| { kind: "followed"; threadId: string; reply: Extract<SubscribeReply, { kind: "subscribed" }> }
	| { kind: "refused"; message: string };

function cut(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function provisionalName(url: string): string {
	try {
		return cut(`Live: ${new URL(url).hostname.replace(/^www\./, "")}`, THREAD_NAME_MAX);
	} catch {
		// Not a URL: the core refuses it and the thread is deleted right after.
		return "Live blog";
	}
}

/** Where /follow thread:true was asked for, and with which rights. */
export interface ThreadRequest {
	channelId: string;
	type: ChannelType | undefined;
	/** Our permissions in the channel (null: unknown, not held against us). */
	appPermissions: Readonly<PermissionsBitField> | null;
	actor: CommandActor;
	/** A core refusal in the channel's language. */
	describe: (error: RelayError) => string;
	/** The channel's language (its choice, else the user's client's). */
	locale: Locale;
}

/** Handles /follow thread:true: answers publicly like /follow, refusals privately through `refuse`. */
export async function followThread(
	interaction: ChatInputCommandInteraction,
	core: RelayCore,
	request: ThreadRequest,
	refuse: (interaction: ChatInputCommandInteraction, text: string) => Promise<void>,
): Promise<void> {
	await interaction.deferReply(request.actor.canManage ? {} : { flags: MessageFlags.Ephemeral });
	const url = interaction.options.getString("url", true);
	const done = await followInThread(interaction, core, request, url);
	if (done.kind === "refused") return refuse(interaction, done.message);
	const title = done.reply.blog.title.replace(/[*_~`|>[\]\\]/g, "\\$&");
	await interaction.editReply({
		content: t(request.locale, "placement.thread-follows", {
			thread: `<#${done.threadId}>`,
			blog: `**${title}** <${done.reply.blog.url}>`,
		}),
		allowedMentions: { parse: [] },
	});
}

/** Creates the blog's thread (or forum post), follows the blog there and names the thread after it. */
export async function followInThread(
	interaction: ChatInputCommandInteraction,
	core: RelayCore,
	{ channelId, type, appPermissions, actor, describe, locale }: ThreadRequest,
	url: string,
): Promise<ThreadFollow> {
	const isForum = type === ChannelType.GuildForum;
	if (
		type !== undefined &&
		!isForum &&
		type !== ChannelType.GuildText &&
		type !== ChannelType.GuildAnnouncement
	) {
		return {
			kind: "refused",
			message: t(locale, "placement.thread-channel-types"),
		};
	}
	if (!actor.canManage) {
		// The core words the refusal; no thread is made for it.
		const reply = await core.commands.subscribe({ platform: "discord", id: channelId }, url, actor);
		return {
			kind: "refused",
			message: reply.kind === "error" ? describe(reply.error) : "Not allowed.",
		};
	}
	const needed: [bigint, string][] = [
		[
			isForum ? PermissionFlagsBits.SendMessages : PermissionFlagsBits.CreatePublicThreads,
			isForum ? "Send Messages" : "Create Public Threads",
		],
		[PermissionFlagsBits.SendMessagesInThreads, "Send Messages in Threads"],
	];
	const missing = appPermissions
		? needed.filter(([flag]) => !appPermissions.has(flag)).map(([, name]) => name)
		: [];
	if (missing.length) {
		return {
			kind: "refused",
			message: t(locale, "placement.thread-missing-rights", {
				channel: `<#${channelId}>`,
				permissions: missing.join(", "),
			}),
		};
	}
	const rest = interaction.client.rest;
	const name = provisionalName(url);
	const thread = (await rest.post(Routes.threads(channelId), {
		body: isForum
			? {
					name,
					auto_archive_duration: 10080,
					message: {
						content: t(locale, "placement.thread-starter"),
						allowed_mentions: { parse: [] },
					},
				}
			: { name, type: ChannelType.PublicThread, auto_archive_duration: 10080 },
	})) as { id: string };
	const inThread: Target = { platform: "discord", id: thread.id };
	const reply = await core.commands.subscribe(inThread, url, actor);
	if (reply.kind === "error") {
		await rest.delete(Routes.channel(thread.id)).catch(() => {
			// An empty thread left behind is untidy, not harmful; the refusal below is what matters.
		});
		return { kind: "refused", message: describe(reply.error) };
	}
	await rest
		.patch(Routes.channel(thread.id), {
			body: { name: cut(reply.blog.title.trim() || name, THREAD_NAME_MAX) },
		})
		.catch(() => {
			// The provisional name stays: cosmetic.
		});
	// Remembered as the blog's own thread: deleted, it is made again once (remakeDeletedThread).
	await core.settings?.threadMade(inThread, channelId);
	return { kind: "followed", threadId: thread.id, reply };
}

/**
 * Posts with `send`; when Discord answers that the thread is archived, unarchives it and tries once
 * more (a thread archives itself after a week without messages).
 */
export async function unarchiveAndRetry<T>(
	rest: REST,
	channelId: string,
	send: () => Promise<T>,
): Promise<T> {
	try {
		return await send();
	} catch (error) {
		if (!(error instanceof DiscordAPIError) || error.code !== THREAD_ARCHIVED) throw error;
		await rest.patch(Routes.channel(channelId), { body: { archived: false } });
		return send();
	}
}

/**
 * After a post found `target` gone: when it is a followed thread that was deleted (and not made
 * again before), makes it again in its channel, named after its blog, with a plain note, and answers
 * "moved" so the follow (queue, settings) goes there and the post is sent again. Otherwise the
 * result stands (the follow ends).
 */
export async function remakeDeletedThread(
	rest: REST,
	/** A channel's type from the gateway's cache (undefined: not known, taken as a text channel). */
	channelType: (id: string) => ChannelType | undefined,
	core: RelayCore | undefined,
	target: Target,
	result: DeliveryResult,
	locale: Locale,
	log: Logger,
): Promise<DeliveryResult> {
	const settings = core?.settings;
	if (result.status !== "gone" || !core || !settings) return result;
	const parentId = await settings.parentOfDeletedThread(target);
	if (!parentId) return result;
	const list = await core.commands.list(target);
	// Nothing followed there any more (the blog ended): no thread just for its farewell.
	if (list.kind !== "list" || !list.blogs.length) return result;
	const name = cut(list.blogs[0]?.title.trim() || "Live blog", THREAD_NAME_MAX);
	const note = t(locale, "placement.thread-recreated");
	try {
		const isForum = channelType(parentId) === ChannelType.GuildForum;
		const thread = (await rest.post(Routes.threads(parentId), {
			body: isForum
				? {
						name,
						auto_archive_duration: 10080,
						message: { content: note, allowed_mentions: { parse: [] } },
					}
				: { name, type: ChannelType.PublicThread, auto_archive_duration: 10080 },
		})) as { id: string };
		if (!isForum) {
			await rest.post(Routes.channelMessages(thread.id), {
				body: { content: note, allowed_mentions: { parse: [] } },
			});
		}
		const to: Target = { platform: "discord", id: thread.id };
		await settings.threadRecreated(target, to);
		log.info({ from: target.id, to: thread.id, channel: parentId }, "made a deleted thread again");
		return { status: "moved", newId: thread.id };
	} catch (error) {
		// Its channel is gone too, or we may no longer make threads there: the follow ends.
		log.warn({ err: error, thread: target.id, channel: parentId }, "could not make a thread again");
		return result;
	}
}
