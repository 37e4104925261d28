/**
 * At start-up, brings forward next polls that wait too long (see recordOnRestart): failing blogs are
 * tried again within a minute and a half, spread at random, instead of whenever an earlier run or an
 * older version (30-minute backoff) had planned.
 */
import type { Logger } from "pino";
import type { WatchStateRepo } from "../store/watch-state.js";
import { recordOnRestart } from "./lifecycle.js";

/** Rewrites the next poll of every blog that recordOnRestart brings forward; resolves to how many. */
export async function bringPollsForward(
	state: WatchStateRepo,
	now: number,
	log: Logger,
	random: () => number = Math.random,
): Promise<number> {
	const keys = await state.listBlogKeys();
	const records = await state.getBlogs(keys);
	let moved = 0;
	for (const record of records) {
		if (!record || recordOnRestart(record, now, () => 0) === record) continue;
		// Re-read under the lock: a poll of another instance may have changed the record meanwhile.
		await state.updateBlog(record.key, (current) => recordOnRestart(current, now, random));
		moved++;
	}
	if (moved > 0) log.info({ blogs: moved }, "next polls brought forward after the restart");
	return moved;
}
