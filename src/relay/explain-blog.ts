/** `watch <url> --explain`: how the extractor read a page, in lines a user can paste into a report. */
import { formatDiagnostics } from "../extract/diagnostics.js";
import { extractWithDiagnostics } from "../extract/extract-entries.js";
import type { PageReader } from "./page-reader.js";

/** Fetches the page once through `reader` (same guard and limits as polling) and describes its extraction. */
export async function explainBlog(
	url: URL,
	reader: PageReader,
	now: Date = new Date(),
): Promise<string> {
	const fetched = await reader.fetchRaw(url);
	if (fetched.status !== "ok")
		return `--explain: ${url.href} answered "not modified"; nothing to read`;
	const { blog, error, diagnostics } = extractWithDiagnostics(fetched.body, fetched.finalUrl, {
		contentType: fetched.contentType,
		now,
	});
	const head = blog
		? `--explain: ${fetched.finalUrl} → "${blog.title}", ${blog.entries.length} entries (sources used: ${blog.sources.join(", ")})`
		: `--explain: ${fetched.finalUrl}: ${error ?? "no entries"}`;
	const newest = blog?.entries[0];
	const tail = newest
		? `\nNewest entry: ${newest.id} at ${newest.publishedAt?.toISOString() ?? "(no time)"} ${newest.headline ?? newest.bodyText.slice(0, 60)}`
		: "";
	return `${head}\n${formatDiagnostics(diagnostics)}${tail}\n`;
}
