/**
 * The change contract: every adapter that changes posted messages (apply) runs it against its
 * loopback fake. Edits land in place (or, in a terminal, as a marked reprint), an unchanged edit is
 * still delivered, a message the chat's admins deleted completes the change silently, retractions
 * strike through or delete, and pins unpin the previous pin, or answer forbidden without the right.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EntryUpdate, MessageChange } from "../../src/types.js";
import { type ContractHarness, contractUpdate } from "./adapter-contract.js";
import type { AdapterDeclaration } from "./adapter-declarations.js";

const EDITED_AT = new Date(Date.UTC(2024, 8, 11, 10, 42));

function edited(n: number, headline: string): EntryUpdate {
	return { ...contractUpdate(n), kind: "edited", headline };
}

/** Runs the change contract for one adapter; `setup` builds a fresh harness per test. */
export function changeContract(
	name: string,
	setup: () => Promise<ContractHarness>,
	declaration: AdapterDeclaration,
): void {
	describe(`change contract: ${name}`, () => {
		let h: ContractHarness;
		beforeEach(async () => {
			h = await setup();
		});
		afterEach(async () => {
			await h.teardown();
		});

		/** Posts contract update `n` and returns its message id. */
		async function posted(n: number): Promise<string> {
			const result = await h.adapter.post(h.target, contractUpdate(n));
			if (result.status !== "delivered" || !result.messageId) throw new Error("post failed");
			return result.messageId;
		}

		async function apply(change: MessageChange) {
			const result = await h.adapter.apply?.(h.target, change);
			if (!result) throw new Error("the adapter has no apply()");
			return result;
		}

		it("declares apply() iff it changes messages", () => {
			expect(typeof h.adapter.apply === "function").toBe(declaration.changes);
			expect(typeof h.pinned === "function").toBe(declaration.pins);
		});
		if (!declaration.changes) return;

		it("edits a posted message: delivered, the new text under the 'updated' marker", async () => {
			const id = await posted(1);
			const result = await apply({
				kind: "edit",
				messageId: id,
				update: edited(1, "Corrected headline 1"),
				editedAt: EDITED_AT,
			});
			expect(result).toMatchObject({ status: "delivered" });
			expect(result.status === "delivered" && result.messageGone).toBeFalsy();
			const shown = h.received().filter((m) => m.id === id || m.id === undefined);
			expect(shown.at(-1)?.text).toContain("Corrected headline 1");
			// A chat shows the marker in the message; a terminal's JSON line says kind "edited".
			expect(shown.at(-1)?.text).toContain(isChat(declaration) ? "updated 10:42 UTC" : "edited");
			// Applying the same edit again changes nothing and is still a success.
			expect(
				await apply({
					kind: "edit",
					messageId: id,
					update: edited(1, "Corrected headline 1"),
					editedAt: EDITED_AT,
				}),
			).toMatchObject({ status: "delivered" });
		});

		it("retracts a posted message by striking it through", async () => {
			const id = await posted(2);
			const result = await apply({
				kind: "retract",
				messageId: id,
				mode: "strike",
				update: { ...contractUpdate(2), kind: "removed" },
			});
			expect(result).toMatchObject({ status: "delivered" });
			expect(h.received().at(-1)?.text).toContain(
				isChat(declaration) ? "removed by the publisher" : '"kind":"removed"',
			);
		});

		if (isChat(declaration)) {
			it("completes a change of a message the chat's admins deleted, posting nothing", async () => {
				const id = await posted(3);
				h.deleteByAdmin?.(id);
				const before = h.received().length;
				const result = await apply({
					kind: "edit",
					messageId: id,
					update: edited(3, "Too late"),
					editedAt: EDITED_AT,
				});
				expect(result).toEqual({ status: "delivered", messageGone: true });
				expect(h.received()).toHaveLength(before);
			});

			it("deletes a retracted message when asked to", async () => {
				const id = await posted(4);
				const result = await apply({
					kind: "retract",
					messageId: id,
					mode: "delete",
					update: { ...contractUpdate(4), kind: "removed" },
				});
				expect(result).toMatchObject({ status: "delivered" });
				expect(h.isDeleted?.(id)).toBe(true);
			});
		}

		if (declaration.pins) {
			it("pins a message and unpins the previous pin", async () => {
				const first = await posted(5);
				const second = await posted(6);
				expect(await apply({ kind: "pin", messageId: first })).toMatchObject({
					status: "delivered",
				});
				expect(h.pinned?.()).toEqual([first]);
				expect(
					await apply({ kind: "pin", messageId: second, unpinMessageId: first }),
				).toMatchObject({ status: "delivered" });
				expect(h.pinned?.()).toEqual([second]);
			});

			it("unpins a message, and takes an unpin of a pin already gone as done", async () => {
				const id = await posted(9);
				await apply({ kind: "pin", messageId: id });
				expect(await apply({ kind: "unpin", messageId: id })).toMatchObject({
					status: "delivered",
				});
				expect(h.pinned?.()).toEqual([]);
				expect(await apply({ kind: "unpin", messageId: id })).toMatchObject({
					status: "delivered",
				});
			});

			it("answers forbidden for a pin without the right", async () => {
				const id = await posted(7);
				h.denyPins?.();
				expect(await apply({ kind: "pin", messageId: id })).toMatchObject({
					status: "forbidden",
				});
				expect(h.pinned?.()).toEqual([]);
			});
		}

		it("answers apply() after stop() with failed, never a throw", async () => {
			const id = await posted(8);
			await h.adapter.stop();
			const result = await apply({
				kind: "edit",
				messageId: id,
				update: edited(8, "After stop"),
				editedAt: EDITED_AT,
			});
			expect(result.status).toBe("failed");
		});
	});
}

/** Chat platforms have admins who delete messages; a terminal has none. */
function isChat(declaration: AdapterDeclaration): boolean {
	return declaration.pins;
}
