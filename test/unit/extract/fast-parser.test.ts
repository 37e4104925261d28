/**
 * FastParser (and DepthCappedParser on top of it) must call its handler exactly as htmlparser2's
 * own Parser with its own Tokenizer does: the same callbacks, arguments and order, and the same
 * parser.startIndex/endIndex at each, on every saved real page, our fixtures, hand-written edge
 * cases and seeded random tag soup; whole, in chunks, and paused and resumed.
 */

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { DomHandler, type Handler, Parser, type ParserOptions } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { FastParser } from "../../../src/extract/fast-parser.js";
import { DepthCappedParser, MAX_NESTING_DEPTH } from "../../../src/extract/limit-nesting.js";
import { htmlPagePaths, PARSER_PIECES, soup } from "./tag-soup.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** What extraction passes (extract-entries.ts PARSE_OPTIONS), then every option that changes a path. */
const OPTION_SETS: readonly ParserOptions[] = [
	{ xmlMode: false, decodeEntities: true },
	{},
	{ xmlMode: true },
	{ decodeEntities: false },
	{ lowerCaseTags: false, lowerCaseAttributeNames: false },
	{ recognizeSelfClosing: true },
	{ xmlMode: true, lowerCaseTags: true, recognizeSelfClosing: false },
];

/** The stock depth cap: limit-nesting.ts's rule on htmlparser2's own Parser and Tokenizer. */
class StockDepthCappedParser extends Parser {
	override onopentagname(start: number, endIndex: number): void {
		const self = this as unknown as {
			stack: string[];
			lowerCaseTagNames: boolean;
			getSlice(start: number, end: number): string;
			endIndex: number;
			openTagStart: number;
			startIndex: number;
			tagname: string;
			attribs: unknown;
		};
		// In this order: getSlice can drop the first buffer, and a second getSlice would miss it.
		if (self.stack.length < MAX_NESTING_DEPTH) {
			super.onopentagname(start, endIndex);
			return;
		}
		const raw = self.getSlice(start, endIndex);
		const name = self.lowerCaseTagNames ? raw.toLowerCase() : raw;
		if (this.isVoidElement(name)) {
			super.onopentagname(start, endIndex);
			return;
		}
		self.endIndex = endIndex;
		self.openTagStart = self.startIndex;
		self.tagname = "";
		self.attribs = null;
	}
}

type Make = (cbs: Partial<Handler>, options: ParserOptions) => Parser;
const stock: Make = (cbs, options) => new Parser(cbs, options);
const fast: Make = (cbs, options) => new FastParser(cbs, options);
const stockCapped: Make = (cbs, options) => new StockDepthCappedParser(cbs, options);
const capped: Make = (cbs, options) => new DepthCappedParser(cbs, options);

/** Which callbacks the handler has: the parser's work depends on it (attribs, implied closes). */
type Shape = "all" | "dom" | "bare";

interface Run {
	chunks?: number;
	shape?: Shape;
	/** Pause the parser at every n-th event and resume it from outside. */
	pauseEvery?: number;
	/** Write in two pieces, cut here (instead of `chunks` equal ones). */
	cut?: number;
}

/** Every handler call with its arguments and the parser's positions at that moment. */
function record(make: Make, html: string, options: ParserOptions, run: Run = {}): string[] {
	const { chunks = 1, shape = "all", pauseEvery = 0, cut } = run;
	const out: string[] = [];
	let parser: Parser | undefined;
	let paused = false;
	// A pause from end()'s own events would make every resume() finish (and end) again.
	let ending = false;
	const log =
		(name: string) =>
		(...args: unknown[]): void => {
			out.push(`${name} ${JSON.stringify(args)} ${parser?.startIndex}-${parser?.endIndex}`);
			if (pauseEvery > 0 && !ending && parser !== undefined && out.length % pauseEvery === 0) {
				parser.pause();
				paused = true;
			}
		};
	const names: (keyof Handler)[] =
		shape === "all"
			? [
					"onreset",
					"onend",
					"onerror",
					"onclosetag",
					"onopentagname",
					"onopentag",
					"onattribute",
					"ontext",
					"oncomment",
					"oncdatastart",
					"oncdataend",
					"oncommentend",
					"onprocessinginstruction",
				]
			: shape === "dom"
				? [
						"onend",
						"onclosetag",
						"onopentag",
						"ontext",
						"oncomment",
						"oncommentend",
						"oncdatastart",
						"oncdataend",
						"onprocessinginstruction",
					]
				: ["ontext", "onopentagname"];
	const cbs: Partial<Handler> = Object.fromEntries(names.map((name) => [name, log(name)]));
	parser = make(cbs, options);
	const drain = (): void => {
		while (paused) {
			paused = false;
			parser.resume();
		}
	};
	const size = Math.max(1, Math.ceil(html.length / chunks));
	const pieces: string[] = [];
	if (cut !== undefined) pieces.push(html.slice(0, cut), html.slice(cut));
	else for (let i = 0; i < html.length; i += size) pieces.push(html.slice(i, i + size));
	for (const piece of pieces) {
		parser.write(piece);
		drain();
	}
	ending = true;
	parser.end();
	drain();
	return out;
}

