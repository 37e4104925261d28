/** Converts EntryUpdates to and from their stored form; re-exports how they are built (entry-update.ts). */
import { type StoredUpdate, updateCodec } from "../store/delivery-values.js";
import type { EntryUpdate } from "../types.js";

export { DEFAULT_SUMMARY_LIMIT, toEntryUpdate } from "./entry-update.js";

/** EntryUpdate → JSON-safe form (the store's one update codec). */
export const storeUpdate: (update: EntryUpdate) => StoredUpdate = updateCodec.encode;

/** Stored form → EntryUpdate (the store's one update codec). */
export const loadUpdate: (stored: StoredUpdate) => EntryUpdate = updateCodec.decode;
