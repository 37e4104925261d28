/**
 * Hostile live-blog pages (issue 10 §2): each is a plausible LiveBlogPosting whose headline, body or
 * markup is a pathological input for a text step. Served by the tests' and benchmarks' local sites.
 */

/** One hostile page and what it attacks. */
export interface HostilePage {
	name: string;
	/** The step it used to freeze. */
	attacks: string;
	body: string;
}

function jsonLdPage(headline: string, articleBody: string, extraBody = ""): string {
	const ld = {
		"@context": "https://schema.org",
		"@type": "LiveBlogPosting",
		headline: "Hostile live",
		liveBlogUpdate: [
			{
				"@type": "BlogPosting",
				"@id": "#h1",
				headline,
				datePublished: "2024-09-11T08:00:00Z",
				articleBody,
			},
			{
				"@type": "BlogPosting",
				"@id": "#h2",
				headline: "An ordinary entry",
				datePublished: "2024-09-11T07:00:00Z",
				articleBody: "Nothing to see here. A second sentence.",
			},
		],
	};
	return `<!doctype html><html><head><title>Hostile live</title>
<script type="application/ld+json">${JSON.stringify(ld).replace(/</g, "\\u003c")}</script>
</head><body><h1>Hostile live</h1>${extraBody}</body></html>`;
}

/** An ordinary news paragraph, repeated to `chars` characters (sentence segmentation load). */
export function ordinaryProse(chars: number): string {
	const sentence =
		"The minister said on Tuesday that the talks would resume next week, according to officials. ";
	return sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
}

/** Every hostile page of the issue, at the sizes that froze the bot (scale < 1 shrinks them). */
export function hostilePages(scale = 1): HostilePage[] {
	const n = (count: number) => Math.max(1, Math.round(count * scale));
	return [
		{
			name: "dots-headline",
			attacks: "headline normalisation (trailing-punctuation regex)",
			body: jsonLdPage(`${".".repeat(n(100_000))}x`, "Body. Second sentence."),
		},
		{
			name: "read-more-body",
			attacks: "summary cleaning regex",
			body: jsonLdPage("Read more attack", `${"read more ".repeat(n(50_000))}.`),
		},
		{
			name: "ordinary-250k-body",
			attacks: "sentence segmentation over the whole body",
			body: jsonLdPage("Long body", ordinaryProse(n(250_000))),
		},
		{
			name: "mr-x-body",
			attacks: "abbreviation re-joining in the summary",
			body: jsonLdPage("Mr X attack", "Mr. X ".repeat(n(35_000))),
		},
		{
			name: "ampersand-run",
			attacks: "entity decoding",
			body: jsonLdPage(
				"Ampersands",
				`${"&".repeat(n(1_000_000))};`,
				`<p>${"&".repeat(n(1_000_000))};</p>`,
			),
		},
		{
			name: "unclosed-divs",
			attacks: "HTML parsing and tree walks",
			body: jsonLdPage("Deep", "Body. Second.", "<div>".repeat(n(200_000))),
		},
	];
}
