/**
 * Seeded random tag soup for the tokenizer and parser equivalence tests: pieces that start, end
 * and cut off every kind of token, joined at random.
 */

import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REAL_PAGES = path.resolve(HERE, "../../../../shared/fixtures/liveblogs");
const OWN = path.resolve(HERE, "../../fixtures");

/** Paths of every saved real HTML page and every HTML fixture of ours: the pages the equivalence tests replay. */
export function htmlPagePaths(): string[] {
	return [REAL_PAGES, OWN].flatMap((dir) =>
		readdirSync(dir)
			.filter((f) => f.endsWith(".html"))
			.map((f) => path.join(dir, f)),
	);
}

/** Pieces for the tokenizer: special tags, comments, quotes, references, stray brackets. */
export const TOKENIZER_PIECES: readonly string[] = [
	"<script>",
	"</script>",
	"<style>",
	"</style>",
	"<!--",
	"-->",
	"<p>",
	"</p>",
	"<",
	"</",
	">",
	"text",
	"&amp;",
	" ",
	'<a href="x>y">',
	"<![CDATA[",
	"]]>",
	"<?pi?>",
	'<a title="',
	"<a title='",
	"<img alt=x&amp;y ",
	'"',
	"'",
	"&#39;",
	"&nbsp",
	"=v ",
	// Whole-tag runs (tag-lexer.ts): every attribute form, and names that only start like special tags.
	" a = 'b' ",
	"<a x=y/>",
	"<a b='c'd=e f>",
	"<b c/d g=h&amp;i>",
	"<x-y z >",
	"<sCrIpT>",
	"</sCrIpT>",
	// Special tags run whole: attributes on them, closing sequences cut short or near-missed.
	'<script type="a">',
	"<style b=c >",
	"</scrip",
	"</script",
	"</style",
	"\x1c",
	"\x0f",
	"\t",
	"<scr>",
	"<ti a>",
	"<textareax>",
	// The stock tokenizer's special-tag quirk: "t" and "x" share one path, so these are raw text too.
	"<tmp>",
	"<xitle a>",
	"<XEXTAREA>",
	"</xmp>",
	"<sitle>",
	"</a\n>",
	"</a b>",
	"</x",
];

/** More pieces for the parser: case, duplicate attributes, implied closes, void and foreign tags. */
export const PARSER_PIECES: readonly string[] = [
	...TOKENIZER_PIECES,
	"<DIV>",
	"<div>",
	"</div>",
	"</DIV>",
	"<Div class=a CLASS=b>",
	'<a href="1" HREF=2 href>',
	"<span/>",
	"<br/>",
	"</br>",
	"<br>",
	"<img src=a>",
	"</img>",
	"<input>",
	"<svg>",
	"</svg>",
	"<foreignObject>",
	"</foreignobject>",
	"<math>",
	"<mi>",
	"</math>",
	"<path d=x/>",
	"<li>",
	"</li>",
	"<ul>",
	"<table>",
	"<tr>",
	"<td>",
	"<th>",
	"<tbody>",
	"</table>",
	"<select>",
	"<option>",
	"<optgroup>",
	"<h1>",
	"<body>",
	"<head>",
	"<title>",
	"</title>",
	"<textarea>",
	"</textarea>",
	"<xmp>",
	"</xmp>",
	"<dd>",
	"<dt>",
	"<rt>",
	"<rp>",
	"/>",
	"\n\t",
	"\f",
	"</ p>",
	"</p x>",
	" data-X='1'",
	" Id=",
	"<aİ>",
	"</aİ>",
	"<!DOCTYPE html>",
];

/** Arrays of pieces, joined by the caller. */
export function soup(pieces: readonly string[], maxLength = 40): fc.Arbitrary<string[]> {
	return fc.array(fc.constantFrom(...pieces), { maxLength });
}
