import { describe, expect, it } from "vitest";
import { z } from "zod";
import { StoredValueError, StoreError } from "../../src/errors.js";
import { noticeCodec, updateCodec } from "../../src/store/delivery-values.js";
import { dateCodec, versionedValue } from "../../src/store/stored-value.js";
import type { EntryUpdate } from "../../src/types.js";

const value = versionedValue<{ n: number; tags?: string[] | undefined }>({
	kind: "sample",
	current: z.object({ n: z.number(), tags: z.array(z.string()).optional() }),
	legacy: z.object({ n: z.number() }),
});

describe("the stored-value codec", () => {
	it("stores dates as ms and reads them back as Dates", () => {
		const update: EntryUpdate = {
			kind: "new",
			blogUrl: "https://news.example/live",
			blogTitle: "Live",
			entryId: "e1",
			entryUrl: "https://news.example/live#e1",
			headline: undefined,
			summary: "s",
			publishedAt: new Date(Date.UTC(2024, 0, 1)),
		};
		const stored = updateCodec.encode(update);
		expect(stored.publishedAt).toBe(Date.UTC(2024, 0, 1));
		expect(JSON.parse(JSON.stringify(stored))).not.toHaveProperty("updatedAt");
		expect(updateCodec.decode(JSON.parse(JSON.stringify(stored)))).toEqual(update);
		const since = new Date(5);
		expect(noticeCodec.encode({ kind: "blog-ended", blogUrl: "u", blogTitle: "t", since })).toEqual(
			{ kind: "blog-ended", blogUrl: "u", blogTitle: "t", since: 5 },
		);
	});

	it("leaves fields that are not dates alone", () => {
		const codec = dateCodec<{ at: Date | undefined; label: string }>(["at"]);
		expect(codec.decode({ label: "x" })).toEqual({ at: undefined, label: "x" });
		expect(codec.encode({ at: undefined, label: "x" })).toEqual({ label: "x" });
	});
});

describe("versioned values", () => {
	it("writes the current version and reads both it and the unversioned legacy shape", () => {
		expect(value.wrap({ n: 1 })).toEqual({ v: 1, n: 1 });
		expect(value.parse("k", { v: 1, n: 1, tags: ["a"] })).toEqual({ n: 1, tags: ["a"] });
		expect(value.parse("k", { n: 2 })).toEqual({ n: 2 });
	});

	it("throws a StoredValueError naming the key, the kind and the failing field", () => {
		const error = (() => {
			try {
				value.parse("sample:v1:7", { v: 1, n: "one" });
			} catch (e) {
				return e;
			}
			return undefined;
		})();
		expect(error).toBeInstanceOf(StoredValueError);
		expect(error).toBeInstanceOf(StoreError);
		expect(error).toMatchObject({ key: "sample:v1:7", valueKind: "sample", reason: "invalid" });
		expect((error as Error).message).toContain("sample:v1:7");
		expect((error as StoredValueError).problems[0]).toMatch(/^n: /);
	});

	it("tells a newer release's value from a corrupt one", () => {
		expect(() => value.parse("k", { v: 2, n: 1 })).toThrow(
			expect.objectContaining({ reason: "newer" }),
		);
		for (const raw of [{ v: 0, n: 1 }, { v: "1", n: 1 }, null, "text", [1]]) {
			expect(() => value.parse("k", raw)).toThrow(expect.objectContaining({ reason: "invalid" }));
		}
	});
});
