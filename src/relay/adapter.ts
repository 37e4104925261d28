/** The port between the core and the chat platforms: adapters implement PlatformAdapter, the core provides RelayCore. */
import type { Logger } from "pino";
import type { RelayError } from "../errors.js";
import type { Said } from "../i18n/catalogue.js";
import type { SettingsCommands } from "../settings/settings-service.js";
import type {
	DeliveryResult,
	Digest,
	EntryUpdate,
	MessageChange,
	Notice,
	Platform,
	Target,
} from "../types.js";
import type { Admission, CommandSender } from "./command-gate.js";

/** A blog as shown to users in replies. */
export interface BlogInfo {
	/** Canonical URL: the blog's identity. */
	url: string;
	title: string;
	/** "ok", "unreachable" (failing polls) or "ended" (retired live blog). */
	status: "ok" | "unreachable" | "ended";
	/** When polls started failing, for "unreachable since 10:42". */
	unreachableSince?: Date | undefined;
	/** When the newest entry was published. */
	lastEntryAt?: Date | undefined;
	/** The subscription's settings in one line, worded in the chat's language (list() fills it; src/settings). */
	settingsLine?: Said | undefined;
}

/** Who issued a command, for permission checks and per-user rate limits. */
export interface CommandActor {
	/** Platform user id; absent for channel posts. */
	userId?: string | undefined;
	/** The Discord server of the channel: the owner its per-owner limits count against. */
	guildId?: string | undefined;
	/** True when the adapter verified the actor may change this target's subscriptions. */
	canManage: boolean;
}

/** Reply of subscribe: the blog, its newest entry, and whether it was already subscribed. */
export type SubscribeReply =
	| {
			kind: "subscribed";
			blog: BlogInfo;
			newest: EntryUpdate | undefined;
			alreadySubscribed: boolean;
	  }
	| { kind: "error"; error: RelayError };

/** Reply of unsubscribe. */
export type UnsubscribeReply =
	| { kind: "unsubscribed"; blog: BlogInfo }
	| { kind: "error"; error: RelayError };

/** Reply of list: the target's blogs in subscription order (the numbering /unsubscribe N uses; blogsOf() matches it). */
export type ListReply =
	| {
			kind: "list";
			blogs: BlogInfo[];
			/** The bot may not pin key events here although asked to: say so (CANNOT_PIN_NOTE); set once. */
			cannotPin?: boolean | undefined;
	  }
	| { kind: "error"; error: RelayError };

/** Reply of latest: the newest n entries of one blog, newest first. */
export type LatestReply =
	| { kind: "updates"; blog: BlogInfo; updates: EntryUpdate[] }
	| { kind: "error"; error: RelayError };

/** Platform-neutral chat commands; adapters parse input into these and render the replies. */
export interface RelayCommands {
	/** Validate the URL, fetch it once, record the subscription and the blog's current entries as seen. */
	subscribe(target: Target, url: string, actor: CommandActor): Promise<SubscribeReply>;
	/** Remove one subscription; `urlOrIndex` is any form of the URL or a 1-based number from list(). */
	unsubscribe(target: Target, urlOrIndex: string, actor: CommandActor): Promise<UnsubscribeReply>;
	/** The target's blogs. */
	list(target: Target): Promise<ListReply>;
	/** Newest `count` entries (1..10) of `url` (or of the only subscribed blog), cut to `summaryLimit`. */
	latest(
		target: Target,
		url: string | undefined,
		count: number,
		summaryLimit: number,
	): Promise<LatestReply>;
}

/** What an adapter gets from the core when it starts. */
export interface RelayCore {
	readonly commands: RelayCommands;
	readonly log: Logger;
	/** Subscribed blogs of a target (for autocomplete), in the same order as list() (numbers match). */
	blogsOf(target: Target): Promise<BlogInfo[]>;
	/**
	 * Call first for every command (and any other message the bot would answer): applies the
	 * allow-lists and the per-user and per-chat command limits. Anything but "ok" means: do nothing
	 * else, and send the platform's short notice only when `notify` is true.
	 */
	admit(target: Target, sender: CommandSender): Admission;
	/** Records who added the bot to a chat: that user's limits then cover the chat's subscriptions. */
	recordChatOwner(target: Target, userId: string): Promise<void>;
	/**
	 * The target is no longer ours (bot removed or blocked, channel or server deleted): drops its
	 * subscriptions and pending deliveries now, instead of at the next failed post; `reason` is kept.
	 */
	forgetTarget(target: Target, reason: string): Promise<void>;
	/** Per-subscription and per-chat settings (issue 14); optional so a bare core still runs adapters. */
	readonly settings?: SettingsCommands | undefined;
}

/** A chat platform (or the terminal). The dispatcher, not the adapter, decides retry/unsubscribe policy. */
export interface PlatformAdapter {
	readonly platform: Platform;
	/** Longest summary (characters) this platform's message format holds comfortably. */
	readonly summaryLimit: number;
	/**
	 * A per-bot send limit shared by every instance (Telegram: 30 per second per token). The dispatcher
	 * reserves a slot in the store's coordinator before each post. Optional.
	 */
	readonly globalRateLimit?: { count: number; perMs: number } | undefined;
	/** Connect, register commands, and route them to `core.commands`. */
	start(core: RelayCore): Promise<void>;
	/** Post one update to one target; never throws for platform errors. */
	post(target: Target, update: EntryUpdate): Promise<DeliveryResult>;
	/** Post a notice about a blog (outage, recovery, end); wording from describeNotice(). Optional. */
	postNotice?(target: Target, notice: Notice): Promise<DeliveryResult>;
	/**
	 * Change a message posted earlier: edit it in place, retract it (strike through or delete), or pin
	 * it (unpinning the given previous pin, silently). A message that is gone (deleted by the chat's
	 * admins) answers delivered with `messageGone`, and nothing is posted instead; an edit the platform
	 * finds unchanged is delivered. No right to pin answers forbidden. Never throws for platform errors.
	 * Optional: platforms without it leave posted messages as they are.
	 */
	apply?(target: Target, change: MessageChange): Promise<DeliveryResult>;
	/**
	 * Post one digest part (held entries as headlines with links) as one message within the platform's
	 * limits. Optional: without it a digest is rejected (recorded as a delivery failure).
	 */
	postDigest?(target: Target, digest: Digest): Promise<DeliveryResult>;
	/** Characters of headlines and links one digest message holds (the core splits digests by it). */
	readonly digestBudget?: number | undefined;
	/** Stop receiving and release connections; idempotent. */
	stop(): Promise<void>;
}
