/**
 * The settings commands of the core, platform-neutral: view a target's settings, apply a parsed
 * request (changes only for those who may manage the target), and the chat's time zone and language.
 * Replies carry sentences worded in the chat's language when shown (the adapter knows it) and the
 * structured view (for keyboards).
 */
import type { Logger } from "pino";
import { type Said, said, t, verbatim } from "../i18n/catalogue.js";
import type { BlogInfo, CommandActor } from "../relay/adapter.js";
import type { SubscriptionRepo } from "../store/subscriptions.js";
import { type TargetKey, targetKey } from "../store/target-key.js";
import type { WatchStateRepo } from "../store/watch-state.js";
import type { Target } from "../types.js";
import { foldWords } from "./keyword-match.js";
import type { KeywordChange, ScopeArg, SettingsRequest } from "./settings-args.js";
import {
	type ChatSettings,
	DEFAULT_SETTINGS,
	effectiveSettings,
	type SettingsPatch,
	type SubscriptionSettings,
} from "./settings-model.js";
import type { SettingsRepo, SettingsScope } from "./settings-repo.js";
import { settingsPatchSchema } from "./settings-schemas.js";
import { describePatch, LANGUAGE_NAMES, settingsLine } from "./settings-words.js";
import type { ThreadGone, ThreadStateRepo } from "./thread-state.js";
import type { TopicStateRepo, TopicTrouble } from "./topic-state.js";

/** One subscription as the settings commands show it. */
export interface SubscriptionView {
	/** Its number in /list (1-based). */
	n: number;
	blogKey: string;
	blog: BlogInfo;
	/** The settings in force. */
	settings: SubscriptionSettings;
	/** What this subscription chose itself (the rest comes from the chat's defaults). */
	own: SettingsPatch;
}

/** A target's settings: its defaults, each subscription's, and the chat's zone and language. */
export interface SettingsView {
	defaults: SubscriptionSettings;
	blogs: SubscriptionView[];
	chat: ChatSettings;
}

/** What a settings command answers. */
export type SettingsReply =
	| { kind: "view"; view: SettingsView; lines: Said[] }
	| { kind: "changed"; view: SettingsView; lines: Said[] }
	| { kind: "refused"; message: Said };

/** The settings commands adapters call. */
export interface SettingsCommands {
	/** Runs a parsed request: anyone may view, only managers (actor.canManage) may change. */
	run(
		target: Target,
		actor: CommandActor | undefined,
		request: SettingsRequest,
	): Promise<SettingsReply>;
	/** The target's settings. */
	view(target: Target): Promise<SettingsView>;
	/** One line per subscription for /list and /following, in list order (undefined: built-in defaults). */
	lines(target: Target): Promise<(Said | undefined)[]>;
	/** The chat's language, if it chose one. */
	languageOf(target: Target): Promise<string | undefined>;
	/** The chat's time zone, if it chose one. */
	timeZoneOf(target: Target): Promise<string | undefined>;
	/**
	 * Records that a target's forum topic is closed or deleted (a deleted one pauses its
	 * subscriptions); true the first time, when the chat is to be told. Stored: said once per topic.
	 */
	topicTrouble(target: Target, trouble: TopicTrouble): Promise<boolean>;
	/** The chat's forum topics found deleted, as targets (their subscriptions are paused). */
	pausedTopics(chat: Target): Promise<Target[]>;
	/**
	 * Gives `to` the own settings `from` chose for the blog at `blogUrl` (a paused topic's subscription
	 * moving to a new topic); false when `from` does not follow it.
	 */
	carryOver(from: Target, to: Target, blogUrl: string): Promise<boolean>;
	/** Forgets a topic's trouble (its subscriptions moved or ended). */
	forgetTopic(target: Target): Promise<void>;
	/** Records a Discord thread made for a blog (/follow thread:true) in channel `parentId`. */
	threadMade(target: Target, parentId: string): Promise<void>;
	/**
	 * A Discord thread was deleted: "recreate" for a blog's own thread (made again at the next post)
	 * the first time; "end" for one made again already, or one the bot did not make.
	 */
	threadGone(target: Target): Promise<ThreadGone>;
	/** The channel to make a deleted thread again in, when it is waiting for that. */
	parentOfDeletedThread(target: Target): Promise<string | undefined>;
	/** Records that the deleted thread `from` was made again as `to`. */
	threadRecreated(from: Target, to: Target): Promise<void>;
}

