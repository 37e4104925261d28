#!/usr/bin/env node
/**
 * The build (`npm run build`, run by `npm ci` through `prepare`): esbuild bundles the CLI and the
 * extract worker into dist/ as ES modules. Why a bundle rather than tsc's one file per module: start-up
 * of `watch --once` was dominated by module loading (resolving, reading and compiling ~300 files of
 * ours, zod, undici, cheerio); one bundle with shared chunks cuts that CPU by about 40 %
 * (bench:startup). Types are checked by `npm run typecheck`, not here.
 *
 * Layout: dist/cli.js (the bin) and dist/extract-worker.js beside their shared chunks, flat, because
 * the extract pool finds its worker as `./extract-worker.js` next to the chunk it ends up in. Code
 * loaded with `import()` (the relay, Telegram, Discord, Redis, prom-client) stays in chunks of its
 * own, so a command still loads only what it runs. sqlite3 is native and stays in node_modules.
 */
import { chmodSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "dist");

/**
 * Our modules run nothing when imported (the entry points aside), so a module none of whose exports
 * a command uses is left out entirely: e.g. the console adapter imports the core's barrel
 * (src/index.ts), which would otherwise drag zod-built settings schemas and pino into `watch --once`.
 */
const ownModulesArePure = {
	name: "own-modules-are-pure",
	setup(b) {
		b.onResolve({ filter: /^\.\.?\// }, (args) => {
			if (args.kind !== "import-statement" || args.importer.includes("node_modules"))
				return undefined;
			return {
				path: path.resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts")),
				sideEffects: false,
			};
		});
	},
};

rmSync(OUT, { recursive: true, force: true });
const result = await build({
	absWorkingDir: ROOT,
	entryPoints: {
		cli: "src/cli.ts",
		"extract-worker": "src/extract/extract-worker.ts",
	},
	outdir: OUT,
	entryNames: "[name]",
	chunkNames: "[name]-[hash]",
	bundle: true,
	splitting: true,
	format: "esm",
	platform: "node",
	target: "node20",
	// Native addon: loaded from node_modules at run time.
	external: ["sqlite3"],
	// Bundled CommonJS packages call require() for Node's built-ins; ES modules have none of their own.
	banner: {
		js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
	},
	// Smaller files parse faster; names are kept for error classes and stack traces.
	minifyWhitespace: true,
	minifySyntax: true,
	keepNames: true,
	sourcemap: "linked",
	plugins: [ownModulesArePure],
	logLevel: "warning",
	metafile: false,
});
if (result.errors.length > 0) process.exit(1);
chmodSync(path.join(OUT, "cli.js"), 0o755);
