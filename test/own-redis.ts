/**
 * A Redis server of the test's own (a child redis-server on a free port), so a test can make it run out
 * of memory, freeze or die without disturbing the shared one on 6379.
 */
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { waitFor } from "./helpers.js";

/** A running private Redis. */
export interface OwnRedis {
	readonly url: string;
	/** Sends one command on a fresh connection and resolves with the first reply line. */
	command(...args: string[]): Promise<string>;
	/** Kills the server (SIGKILL): Redis is down. */
	kill(): Promise<void>;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function send(port: number, args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, "127.0.0.1");
		let reply = "";
		socket.setTimeout(5_000, () => {
			socket.destroy();
			reject(new Error(`Redis on ${port} did not answer ${args.join(" ")}`));
		});
		socket.once("error", reject);
		socket.on("data", (data) => {
			reply += data.toString();
			const end = reply.indexOf("\r\n");
			if (end < 0) return;
			socket.destroy();
			resolve(reply.slice(0, end));
		});
		const resp = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;
		socket.write(resp);
	});
}

/** Starts redis-server on a free loopback port; resolves once it answers PING. */
export async function startOwnRedis(): Promise<OwnRedis> {
	const port = await freePort();
	const child: ChildProcess = spawn(
		"redis-server",
		["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"],
		{ stdio: "ignore" },
	);
	let exited = false;
	child.once("exit", () => {
		exited = true;
	});
	await waitFor(
		() =>
			send(port, ["PING"]).then(
				(r) => r === "+PONG",
				() => false,
			),
		`redis-server on port ${port}`,
		15_000,
	);
	return {
		url: `redis://127.0.0.1:${port}`,
		command: (...args) => send(port, args),
		async kill() {
			if (exited) return;
			const gone = new Promise((resolve) => child.once("exit", resolve));
			child.kill("SIGKILL");
			await gone;
		},
	};
}
