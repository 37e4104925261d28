/** The one place that knows the store's key layout. Keys are namespaced and versioned. */
import { createHash } from "node:crypto";

/** Short stable key of a blog from its canonical URL. */
export function blogKeyOf(canonicalUrl: string): string {
	return createHash("sha1").update(canonicalUrl).digest("hex").slice(0, 20);
}

export const KEYS = {
	/** Index of every watched blog key. */
	blogIndex: () => "blogs:v1",
	/** BlogRecord. */
	blog: (blogKey: string) => `blog:v1:${blogKey}`,
	/** SeenSet of a blog. */
	seen: (blogKey: string) => `seen:v1:${blogKey}`,
	/** Newest entries of a blog, for /latest without a fetch. */
	recent: (blogKey: string) => `recent:v1:${blogKey}`,
	/** Target keys subscribed to a blog. */
	subs: (blogKey: string) => `subs:v1:${blogKey}`,
	/** Blog keys a target is subscribed to. */
	targetSubs: (targetKey: string) => `targetSubs:v1:${targetKey}`,
	/** Pending deliveries of a target, in order. */
	outbox: (targetKey: string) => `outbox:v1:${targetKey}`,
	/** Index of targets with pending deliveries. */
	outboxIndex: () => "outboxTargets:v1",
	/** Platform message id of a delivered entry (proof of delivery; used to edit later). */
	message: (targetKey: string, blogKey: string, entryId: string) =>
		`msg:v1:${targetKey}:${blogKey}:${entryId}`,
} as const;
