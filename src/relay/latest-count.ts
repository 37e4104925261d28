/** How many entries /latest shows: the default and the most, for every platform. */

/** Entries /latest shows when no count is given. */
export const LATEST_DEFAULT = 3;
/** Most entries /latest shows. */
export const LATEST_MAX = 10;

/** A /latest count made valid, and whether (which way) the asked number was out of range. */
export interface LatestCount {
	count: number;
	/** "above": more than LATEST_MAX was asked; "below": fewer than 1. */
	clamped: "above" | "below" | undefined;
}

/** Clamps an asked count to 1..LATEST_MAX; no count (or not a number) gives LATEST_DEFAULT. */
export function clampLatestCount(asked: number | undefined): LatestCount {
	if (asked === undefined || !Number.isFinite(asked)) {
		return { count: LATEST_DEFAULT, clamped: undefined };
	}
	const whole = Math.floor(asked);
	if (whole > LATEST_MAX) return { count: LATEST_MAX, clamped: "above" };
	if (whole < 1) return { count: 1, clamped: "below" };
	return { count: whole, clamped: undefined };
}
