/** One walk over the parsed page that collects every page-level fact and entry candidate. */

import { profilesOf, type SiteProfile } from "./extractors/site-profiles.js";
import { type DomElement, type DomNode, isElement } from "./text.js";

/** What the page scan found. */
export interface PageScan {
	/** Text of each `application/ld+json` script. */
	ldJson: string[];
	/** Text of `script#__NEXT_DATA__`. */
	nextData?: string | undefined;
	/** `link[rel=canonical]` href as written. */
	canonical?: string | undefined;
	ogTitle?: string | undefined;
	/** The document `<title>` (not SVG titles). */
	title?: string | undefined;
	/** Entry containers per site profile, in document order. */
	candidates: Map<SiteProfile, DomElement[]>;
}

function textContent(el: DomElement): string {
	let out = "";
	for (const child of el.children) if (child.type === "text") out += child.data;
	return out;
}

function hasToken(value: string | undefined, token: string): boolean {
	return value?.toLowerCase().split(/\s+/).includes(token) === true;
}

function readScript(el: DomElement, scan: PageScan): void {
	const type = el.attribs.type?.toLowerCase().trim();
	if (type === "application/ld+json") scan.ldJson.push(textContent(el));
	else if (el.attribs.id === "__NEXT_DATA__") scan.nextData ??= textContent(el);
}

/** Collects scripts, canonical link, titles and profile entry candidates in a single pass. */
export function scanDocument(root: DomNode): PageScan {
	const scan: PageScan = { ldJson: [], candidates: new Map() };
	// Explicit stack: garbage HTML can nest deeper than the call stack allows.
	const stack: DomNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop() as DomNode;
		if (node.type === "script") {
			readScript(node as DomElement, scan);
			continue;
		}
		if (node.type === "tag") {
			switch (node.name) {
				case "link":
					if (hasToken(node.attribs.rel, "canonical")) scan.canonical ??= node.attribs.href;
					continue;
				case "meta":
					if (node.attribs.property === "og:title") scan.ogTitle ??= node.attribs.content;
					continue;
				case "title":
					if (scan.title === undefined && (node.parent as DomElement | null)?.name === "head") {
						scan.title = textContent(node);
					}
					continue;
			}
			for (const profile of profilesOf(node)) {
				const list = scan.candidates.get(profile);
				if (list === undefined) scan.candidates.set(profile, [node]);
				else list.push(node);
			}
		} else if (node.type !== "root") {
			continue;
		}
		const children = (node as DomElement).children;
		for (let i = children.length - 1; i >= 0; i--) {
			const child = children[i] as DomNode;
			if (isElement(child)) stack.push(child);
		}
	}
	return scan;
}
