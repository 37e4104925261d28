/** Makes sure a Redis answers on 127.0.0.1:6379 for the store tests; starts one if it can. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import net from "node:net";

const PORT = 6379;

function redisAnswers(): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(PORT, "127.0.0.1");
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(500, () => done(false));
		socket.once("error", () => done(false));
		socket.once("connect", () => socket.write("PING\r\n"));
		socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
	});
}

let started: ChildProcess | undefined;

/** vitest global setup: returns the teardown. */
export default async function setup(): Promise<() => void> {
	if (process.env.TEST_REDIS_URL || (await redisAnswers())) return () => {};
	if (spawnSync("redis-server", ["--version"]).status !== 0) {
		throw new Error(
			"The store tests need Redis on 127.0.0.1:6379 and redis-server is not installed (apt-get install redis-server).",
		);
	}
	started = spawn(
		"redis-server",
		["--bind", "127.0.0.1", "--port", String(PORT), "--save", "", "--appendonly", "no"],
		{
			stdio: "ignore",
		},
	);
	for (let i = 0; i < 50 && !(await redisAnswers()); i++)
		await new Promise((r) => setTimeout(r, 100));
	if (!(await redisAnswers()))
		throw new Error("Started redis-server but it does not answer on 127.0.0.1:6379");
	return () => {
		started?.kill();
	};
}