/** Collaborators of the settings commands. */
export interface SettingsServiceDeps {
	settings: SettingsRepo;
	subs: SubscriptionRepo;
	state: WatchStateRepo;
	log: Logger;
	/** Closed and deleted forum topics. */
	topics: TopicStateRepo;
	/** Deleted (and remade) Discord threads. */
	threads: ThreadStateRepo;
	now: () => number;
	/** BlogInfo of a stored record (the one the other commands show). */
	toBlogInfo: (record: NonNullable<Awaited<ReturnType<WatchStateRepo["getBlog"]>>>) => BlogInfo;
}

/** Applies a keyword change to the lists in force. */
export function applyKeywords(
	current: Pick<SubscriptionSettings, "include" | "exclude">,
	change: KeywordChange,
): { include: string[]; exclude: string[] } {
	const same = (a: string, b: string) => foldWords(a).join(" ") === foldWords(b).join(" ");
	let include = change.clear ? [] : [...current.include];
	let exclude = change.clear ? [] : [...current.exclude];
	for (const word of change.include) {
		exclude = exclude.filter((w) => !same(w, word));
		if (!include.some((w) => same(w, word))) include.push(word);
	}
	for (const word of change.exclude) {
		include = include.filter((w) => !same(w, word));
		if (!exclude.some((w) => same(w, word))) exclude.push(word);
	}
	return { include, exclude };
}

/** "Time zone: Europe/Kyiv · language: Deutsch", worded when shown. */
function chatLine(chat: ChatSettings): Said {
	return (locale) =>
		t(locale, "settings.chat-line", {
			zone: chat.timeZone ?? "UTC",
			language: chat.language
				? (LANGUAGE_NAMES[chat.language] ?? chat.language)
				: t(locale, "settings.default-language"),
		});
}