/** Asserts one parse against the other for the whole string and in `chunks` pieces. */
function expectSame(
	html: string,
	options: ParserOptions,
	run: Run = {},
	pair = [stock, fast],
): void {
	const [reference, candidate] = pair as [Make, Make];
	expect(record(candidate, html, options, run)).toEqual(record(reference, html, options, run));
}

/** The parsed tree, positions included, as plain data. */
function domOf(make: Make, html: string, options: ParserOptions): unknown {
	const handler = new DomHandler(undefined, {
		...options,
		withStartIndices: true,
		withEndIndices: true,
	});
	make(handler, options).end(html);
	const plain = (node: unknown): unknown => {
		const n = node as {
			type: string;
			name?: string;
			attribs?: Record<string, string>;
			data?: string;
			startIndex: number | null;
			endIndex: number | null;
			children?: unknown[];
		};
		return [n.type, n.name, n.attribs, n.data, n.startIndex, n.endIndex, n.children?.map(plain)];
	};
	return plain(handler.root);
}

const PAGES = htmlPagePaths();

const EDGES: readonly string[] = [
	'<DIV CLASS="a" Id=b>x</DIV><Span>y</SPAN>',
	'<a href="1" HREF=2 href data-x=3 DATA-X="4">dup</a>',
	"<p>a<div>b</div>c</p>d",
	"</p>x</p><p>y",
	"a</br>b<br/>c<br>d</BR>",
	"<svg><foreignObject><p/>x<br/></foreignObject><path d=x/><circle/></svg><div/>after",
	"<math><mi/><mi>x</mi><ms>y</math></svg></math><b/>",
	"<svg></svg></svg><p/>x</foreignobject><p/>y",
	"<table><tr><td>a<td>b<tr><th>c<td>d<tbody><tr><td>e</table>",
	"<select><option>a<option>b<optgroup><option>c</select><input><button>x</button>",
	"<ul><li>a<li>b</ul><dl><dt>x<dd>y<dt>z</dl><ruby><rt>1<rp>2</ruby>",
	"<h1>a<p>b<h2>c</h1>d",
	"<body><head><link><script>x</script></head><body>",
	`<a title="x &amp; y" data-x='1&lt;2' u=a&amp;b v=&quot; w>z</a>`,
	"<title>A &amp; <b>B</b></title><textarea><i>t</i></textarea><xmp><u></xmp>",
	"<script>if (a < b) { x = '</div>' }</script><style>p>a{}</style>",
	"<!DOCTYPE html><?xml version='1'?><![CDATA[x<y]]><!-- c --><!---->",
	'<div class="never closed',
	"<a b c=d e =f g= h>x</a >",
	"<a/b><a /><img/ src=x>",
	"</ div></div x></DIV\n>",
	"<aİ x=1>y</aİ><b DATA-İ=2>z</b>",
	"<P>a</p><p>b</P>",
	"<img src=x></img><input></input><hr></hr>",
	`${"<div>".repeat(MAX_NESTING_DEPTH + 40)}deep<br><img src=x><p>p${"</div>".repeat(MAX_NESTING_DEPTH + 40)}tail`,
	`${"<span><b>".repeat(300)}x${"</b>".repeat(200)}</span></span>`,
	"",
	"<",
	"</",
	"<a",
	"<a x",
	"<a x=",
	"text&amp",
	`<a b="1" c='2' d=3 e f = "4" g/>x</a ><i h=5/><br   /><p q='r&amp;s'>t</P\t>`,
	"<Sup>x</sup><STRONG a>y</strong><scriptx>z</scriptx><tITle >t</TItle><xmp/>u</xmp>",
	// Found by session 7's differential fuzz: stock reads these as raw-text tags (first letter t/x).
	"<tmp><y",
	"<tmp><b>x</b></tmp>after",
	"<xitle>a &amp; <b>b</b></title>c",
	"<xextarea>a<b>b</b></textarea>c",
	"<TMP>a<i>b</i></xmp>c",
	"<tmp x=1>a<b>c",
	"<tmp/>a<b>c</b><sitle>d<b>e</b></sitle><xcript>f<b>g</b>",
];

