/**
 * The page scan reads each element's attributes in one pass and carries the generic finder's
 * page-wide time check: it must say what mayHoldEntryTimes (its own walk over every node) says,
 * and pick the same profile candidates as asking every profile's selector of every element it
 * walks, on the saved pages, our fixtures and seeded random markup.
 */

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { DomHandler } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { mayHoldEntryTimes } from "../../../src/extract/extractors/generic-times.js";
import {
	isHintAttr,
	SITE_PROFILES,
	type SiteProfile,
} from "../../../src/extract/extractors/site-profiles.js";
import { DepthCappedParser } from "../../../src/extract/limit-nesting.js";
import { matches } from "../../../src/extract/query.js";
import { scanDocument } from "../../../src/extract/scan.js";
import { type DomElement, type DomNode, isElement } from "../../../src/extract/text.js";
import { htmlPagePaths } from "./tag-soup.js";

const OPTIONS = { xmlMode: false, decodeEntities: true } as const;

function parse(html: string): DomNode {
	const handler = new DomHandler(undefined, OPTIONS);
	new DepthCappedParser(handler, OPTIONS).end(html);
	return handler.root as unknown as DomNode;
}

/** Every profile's candidates by its selector alone, over the elements the scan walks into. */
function candidatesBySelector(root: DomNode): Map<string, DomElement[]> {
	const out = new Map<string, DomElement[]>();
	const stack: DomNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop() as DomNode;
		if (node.type !== "root") {
			if (node.type !== "tag") continue;
			for (const profile of SITE_PROFILES) {
				if (!matches(node, profile.entry)) continue;
				out.set(profile.name, [...(out.get(profile.name) ?? []), node]);
			}
			// The scan reads these for page facts and does not walk below them.
			if (node.name === "link" || node.name === "meta" || node.name === "title") continue;
		}
		const children = (node as DomElement).children;
		for (let i = children.length - 1; i >= 0; i--) {
			const child = children[i] as DomNode;
			if (isElement(child)) stack.push(child);
		}
	}
	return out;
}

/** The first `link` whose rel tokens (any case) include "canonical", by a walk of its own. */
function canonicalByWalk(root: DomNode): string | undefined {
	const stack: DomNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop() as DomNode;
		if (isElement(node) && node.name === "link") {
			const rel = node.attribs.rel?.toLowerCase().split(/\s+/) ?? [];
			if (rel.includes("canonical") && node.attribs.href !== undefined) return node.attribs.href;
		}
		const children = (node as DomElement).children ?? [];
		for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as DomNode);
	}
	return undefined;
}

function byName(candidates: ReadonlyMap<SiteProfile, DomElement[]>): Map<string, DomElement[]> {
	return new Map([...candidates].map(([profile, els]) => [profile.name, els]));
}

function expectSameAsWalks(html: string): void {
	const root = parse(html);
	const scan = scanDocument(root);
	expect(scan.entryTimes).toBe(mayHoldEntryTimes(root));
	expect(byName(scan.candidates)).toEqual(candidatesBySelector(root));
	expect(scan.canonical).toBe(canonicalByWalk(root));
}

// Time places in every spot a walk can reach or skip, and entry markup of every profile hint.
const PIECES: readonly string[] = [
	"<div>",
	"</div>",
	"<p>",
	"</p>",
	"<time>",
	"</time>",
	"<span>",
	"</span>",
	" 1726023840 ",
	"1726023840123",
	"17260238401",
	"\u00a01726023840\n",
	"\n\t  ",
	"x1726023840",
	"<title>",
	"</title>",
	"<svg><title>",
	"</title></svg>",
	"<head>",
	"</head>",
	"<script>",
	"<script type=application/ld+json>",
	"</script>",
	"<style>",
	"</style>",
	"<!-- 1726023840 -->",
	"<link rel=canonical href=x data-time=1>",
	"<link rel=CANONICAL href=y>",
	'<link rel="alternate canonical" href=z>',
	"<link rel=canonicals href=w>",
	"<meta data-timestamp=1 property=og:title content=t>",
	"<meta name=description>",
	"<div data-time-zone=x>",
	"<div data-published=2024>",
	"<div data-sort-time=1 id=a>",
	'<div id="post-1726023840">',
	'<div data-post-id="e1726023840123">',
	'<div data-id="1726023840">',
	'<div id="block-1" class="x">',
	'<article id="block-2">',
	"</article>",
	'<div class="live-event-entry">',
	'<div class="live-events__entry">',
	'<div data-test-id="live-blog-post">',
	'<article data-testid="content-post">',
	'<article class="lb-post" data-post-id="urn:1">',
	'<article class="liveblog-entry" id="id_7">',
	'<div id="liveblog-entry-3">',
	"<amp-live-list><div items>",
	'<div id="p9" class="liveblog-entry" data-sort-time="1">',
	"</div></amp-live-list>",
	'<div class="lx-stream-post">',
	'<section class="post__live-container">',
	"<my-embed data-x=1>",
	'<x-state big="[1]">',
	'<div itemtype="https://schema.org/LiveBlogPosting">',
	'<div typeof="BlogPosting" time="1">',
	'<ul class="key-events"><li><a href="#block-1">',
	"<h2>Key events</h2><ul><li><a href='#p9'>",
];

describe("page scan", () => {
	it("names every hint attribute of the profiles as one", () => {
		for (const profile of SITE_PROFILES) {
			if (profile.hint.attr !== undefined) expect(isHintAttr(profile.hint.attr[0])).toBe(true);
		}
		expect(isHintAttr("data-id")).toBe(false);
	});

	it("agrees with the walks on every saved page and fixture", () => {
		for (const file of htmlPagePaths()) expectSameAsWalks(readFileSync(file, "utf8"));
	});

	it("agrees with the walks on seeded random markup", () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (parts) => {
				expectSameAsWalks(parts.join(""));
			}),
			{ seed: 20261201, numRuns: 3000 },
		);
	});
});
