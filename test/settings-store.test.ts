import { randomUUID } from "node:crypto";
import path from "node:path";
import { openStore } from "../src/store/open-store.js";
import { settingsStoreContract } from "./contract/settings-store-contract.js";
import { makeTempDir } from "./helpers.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

settingsStoreContract("sqlite", async () => {
	const { dir, cleanup } = makeTempDir();
	const store = await openStore(`sqlite://${path.join(dir, "store.sqlite")}`);
	return {
		store,
		cleanup: async () => {
			await store.close().catch(() => undefined);
			cleanup();
		},
	};
});

settingsStoreContract("redis", async () => {
	const store = await openStore(REDIS_URL, { namespace: `test-${randomUUID()}` });
	return { store, cleanup: async () => store.close().catch(() => undefined) };
});
