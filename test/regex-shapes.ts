/**
 * A small checker for regex shapes that backtrack super-linearly in V8 (issue 10 §2), run by
 * test/unit/regex-safety.test.ts over every regex literal and `new RegExp("…")` in src/ and adapters/.
 *
 * It parses a pattern into a tiny AST and flags:
 * - nested quantifiers: a repeated group holding a repeated part, e.g. `(a+)+`, `(\s*x)*`, `(\s*\S+)*`;
 * - overlapping quantifiers: two repeats that can match the same character with only optional parts
 *   between them, e.g. `\s*\s*`, `\s*(?:foo)?\s*`, `\w+\d+`;
 * - unanchored scans: a pattern without `^` that ends in a repeat before `$` (`[\s.]+$`, `[^.]*$`,
 *   `#.*$`: retried from every start, quadratic on a run), or starts with a repeat that something
 *   required follows (`\S*ad-slot`, `\d+x`).
 * Character sets are compared on a probe alphabet (ASCII plus common non-ASCII punctuation and spaces),
 * using the engine itself to decide membership, so escapes and classes need no table of their own.
 */
import ts from "typescript";

type Node =
	| { t: "char"; src: string }
	| { t: "group"; alts: Node[][]; look: boolean }
	| { t: "quant"; min: number; max: number; child: Node }
	| { t: "assert"; v: string }
	| { t: "backref" };

type Outer = "none" | "bounded" | "unbounded";

const PROBES: string[] = [
	...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
	..."\u00a0\u2028\u2029\u2009\u3000\ufeff…–—“”’«»é߀中Ωİ",
];

class Parser {
	i = 0;
	constructor(readonly src: string) {}

	parseAlts(): Node[][] {
		const alts: Node[][] = [[]];
		while (this.i < this.src.length) {
			const c = this.src[this.i] as string;
			if (c === ")") break;
			if (c === "|") {
				this.i++;
				alts.push([]);
				continue;
			}
			const atom = this.parseAtom();
			(alts.at(-1) as Node[]).push(this.parseQuantifier(atom));
		}
		return alts;
	}

	parseAtom(): Node {
		const s = this.src;
		const c = s[this.i] as string;
		if (c === "^" || c === "$") {
			this.i++;
			return { t: "assert", v: c };
		}
		if (c === "(") {
			this.i++;
			let look = false;
			if (s.startsWith("?:", this.i)) this.i += 2;
			else if (s.startsWith("?=", this.i) || s.startsWith("?!", this.i)) {
				this.i += 2;
				look = true;
			} else if (s.startsWith("?<=", this.i) || s.startsWith("?<!", this.i)) {
				this.i += 3;
				look = true;
			} else if (s.startsWith("?<", this.i)) this.i = s.indexOf(">", this.i) + 1;
			const alts = this.parseAlts();
			this.i++; // ")"
			return { t: "group", alts, look };
		}
		if (c === "[") {
			const start = this.i;
			this.i++;
			if (s[this.i] === "^") this.i++;
			if (s[this.i] === "]") this.i++;
			while (this.i < s.length && s[this.i] !== "]") this.i += s[this.i] === "\\" ? 2 : 1;
			this.i++;
			return { t: "char", src: s.slice(start, this.i) };
		}
		if (c === "\\") {
			const next = s[this.i + 1] ?? "";
			if (next === "b" || next === "B") {
				this.i += 2;
				return { t: "assert", v: `\\${next}` };
			}
			if (/[1-9]/.test(next) || next === "k") {
				this.i += 2;
				if (next === "k") this.i = s.indexOf(">", this.i) + 1;
				else while (/\d/.test(s[this.i] ?? "")) this.i++;
				return { t: "backref" };
			}
			const start = this.i;
			this.i += 2;
			if ((next === "p" || next === "P") && s[this.i] === "{") this.i = s.indexOf("}", this.i) + 1;
			else if (next === "u" && s[this.i] === "{") this.i = s.indexOf("}", this.i) + 1;
			else if (next === "u") this.i += 4;
			else if (next === "x") this.i += 2;
			else if (next === "c") this.i += 1;
			return { t: "char", src: s.slice(start, this.i) };
		}
		this.i++;
		return { t: "char", src: c };
	}

