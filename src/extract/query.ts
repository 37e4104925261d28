/**
 * CSS matching with compiled selectors. cheerio's `$(el).find(sel)` recompiles `sel` on every
 * call, which cost more than the whole DOM walk for 30 entries × 6 fields; css-select (the engine
 * cheerio uses) can reuse a compiled query, and our own walks test each element once.
 */

import { compile, is } from "css-select";
import type { DomElement, DomNode } from "./text.js";

/** What the last compound of one comma-separated part needs: a tag, a class text, an attribute. */
interface Need {
	tag?: string | undefined;
	cls?: string | undefined;
	attr?: string | undefined;
}

interface Matcher {
	query: ReturnType<typeof compile<DomNode, DomElement>>;
	/** Necessary conditions, one per selector part; undefined when the selector is too complex. */
	needs: Need[] | undefined;
}

const cache = new Map<string, Matcher>();

// Most elements fail on their tag, class or attribute; checking that first skips css-select's call.
function needsOf(selector: string): Need[] | undefined {
	// Pseudo-classes and quoted commas would break the naive split below; no shortcut for those.
	if (/[()]/.test(selector) || /["'][^"']*,/.test(selector)) return undefined;
	const needs: Need[] = [];
	for (const part of selector.split(",")) {
		const last =
			part
				.trim()
				.split(/[\s>+~]+/)
				.pop() ?? "";
		const need: Need = {
			tag: /^[a-z][\w-]*/i.exec(last)?.[0]?.toLowerCase(),
			cls: /\.([\w-]+)/.exec(last)?.[1],
			attr: /\[([\w-]+)/.exec(last)?.[1]?.toLowerCase(),
		};
		if (need.tag === undefined && need.cls === undefined && need.attr === undefined)
			return undefined;
		needs.push(need);
	}
	return needs;
}

function mayMatch(el: DomElement, needs: Need[]): boolean {
	for (const need of needs) {
		if (need.tag !== undefined && el.name !== need.tag) continue;
		if (need.cls !== undefined && el.attribs.class?.includes(need.cls) !== true) continue;
		if (need.attr !== undefined && !Object.hasOwn(el.attribs, need.attr)) continue;
		return true;
	}
	return false;
}

/** Whether the element itself matches the selector (compiled once per selector string). */
export function matches(el: DomElement, selector: string): boolean {
	let matcher = cache.get(selector);
	if (matcher === undefined) {
		matcher = { query: compile<DomNode, DomElement>(selector), needs: needsOf(selector) };
		cache.set(selector, matcher);
	}
	if (matcher.needs !== undefined && !mayMatch(el, matcher.needs)) return false;
	return is<DomNode, DomElement>(el, matcher.query);
}
