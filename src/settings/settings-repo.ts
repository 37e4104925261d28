/** Settings in the store: per target (defaults + each subscription's own), and per chat (zone, language). */

import { StoredValueError } from "../errors.js";
import type { ChangePreferencesOf } from "../relay/change-preferences.js";
import { KEYS } from "../store/keys.js";
import type { Store } from "../store/open-store.js";
import { versionedValue } from "../store/stored-value.js";
import { parseTargetKey, type TargetKey } from "../store/target-key.js";
import {
	type ChatSettings,
	effectiveSettings,
	type SettingsPatch,
	type SubscriptionSettings,
	type TargetSettings,
} from "./settings-model.js";
import { chatSettingsSchema, targetSettingsSchema } from "./settings-schemas.js";

const targetValue = versionedValue<TargetSettings>({
	kind: "target settings",
	current: targetSettingsSchema,
	legacy: targetSettingsSchema,
});

const chatValue = versionedValue<ChatSettings>({
	kind: "chat settings",
	current: chatSettingsSchema,
	legacy: chatSettingsSchema,
});

/** The chat a target belongs to: a forum topic shares its chat's time zone and language. */
export function chatKeyOf(targetKey: TargetKey): string {
	const { platform, id } = parseTargetKey(targetKey);
	return `${platform}:${id}`;
}

/** Which settings a change applies to: the target's defaults or one subscription's own. */
export type SettingsScope = { kind: "defaults" } | { kind: "blog"; blogKey: string };

/** Typed access to settings; every value read is checked (zod) and a bad one fails loudly. */
export class SettingsRepo {
	constructor(
		private readonly store: Store,
		/** Told about a corrupt settings value met at fan-out (the caller logs it loudly). */
		private readonly onCorrupt?: (error: StoredValueError, targetKey: TargetKey) => void,
	) {}

	/** What a target stores (empty when it never chose anything). */
	async target(tKey: TargetKey): Promise<TargetSettings> {
		const key = KEYS.targetSettings(tKey);
		const raw = await this.store.get<unknown>(key);
		return raw === undefined ? { defaults: {}, blogs: {} } : targetValue.parse(key, raw);
	}

	/** The settings in force for many targets' subscriptions to one blog (one read for all). */
	async effectiveMany(tKeys: TargetKey[], blogKey: string): Promise<SubscriptionSettings[]> {
		const keys = tKeys.map((t) => KEYS.targetSettings(t));
		const raws = await this.store.getMany<unknown>(keys);
		return raws.map((raw, i) => {
			try {
				return effectiveSettings(
					raw === undefined ? undefined : targetValue.parse(keys[i] ?? "", raw),
					blogKey,
				);
			} catch (error) {
				const tKey = tKeys[i];
				if (!(error instanceof StoredValueError) || !this.onCorrupt || !tKey) throw error;
				// One target's bad value must not hold up the blog for the others: it gets the defaults.
				this.onCorrupt(error, tKey);
				return effectiveSettings(undefined, blogKey);
			}
		});
	}

	/** The settings in force for one subscription (or, without a blog, the target's defaults). */
	async effective(tKey: TargetKey, blogKey?: string): Promise<SubscriptionSettings> {
		return effectiveSettings(await this.target(tKey), blogKey);
	}

	/** Applies a change (checked by the caller) to the defaults or one subscription; returns the new record. */
	async change(tKey: TargetKey, scope: SettingsScope, patch: SettingsPatch): Promise<void> {
		await this.rewrite(tKey, (current) => {
			if (scope.kind === "defaults") {
				return { ...current, defaults: { ...current.defaults, ...patch } };
			}
			const own = { ...current.blogs[scope.blogKey], ...patch };
			return { ...current, blogs: { ...current.blogs, [scope.blogKey]: own } };
		});
	}

	/** Forgets the choices of one scope: a subscription follows the defaults again, defaults the built-ins. */
	async reset(tKey: TargetKey, scope: SettingsScope): Promise<void> {
		await this.rewrite(tKey, (current) => {
			if (scope.kind === "defaults") return { ...current, defaults: {} };
			const { [scope.blogKey]: _dropped, ...blogs } = current.blogs;
			return { ...current, blogs };
		});
	}

	/** Drops one subscription's settings (unsubscribed). */
	dropBlog(tKey: TargetKey, blogKey: string): Promise<void> {
		return this.reset(tKey, { kind: "blog", blogKey });
	}

	/** Drops everything a target chose, chat settings included when it is the chat itself (target gone). */
	async dropTarget(tKey: TargetKey): Promise<void> {
		await this.store.delete(KEYS.targetSettings(tKey));
		if (!parseTargetKey(tKey).threadId) await this.store.delete(KEYS.chatSettings(chatKeyOf(tKey)));
	}

	/** Moves a target's settings to a new id (Telegram group → supergroup). */
	async move(from: TargetKey, to: TargetKey): Promise<void> {
		const settings = await this.target(from);
		const chat = await this.chat(from);
		await this.store.set(KEYS.targetSettings(to), targetValue.wrap(settings));
		if (Object.keys(chat).length)
			await this.store.set(KEYS.chatSettings(chatKeyOf(to)), chatValue.wrap(chat));
		await this.dropTarget(from);
	}

	/** The chat's time zone and language (shared by its topics). */
	async chat(tKey: TargetKey): Promise<ChatSettings> {
		const key = KEYS.chatSettings(chatKeyOf(tKey));
		const raw = await this.store.get<unknown>(key);
		return raw === undefined ? {} : chatValue.parse(key, raw);
	}

	/** Changes the chat's time zone or language; a field set to undefined goes back to the default. */
	async changeChat(tKey: TargetKey, patch: ChatSettings): Promise<void> {
		const key = KEYS.chatSettings(chatKeyOf(tKey));
		await this.store.update<unknown>(key, (raw) => {
			const current = raw === undefined ? {} : chatValue.parse(key, raw);
			const next = Object.fromEntries(
				Object.entries({ ...current, ...patch }).filter(([, v]) => v !== undefined),
			) as ChatSettings;
			return Object.keys(next).length ? chatValue.wrap(next) : undefined;
		});
	}

	/** The chat's language, if it chose one (else: English, or Discord's interaction locale). */
	async languageOf(tKey: TargetKey): Promise<string | undefined> {
		return (await this.chat(tKey)).language;
	}

	/** The chat's IANA time zone, if it chose one (else UTC). */
	async timeZoneOf(tKey: TargetKey): Promise<string | undefined> {
		return (await this.chat(tKey)).timeZone;
	}

	/** Edits, retractions and pins of one subscription (the core's ChangePreferencesOf port). */
	readonly changePreferencesOf: ChangePreferencesOf = async (tKey, blogKey) => {
		const { edits, retractions, pinKeyEvents } = await this.effective(tKey, blogKey);
		return { edits, retractions, pinKeyEvents };
	};

	private async rewrite(
		tKey: TargetKey,
		fn: (current: TargetSettings) => TargetSettings,
	): Promise<void> {
		const key = KEYS.targetSettings(tKey);
		await this.store.update<unknown>(key, (raw) => {
			const current = raw === undefined ? { defaults: {}, blogs: {} } : targetValue.parse(key, raw);
			const next = fn(current);
			const empty = !Object.keys(next.defaults).length && !Object.keys(next.blogs).length;
			return empty ? undefined : targetValue.wrap(next);
		});
	}
}
