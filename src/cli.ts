#!/usr/bin/env node
/** Composition root and command line: `watch <url>` in the terminal, or the chat bot service. */
import { parseArgs } from "node:util";
import { createConsoleAdapter, createEnabledAdapters, showWhileSlow } from "../adapters/index.js";
import { type Config, environmentWithDotEnv, loadConfig } from "./config.js";
import { ConfigError, RelayError, StoreLockedError, toError } from "./errors.js";
import { parseWatchUrl } from "./fetch/url-guard.js";
import type { Logger } from "./log.js";
import type { RelayMetrics } from "./observe/metrics.js";
import { redactSecrets } from "./redact.js";
import { DEFAULT_SUMMARY_LIMIT, toEntryUpdate } from "./relay/entry-update.js";
import { createPageReader, type PageReader } from "./relay/page-reader.js";
import type { Relay } from "./relay/relay.js";
import { listenForShutdown, type ShutdownSignals } from "./shutdown.js";
import type { Target } from "./types.js";

const USAGE = `liveblog-relay: relays every new live-blog entry to Telegram, Discord or this terminal.

Usage (when piping, \`npm start --silent -- …\` keeps npm's banner off stdout):
  npm start                          run the bot for the platforms whose tokens are set (.env)
  npm start -- watch <url>           print the newest entries of a live blog, then each new one
  npm start -- watch <url> --once    print every entry the page holds and exit
  npm start --silent -- watch <url> --json | jq .   one JSON object per entry, for scripts
Options for watch:
  --json         one JSON object per entry on stdout (logs stay on stderr)
  --latest <n>   how many of the newest entries to show first (default 5)
  --explain      first describe on stderr how the page was read (sources, merges, drops, time zone)
  --utc          show times in UTC (default: the local time zone, TZ)
  --verbose      show log lines on stderr too (as LOG_LEVEL=info does)
  watch keeps its state in memory unless STORE_URL is set.
Environment: see .env.example (STORE_URL, POLL_SCHEDULE, ALLOW_PRIVATE_NETWORK, LOG_LEVEL, tokens).`;

/** `watch`'s own store when STORE_URL is not set: nothing to share, nothing left behind. */
const WATCH_STORE_URL = "sqlite://:memory:";

/** Exit codes: 0 ok, 1 runtime failure (URL not watchable, store down), 2 usage or configuration. */
/**
 * A reader that stops reading (`watch … | head -1`) ends the program quietly with 0: there is nobody
 * left to show entries to, and a stack trace about EPIPE would only confuse. Other stdout errors end it
 * with their one-line reason.
 */
function endQuietlyWhenStdoutCloses(): void {
	process.stdout.on("error", (error: NodeJS.ErrnoException) => {
		if (error.code === "EPIPE") process.exit(0);
		process.stderr.write(`liveblog-relay: cannot write to stdout: ${error.message}\n`);
		process.exit(1);
	});
}

async function main(argv: string[]): Promise<number> {
	endQuietlyWhenStdoutCloses();
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		strict: true,
		options: {
			once: { type: "boolean", default: false },
			json: { type: "boolean", default: false },
			latest: { type: "string" },
			explain: { type: "boolean", default: false },
			utc: { type: "boolean", default: false },
			verbose: { type: "boolean", default: false },
			help: { type: "boolean", short: "h", default: false },
		},
	});
	const [command = "serve", ...rest] = positionals;
	if (values.help || command === "help") {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	const config = loadConfig(environmentWithDotEnv());
	// pino loads only for commands that log: a one-shot watch prints the page and exits.
	const logger = () => loggerFor(command, config, values.verbose ?? false);
	if (command === "watch") {
		const url = rest[0];
		if (!url) {
			process.stderr.write(`watch needs a URL.\n\n${USAGE}\n`);
			return 2;
		}
		const latest = values.latest === undefined ? 5 : Number(values.latest);
		if (!Number.isInteger(latest) || latest < 0 || latest > 10) {
			process.stderr.write("--latest takes a whole number from 0 to 10.\n");
			return 2;
		}
		// One page reader for the whole command (explain, --once or the relay); closed when it ends.
		const reader = createPageReader(config);
		try {
			if (values.explain) {
				// Loaded on demand: the extraction code is otherwise only loaded by the extract workers.
				const { explainBlog } = await import("./relay/explain-blog.js");
				process.stderr.write(await explainBlog(parseWatchUrl(url), reader));
			}
			const view = { json: values.json ?? false, timeZone: values.utc ? "UTC" : undefined };
			return values.once
				? await watchOnce(url, reader, view)
				: await watch(url, config, reader, await logger(), { ...view, latest });
		} finally {
			await reader.close();
		}
	}
	if (command === "serve") return serve(config, await logger());
	process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
	return 2;
}

