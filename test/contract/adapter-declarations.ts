/**
 * What each adapter declares about itself for the contract suite: the outcomes its platform has no
 * way to produce (each with why), and its capabilities. The README's outcome table must mark exactly
 * these cells "—" (test/contract/readme-outcomes.test.ts).
 */
import type { Platform } from "../../src/types.js";
import type { ScriptedOutcome } from "./delivery-outcomes.js";

/** Capability toggles of one adapter, passed to adapterContract. */
export interface AdapterDeclaration {
	/** The column of the README's outcome table that describes this adapter. */
	readmeColumn: string;
	/** Outcomes the platform cannot produce, with the reason; the suite scripts all the others. */
	cannotProduce: Partial<Record<ScriptedOutcome, string>>;
	/** Delivered posts carry the platform's message id (needed to edit them later). */
	messageIds: boolean;
	/** The adapter receives chat commands, so a command round trip must reach the core. */
	commands: boolean;
	/** The adapter posts notices about blogs (postNotice). */
	notices: boolean;
	/** The adapter changes posted messages (apply: edit, retract, pin). */
	changes: boolean;
	/** Its messages can be pinned (Telegram, Discord; a terminal cannot). */
	pins: boolean;
}

/** Telegram speaks every outcome. */
export const TELEGRAM_DECLARATION: AdapterDeclaration = {
	readmeColumn: "Telegram",
	cannotProduce: {},
	messageIds: true,
	commands: true,
	notices: true,
	changes: true,
	pins: true,
};

/** Discord channels keep their id for life. */
export const DISCORD_DECLARATION: AdapterDeclaration = {
	readmeColumn: "Discord",
	cannotProduce: { moved: "a Discord channel keeps its id for life" },
	messageIds: true,
	commands: true,
	notices: true,
	changes: true,
	pins: true,
};

/** The terminal: a stream that works, fails a write, or is closed. */
export const CONSOLE_DECLARATION: AdapterDeclaration = {
	readmeColumn: "Terminal",
	cannotProduce: {
		forbidden: "a terminal has no permissions to lose",
		moved: "a terminal session has one id for life",
		"rate-limited": "a stream applies back-pressure, it never asks the writer to wait",
		rejected: "plain text has no syntax a terminal could refuse",
	},
	// The entry id names the printed block, so changes of the entry come back to the terminal.
	messageIds: true,
	commands: false,
	notices: true,
	changes: true,
	pins: false,
};

/** Every adapter's declaration, keyed by platform (a new platform must add one). */
export const ADAPTER_DECLARATIONS: Readonly<Record<Platform, AdapterDeclaration>> = {
	telegram: TELEGRAM_DECLARATION,
	discord: DISCORD_DECLARATION,
	console: CONSOLE_DECLARATION,
};
