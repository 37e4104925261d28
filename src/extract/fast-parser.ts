/**
 * htmlparser2's Parser with cheaper bookkeeping and the same events. The stock parser slices and
 * lowercases every tag and attribute name afresh, keeps its open elements innermost first
 * (`unshift`/`shift`/`indexOf`, which move or search the whole array on every tag) and asks four
 * Sets about every tag name. FastParser reads names through a cache of the page's distinct
 * spellings (name-cache.ts), keeps the stack innermost last (`push`/`pop`/`lastIndexOf`) and looks
 * a name up once in one table. Every callback, its arguments and `startIndex`/`endIndex` stay those
 * of htmlparser2 10.1 (test/unit/extract/fast-parser.test.ts compares them with the stock parser
 * and tokenizer on real pages, edge cases and random tag soup, whole, chunked and paused).
 */

import { type Handler, Parser, type ParserOptions } from "htmlparser2";
import { FastTokenizer } from "./fast-tokenizer.js";
import { type CachedName, NameCache } from "./name-cache.js";

/** What htmlparser2 (HTML mode) does with one tag name; copied from its private tables. */
interface TagInfo {
	/** Open elements this opening tag closes first (openImpliesClose). */
	readonly impliesClose: ReadonlySet<string> | undefined;
	/** A void element: never on the stack, closed as soon as it opens. */
	readonly isVoid: boolean;
	/** Pushed on the foreign-context stack when it opens: true for math/svg, false for HTML integration points. */
	readonly context: boolean | undefined;
}

const formTags = new Set([
	"input",
	"option",
	"optgroup",
	"select",
	"button",
	"datalist",
	"textarea",
]);
const pTag = new Set(["p"]);
const tableSectionTags = new Set(["thead", "tbody"]);
const ddtTags = new Set(["dd", "dt"]);
const rtpTags = new Set(["rt", "rp"]);
const OPEN_IMPLIES_CLOSE: ReadonlyArray<readonly [string, ReadonlySet<string>]> = [
	["tr", new Set(["tr", "th", "td"])],
	["th", new Set(["th"])],
	["td", new Set(["thead", "th", "td"])],
	["body", new Set(["head", "link", "script"])],
	["li", new Set(["li"])],
	["option", new Set(["option"])],
	["optgroup", new Set(["optgroup", "option"])],
	["tbody", tableSectionTags],
	["tfoot", tableSectionTags],
	...["p", "h1", "h2", "h3", "h4", "h5", "h6"].map((name) => [name, pTag] as const),
	...["select", "input", "output", "button", "datalist", "textarea"].map(
		(name) => [name, formTags] as const,
	),
	...["dd", "dt"].map((name) => [name, ddtTags] as const),
	...["rt", "rp"].map((name) => [name, rtpTags] as const),
	...(
		"address article aside blockquote details div dl fieldset figcaption figure footer form " +
		"header hr main nav ol pre section table ul"
	)
		.split(" ")
		.map((name) => [name, pTag] as const),
];
const VOID_ELEMENTS =
	"area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr".split(
		" ",
	);
const FOREIGN_CONTEXT_ELEMENTS = ["math", "svg"];
const HTML_INTEGRATION_ELEMENTS = "mi mo mn ms mtext annotation-xml foreignobject desc title".split(
	" ",
);

/** Every tag name htmlparser2 treats specially in HTML mode; any other name opens and closes plainly. */
const TAG_INFO: ReadonlyMap<string, TagInfo> = (() => {
	const names = new Set([
		...OPEN_IMPLIES_CLOSE.map(([name]) => name),
		...VOID_ELEMENTS,
		...FOREIGN_CONTEXT_ELEMENTS,
		...HTML_INTEGRATION_ELEMENTS,
	]);
	const impliesClose = new Map(OPEN_IMPLIES_CLOSE);
	const table = new Map<string, TagInfo>();
	for (const name of names) {
		table.set(name, {
			impliesClose: impliesClose.get(name),
			isVoid: VOID_ELEMENTS.includes(name),
			context: FOREIGN_CONTEXT_ELEMENTS.includes(name)
				? true
				: HTML_INTEGRATION_ELEMENTS.includes(name)
					? false
					: undefined,
		});
	}
	return table;
})();

/** The open elements an opening `name` (lowercase) closes first in HTML mode (htmlparser2's openImpliesClose). */
export function impliedCloses(name: string): ReadonlySet<string> | undefined {
	return TAG_INFO.get(name)?.impliesClose;
}

