import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

function sourceFiles(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
		.filter((d) => d.isFile() && d.name.endsWith(".ts"))
		.map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)));
}

function importsOf(file: string): string[] {
	const text = readFileSync(path.join(ROOT, file), "utf8");
	const specs: string[] = [];
	for (const m of text.matchAll(
		/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
	)) {
		const spec = m[1] ?? m[2];
		if (spec?.startsWith("."))
			specs.push(path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec)));
	}
	return specs;
}

describe("dependency direction", () => {
	it("keeps the core free of adapters (only src/cli.ts wires them in)", () => {
		const offenders = sourceFiles("src")
			.filter((f) => f !== path.join("src", "cli.ts"))
			.flatMap((f) =>
				importsOf(f)
					.filter((i) => i.startsWith("adapters"))
					.map((i) => `${f} → ${i}`),
			);
		expect(offenders).toEqual([]);
	});

	it("lets adapters import only src/index.ts from the core, and not each other", () => {
		const offenders: string[] = [];
		for (const file of sourceFiles("adapters")) {
			const own = file.split(path.sep).slice(0, 2).join(path.sep);
			for (const target of importsOf(file)) {
				if (target.startsWith("src")) {
					if (target !== path.join("src", "index.js")) offenders.push(`${file} → ${target}`);
				} else if (target.startsWith("adapters") && file !== path.join("adapters", "index.ts")) {
					if (!target.startsWith(own)) offenders.push(`${file} → ${target}`);
				}
			}
		}
		expect(offenders).toEqual([]);
	});

	it("finds the files it checks", () => {
		expect(sourceFiles("src").length).toBeGreaterThan(10);
		expect(importsOf(path.join("src", "cli.ts"))).toContain(path.join("adapters", "index.js"));
	});
});
