/**
 * Issue 11: an id migration. A blog already watched must not re-post its old entries because the
 * extractor now builds different ids for them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffEntries } from "../../src/detect/diff-entries.js";
import { extractEntries } from "../../src/extract/extract-entries.js";
import type { SeenSet } from "../../src/types.js";
import { makeEntry } from "../helpers.js";

const fixture = (name: string) =>
	readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const URL_ = "https://sport.example/live/marathon";

/** The same page one post later: a new post1, every other entry renumbered. */
function withNewPost(html: string): string {
	const renumbered = html.replace(/id="post(\d)"/g, (_, n: string) => `id="post${Number(n) + 1}"`);
	return renumbered.replace(
		'<div class="feed-item" id="post2">',
		'<div class="feed-item" id="post1"><time datetime="2024-04-21T11:20:00+01:00">11:20</time><h3>Women\'s winner</h3><p>The women\'s race is won in 2:16:16.</p></div>\n<div class="feed-item" id="post2">',
	);
}

describe("id migration (a page read by the old rules, then by the new)", () => {
	// Stored by the pre-issue-11 extractor: ids post1..post3 (positions), 3-field items.
	const oldSeen = JSON.parse(fixture("positional-ids.old-seen.json")) as SeenSet;

	it("the new rules give these entries other ids", () => {
		const ids = extractEntries(fixture("positional-ids.html"), URL_).entries.map((e) => e.id);
		expect(ids.some((id) => oldSeen.items.some((item) => item[0] === id))).toBe(false);
	});

	it("treats entries that match seen ones by time + text as seen, not new, and not removed", () => {
		const page = extractEntries(fixture("positional-ids.html"), URL_).entries;
		const diff = diffEntries(page, oldSeen);
		expect(diff.added).toEqual([]);
		expect(diff.edited).toEqual([]);
		expect(diff.removed).toEqual([]);
		expect(diff.movedIds.size).toBe(3);
		// The old ids are replaced, so they cannot match a second entry later.
		expect(diff.nextSeen.items.map((i) => i[0]).sort()).toEqual(page.map((e) => e.id).sort());
	});

	it("then reports only the really new post when the page renumbers", () => {
		const first = diffEntries(
			extractEntries(fixture("positional-ids.html"), URL_).entries,
			oldSeen,
		);
		const next = extractEntries(withNewPost(fixture("positional-ids.html")), URL_);
		const diff = diffEntries(next.entries, first.nextSeen);
		expect(diff.added.map((e) => e.headline)).toEqual(["Women's winner"]);
		expect(diff.edited).toEqual([]);
	});

	it("matches a new-format seen entry by text fingerprint when its time moved by whole hours", () => {
		const before = makeEntry(1, { id: "old-1", bodyText: "short" });
		const first = diffEntries([before], undefined);
		const hours = new Date((before.publishedAt as Date).getTime() - 2 * 3_600_000);
		// New id, a time fixed by two hours and a fuller body: the headline still names it.
		const after = makeEntry(1, { id: "new-1", publishedAt: hours, bodyText: "a fuller body" });
		const diff = diffEntries([after], first.nextSeen);
		expect(diff.added).toEqual([]);
		expect(diff.movedIds.get("new-1")).toBe("old-1");
	});

	it("does not take a different entry for a seen one (same headline, other time)", () => {
		const first = diffEntries([makeEntry(1, { id: "a", headline: "Goal!" })], undefined);
		const later = makeEntry(1, {
			id: "b",
			headline: "Goal!",
			publishedAt: new Date(Date.UTC(2024, 8, 11, 9, 17, 0)),
		});
		const diff = diffEntries([later], first.nextSeen);
		expect(diff.added.map((e) => e.id)).toEqual(["b"]);
	});

	it("does not match an entry still on the page", () => {
		const first = diffEntries([makeEntry(1, { id: "a" })], undefined);
		const copy = makeEntry(1, { id: "b" });
		const diff = diffEntries([makeEntry(1, { id: "a" }), copy], first.nextSeen);
		expect(diff.added.map((e) => e.id)).toEqual(["b"]);
	});
});

describe("first poll under new extraction rules", () => {
	/** A seen set as stored before rules versions and fingerprints existed. */
	const oldRecord = (entries: ReturnType<typeof makeEntry>[]): SeenSet => {
		const { nextSeen } = diffEntries(entries, undefined);
		return {
			items: nextSeen.items.map(([id, hash, at]) => [id, hash, at]),
			present: nextSeen.present,
		};
	};

	it("re-baselines texts that now read differently instead of reporting them as edits", () => {
		const seen = oldRecord([makeEntry(2), makeEntry(1)]);
		const fuller = [
			makeEntry(2, { bodyText: "Body 2, now with the markup's fuller text." }),
			makeEntry(1),
		];
		const diff = diffEntries(fuller, seen);
		expect(diff.edited).toEqual([]);
		expect(diff.added).toEqual([]);
		// From then on, an edit is an edit.
		const edited = [makeEntry(2, { bodyText: "Corrected." }), makeEntry(1)];
		expect(diffEntries(edited, diff.nextSeen).edited.map((e) => e.id)).toEqual(["e2"]);
	});

	it("treats entries the old rules missed as history, and only newer ones as new", () => {
		// Old rules read only the newest two (a partial JSON-LD); the new ones also read the rest.
		const seen = oldRecord([makeEntry(5), makeEntry(4)]);
		const all = [
			makeEntry(6),
			makeEntry(5),
			makeEntry(4),
			makeEntry(3),
			makeEntry(2),
			makeEntry(1),
		];
		const first = diffEntries(all, seen);
		expect(first.added.map((e) => e.id)).toEqual(["e6"]);
		// They are seen now: the next poll reports none of them.
		expect(diffEntries(all, first.nextSeen).added).toEqual([]);
	});

	it("matches an old record whose id and text both changed by its precise time", () => {
		const at = new Date(Date.UTC(2024, 8, 11, 8, 1, 17, 250));
		const seen = oldRecord([
			makeEntry(1, { id: "json-ld-copy", publishedAt: at, bodyText: "Short." }),
		]);
		const now = makeEntry(1, {
			id: "entry-1",
			publishedAt: at,
			headline: "Other words",
			bodyText: "Longer.",
		});
		expect(diffEntries([now], seen).added).toEqual([]);
		// A whole-minute time is too common to identify an entry by.
		const minute = new Date(Date.UTC(2024, 8, 11, 8, 1));
		const seenMinute = oldRecord([
			makeEntry(1, { id: "a", publishedAt: minute, bodyText: "Short." }),
		]);
		const other = makeEntry(1, {
			id: "b",
			publishedAt: minute,
			headline: "Other",
			bodyText: "Other.",
		});
		expect(diffEntries([other], seenMinute).movedIds.size).toBe(0);
	});
});
