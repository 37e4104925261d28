/** The adapter contract for the console adapter, printing to a fake terminal that can fail like stdout. */
import { describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../adapters/console/index.js";
import type { Target } from "../../src/types.js";
import { adapterContract, contractUpdate } from "../contract/adapter-contract.js";
import { CONSOLE_DECLARATION } from "../contract/adapter-declarations.js";
import { FakeTerminal } from "../fakes/terminal-stream.js";

const SESSION: Target = { platform: "console", id: "watch-contract" };

function consoleOn(terminal: FakeTerminal) {
	return createConsoleAdapter({
		out: terminal,
		noticeOut: terminal,
		json: true,
		ownTargetId: SESSION.id,
	});
}

adapterContract(
	"console",
	async () => {
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
			received: () => terminal.chunks.map((text) => ({ text })),
			secrets: [],
			async teardown() {
				await adapter.stop();
				terminal.destroy();
			},
		};
	},
	CONSOLE_DECLARATION,
);

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
