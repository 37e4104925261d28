/** Small shared pieces of the settings tests. */
import { createSilentLogger } from "../../src/log.js";

/** A logger that writes nothing. */
export const silentLog = createSilentLogger();
