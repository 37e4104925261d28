/**
 * Live blogs rendered in the browser from app state embedded in the page: a JSON script
 * (`<script type="application/json">`, Nuxt, Arc/Fusion), an assignment
 * (`window.__INITIAL_STATE__ = {…};`) or a custom element's JSON attribute (an embed's
 * `initialData="{…}"`). The state is searched for the largest array of post-like
 * objects (see embedded-data.ts). Read only when nothing else on the page gave entries: app state
 * also holds related-article lists, which look like posts.
 */

import type { ExtractContext, ExtractorResult } from "../raw-entry.js";
import type { DomElement } from "../text.js";
import { extractPostArrays } from "./embedded-data.js";

/** Scripts looked at, and the bytes parsed in all: app state is big, a hostile page bigger. */
const MAX_SCRIPTS = 12;
const MAX_STATE_CHARS = 8_000_000;
// "window.__STATE__ = {", "Fusion.globalContent={", "var __data = {": a name, "=", an object.
const ASSIGNMENT = /[\w$\]'"]\s*=\s*(?=[{[])/g;
/** Assignments tried per script ("window.X = window.X || {}; X.state = {…}"). */
const MAX_ASSIGNMENTS = 4;

/** True for a script that may hold app state (checked on every script of the page scan: cheap). */
export function mayHoldState(el: DomElement): boolean {
	const type = el.attribs.type?.toLowerCase().trim();
	if (type === "application/json") return el.attribs.id !== "__NEXT_DATA__";
	if (type !== undefined && type !== "" && !type.includes("javascript")) return false;
	return el.attribs.src === undefined;
}

function scriptText(el: DomElement): string {
	let out = "";
	for (const child of el.children) if (child.type === "text") out += child.data;
	return out;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		// Object literals with functions or undefined are code, not data: nothing to read.
		return undefined;
	}
}

/** The JSON value a state script holds, or undefined (JavaScript that is not plain JSON). */
function stateValue(text: string): unknown {
	const whole = text.trim();
	if (whole.startsWith("{") || whole.startsWith("[")) return parseJson(whole);
	let tried = 0;
	for (const m of text.matchAll(ASSIGNMENT)) {
		if (tried++ >= MAX_ASSIGNMENTS) break;
		const from = (m.index ?? 0) + m[0].length;
		// The value runs to the script's end, or to its last closing brace (code may follow).
		const value =
			parseJson(withoutSemicolon(text.slice(from).trim())) ??
			parseJson(text.slice(from, text.lastIndexOf("}") + 1));
		if (typeof value === "object" && value !== null) return value;
	}
	return undefined;
}

/** The statement's text without its closing semicolon (a trimmed tail: no regex scan needed). */
function withoutSemicolon(tail: string): string {
	return tail.endsWith(";") ? tail.slice(0, -1).trimEnd() : tail;
}

/** Shortest attribute value looked at as state: small JSON attributes are settings, not posts. */
const MIN_STATE_ATTR_CHARS = 200;

/**
 * A custom element's attribute that holds JSON state (an embed rendered on the server hands its
 * data to the browser as `initialData="{…}"`); checked only on custom elements (names with "-").
 */
export function stateAttribute(el: DomElement): string | undefined {
	if (!el.name.includes("-")) return undefined;
	for (const name in el.attribs) {
		const value = el.attribs[name] as string;
		if (value.length < MIN_STATE_ATTR_CHARS) continue;
		const first = value.trimStart()[0];
		if (first === "{" || first === "[") return name;
	}
	return undefined;
}

/** The largest post array among the page's state scripts and state attributes, as entries. */
export function extractAppState(
	scripts: readonly DomElement[],
	ctx: ExtractContext,
): ExtractorResult | undefined {
	let best: ExtractorResult | undefined;
	let budget = MAX_STATE_CHARS;
	for (const el of scripts.slice(0, MAX_SCRIPTS)) {
		const attr = el.name === "script" ? undefined : stateAttribute(el);
		const text = attr === undefined ? scriptText(el) : (el.attribs[attr] as string);
		if (text.length > budget) continue;
		budget -= text.length;
		const value = stateValue(text);
		if (value === undefined || typeof value !== "object" || value === null) continue;
		const found = extractPostArrays(value, "app-state", ctx);
		if (found !== undefined && found.entries.length > (best?.entries.length ?? 0)) best = found;
	}
	return best;
}
