/** Link lists: timed teasers to other articles look like a ticker but are mostly link text. */

import type { DomNode } from "../text.js";
import type { Draft } from "./ticker-drafts.js";
import { trimmedLength } from "./trimmed-length.js";

/** Above this share of link text an entry looks like a teaser. */
const LINK_LIST_SHARE = 0.7;

/** Share of a draft's text that sits inside links. */
function linkShare(d: Draft): number {
	// Two plain stacks (node, inside a link) rather than a pair object per node.
	const stack: DomNode[] = d.parts.length > 0 ? [...d.parts] : [d.idSource];
	const inLinks: boolean[] = stack.map(() => false);
	let all = 0;
	let linked = 0;
	let budget = 2000;
	while (stack.length > 0 && budget-- > 0) {
		const node = stack.pop() as DomNode;
		const inLink = inLinks.pop() as boolean;
		if (node.type === "text") {
			const n = trimmedLength(node.data);
			all += n;
			if (inLink) linked += n;
		} else if (node.type === "tag") {
			const isLink = inLink || node.name === "a";
			for (const child of node.children) {
				stack.push(child);
				inLinks.push(isLink);
			}
		}
	}
	return all === 0 ? 0 : linked / all;
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
