import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

/** Source files by path from the repository root ("src/relay/relay.ts"), with their text. */
type Sources = ReadonlyMap<string, string>;

function readSources(dir: string): Map<string, string> {
	const files = new Map<string, string>();
	for (const d of readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })) {
		if (!d.isFile() || !d.name.endsWith(".ts")) continue;
		const abs = path.join(d.parentPath, d.name);
		files.set(path.relative(ROOT, abs).split(path.sep).join("/"), readFileSync(abs, "utf8"));
	}
	return files;
}

/**
 * Relative imports of a file, resolved to paths from the repository root. TypeScript's own scanner
 * finds them (static, type-only, re-exports and dynamic `import()`), and skips comments and strings.
 */
function importsIn(file: string, text: string): string[] {
	return ts
		.preProcessFile(text, true, true)
		.importedFiles.map((f) => f.fileName)
		.filter((spec) => spec.startsWith("."))
		.map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
}

const inside = (file: string, folder: string) => file.startsWith(`${folder}/`);

/**
 * Arrows forbidden inside the core: [from folder, folders it must not import]. The relay is the top
 * of the core (it wires store, fetch, extract, detect and schedule together), so nothing below it
 * imports it; the store knows nothing of who uses it; detect, extract and fetch are pure of storage.
 */
const FORBIDDEN_ARROWS: ReadonlyArray<readonly [string, readonly string[]]> = [
	["src/store", ["src/relay", "src/observe", "src/schedule"]],
	["src/detect", ["src/store", "src/relay"]],
	["src/extract", ["src/store", "src/relay"]],
	["src/fetch", ["src/store", "src/relay"]],
	["src/observe", ["src/relay"]],
	["src/schedule", ["src/relay"]],
	["src/summary", ["src/store", "src/relay"]],
];

/** Every "file → import" that breaks one of the core's arrows. */
function forbiddenArrows(sources: Sources): string[] {
	const offenders: string[] = [];
	for (const [file, text] of sources) {
		const rule = FORBIDDEN_ARROWS.find(([from]) => inside(file, from));
		if (!rule) continue;
		for (const target of importsIn(file, text)) {
			if (rule[1].some((to) => inside(target, to))) offenders.push(`${file} → ${target}`);
		}
	}
	return offenders;
}

/** Core files that import an adapter (only the composition root, src/cli.ts, may). */
function coreImportingAdapters(sources: Sources): string[] {
	return [...sources]
		.filter(([file]) => file !== "src/cli.ts")
		.flatMap(([file, text]) =>
			importsIn(file, text)
				.filter((target) => inside(target, "adapters"))
				.map((target) => `${file} → ${target}`),
		);
}

/** Adapter files that import the core other than through src/index.ts, or another adapter. */
function adaptersReachingIn(sources: Sources): string[] {
	const offenders: string[] = [];
	for (const [file, text] of sources) {
		const own = file.split("/").slice(0, 2).join("/");
		for (const target of importsIn(file, text)) {
			if (inside(target, "src")) {
				if (target !== "src/index.js") offenders.push(`${file} → ${target}`);
			} else if (inside(target, "adapters") && file !== "adapters/index.ts") {
				if (!inside(target, own)) offenders.push(`${file} → ${target}`);
			}
		}
	}
	return offenders;
}

/** The soft limit of a production file, in lines. */
const SIZE_LIMIT = 400;

/**
 * Production files allowed over the limit, with why. The list only shrinks: an exemption whose file
 * is gone or back under the limit fails the check, so it is removed as soon as it is not needed.
 */
const OVERSIZED: Readonly<Record<string, string>> = {};

const lineCount = (text: string) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

/** Files over the limit without an exemption, and exemptions no longer needed. */
function sizeOffenders(
	sources: Sources,
	limit: number,
	exempt: Readonly<Record<string, string>>,
): string[] {
	const offenders: string[] = [];
	for (const [file, text] of sources) {
		const lines = lineCount(text);
		if (lines > limit && !(file in exempt)) offenders.push(`${file}: ${lines} lines > ${limit}`);
		if (lines <= limit && file in exempt)
			offenders.push(`${file}: ${lines} lines, drop its exemption`);
	}
	for (const file of Object.keys(exempt)) {
		if (!sources.has(file)) offenders.push(`${file}: gone, drop its exemption`);
	}
	return offenders;
}

