/** `npm run crash-test`: the full crash run (50 chats, 20+ SIGKILLs) with a printed report. */
import { runCrashTest } from "../test/crash/crash-harness.js";

const seed = Number(process.env.SEED ?? 20261125);
const report = await runCrashTest({
	targets: Number(process.env.TARGETS ?? 50),
	kills: Number(process.env.KILLS ?? 20),
	entries: Number(process.env.ENTRIES ?? 40),
	digestTargets: Number(process.env.DIGEST_TARGETS ?? 10),
	seed,
	// CHANGES=0 runs the new-entries-only scenario.
	changes: process.env.CHANGES === "0" ? undefined : { editRate: 0.25, deleteRate: 0.1 },
	log: (line) => process.stderr.write(`${line}\n`),
	// BOT_LOG=file keeps the bot's info-level log there, and its store beside it, for a post-mortem.
	botLogFile: process.env.BOT_LOG,
});
console.table([report]);
const ok = report.lost === 0 && report.duplicates <= report.kills && report.stale === 0;
console.log(
	ok
		? "PASS: nothing lost, at most one repeat per kill, every entry as the page last had it"
		: "FAIL",
);
process.exitCode = ok ? 0 : 1;
