/** Target identity: "platform:id" (plus "/thread" for Telegram forum topics). The store owns it. */
import { PLATFORMS, type Platform, type Target } from "../types.js";

declare const targetKeyBrand: unique symbol;

/**
 * A target's stable string key, e.g. "telegram:-100123" or "telegram:-100123/7". Branded so that
 * only `targetKey()` and `parseTargetKey()`-checked strings reach the repos keyed by it.
 */
export type TargetKey = string & { readonly [targetKeyBrand]: true };

// Bounded by the string itself: one pass, no nested or overlapping quantifiers.
const TARGET_KEY = /^([a-z]+):([^/]+)(?:\/(.+))?$/;

const isPlatform = (name: string | undefined): name is Platform =>
	(PLATFORMS as readonly string[]).includes(name ?? "");

/** Stable string key of a target, e.g. "telegram:-100123" or "telegram:-100123/7". */
export function targetKey(target: Target): TargetKey {
	return `${target.platform}:${target.id}${target.threadId ? `/${target.threadId}` : ""}` as TargetKey;
}

/** Inverse of targetKey; throws on a malformed key. */
export function parseTargetKey(key: string): Target {
	const match = TARGET_KEY.exec(key);
	const platform = match?.[1];
	if (!match || !isPlatform(platform) || !match[2]) {
		throw new Error(`Malformed target key: ${key}`);
	}
	return match[3] ? { platform, id: match[2], threadId: match[3] } : { platform, id: match[2] };
}

/** Checks a string read back from the store (or a test) and brands it; throws when malformed. */
export function asTargetKey(key: string): TargetKey {
	parseTargetKey(key);
	return key as TargetKey;
}
