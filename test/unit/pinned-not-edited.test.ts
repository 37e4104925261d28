/** Issue 16: a page's "Pinned" label is not entry text, so pinning an entry does not make it "edited". */
import { describe, expect, it } from "vitest";
import { diffEntries } from "../../src/detect/diff-entries.js";
import { extractEntries } from "../../src/extract/extract-entries.js";

const URL = "https://example.com/live";

function page(first: string): string {
	return `<html><head><title>Live</title></head><body><div class="feed">
<div id="post-2"><time datetime="2024-06-02T08:00:00Z"></time>${first}<h3>Two</h3><p>Second entry text, long enough to count.</p></div>
<div id="post-1"><time datetime="2024-06-02T07:00:00Z"></time><h3>One</h3><p>First entry text, long enough to count.</p></div>
</div></body></html>`;
}

describe("a pinned label", () => {
	const before = extractEntries(page(""), URL);
	const seen = diffEntries(before.entries, undefined).nextSeen;

	it.each([
		["a badge with a class", '<span class="post__pinned-badge">Pinned</span>'],
		["a data attribute", '<div data-pinned="true">Pinned post</div>'],
	])("in %s marks the entry pinned without an edit", (_what, badge) => {
		const after = extractEntries(page(badge), URL);
		const two = after.entries.find((e) => e.id === "post-2");
		expect(two?.pinned).toBe(true);
		expect(two?.bodyText).toBe("Second entry text, long enough to count.");
		const diff = diffEntries(after.entries, seen);
		expect(diff.edited).toEqual([]);
		expect(diff.added).toEqual([]);
	});

	it("still reports a real edit", () => {
		const edited = extractEntries(page("").replace("Second entry", "Corrected entry"), URL);
		expect(diffEntries(edited.entries, seen).edited.map((e) => e.id)).toEqual(["post-2"]);
	});

	it("keeps the text of a long 'pinned' wrapper (content, not a label)", () => {
		const wrapper = `<div class="pinned-content">${"Breaking: the bridge has reopened to traffic. ".repeat(2)}</div>`;
		const after = extractEntries(page(wrapper), URL);
		expect(after.entries.find((e) => e.id === "post-2")?.bodyText).toContain("bridge has reopened");
	});
});
