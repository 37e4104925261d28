/** The grouping structure of merge-entries.ts: copies of entries joined into groups (union-find). */

import type { TimedPart } from "./entry-time.js";

/** One copy of an entry, as one source reported it. */
export interface Part extends TimedPart {
	/** Index in Groups.parts. */
	index: number;
	/** Position in the largest-source-first walk: sets the document order of the union. */
	seq: number;
	/** The source numbers its ids by position: they join copies but never become the entry id. */
	positional: boolean;
}

/** Bit of a source rank in a group's source mask (ranks past 30 share the last bit: never that many). */
export function rankBit(rank: number): number {
	return 1 << Math.min(rank, 30);
}

/** Union-find over parts; each root keeps its parts and a bit mask of the sources they come from. */
export class Groups {
	private readonly parent: number[];
	readonly members: Part[][];
	/** Per root: bit mask of the source ranks in the group. */
	readonly sources: number[];
	constructor(readonly parts: Part[]) {
		this.parent = parts.map((_, i) => i);
		this.members = parts.map((p) => [p]);
		this.sources = parts.map((p) => rankBit(p.rank));
	}

	/** The group a part is in (its root index), compressing the path on the way. */
	root(i: number): number {
		let r = i;
		while (this.parent[r] !== r) r = this.parent[r] as number;
		let n = i;
		while (this.parent[n] !== r) {
			const next = this.parent[n] as number;
			this.parent[n] = r;
			n = next;
		}
		return r;
	}

	/** True when the two groups share no source (evidence never joins two entries of one source). */
	disjoint(a: number, b: number): boolean {
		return ((this.sources[this.root(a)] as number) & (this.sources[this.root(b)] as number)) === 0;
	}

	/** True when a root's group holds copies from more than one source. */
	mixed(root: number): boolean {
		const mask = this.sources[root] as number;
		return (mask & (mask - 1)) !== 0;
	}

	/** Joins two groups; returns the surviving root, or undefined when they were one already. */
	union(a: number, b: number): number | undefined {
		const ra = this.root(a);
		const rb = this.root(b);
		if (ra === rb) return undefined;
		const [keep, gone] = ra < rb ? [ra, rb] : [rb, ra];
		this.parent[gone] = keep;
		(this.members[keep] as Part[]).push(...(this.members[gone] as Part[]));
		this.sources[keep] = (this.sources[keep] as number) | (this.sources[gone] as number);
		this.members[gone] = [];
		return keep;
	}

	/** Every group's root index, in part order. */
	roots(): number[] {
		return this.parts.map((_, i) => i).filter((i) => this.root(i) === i);
	}
}