/** The parser fields FastParser reads and sets (htmlparser2 10 keeps them private). */
interface ParserInternals {
	cbs: Partial<Handler>;
	/** Open elements, innermost LAST here (htmlparser2 keeps it innermost first). */
	stack: string[];
	/** Foreign-content flags, innermost last, like `stack`. */
	foreignContext: boolean[];
	htmlMode: boolean;
	lowerCaseTagNames: boolean;
	lowerCaseAttributeNames: boolean;
	recognizeSelfClosing: boolean;
	tagname: string;
	attribname: string;
	attribs: Record<string, string> | null;
	openTagStart: number;
	startIndex: number;
	endIndex: number;
	buffers: string[];
	bufferOffset: number;
	emitOpenTag(name: string): void;
	endOpenTag(isImplied: boolean): void;
	closeCurrentTag(isOpenImplied: boolean): void;
	getSlice(start: number, end: number): string;
	onopentagend(endIndex: number): void;
	/** The tag name openTag last opened, and its TagInfo: endOpenTag asks isVoidElement about it. */
	openedName: string;
	openedInfo: TagInfo | undefined;
}

type Internal<A extends unknown[]> = (this: ParserInternals, ...args: A) => void;

/** The tag's info in HTML mode; undefined for a plain tag and for every tag in XML mode. */
function infoOf(self: ParserInternals, name: string): TagInfo | undefined {
	return self.htmlMode ? TAG_INFO.get(name) : undefined;
}

// The methods below are htmlparser2 10.1's, with the stack reversed, one table lookup per tag
// name and names read through the cache.

const TAG_NAMES = new NameCache<TagInfo | undefined>((name) => TAG_INFO.get(name));
const ATTRIBUTE_NAMES = new NameCache<undefined>(() => undefined);

/** The cached name from `start` to `end`, when it lies inside the first buffer and is cacheable. */
function cachedName<T>(
	self: ParserInternals,
	cache: NameCache<T>,
	start: number,
	end: number,
	hash: number | undefined,
): CachedName<T> | undefined {
	const buffer = self.buffers[0];
	const offset = self.bufferOffset;
	// Only where the stock getSlice would slice this buffer and change nothing (no buffer dropped).
	if (buffer === undefined || start < offset || start - offset >= buffer.length) return undefined;
	if (end - offset > buffer.length) return undefined;
	return cache.at(buffer, start - offset, end - offset, hash);
}

/** A name the stock way: getSlice, then toLowerCase if asked. */
function slicedName(self: ParserInternals, start: number, end: number, lowerCase: boolean): string {
	const name = self.getSlice(start, end);
	return lowerCase ? name.toLowerCase() : name;
}

/** htmlparser2's emitOpenTag, for a tag name whose TagInfo (infoOf) is known already. */
function openTag(self: ParserInternals, name: string, info: TagInfo | undefined): void {
	self.openTagStart = self.startIndex;
	self.tagname = name;
	self.openedName = name;
	self.openedInfo = info;
	const stack = self.stack;
	const closes = info?.impliesClose;
	if (closes !== undefined) {
		while (stack.length > 0 && closes.has(stack[stack.length - 1] as string)) {
			const element = stack.pop() as string;
			self.cbs.onclosetag?.(element, true);
		}
	}
	if (info === undefined) {
		stack.push(name);
	} else if (!info.isVoid) {
		stack.push(name);
		if (info.context !== undefined) self.foreignContext.push(info.context);
	}
	self.cbs.onopentagname?.(name);
	if (self.cbs.onopentag) self.attribs = {};
}

const emitOpenTag: Internal<[string]> = function (name) {
	openTag(this, name, infoOf(this, name));
};

const closeCurrentTag: Internal<[boolean]> = function (isOpenImplied) {
	const name = this.tagname;
	this.endOpenTag(isOpenImplied);
	// Self-closing tags will be on the top of the stack.
	const stack = this.stack;
	if (stack[stack.length - 1] === name) {
		// If the opening tag isn't implied, the closing tag has to be implied.
		this.cbs.onclosetag?.(name, !isOpenImplied);
		stack.pop();
	}
};

/** htmlparser2's Parser with cached names, a push/pop open-element stack and one tag table; same events. */
export class FastParser extends Parser {
	constructor(cbs?: Partial<Handler> | null, options?: ParserOptions) {
		// The native fast-forward unless the caller brings its own tokenizer.
		super(cbs, { Tokenizer: FastTokenizer, ...options });
		const self = this as unknown as ParserInternals;
		self.openedName = "";
		self.openedInfo = undefined;
	}