describe("dependency direction", () => {
	const core = readSources("src");
	const adapters = readSources("adapters");

	it("keeps the core free of adapters (only src/cli.ts wires them in)", () => {
		expect(coreImportingAdapters(core)).toEqual([]);
	});

	it("lets adapters import only src/index.ts from the core, and not each other", () => {
		expect(adaptersReachingIn(adapters)).toEqual([]);
	});

	it("keeps the arrows inside the core pointing one way (store, detect, extract, fetch, observe)", () => {
		expect(forbiddenArrows(core)).toEqual([]);
	});

	it(`keeps production files within ${SIZE_LIMIT} lines, but for a short named list`, () => {
		expect(Object.keys(OVERSIZED).length).toBeLessThanOrEqual(3);
		expect(sizeOffenders(new Map([...core, ...adapters]), SIZE_LIMIT, OVERSIZED)).toEqual([]);
	});

	it("finds the files it checks", () => {
		expect(core.size).toBeGreaterThan(10);
		expect(adapters.size).toBeGreaterThan(5);
		expect(importsIn("src/cli.ts", core.get("src/cli.ts") ?? "")).toContain("adapters/index.js");
		expect(
			importsIn("src/store/subscriptions.ts", core.get("src/store/subscriptions.ts") ?? ""),
		).toContain("src/store/keys.js");
	});
});

describe("the boundary checker itself", () => {
	it("catches a wrong import of every kind (static, type-only, re-export, dynamic)", () => {
		const sources = new Map([
			["src/store/bad.ts", 'import { createRelay } from "../relay/relay.js";\n'],
			["src/detect/bad.ts", 'import type { SeenSet } from "../store/watch-state.js";\n'],
			["src/extract/bad.ts", 'export { KEYS } from "../store/keys.js";\n'],
			["src/observe/bad.ts", 'const w = await import("../relay/watcher.js");\n'],
			[
				"src/fetch/fine.ts",
				'// import { x } from "../store/keys.js";\nimport { a } from "./b.js";\n',
			],
			["src/relay/fine.ts", 'import { KEYS } from "../store/keys.js";\n'],
		]);
		expect(forbiddenArrows(sources)).toEqual([
			"src/store/bad.ts → src/relay/relay.js",
			"src/detect/bad.ts → src/store/watch-state.js",
			"src/extract/bad.ts → src/store/keys.js",
			"src/observe/bad.ts → src/relay/watcher.js",
		]);
	});

	it("catches the core importing an adapter, and an adapter reaching past src/index.ts", () => {
		expect(
			coreImportingAdapters(
				new Map([
					["src/relay/bad.ts", 'import { x } from "../../adapters/telegram/index.js";\n'],
					["src/cli.ts", 'import { x } from "../adapters/index.js";\n'],
				]),
			),
		).toEqual(["src/relay/bad.ts → adapters/telegram/index.js"]);
		expect(
			adaptersReachingIn(
				new Map([
					["adapters/discord/bad.ts", 'import { KEYS } from "../../src/store/keys.js";\n'],
					["adapters/discord/worse.ts", 'import { t } from "../telegram/format.js";\n'],
					["adapters/discord/fine.ts", 'import type { Config } from "../../src/index.js";\n'],
				]),
			),
		).toEqual([
			"adapters/discord/bad.ts → src/store/keys.js",
			"adapters/discord/worse.ts → adapters/telegram/format.js",
		]);
	});

	it("flags a file over the limit, and an exemption that is no longer needed", () => {
		const lines = (n: number) => "x\n".repeat(n);
		const sources = new Map([
			["src/big.ts", lines(401)],
			["src/full.ts", lines(400)],
			["src/shrunk.ts", lines(120)],
			["src/allowed.ts", lines(900)],
		]);
		const exempt = { "src/shrunk.ts": "was big", "src/allowed.ts": "big", "src/gone.ts": "moved" };
		expect(sizeOffenders(sources, 400, exempt)).toEqual([
			"src/big.ts: 401 lines > 400",
			"src/shrunk.ts: 120 lines, drop its exemption",
			"src/gone.ts: gone, drop its exemption",
		]);
	});
});
