/** The block elements ticker text is split at: each starts a leaf or a line. */

const TWO_LETTER_BLOCKS: ReadonlySet<string> = new Set("dd dl dt li ol td th tr ul".split(" "));

/**
 * True for address, article, blockquote, dd, div, dl, dt, h1–h6, li, main, ol, p, pre, section,
 * table, td, th, tr and ul. Decided by length and a compare or two: every element of a page is
 * asked, and a set lookup would hash each fresh tag-name string first.
 */
export function isBlockTag(name: string): boolean {
	switch (name.length) {
		case 1:
			return name === "p";
		case 2: {
			const first = name.charCodeAt(0);
			if (first === 104 /* h */) {
				const level = name.charCodeAt(1);
				return level >= 49 && level <= 54;
			}
			return TWO_LETTER_BLOCKS.has(name);
		}
		case 3:
			return name === "div" || name === "pre";
		case 4:
			return name === "main";
		case 5:
			return name === "table";
		case 7:
			return name === "article" || name === "section" || name === "address";
		case 10:
			return name === "blockquote";
		default:
			return false;
	}
}
