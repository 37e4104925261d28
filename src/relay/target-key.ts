/**
 * Moved to src/store/target-key.ts (the store owns target identity). This shim keeps old imports
 * working while parallel branches merge; import from the store in new code.
 */
export { parseTargetKey, type TargetKey, targetKey } from "../store/target-key.js";
