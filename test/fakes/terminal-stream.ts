/**
 * A fake terminal for the console adapter: a writable stream that records what was printed and can
 * be made to fail the way a real stdout does (a write error such as EIO, or a closed pipe).
 */
import { Writable } from "node:stream";

/** The stream the console adapter prints to in tests. */
export class FakeTerminal extends Writable {
	readonly chunks: string[] = [];
	/** Errors the stream reported (a real stdout reports them as 'error' events too). */
	readonly errors: Error[] = [];
	#failNext: NodeJS.ErrnoException | undefined;

	constructor() {
		super();
		// The write callback carries the same error into the adapter's result; this only records it,
		// so the test process does not treat the stream's 'error' event as unhandled.
		this.on("error", (error) => this.errors.push(error));
	}

	/** The next write fails with this errno code (the stream is then destroyed, as Node does). */
	failNextWrite(code = "EIO"): void {
		this.#failNext = Object.assign(new Error(`${code}: i/o error, write`), { code });
	}

	/** The reader went away (`watch | head` after head exits): later writes fail. */
	close(): void {
		this.destroy();
	}

	/** Everything printed so far. */
	get text(): string {
		return this.chunks.join("");
	}

	override _write(
		chunk: Buffer | string,
		_encoding: BufferEncoding,
		cb: (error?: Error | null) => void,
	): void {
		const failure = this.#failNext;
		this.#failNext = undefined;
		if (failure) {
			cb(failure);
			return;
		}
		this.chunks.push(typeof chunk === "string" ? chunk : chunk.toString("utf8"));
		cb(null);
	}
}
