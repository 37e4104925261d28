/**
 * Photo captions written as plain inline text right after the image (2014-era CMSs:
 * `<img …><sup>Relatives pray at the airport (EPA)</sup>`). They describe the picture, not the
 * news, so bodies leave them out just like `<figcaption>` and caption/credit classes.
 */

import type { DomElement, DomNode } from "./text.js";

/** Elements that show a picture or a video. */
export const MEDIA_TAGS: ReadonlySet<string> = new Set([
	"img",
	"image",
	"amp-img",
	"picture",
	"video",
]);
/** Inline elements a CMS wraps a caption or credit in when it has no figure markup. */
export const CAPTION_TAGS: ReadonlySet<string> = new Set([
	"sup",
	"small",
	"cite",
	"span",
	"em",
	"i",
]);

/** CAPTION_TAGS.has(name) by compares: every element is asked, and hashing its name costs more. */
export function isCaptionTag(name: string): boolean {
	switch (name.length) {
		case 1:
			return name === "i";
		case 2:
			return name === "em";
		case 3:
			return name === "sup";
		case 4:
			return name === "span" || name === "cite";
		case 5:
			return name === "small";
		default:
			return false;
	}
}

function isBlankText(node: DomNode): boolean {
	return node.type === "text" && node.data.trim() === "";
}

/**
 * True for an inline caption element whose previous sibling (past blank text and `<br>`) is an
 * image: the text under a picture. Other inline elements after an image stay body text.
 */
export function isInlineCaption(el: DomElement): boolean {
	if (!isCaptionTag(el.name)) return false;
	for (let n = el.prev as DomNode | null; n !== null; n = n.prev as DomNode | null) {
		if (isBlankText(n)) continue;
		if (n.type !== "tag") return false;
		if (n.name === "br") continue;
		return MEDIA_TAGS.has(n.name);
	}
	return false;
}
