import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		include: ["test/**/*.test.ts"],
		// A hang guard, not a speed check: CI is a loaded 2-core box where one child process may take
		// 10 s to start, and waits inside tests (test/helpers.ts waitFor) allow 30-60 s per step.
		testTimeout: 120_000,
		hookTimeout: 120_000,
		pool: "forks",
		globalSetup: ["test/global-setup.ts"],
	},
});
