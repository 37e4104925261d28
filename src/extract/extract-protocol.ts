/** Messages between the extract pool and its workers; all structured-clone data (Dates included). */
import type { LiveBlog } from "../types.js";

/** One page to parse. */
export interface ExtractJob {
	id: number;
	body: string;
	pageUrl: string;
	contentType: string | undefined;
	/** Reference time for isLive, ms since epoch. */
	now: number;
}

/** An error thrown in the worker, flattened for the trip back. */
export interface SerializedError {
	name: string;
	message: string;
	/** RelayError code, when it was one. */
	code: string | undefined;
	/** NotALiveBlogError's extractors tried. */
	tried: string[] | undefined;
	/** NotALiveBlogError's embedded platform. */
	embed?: string | undefined;
	stack: string | undefined;
}

/** The worker's answer to one job. */
export type ExtractReply =
	| { id: number; ok: true; blog: LiveBlog }
	| { id: number; ok: false; error: SerializedError };