	parseQuantifier(atom: Node): Node {
		const s = this.src;
		const c = s[this.i];
		let min: number;
		let max: number;
		if (c === "*" || c === "+" || c === "?") {
			this.i++;
			[min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
		} else if (c === "{") {
			const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i, this.i + 24));
			if (!m) return atom;
			this.i += m[0].length;
			min = Number(m[1]);
			max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
		} else {
			return atom;
		}
		if (s[this.i] === "?") this.i++; // lazy: same backtracking shape
		return { t: "quant", min, max, child: atom };
	}
}

/** Checks regex shapes against one pattern's flags. */
class Checker {
	readonly #cache = new Map<string, boolean[]>();
	readonly problems: string[] = [];
	constructor(readonly flags: string) {}

	/** Probe characters a single-character matcher accepts. */
	set(src: string): boolean[] {
		let out = this.#cache.get(src);
		if (!out) {
			const re = new RegExp(`^(?:${src})$`, this.flags.replace(/[gym]/g, ""));
			out = PROBES.map((p) => re.test(p));
			this.#cache.set(src, out);
		}
		return out;
	}

	/** Every character any part of `node` can consume. */
	chars(node: Node): boolean[] {
		switch (node.t) {
			case "char":
				return this.set(node.src);
			case "quant":
				return this.chars(node.child);
			case "group":
				return node.look ? none() : union(node.alts.flat().map((n) => this.chars(n)));
			case "backref":
				return all();
			case "assert":
				return none();
		}
	}

	/** Characters `node` can start with. */
	first(node: Node): boolean[] {
		switch (node.t) {
			case "char":
				return this.set(node.src);
			case "quant":
				return this.first(node.child);
			case "group":
				return node.look ? none() : union(node.alts.map((seq) => this.firstOfSeq(seq)));
			case "backref":
				return all();
			case "assert":
				return none();
		}
	}

	firstOfSeq(seq: Node[]): boolean[] {
		const sets: boolean[][] = [];
		for (const n of seq) {
			sets.push(this.first(n));
			if (!nullable(n)) break;
		}
		return union(sets);
	}

	/** `outer`: the kind of repeat this node sits in; a repeat in an unbounded one (or vice versa) is nested. */
	walk(node: Node, outer: Outer): void {
		if (node.t === "quant") {
			let inner = outer;
			if (node.max > 1) {
				const unbounded = node.max === Infinity;
				if (outer === "unbounded" || (outer === "bounded" && unbounded)) {
					this.problems.push("nested quantifier");
				}
				inner = outer === "unbounded" || unbounded ? "unbounded" : "bounded";
			}
			this.walk(node.child, this.isDelimited(node.child) ? "none" : inner);
			return;
		}
		if (node.t === "group") for (const seq of node.alts) this.walkSeq(seq, outer);
	}

	/**
	 * A repeated body whose every alternative starts with a required part that none of its
	 * inner repeats can match, like `(,\d+)*`: iterations cannot trade characters, so no blow-up.
	 */
	isDelimited(body: Node): boolean {
		if (body.t !== "group" || body.look) return false;
		return body.alts.every((seq) => {
			const inner = union(seq.filter(containsRepeat).map((n) => this.chars(n)));
			const edge = (n: Node | undefined) =>
				n !== undefined && !nullable(n) && !containsRepeat(n) && !overlaps(this.chars(n), inner);
			return edge(seq[0]);
		});
	}

	walkSeq(seq: Node[], outer: Outer): void {
		for (const [i, a] of seq.entries()) {
			this.walk(a, outer);
			if (a.t !== "quant" || a.max !== Infinity) continue;
			const aChars = this.chars(a);
			for (const b of seq.slice(i + 1)) {
				if (containsRepeat(b) && overlaps(aChars, this.first(b))) {
					this.problems.push("overlapping quantifiers");
					break;
				}
				if (!nullable(b)) break;
			}
		}
	}