describe("FastParser", () => {
	it("parses every saved real page and our fixtures as htmlparser2 does, whole and in 7 chunks", () => {
		expect(PAGES.length).toBeGreaterThan(10);
		const options = OPTION_SETS[0] as ParserOptions;
		for (const page of PAGES) {
			const html = readFileSync(page, "utf8");
			expect(record(fast, html, options).length).toBeGreaterThan(10);
			expectSame(html, options);
			expectSame(html, options, { chunks: 7 });
			expectSame(html, options, { chunks: 7, shape: "dom" });
			expectSame(html, options, {}, [stockCapped, capped]);
			expectSame(html, options, { chunks: 7, shape: "dom" }, [stockCapped, capped]);
			expect(domOf(capped, html, options)).toEqual(domOf(stock, html, options));
		}
	});

	it("agrees on hand-written edge cases with every option set, every handler shape and every split", () => {
		for (const html of EDGES) {
			for (const options of OPTION_SETS) {
				for (const shape of ["all", "dom", "bare"] as const) {
					expectSame(html, options, { shape });
					expectSame(html, options, { shape }, [stockCapped, capped]);
				}
				for (let chunks = 2; chunks <= 7; chunks++) expectSame(html, options, { chunks });
				expectSame(html, options, { pauseEvery: 1 });
				expectSame(html, options, { pauseEvery: 3, chunks: 5 });
			}
			// Every place a write can end, for the strings short enough.
			if (html.length < 200) {
				for (let cut = 1; cut < html.length; cut++) {
					for (const options of OPTION_SETS.slice(0, 4)) expectSame(html, options, { cut });
				}
			}
		}
	});

	it("treats every tag name in htmlparser2's own tables as the stock parser does", () => {
		// Read from the installed htmlparser2, so a name our copy of its tables lacks still gets tested.
		const source = readFileSync(
			path.resolve(HERE, "../../../node_modules/htmlparser2/dist/esm/Parser.js"),
			"utf8",
		);
		const tables = source.slice(0, source.indexOf("export class Parser"));
		const names = new Set([...tables.matchAll(/"([a-z][a-z0-9-]*)"/g)].map((m) => m[1] as string));
		expect(names.size).toBeGreaterThan(60);
		for (const name of [...names, "span", "x-custom"]) {
			const upper = name.toUpperCase();
			const html =
				`<p><${name} a=1>x<div>y</${name}></p><${name}/><svg><${name}/><g></${name}></svg>` +
				`<table><tr><td><${name}>z</table><select><option><${name}>o</select>` +
				`<ul><li><${name}>l<li>m</ul><dl><dd><${upper} B=2>d</${upper}><dt>e</dl></${name}>`;
			for (const options of OPTION_SETS) expectSame(html, options);
			// Each name opened right inside each other one: the implied closes look at the innermost.
			for (const outer of names) {
				expectSame(`<${outer}><${name}>x</${name}>y</${outer}>`, OPTION_SETS[0] as ParserOptions, {
					shape: "dom",
				});
			}
		}
	});

	it("nests past the depth cap exactly as the stock parser with the same cap", () => {
		const html = `${"<div><p>".repeat(MAX_NESTING_DEPTH)}x${"</p></div>".repeat(10)}<li>a<li>b`;
		const options = OPTION_SETS[0] as ParserOptions;
		expectSame(html, options);
		expectSame(html, options, { chunks: 7 }, [stockCapped, capped]);
		const events = record(capped, html, options);
		expect(events.filter((e) => e.startsWith("onopentagname")).length).toBeLessThan(
			record(stock, html, options).filter((e) => e.startsWith("onopentagname")).length,
		);
	});

	it("resets between documents as the stock parser does", () => {
		const run = (make: Make): string[] => {
			const out: string[] = [];
			const parser = make(
				{
					onopentag: (name, attribs) => out.push(`open ${name} ${JSON.stringify(attribs)}`),
					onclosetag: (name, implied) => out.push(`close ${name} ${implied}`),
					onselfclosingtag: () => out.push("self"),
				} as Partial<Handler>,
				{},
			);
			parser.write("<svg><g><foreignObject><div><p>unclosed");
			parser.parseComplete("<svg><path/></svg><div><br/><p>x");
			parser.reset();
			parser.end("<math><mi/></math><ul><li>y");
			return out;
		};
		expect(run(fast)).toEqual(run(stock));
	});

	it("agrees on seeded random tag soup with every option set, whole, in chunks and paused", () => {
		fc.assert(
			fc.property(
				soup(PARSER_PIECES, 60),
				fc.integer({ min: 1, max: 7 }),
				fc.constantFrom(...OPTION_SETS),
				fc.constantFrom<Shape>("all", "dom", "bare"),
				fc.integer({ min: 0, max: 4 }),
				(parts, chunks, options, shape, pauseEvery) => {
					const html = parts.join("");
					expectSame(html, options, { chunks, shape, pauseEvery });
					expectSame(html, options, { chunks, shape }, [stockCapped, capped]);
				},
			),
			{ seed: 20261201, numRuns: 4000 },
		);
	});
});
