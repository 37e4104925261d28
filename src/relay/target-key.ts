/** Target identity: "platform:id" (plus "/thread" for Telegram forum topics). */
import type { Platform, Target } from "../types.js";

const PLATFORMS: readonly Platform[] = ["telegram", "discord", "console"];

/** Stable string key of a target, e.g. "telegram:-100123" or "telegram:-100123/7". */
export function targetKey(target: Target): string {
	return `${target.platform}:${target.id}${target.threadId ? `/${target.threadId}` : ""}`;
}

/** Inverse of targetKey; throws on a malformed key. */
export function parseTargetKey(key: string): Target {
	const match = /^([a-z]+):([^/]+)(?:\/(.+))?$/.exec(key);
	const platform = match?.[1] as Platform | undefined;
	if (!match || !platform || !PLATFORMS.includes(platform) || !match[2]) {
		throw new Error(`Malformed target key: ${key}`);
	}
	return match[3] ? { platform, id: match[2], threadId: match[3] } : { platform, id: match[2] };
}
