/**
 * CSS matching with compiled selectors. cheerio's `$(el).find(sel)` recompiles `sel` on every
 * call, which cost more than the whole DOM walk for 30 entries × 6 fields; css-select (the engine
 * cheerio uses) can reuse a compiled query, and our own walks test each element once.
 */

import { compile, is } from "css-select";
import type { DomElement, DomNode } from "./text.js";

type Compiled = ReturnType<typeof compile<DomNode, DomElement>>;

const cache = new Map<string, Compiled>();

/** Whether the element itself matches the selector (compiled once per selector string). */
export function matches(el: DomElement, selector: string): boolean {
	let query = cache.get(selector);
	if (query === undefined) {
		query = compile<DomNode, DomElement>(selector);
		cache.set(selector, query);
	}
	return is<DomNode, DomElement>(el, query);
}
