/** The adapter contract for the console adapter, printing to a fake terminal that can fail like stdout. */
import { describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../adapters/console/index.js";
import type { Target } from "../../src/types.js";
import {
	adapterContract,
	type ContractHarness,
	contractUpdate,
} from "../contract/adapter-contract.js";
import { CONSOLE_DECLARATION } from "../contract/adapter-declarations.js";
import { changeContract } from "../contract/change-contract.js";
import { FakeTerminal } from "../fakes/terminal-stream.js";

/** The `id` of a JSON line, if the chunk is one. */
function jsonId(text: string): string | undefined {
	try {
		return (JSON.parse(text) as { id?: string }).id;
	} catch {
		return undefined;
	}
}

const SESSION: Target = { platform: "console", id: "watch-contract" };

function consoleOn(terminal: FakeTerminal) {
	return createConsoleAdapter({
		out: terminal,
		noticeOut: terminal,
		json: true,
		ownTargetId: SESSION.id,
	});
}

/** A fresh console harness: the adapter printing JSON lines to a fake terminal. */
async function consoleHarness(): Promise<ContractHarness> {
	{
		const terminal = new FakeTerminal();
		const adapter = consoleOn(terminal);
		return {
			adapter,
			target: SESSION,
			script(outcome) {
				if (outcome === "gone") terminal.close();
				else if (outcome === "failed") terminal.failNextWrite("EIO");
				else throw new Error(`a terminal cannot answer "${outcome}"`);
			},
			// --json: each entry's line names its id (notices are plain lines).
			received: () => terminal.chunks.map((text) => ({ text, id: jsonId(text) })),
			secrets: [],
			async teardown() {
				await adapter.stop();
				terminal.destroy();
			},
		};
	}
}

adapterContract("console", consoleHarness, CONSOLE_DECLARATION);
changeContract("console", consoleHarness, CONSOLE_DECLARATION);

describe("console adapter: whose terminal", () => {
	it("answers gone for another (ended) terminal session's target and prints nothing", async () => {
		const terminal = new FakeTerminal();
		const adapter = consoleOn(terminal);
		const result = await adapter.post({ platform: "console", id: "watch-1" }, contractUpdate(1));
		expect(result).toEqual({ status: "gone", reason: "terminal session ended" });
		expect(terminal.text).toBe("");
		expect((await adapter.post(SESSION, contractUpdate(2))).status).toBe("delivered");
		expect(JSON.parse(terminal.text)).toMatchObject({ id: "c2", headline: "Contract headline 2" });
	});
});
