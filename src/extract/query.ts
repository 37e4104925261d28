/**
 * CSS queries with compiled selectors. cheerio's `$(el).find(sel)` recompiles `sel` on every call,
 * which cost more than the whole DOM walk for 30 entries × 6 fields; css-select (the engine
 * cheerio uses) can reuse a compiled query.
 */

import { compile, is, selectAll, selectOne } from "css-select";
import type { DomElement, DomNode } from "./text.js";

type Compiled = ReturnType<typeof compile<DomNode, DomElement>>;

const cache = new Map<string, Compiled>();

function compiled(selector: string): Compiled {
	let query = cache.get(selector);
	if (query === undefined) {
		query = compile<DomNode, DomElement>(selector);
		cache.set(selector, query);
	}
	return query;
}

/** All descendants of `root` (not root itself) matching the selector, in document order. */
export function queryAll(root: DomNode, selector: string): DomElement[] {
	return selectAll<DomNode, DomElement>(compiled(selector), root);
}

/** First descendant of `root` matching the selector. */
export function queryOne(root: DomNode, selector: string): DomElement | undefined {
	return selectOne<DomNode, DomElement>(compiled(selector), root) ?? undefined;
}

/** Whether the element itself matches the selector. */
export function matches(el: DomElement, selector: string): boolean {
	return is<DomNode, DomElement>(el, compiled(selector));
}

/** Nearest ancestor (excluding the element) matching the selector. */
export function closestAncestor(el: DomElement, selector: string): DomElement | undefined {
	const query = compiled(selector);
	for (let p = el.parent; p !== null; p = p.parent) {
		if (p.type === "tag" && is<DomNode, DomElement>(p as DomElement, query)) return p as DomElement;
	}
	return undefined;
}
