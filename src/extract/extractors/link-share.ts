/** Link lists: timed teasers to other articles look like a ticker but are mostly link text. */

import { markedText } from "./marked-text.js";
import type { Draft } from "./ticker-drafts.js";

/** Above this share of link text an entry looks like a teaser. */
const LINK_LIST_SHARE = 0.7;

/** Share of a draft's text that sits inside links. */
function linkShare(d: Draft): number {
	const { all, marked } = markedText(d.parts.length > 0 ? d.parts : [d.idSource], isLink, 2000);
	return all === 0 ? 0 : marked / all;
}

function isLink(name: string): boolean {
	return name === "a";
}

/**
 * A list of timed links ("14:05 Headline" teasers to other articles) is not a ticker: true when
 * three in five drafts are mostly link text. Drafts are read only until the count is decided.
 */
export function isLinkList(drafts: readonly Draft[]): boolean {
	return isMostlyLinks(drafts, linkShare);
}

/** isLinkList with the share function given (tests compare it with counting every draft). */
export function isMostlyLinks<T>(drafts: readonly T[], share: (d: T) => number): boolean {
	const needed = drafts.length * 3;
	let linkLists = 0;
	let others = 0;
	for (const d of drafts) {
		if (linkLists * 5 >= needed) return true;
		if ((drafts.length - others) * 5 < needed) return false;
		if (share(d) > LINK_LIST_SHARE) linkLists++;
		else others++;
	}
	return linkLists * 5 >= needed;
}
