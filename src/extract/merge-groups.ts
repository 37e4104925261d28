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

/** Union-find over parts; each root keeps its parts and the ranks (sources) they come from. */
export class Groups {
	private readonly parent: number[];
	readonly members: Part[][];
	readonly ranks: Set<number>[];
	constructor(readonly parts: Part[]) {
		this.parent = parts.map((_, i) => i);
		this.members = parts.map((p) => [p]);
		this.ranks = parts.map((p) => new Set([p.rank]));
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
		const ra = this.ranks[this.root(a)] as Set<number>;
		for (const r of this.ranks[this.root(b)] as Set<number>) if (ra.has(r)) return false;
		return true;
	}

	/** Joins two groups; returns the surviving root, or undefined when they were one already. */
	union(a: number, b: number): number | undefined {
		const ra = this.root(a);
		const rb = this.root(b);
		if (ra === rb) return undefined;
		const [keep, gone] = ra < rb ? [ra, rb] : [rb, ra];
		this.parent[gone] = keep;
		(this.members[keep] as Part[]).push(...(this.members[gone] as Part[]));
		for (const r of this.ranks[gone] as Set<number>) (this.ranks[keep] as Set<number>).add(r);
		this.members[gone] = [];
		return keep;
	}

	/** Every group's root index, in part order. */
	roots(): number[] {
		return this.parts.map((_, i) => i).filter((i) => this.root(i) === i);
	}
}
