/**
 * Stored values' form and versions: one mapped type from a runtime shape to its JSON form, one codec
 * for it, and a versioned reader that checks each value (zod) where it leaves the store. A value is
 * written as `{ v: 1, … }`; one written before versions existed (no `v`) is read as the legacy shape,
 * so a later release can add fields and migrate queued deliveries instead of breaking them.
 */
import { en } from "zod/locales";
import * as z from "zod/mini";
import { StoredValueError } from "../errors.js";

// zod/mini loads no locale by itself, and a value's problems name what failed in the words full zod used.
z.config(en());

type StoredField<T> = T extends Date ? number : T;
type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** T as stored: Dates become ms since epoch, and fields that may be undefined become optional (JSON drops them). */
export type Stored<T> = Simplify<
	{ [K in Exclude<keyof T, OptionalKeys<T>>]: StoredField<T[K]> } & {
		[K in OptionalKeys<T>]?: StoredField<T[K]>;
	}
>;

/** Keys of T whose values are Dates (possibly undefined). */
export type DateKeys<T> = {
	[K in keyof T]-?: [NonNullable<T[K]>] extends [Date] ? K : never;
}[keyof T];

/** Converts a runtime value to its stored form and back. */
export interface Codec<T, S> {
	encode(value: T): S;
	decode(stored: S): T;
}

/** The codec of a shape whose only non-JSON fields are the named Dates (kept as ms). */
export function dateCodec<T extends object>(dateKeys: readonly DateKeys<T>[]): Codec<T, Stored<T>> {
	const keys = dateKeys as readonly string[];
	return {
		encode(value) {
			const out = { ...value } as Record<string, unknown>;
			for (const key of keys) {
				const date = out[key];
				out[key] = date instanceof Date ? date.getTime() : undefined;
			}
			// Every other field is already JSON-safe: that is what Stored<T> says.
			return out as Stored<T>;
		},
		decode(stored) {
			const out = { ...stored } as Record<string, unknown>;
			for (const key of keys) {
				const ms = out[key];
				out[key] = typeof ms === "number" ? new Date(ms) : undefined;
			}
			return out as T;
		},
	};
}

/** True when A and B are the same type (used to pin a zod schema to the type it checks). */
export type Same<A, B> =
	(<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/** The version every value is written at today. */
export const STORED_VERSION = 1;

/** One kind of stored value (a plain object): how to write it at the current version and read any version. */
export interface VersionedValue<T extends object> {
	/** What the value is, for errors ("queued delivery", "recent entries"). */
	readonly kind: string;
	/** The value as written: `{ v: 1, … }`. */
	wrap(value: T): Record<string, unknown>;
	/** Checks a value read from `key`; throws StoredValueError naming the key and what failed. */
	parse(key: string, raw: unknown): T;
}

const MAX_PROBLEMS = 5;

function problemsOf(error: z.core.$ZodError): string[] {
	return error.issues
		.slice(0, MAX_PROBLEMS)
		.map((issue) => `${issue.path.join(".") || "(value)"}: ${issue.message}`);
}

/**
 * A versioned value. `current` reads `{ v: 1, … }` (the `v` is ignored by it), `legacy` reads what
 * the release before versions wrote. Keep transforms off `current`: a zod pipe costs more than the
 * check itself (bench/stored-value.bench.ts), and `current` is the path every read takes.
 */
export function versionedValue<T extends object>(spec: {
	kind: string;
	// The core type, not zod/mini's: any zod 4 schema (mini or classic) is checked the same way.
	current: z.core.$ZodType<T>;
	legacy: z.core.$ZodType<T>;
}): VersionedValue<T> {
	const { kind, current, legacy } = spec;
	return {
		kind,
		wrap: (value) => ({ v: STORED_VERSION, ...value }),
		parse(key, raw) {
			const v =
				typeof raw === "object" && raw !== null && !Array.isArray(raw)
					? (raw as { v?: unknown }).v
					: undefined;
			if (typeof v === "number" && v > STORED_VERSION) {
				// A newer release wrote it (rolling upgrade): not corrupt, just not ours to read.
				throw new StoredValueError(
					key,
					kind,
					[`written at v${v}; this release reads up to v${STORED_VERSION}`],
					"newer",
				);
			}
			if (v !== undefined && v !== STORED_VERSION) {
				throw new StoredValueError(
					key,
					kind,
					[`v: unknown version ${JSON.stringify(v)}`],
					"invalid",
				);
			}
			const result = z.safeParse(v === undefined ? legacy : current, raw);
			if (!result.success)
				throw new StoredValueError(key, kind, problemsOf(result.error), "invalid");
			return result.data;
		},
	};
}