	/** Void elements from the same table as the rest (subclasses must not redefine them). */
	protected override isVoidElement(name: string): boolean {
		const self = this as unknown as ParserInternals;
		// Asked about the tag just opened (endOpenTag), whose info openTag already looked up.
		if (name === self.openedName) return self.openedInfo?.isVoid === true;
		return infoOf(self, name)?.isVoid === true;
	}

	/** @internal */
	override onopentagname(start: number, endIndex: number, hash?: number): void {
		const self = this as unknown as ParserInternals;
		self.endIndex = endIndex;
		const cached = cachedName(self, TAG_NAMES, start, endIndex, hash);
		if (cached === undefined) {
			self.emitOpenTag(slicedName(self, start, endIndex, self.lowerCaseTagNames));
		} else if (self.lowerCaseTagNames) {
			openTag(self, cached.lower, self.htmlMode ? cached.lowerValue : undefined);
		} else {
			openTag(self, cached.raw, self.htmlMode ? cached.rawValue : undefined);
		}
	}

	/** @internal */
	override onclosetag(start: number, endIndex: number): void {
		const self = this as unknown as ParserInternals;
		self.endIndex = endIndex;
		const cached = cachedName(self, TAG_NAMES, start, endIndex, undefined);
		let name: string;
		let info: TagInfo | undefined;
		if (cached === undefined) {
			name = slicedName(self, start, endIndex, self.lowerCaseTagNames);
			info = infoOf(self, name);
		} else {
			name = self.lowerCaseTagNames ? cached.lower : cached.raw;
			info = !self.htmlMode
				? undefined
				: self.lowerCaseTagNames
					? cached.lowerValue
					: cached.rawValue;
		}
		// As htmlparser2: any closing math/svg/integration tag pops a context, matched or not.
		if (info?.context !== undefined) self.foreignContext.pop();
		if (info === undefined || !info.isVoid) {
			const stack = self.stack;
			const pos = stack.lastIndexOf(name);
			if (pos !== -1) {
				for (let index = stack.length - 1; index >= pos; index--) {
					const element = stack.pop() as string;
					self.cbs.onclosetag?.(element, index !== pos);
				}
			} else if (self.htmlMode && name === "p") {
				// Implicit open before close.
				self.emitOpenTag("p");
				self.closeCurrentTag(true);
			}
		} else if (name === "br") {
			// A void `info` means HTML mode. `</br>` is `<br>`, opened and closed.
			self.cbs.onopentagname?.("br");
			self.cbs.onopentag?.("br", {}, true);
			self.cbs.onclosetag?.("br", false);
		}
		// Set `startIndex` for next node.
		self.startIndex = endIndex + 1;
	}

	/** @internal */
	override onselfclosingtag(endIndex: number): void {
		const self = this as unknown as ParserInternals;
		self.endIndex = endIndex;
		const context = self.foreignContext;
		if (self.recognizeSelfClosing || context[context.length - 1]) {
			self.closeCurrentTag(false);
			// Set `startIndex` for next node.
			self.startIndex = endIndex + 1;
		} else {
			// Ignore the fact that the tag is self-closing.
			self.onopentagend(endIndex);
		}
	}

	/** @internal */
	override onattribname(start: number, endIndex: number, hash?: number): void {
		const self = this as unknown as ParserInternals;
		self.startIndex = start;
		const lowerCase = self.lowerCaseAttributeNames;
		const cached = cachedName(self, ATTRIBUTE_NAMES, start, endIndex, hash);
		if (cached === undefined) self.attribname = slicedName(self, start, endIndex, lowerCase);
		else self.attribname = lowerCase ? cached.lower : cached.raw;
	}

	/** @internal */
	override onend(): void {
		const self = this as unknown as ParserInternals;
		if (self.cbs.onclosetag) {
			// Set the end index for all remaining tags.
			self.endIndex = self.startIndex;
			const stack = self.stack;
			for (let index = stack.length - 1; index >= 0; index--) {
				self.cbs.onclosetag?.(stack[index] as string, true);
			}
		}
		self.cbs.onend?.();
	}
}

// reset() empties both stacks and unshifts one flag into the empty foreignContext: the same at
// either end, so it stays stock. The private methods cannot be overridden in the class body.
for (const [name, value] of Object.entries({ emitOpenTag, closeCurrentTag })) {
	Object.defineProperty(FastParser.prototype, name, { value, writable: true, configurable: true });
}