	/** Top level: the unanchored-scan rules, then the structural walk. */
	check(alts: Node[][]): void {
		const sticky = this.flags.includes("y");
		for (const seq of alts) {
			this.checkScans(seq, sticky);
			this.walkSeq(seq, "none");
		}
	}

	/** Rules for a sequence tried at every start position (top level, or inside a lookaround). */
	checkScans(seq: Node[], sticky: boolean): void {
		for (const n of seq) {
			// A lookaround runs at every position the pattern is tried: its own scans count the same.
			if (n.t === "group" && n.look) for (const inner of n.alts) this.checkScans(inner, sticky);
		}
		{
			const anchored = sticky || (seq[0]?.t === "assert" && seq[0].v === "^");
			if (!anchored) {
				const last = seq.at(-1);
				const beforeEnd = last?.t === "assert" && last.v === "$" ? seq.at(-2) : undefined;
				const tail = beforeEnd && endingRepeat(beforeEnd);
				if (tail && !this.chars(tail).every(Boolean)) {
					this.problems.push("unanchored repeat before $");
				}
				const lead = seq[0];
				if (lead?.t === "quant" && lead.max === Infinity) {
					const rest = seq.slice(1);
					if (rest.some((n) => !nullable(n) || (n.t === "assert" && n.v === "$"))) {
						this.problems.push("unanchored leading repeat followed by a required part");
					}
				}
			}
		}
	}
}

function none(): boolean[] {
	return PROBES.map(() => false);
}
function all(): boolean[] {
	return PROBES.map(() => true);
}
function union(sets: boolean[][]): boolean[] {
	return PROBES.map((_, i) => sets.some((s) => s[i]));
}
function overlaps(a: boolean[], b: boolean[]): boolean {
	return a.some((v, i) => v && b[i]);
}
function nullable(node: Node): boolean {
	switch (node.t) {
		case "char":
			return false;
		case "quant":
			return node.min === 0 || nullable(node.child);
		case "group":
			return node.look || node.alts.some((seq) => seq.every(nullable));
		case "backref":
		case "assert":
			return true;
	}
}
function containsRepeat(node: Node): boolean {
	if (node.t === "quant") return node.max > 1 || containsRepeat(node.child);
	if (node.t === "group" && !node.look) return node.alts.some((seq) => seq.some(containsRepeat));
	return false;
}
/** The unbounded repeat a node ends with, if it does (looking into groups' alternatives). */
function endingRepeat(node: Node): Node | undefined {
	if (node.t === "quant" && node.max === Infinity) return node;
	if (node.t === "group" && !node.look) {
		for (const seq of node.alts) {
			const last = seq.at(-1);
			const found = last && endingRepeat(last);
			if (found) return found;
		}
	}
	return undefined;
}

/** Shape problems of one pattern ([] when it is linear-safe by these rules). */
export function regexShapeProblems(source: string, flags = ""): string[] {
	const parser = new Parser(source);
	const alts = parser.parseAlts();
	const checker = new Checker(flags);
	checker.check(alts);
	return [...new Set(checker.problems)];
}

/** A regex found in source code. */
export interface FoundRegex {
	line: number;
	source: string;
	flags: string;
}

/** Every regex literal and `new RegExp`/`RegExp` call with literal arguments in a TS source text. */
export function findRegexes(code: string, fileName = "file.ts"): FoundRegex[] {
	const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.ES2022, true);
	const out: FoundRegex[] = [];
	const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
	const literal = (node: ts.Node | undefined): string | undefined =>
		node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
			? node.text
			: undefined;
	const visit = (node: ts.Node): void => {
		if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
			const text = node.getText(file);
			const end = text.lastIndexOf("/");
			out.push({ line: lineOf(node), source: text.slice(1, end), flags: text.slice(end + 1) });
		} else if (
			(ts.isNewExpression(node) || ts.isCallExpression(node)) &&
			ts.isIdentifier(node.expression) &&
			node.expression.text === "RegExp"
		) {
			const source = literal(node.arguments?.[0]);
			if (source !== undefined) {
				out.push({ line: lineOf(node), source, flags: literal(node.arguments?.[1]) ?? "" });
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return out;
}