/** Creates the settings commands over the store. */
export function createSettingsService(deps: SettingsServiceDeps): SettingsCommands {
	const { settings, subs, state, log } = deps;

	async function view(target: Target): Promise<SettingsView> {
		const tKey = targetKey(target);
		const keys = await subs.blogsOf(tKey);
		const records = await state.getBlogs(keys);
		const stored = await settings.target(tKey);
		// Numbered like /list: records that exist, in subscription order.
		const blogs = records
			.filter((r) => r !== undefined)
			.map((record, i) => ({
				n: i + 1,
				blogKey: record.key,
				blog: deps.toBlogInfo(record),
				settings: effectiveSettings(stored, record.key),
				own: stored.blogs[record.key] ?? {},
			}));
		return {
			defaults: effectiveSettings(stored, undefined),
			blogs,
			chat: await settings.chat(tKey),
		};
	}

	function viewLines(v: SettingsView, only?: SubscriptionView): Said[] {
		if (only) return [verbatim(`${only.n}. ${only.blog.title}`), settingsLine(only.settings)];
		return [
			chatLine(v.chat),
			said("settings.defaults-header"),
			settingsLine(v.defaults),
			...v.blogs.flatMap((b) => {
				const line = settingsLine(b.settings);
				const indented: Said = (locale) => `   ${line(locale)}`;
				return [verbatim(`${b.n}. ${b.blog.title}`), indented];
			}),
			...(v.blogs.length ? [] : [said("settings.no-blogs")]),
		];
	}

	function resolve(
		v: SettingsView,
		scope: ScopeArg,
	): { scope: SettingsScope; blog?: SubscriptionView } | Said {
		if (scope.kind === "defaults") return { scope: { kind: "defaults" } };
		const blog = v.blogs[scope.n - 1];
		if (!blog)
			return v.blogs.length
				? said("settings.bad-number", { number: scope.n })
				: said("settings.no-blogs");
		return { scope: { kind: "blog", blogKey: blog.blogKey }, blog };
	}

	async function change(
		target: Target,
		request: Exclude<SettingsRequest, { kind: "view" | "show-chat" }>,
	): Promise<SettingsReply> {
		const tKey: TargetKey = targetKey(target);
		if (request.kind === "timezone") {
			await settings.changeChat(tKey, { timeZone: request.timeZone });
			return {
				kind: "changed",
				view: await view(target),
				lines: [
					request.timeZone
						? said("settings.timezone-set", { zone: request.timeZone })
						: said("settings.timezone-utc"),
				],
			};
		}
		if (request.kind === "language") {
			await settings.changeChat(tKey, { language: request.language });
			return {
				kind: "changed",
				view: await view(target),
				lines: [
					request.language
						? said("settings.language-set", {
								language: LANGUAGE_NAMES[request.language] ?? request.language,
							})
						: said("settings.language-default"),
				],
			};
		}
		const before = await view(target);
		const where = resolve(before, request.scope);
		if (typeof where === "function") return { kind: "refused", message: where };
		if (request.kind === "reset") {
			await settings.reset(tKey, where.scope);
			const after = await view(target);
			return {
				kind: "changed",
				view: after,
				lines: [
					where.blog
						? said("settings.reset-blog", { title: where.blog.blog.title })
						: said("settings.reset-defaults"),
				],
			};
		}
		const inForce = where.blog?.settings ?? before.defaults;
		const patch: SettingsPatch =
			request.kind === "keywords" ? applyKeywords(inForce, request.change) : request.patch;
		// Checked again at the store's door: nothing invalid is ever written.
		const checked = settingsPatchSchema.safeParse(patch);
		if (!checked.success) {
			log.warn({ issues: checked.error.issues }, "refused an invalid settings change");
			return { kind: "refused", message: said("settings.usage") };
		}
		await settings.change(tKey, where.scope, checked.data);
		const after = await view(target);
		const now = where.blog ? after.blogs[where.blog.n - 1]?.settings : after.defaults;
		const head = where.blog
			? said("settings.changed-blog", { title: where.blog.blog.title })
			: said("settings.changed-defaults");
		return {
			kind: "changed",
			view: after,
			lines: [head, (locale) => describePatch(checked.data, now ?? after.defaults, locale)],
		};
	}

	return {
		view,
		async run(target, actor, request) {
			if (request.kind === "view") {
				const v = await view(target);
				if (!request.scope || request.scope.kind === "defaults")
					return { kind: "view", view: v, lines: viewLines(v) };
				const where = resolve(v, request.scope);
				if (typeof where === "function") return { kind: "refused", message: where };
				return { kind: "view", view: v, lines: viewLines(v, where.blog) };
			}
			if (request.kind === "show-chat") {
				const v = await view(target);
				return { kind: "view", view: v, lines: [chatLine(v.chat)] };
			}
			if (!actor?.canManage) return { kind: "refused", message: said("settings.admins-only") };
			return change(target, request);
		},
		async lines(target) {
			// Built-in defaults say nothing worth a line: only what someone chose is shown.
			const plain = JSON.stringify(DEFAULT_SETTINGS);
			return (await view(target)).blogs.map((b) =>
				JSON.stringify(b.settings) === plain ? undefined : settingsLine(b.settings),
			);
		},
		topicTrouble: (target, trouble) => deps.topics.mark(targetKey(target), trouble, deps.now()),
		async pausedTopics(chat) {
			const threads = await deps.topics.deletedTopics(targetKey(chat));
			return threads.map((threadId) => ({ platform: chat.platform, id: chat.id, threadId }));
		},
		async carryOver(from, to, blogUrl) {
			const blog = (await view(from)).blogs.find((b) => b.blog.url === blogUrl);
			if (!blog) return false;
			if (Object.keys(blog.own).length) {
				await settings.change(targetKey(to), { kind: "blog", blogKey: blog.blogKey }, blog.own);
			}
			return true;
		},
		forgetTopic: (target) => deps.topics.forget(targetKey(target)),
		threadMade: (target, parentId) => deps.threads.made(targetKey(target), parentId),
		threadGone: (target) => deps.threads.gone(targetKey(target), deps.now()),
		parentOfDeletedThread: (target) => deps.threads.parentOfDeleted(targetKey(target)),
		threadRecreated: (from, to) => deps.threads.recreated(targetKey(from), targetKey(to)),
		languageOf: (target) => settings.languageOf(targetKey(target)),
		timeZoneOf: (target) => settings.timeZoneOf(targetKey(target)),
	};
}
