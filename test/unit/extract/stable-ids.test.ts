/**
 * Issue 11, class 1 across polls: an entry's id and content hash do not depend on which sources list
 * it. Pages often put only the newest few updates in JSON-LD; an entry that drops out of that list
 * keeps the id it had while listed (else detection would see a "new" entry and edits would lose it).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contentHash } from "../../../src/detect/diff-entries.js";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import type { LiveBlog } from "../../../src/types.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");

/** id → content hash of every entry, in page order. */
const idsAndHashes = (blog: LiveBlog) => blog.entries.map((e) => [e.id, contentHash(e)]);

const LD = /(<script type="application\/ld\+json">)(.*?)(<\/script>)/s;

/** The page with the JSON-LD items of the updates `drop` taken out of the liveBlogUpdate list. */
function withoutLdItems(html: string, ...drop: number[]): string {
	const [, open, json, close] = LD.exec(html) ?? [];
	const ld = JSON.parse(json ?? "null") as { liveBlogUpdate: { url: string }[] };
	const kept = ld.liveBlogUpdate.filter((u) => !drop.some((n) => u.url.endsWith(`#update-${n}`)));
	expect(kept).toHaveLength(ld.liveBlogUpdate.length - drop.length);
	ld.liveBlogUpdate = kept;
	return html.replace(LD, () => `${open}${JSON.stringify(ld)}${close}`);
}

describe("ids that do not depend on which sources list the entry", () => {
	const url = "https://news.example/live/harbour-fire";
	const full = fixture("cross-source-copies.html");

	it("gives an entry the same id and content hash in and out of a partial JSON-LD list", () => {
		const listed = extractEntries(full, url);
		// A later poll: the JSON-LD lists only the newest update, the HTML still shows all three.
		const partial = extractEntries(withoutLdItems(full, 8811, 8810), url);
		expect(listed.sources).toEqual(["json-ld", "generic"]);
		expect(partial.sources).toEqual(["json-ld", "generic"]);
		expect(idsAndHashes(listed).map(([id]) => id)).toEqual([
			"entry-8812",
			"entry-8811",
			"entry-8810",
		]);
		expect(idsAndHashes(partial)).toEqual(idsAndHashes(listed));
	});

	it("gives the same ids whether the JSON-LD lists the newest updates or the oldest", () => {
		const newest = extractEntries(withoutLdItems(full, 8810), url);
		const oldest = extractEntries(withoutLdItems(full, 8812), url);
		expect(newest.sources).toEqual(["json-ld", "generic"]);
		expect(oldest.sources).toEqual(["json-ld", "generic"]);
		expect(idsAndHashes(oldest)).toEqual(idsAndHashes(newest));
		expect(idsAndHashes(newest)).toEqual(idsAndHashes(extractEntries(full, url)));
	});

	it("names entries the markup's way whether or not the partial JSON-LD items carry ids", () => {
		const sportUrl = "https://sport.example/live/deadline-day";
		const bare = fixture("partial-jsonld.html");
		// The same page with JSON-LD urls in another naming scheme than the HTML's e-NN ids.
		let n = 96;
		const named = bare.replace(/\{"@type":"BlogPosting",/g, () => {
			n--;
			return `{"@type":"BlogPosting","url":"${sportUrl}#update-${n}",`;
		});
		expect(named).toContain("#update-94");
		const a = extractEntries(bare, sportUrl);
		const b = extractEntries(named, sportUrl);
		expect(idsAndHashes(a).map(([id]) => id)).toEqual(["e-95", "e-94", "e-93", "e-92", "e-91"]);
		expect(b.sources).toEqual(["json-ld", "generic"]);
		expect(idsAndHashes(b)).toEqual(idsAndHashes(a));
	});
});