/** How `watch` shows entries: JSON lines or text, times in `timeZone` (undefined: local). */
interface WatchView {
	json: boolean;
	timeZone: string | undefined;
}

/**
 * The logger of a long-running command. `watch` is interactive (scripts read stdout only), so its
 * stderr logs are always human-readable, and by default there are none: stderr carries the status
 * line and notices only.
 */
async function loggerFor(command: string, config: Config, verbose: boolean): Promise<Logger> {
	const { createLogger } = await import("./log.js");
	return createLogger(watchLogLevel(command, config, verbose), {
		pretty: command === "watch" || Boolean(process.stderr.isTTY),
	});
}

/** watch logs nothing unless asked (--verbose or LOG_LEVEL); the bot logs at LOG_LEVEL. */
function watchLogLevel(command: string, config: Config, verbose: boolean): string {
	if (command !== "watch" || config.logLevelIsExplicit) return config.logLevel;
	return verbose ? "info" : "silent";
}

/** `watch <url> --once`: every entry of the page, oldest first; no store involved. */
async function watchOnce(input: string, reader: PageReader, view: WatchView): Promise<number> {
	const url = parseWatchUrl(input);
	const page = await showWhileSlow(reader.read(url), url.href, process.stderr);
	if (page.status !== "ok") {
		throw new RelayError("fetch-failed", `Fetching ${url.href} returned no page`);
	}
	const blog = page.blog;
	const { json } = view;
	const consoleAdapter = createConsoleAdapter(view);
	if (!json)
		process.stderr.write(`${blog.title}: ${blog.entries.length} entries (${blog.url})\n\n`);
	for (const entry of [...blog.entries].reverse()) {
		await consoleAdapter.print(toEntryUpdate(blog, entry, DEFAULT_SUMMARY_LIMIT));
	}
	return 0;
}

/** `watch <url>`: the newest few entries, then each new or edited entry as it appears. */
async function watch(
	input: string,
	config: Config,
	pageReader: PageReader,
	log: Logger,
	options: WatchView & { latest: number },
): Promise<number> {
	const signals = listenForSignals(config, log);
	const target: Target = { platform: "console", id: `watch-${process.pid}` };
	const consoleAdapter = createConsoleAdapter({ ...options, ownTargetId: target.id });
	let watchedUrl: string | undefined;
	let failing = false;
	// A terminal session gets a store of its own (in memory) unless STORE_URL says otherwise: beside a
	// running bot on the default ./data file it would send every entry twice and lose its subscription.
	const storeUrl = config.storeUrlIsExplicit ? config.storeUrl : WATCH_STORE_URL;
	// The relay (store, scheduler, prom-client) loads only for commands that keep running.
	const [{ createRelay }, { showLatest }] = await Promise.all([
		import("./relay/relay.js"),
		import("./relay/show-latest.js"),
	]);
	const relay = await createRelay({
		config: { ...config, storeUrl },
		metrics: await metricsFor(config),
		adapters: [consoleAdapter],
		log,
		pageReader,
		events: {
			onPolled(blog, outcome) {
				if (blog.url !== watchedUrl) return;
				// The status line's news: the page stopped answering, or answers again. Edits of
				// entries already printed come through the console adapter's apply (the change queue).
				if (outcome.status === "failed" && !failing) {
					failing = true;
					process.stderr.write(
						`! The page could not be read (${firstLine(outcome.error.message)}); trying again shortly.\n`,
					);
				} else if (outcome.status !== "failed" && failing) {
					failing = false;
					process.stderr.write("The page can be read again.\n");
				}
			},
		},
	}).catch((error: unknown) => {
		if (!(error instanceof StoreLockedError)) throw error;
		throw new StoreLockedError(
			`${error.message} For watch, an empty STORE_URL= gives it a store of its own.`,
			error.lockFile,
			error.holderPid,
		);
	});
	const reply = await showWhileSlow(
		relay.core.commands.subscribe(target, input, { canManage: true }),
		input,
		process.stderr,
	);
	if (reply.kind === "error") {
		await relay.stop();
		throw reply.error;
	}
	watchedUrl = reply.blog.url;
	await showLatest(
		relay,
		target,
		reply.blog.url,
		{
			count: options.latest,
			summaryLimit: consoleAdapter.summaryLimit,
			editWindowMs: config.editWindowMs,
		},
		(update) => consoleAdapter.print(update),
	);
	process.stderr.write(
		`Watching "${reply.blog.title}" (${reply.blog.url}) on schedule "${config.pollSchedule}". New entries appear below; Ctrl-C stops.\n`,
	);
	await startUnlessSignalled(relay, signals, log);
	// With HEALTH_PORT set, a watch (e.g. in a container) has the status page and /healthz too.
	const { startStatusServer } = await import("./observe/status-server.js");
	const health = await startStatusServer(config, relay, log);
	return signals.stopWithin(async () => {
		await health?.close();
		await relay.core.commands.unsubscribe(target, reply.blog.url, { canManage: true });
		await relay.stop();
	});
}

