/**
 * Photo captions written as inline text right after an image (`<img><sup>… (EPA)</sup>`) stay out
 * of entry bodies, in markup entries, rich-text tickers and HTML strings (JSON-LD articleBody).
 */
import { describe, expect, it } from "vitest";
import { extractEntries } from "../../../src/extract/extract-entries.js";
import { htmlStringToText } from "../../../src/extract/html-text.js";

const URL_ = "https://news.example/live/floods";

describe("inline photo captions", () => {
	it("are dropped from the text of an HTML string, other inline text is kept", () => {
		const text = htmlStringToText(
			'<p>Water is rising.</p><p><img src="a.jpg"> <br><sup>Sandbags in the high street (PA)</sup></p><p>Read <em>this</em> too.</p>',
		);
		expect(text).toContain("Water is rising.");
		expect(text).toContain("Read this too.");
		expect(text).not.toContain("Sandbags");
	});

	it("are dropped from markup entries but an image followed by prose keeps the prose", () => {
		const post = (id: string, minute: number, inner: string) =>
			`<section id="${id}"><time datetime="2024-03-02T10:${minute}:00Z">x</time><h3>Headline ${id}</h3>${inner}</section>`;
		const html = `<html><body><div>${post(
			"p2",
			20,
			'<p>The river burst its banks.</p><p><img src="b.jpg"><small>Flooded fields near York (Getty)</small></p>',
		)}${post("p1", 10, '<p><img src="c.jpg"> Rescuers reached the village at dawn.</p>')}</div></body></html>`;
		const blog = extractEntries(html, URL_);
		const [p2, p1] = blog.entries;
		expect(p2?.bodyText).toBe("The river burst its banks.");
		expect(p1?.bodyText).toBe("Rescuers reached the village at dawn.");
	});

	it("are dropped from rich-text ticker entries", () => {
		const html = `<html lang="en-GB"><head><meta property="article:published_time" content="2014-12-31T17:00:00+00:00"></head><body><article>
<p><strong>17.00</strong> Divers are back in the water.</p>
<p><image src="d.jpg"></image><sup>Divers check their gear (AP)</sup></p>
<p><strong>16.30</strong> Weather has cleared over the search area.</p>
<p><strong>16.00</strong> The search resumes at first light.</p>
</article></body></html>`;
		const blog = extractEntries(html, URL_, { now: Date.parse("2014-12-31T18:00:00Z") });
		expect(blog.entries).toHaveLength(3);
		expect(blog.entries[0]?.bodyText).toBe("Divers are back in the water.");
		expect(blog.entries.some((e) => e.bodyText.includes("Divers check"))).toBe(false);
	});
});
