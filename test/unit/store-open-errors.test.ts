import { describe, expect, it } from "vitest";
import { redisOpenError, sqliteOpenError } from "../../src/store/open-errors.js";

const sys = (code: string, message = `${code}: something`) =>
	Object.assign(new Error(message), { code });

describe("store open errors", () => {
	it.each([
		[sys("EACCES"), "permission denied"],
		[sys("EROFS"), "the file system is read-only"],
		[sys("SQLITE_NOTADB"), "the file is not a SQLite database"],
		[new Error("disk I/O error"), "disk I/O error"],
	])("names the SQLite file and STORE_URL: %s", (error, reason) => {
		expect(sqliteOpenError("/var/lib/relay/db.sqlite", error).message).toBe(
			`Cannot open the SQLite file /var/lib/relay/db.sqlite (STORE_URL): ${reason}`,
		);
	});

	it.each([
		[sys("ECONNREFUSED"), "Redis at 10.0.0.5:6380 (STORE_URL) refused the connection"],
		[
			new AggregateError([sys("ECONNREFUSED")], "connect failed"),
			"Redis at 10.0.0.5:6380 (STORE_URL) refused the connection",
		],
		[sys("ENOTFOUND"), "Redis at 10.0.0.5:6380 (STORE_URL): the host name was not found"],
		[
			new Error("Redis timed out after 5000ms"),
			"Redis at 10.0.0.5:6380 (STORE_URL) did not answer",
		],
		[
			new Error("WRONGPASS invalid username-password pair"),
			"Redis at 10.0.0.5:6380 (STORE_URL) refused the login (check the user and password in STORE_URL)",
		],
	])("names Redis by host and port, never its password: %s", (error, message) => {
		const text = redisOpenError("redis://user:hunter2@10.0.0.5:6380/2", error).message;
		expect(text).toBe(message);
		expect(text).not.toContain("hunter2");
	});
});
