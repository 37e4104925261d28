/**
 * Separate from stored-value.test.ts, which imports full zod: full zod sets English messages for
 * every zod in the process, and zod/mini alone sets none, so only a file without it shows the words.
 */
import { describe, expect, it } from "vitest";
import type { StoredValueError } from "../../src/errors.js";
import { settingsPatchSchema } from "../../src/settings/settings-schemas.js";
import { pendingDeliveryValue } from "../../src/store/delivery-values.js";

describe("the problems of a stored value", () => {
	it("are in the words full zod gave (not zod/mini's bare 'Invalid input')", () => {
		let problems: string[] = [];
		try {
			pendingDeliveryValue.parse("outbox:x", {
				v: 1,
				blogKey: 1,
				entryId: "e",
				enqueuedAt: 0,
				attempts: -1,
			});
		} catch (error) {
			problems = (error as StoredValueError).problems;
		}
		expect(problems).toEqual([
			"blogKey: Invalid input: expected string, received number",
			"attempts: Too small: expected number to be >=0",
		]);
	});

	it("of a refused settings change are in the same words", () => {
		const result = settingsPatchSchema.safeParse({ include: Array(21).fill("kw") });
		expect(result.error?.issues.map((i) => i.message)).toEqual([
			"Too big: expected array to have <=20 items",
		]);
	});
});
