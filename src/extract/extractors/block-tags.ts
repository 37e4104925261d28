/** The block elements ticker text is split at: each starts a leaf or a line. */

/** dd, dl, dt, li, ol, td, th, tr, ul, from the two char codes (no hashing of a fresh name). */
function isTwoLetterBlock(first: number, second: number): boolean {
	switch (first) {
		case 100 /* d */:
			return second === 100 || second === 108 || second === 116;
		case 108 /* l */:
			return second === 105;
		case 111 /* o */:
		case 117 /* u */:
			return second === 108;
		case 116 /* t */:
			return second === 100 || second === 104 || second === 114;
		default:
			return false;
	}
}

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
			return isTwoLetterBlock(first, name.charCodeAt(1));
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
