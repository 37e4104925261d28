import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { StoreError } from "../src/errors.js";
import { openStore } from "../src/store/open-store.js";
import { storeContract } from "./contract/store-contract.js";
import { makeTempDir } from "./helpers.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

storeContract("sqlite", async () => {
	const { dir, cleanup } = makeTempDir();
	const store = await openStore(`sqlite://${path.join(dir, "nested", "store.sqlite")}`);
	return {
		store,
		cleanup: async () => {
			await store.close().catch(() => undefined);
			cleanup();
		},
	};
});

storeContract("redis", async () => {
	const store = await openStore(REDIS_URL, { namespace: `test-${randomUUID()}` });
	return { store, cleanup: async () => store.close().catch(() => undefined) };
});

describe("openStore", () => {
	it("throws StoreError on a failed read instead of pretending nothing is stored", async () => {
		const { dir, cleanup } = makeTempDir();
		const store = await openStore(`sqlite://${path.join(dir, "s.sqlite")}`);
		await store.set("seen", [1]);
		await store.close();
		await expect(store.get("seen")).rejects.toBeInstanceOf(StoreError);
		cleanup();
	});

	it("keeps sqlite://:memory: in memory: no file named ':memory:' in the working directory", async () => {
		// demo:changes sets this URL; loadConfig once resolved it as a path against cwd.
		const { dir, cleanup } = makeTempDir();
		try {
			const config = loadConfig({ STORE_URL: "sqlite://:memory:" }, dir);
			expect(config.storeUrl).toBe("sqlite://:memory:");
			const store = await openStore(config.storeUrl);
			await store.set("seen", [1]);
			expect(await store.get("seen")).toEqual([1]);
			await store.close();
			expect(readdirSync(dir)).toEqual([]);
		} finally {
			cleanup();
		}
	});

	it("refuses an unknown scheme", async () => {
		await expect(openStore("mysql://x")).rejects.toBeInstanceOf(StoreError);
	});

	it("fails clearly when Redis cannot be reached", async () => {
		await expect(openStore("redis://127.0.0.1:1")).rejects.toThrow(
			"Redis at 127.0.0.1:1 (STORE_URL) refused the connection",
		);
	});
});