function firstLine(text: string): string {
	return text.split("\n")[0] ?? text;
}

/** The chat bot service: adapters for every configured token, polling on POLL_SCHEDULE. */
async function serve(config: Config, log: Logger): Promise<number> {
	const signals = listenForSignals(config, log);
	const adapters = await createEnabledAdapters(config, log);
	if (adapters.length === 0) {
		process.stderr.write(
			"No chat platform is configured: set TELEGRAM_BOT_TOKEN and/or DISCORD_BOT_TOKEN (see .env.example).\n" +
				"Without tokens you can watch a live blog in this terminal:\n  npm start -- watch <live-blog-url>\n",
		);
		return 2;
	}
	// Console targets left by ended `watch` sessions are answered "gone", which cleans them up.
	adapters.push(createConsoleAdapter());
	const [{ createRelay }, { startStatusServer }] = await Promise.all([
		import("./relay/relay.js"),
		import("./observe/status-server.js"),
	]);
	const relay: Relay = await createRelay({
		config,
		adapters,
		log,
		metrics: await metricsFor(config),
	});
	// Up before the platforms connect: /healthz says "not started" instead of refusing connections.
	const health = await startStatusServer(config, relay, log);
	await startUnlessSignalled(relay, signals, log).catch(async (error: unknown) => {
		await health?.close();
		throw error;
	});
	return signals.stopWithin(async () => {
		await health?.close();
		await relay.stop();
	});
}

/** prom-client (with its process metrics) only when HEALTH_PORT lets someone scrape them. */
async function metricsFor(config: Config): Promise<RelayMetrics> {
	return config.healthPort === undefined
		? (await import("./observe/metrics-off.js")).createMetricsOff()
		: (await import("./observe/metrics.js")).createMetrics({ defaults: true });
}

/** Takes over SIGTERM/SIGINT now: a signal while the platforms connect stops gracefully too. */
function listenForSignals(config: Config, log: Logger): ShutdownSignals {
	return listenForShutdown({
		graceMs: config.shutdownGraceMs,
		log,
		tell: (line) => process.stderr.write(line),
	});
}

/** Starts the relay unless a stop signal comes first; if a platform refuses (bad token), stops what did start. */
async function startUnlessSignalled(
	relay: Relay,
	signals: ShutdownSignals,
	log: Logger,
): Promise<void> {
	const starting = relay.start().catch(async (error: unknown) => {
		await relay.stop();
		throw error;
	});
	// After a signal the relay is stopped anyway; a start failure then only matters in the log.
	starting.catch((error: unknown) =>
		log.debug(
			{ err: error },
			"relay start ended with an error (a stop signal may have come first)",
		),
	);
	await Promise.race([starting, signals.signalled]);
}

/** One-line reason for anything that ends the program, never a stack trace for expected faults. */
function reasonOf(error: unknown): string {
	if (error instanceof ConfigError) return error.message;
	if (error instanceof RelayError) return error.message.split("\n")[0] ?? error.message;
	if (
		error instanceof TypeError &&
		/parseArgs|ERR_PARSE_ARGS/.test(String((error as NodeJS.ErrnoException).code))
	) {
		return `${error.message}\n\n${USAGE}`;
	}
	// Platform hints (bad token, API unreachable) come from the adapters as AdapterStartError above.
	return redactSecrets(toError(error).message);
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`liveblog-relay: ${reasonOf(error)}\n`);
		process.exitCode =
			error instanceof ConfigError ||
			(error as NodeJS.ErrnoException)?.code?.startsWith?.("ERR_PARSE_ARGS")
				? 2
				: 1;
	},
);
