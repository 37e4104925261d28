/**
 * Worker-thread entry of the extract pool: parses pages posted by the pool and posts back the
 * LiveBlog or the error, as structured-clone data. Runs one page at a time.
 */
import { parentPort } from "node:worker_threads";
import { NotALiveBlogError, RelayError } from "../errors.js";
import { extractEntries } from "./extract-entries.js";
import type { ExtractJob, ExtractReply } from "./extract-protocol.js";

const port = parentPort;
if (!port) throw new Error("extract-worker must run in a worker thread");

port.on("message", (job: ExtractJob) => {
	let reply: ExtractReply;
	try {
		const blog = extractEntries(job.body, job.pageUrl, {
			contentType: job.contentType,
			now: job.now,
		});
		reply = { id: job.id, ok: true, blog };
	} catch (error) {
		const err = error instanceof Error ? error : new Error(String(error));
		reply = {
			id: job.id,
			ok: false,
			error: {
				name: err.name,
				message: err.message,
				code: err instanceof RelayError ? err.code : undefined,
				tried: err instanceof NotALiveBlogError ? err.tried : undefined,
				embed: err instanceof NotALiveBlogError ? err.embed : undefined,
				stack: err.stack,
			},
		};
	}
	port.postMessage(reply);
});
port.postMessage({ ready: true });
