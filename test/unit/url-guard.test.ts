import type { LookupAddress } from "node:dns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BlockedUrlError, FetchError, InvalidUrlError } from "../../src/errors.js";
import {
	assertUrlAllowed,
	classifyAddress,
	createGuardedLookup,
	parseWatchUrl,
	type Resolver,
} from "../../src/fetch/url-guard.js";

/** A fake DNS: every name resolves to the given addresses. */
function fakeResolver(...addresses: string[]): Resolver {
	return async () =>
		addresses.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 }));
}

/** Runs a guarded lookup and returns what it called back with. */
function runLookup(
	lookup: ReturnType<typeof createGuardedLookup>,
	hostname: string,
	all: boolean,
): Promise<{ error: Error | null; address: string | LookupAddress[]; family: number | undefined }> {
	return new Promise((resolve) => {
		lookup(hostname, { all }, (error, address, family) => resolve({ error, address, family }));
	});
}

describe("parseWatchUrl", () => {
	it.each([
		[
			"https://www.theguardian.com/world/live/2024/jan/01/news",
			"https://www.theguardian.com/world/live/2024/jan/01/news",
		],
		["  http://example.com/live  ", "http://example.com/live"],
		["HTTPS://EXAMPLE.COM/Live", "https://example.com/Live"],
		["example.com/live?page=2", "https://example.com/live?page=2"],
		["www.bbc.co.uk", "https://www.bbc.co.uk/"],
		["//example.com/x", "https://example.com/x"],
		["example.com:8080/live", "https://example.com:8080/live"],
		["localhost:3000/blog", "https://localhost:3000/blog"],
		["http://localhost/", "http://localhost/"],
		["http://127.0.0.1:8080/", "http://127.0.0.1:8080/"],
		["http://[::1]/", "http://[::1]/"],
		["https://bücher.de/live", "https://xn--bcher-kva.de/live"],
		["https://例え.jp/", "https://xn--r8jz45g.jp/"],
		// Number-encoded IPv4 is normalised here and refused later by the address check.
		["http://2130706433/", "http://127.0.0.1/"],
		["http://0x7f.1/", "http://127.0.0.1/"],
		["http://017700000001/", "http://127.0.0.1/"],
	])("accepts %s as %s", (input, expected) => {
		expect(parseWatchUrl(input).href).toBe(expected);
	});

	it.each([
		["", "empty"],
		["   ", "empty"],
		["javascript:alert(1)", "only http and https are supported, not javascript:"],
		["JavaScript:alert(1)", "only http and https are supported, not javascript:"],
		["file:///etc/passwd", "only http and https are supported, not file:"],
		["data:text/html,<script>alert(1)</script>", "only http and https are supported, not data:"],
		["ftp://example.com/file", "only http and https are supported, not ftp:"],
		["mailto:desk@example.com", "only http and https are supported, not mailto:"],
		["https://user:pass@example.com/", "contains a user name or password"],
		["https://user@example.com/", "contains a user name or password"],
		["https://example.com@evil.example/", "contains a user name or password"],
		["java\nscript:alert(1)", "contains control characters"],
		["https://exa\tmple.com/", "contains control characters"],
		["https://example.com/\u0000", "contains control characters"],
		[`https://example.com/${"a".repeat(2100)}`, "too long"],
		["x".repeat(100_000), "too long"],
		["https://intranet/", "host name has no dot"],
		["news", "host name has no dot"],
		["hello world", "not a web address"],
		["https://", "not a valid URL"],
		["http://999.1.1.1/", "not a valid URL"],
		["https://exa mple.com/", "not a valid URL"],
	])("refuses %j (%s)", (input, reason) => {
		expect(() => parseWatchUrl(input)).toThrow(InvalidUrlError);
		expect(() => parseWatchUrl(input)).toThrow(`(${reason})`);
	});

	it("never throws anything but InvalidUrlError, and only accepts http(s) without credentials", () => {
		const prefix = fc.constantFrom(
			"",
			"http://",
			"https://",
			"//",
			"javascript:",
			"file://",
			"data:",
			"https://user:pw@",
			" ",
		);
		let accepted = 0;
		const rest = fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), fc.webUrl(), fc.domain());
		fc.assert(
			fc.property(prefix, rest, (head, tail) => {
				let url: URL;
				try {
					url = parseWatchUrl(head + tail);
				} catch (error) {
					expect(error).toBeInstanceOf(InvalidUrlError);
					return;
				}
				accepted++;
				expect(["http:", "https:"]).toContain(url.protocol);
				expect(url.username).toBe("");
				expect(url.password).toBe("");
				expect(url.hostname).not.toBe("");
			}),
			{ seed: 42, numRuns: 3000 },
		);
		// Guards against a vacuous property where every generated input is refused.
		expect(accepted).toBeGreaterThan(300);
	});
});

describe("classifyAddress", () => {
	it.each([
		["127.0.0.1", "loopback"],
		["127.255.0.9", "loopback"],
		["::1", "loopback"],
		["[::1]", "loopback"],
		["10.1.2.3", "private"],
		["172.16.0.1", "private"],
		["172.31.255.254", "private"],
		["192.168.1.1", "private"],
		["100.64.0.1", "carrierGradeNat"],
		["169.254.1.1", "linkLocal"],
		["169.254.169.254", "metadata"],
		["169.254.170.2", "metadata"],
		["168.63.129.16", "metadata"],
		["fd00:ec2::254", "metadata"],
		["0.0.0.0", "unspecified"],
		["::", "unspecified"],
		["255.255.255.255", "broadcast"],
		["224.0.0.1", "multicast"],
		["ff02::1", "multicast"],
		["240.0.0.1", "reserved"],
		["192.0.2.1", "reserved"],
		["fe80::1", "linkLocal"],
		["fe80::1%eth0", "linkLocal"],
		["fc00::1", "uniqueLocal"],
		["fd12:3456::1", "uniqueLocal"],
		["::ffff:10.0.0.1", "private"],
		["::ffff:127.0.0.1", "loopback"],
		["::ffff:7f00:1", "loopback"],
		["::ffff:169.254.169.254", "metadata"],
		["64:ff9b::7f00:1", "loopback"],
		["64:ff9b::a00:1", "private"],
		["64:ff9b:1::1", "rfc6052"],
		["2002:7f00:1::", "loopback"],
		["2002:c0a8:101::1", "private"],
		["::ffff:0:7f00:1", "loopback"],
		["2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"],
		["::7f00:1", "ipv4Compatible"],
		["2001:db8::1", "reserved"],
		["4000::1", "reserved"],
		["not-an-ip", "invalid"],
		["0x7f.0.0.1", "invalid"],
		["2130706433", "invalid"],
	])("refuses %s as %s", (address, range) => {
		expect(classifyAddress(address)).toBe(range);
	});

	it.each([
		"93.184.216.34",
		"8.8.8.8",
		"1.1.1.1",
		"172.32.0.1",
		"100.128.0.1",
		"2606:4700:4700::1111",
		"2a00:1450:4009:81f::200e",
		"::ffff:8.8.8.8",
		"64:ff9b::808:808",
		"2002:808:808::1",
	])("allows public unicast %s", (address) => {
		expect(classifyAddress(address)).toBeUndefined();
	});

	it("always refuses IPv4 in 127/8, 10/8, 192.168/16 and 172.16/12, plain and IPv4-mapped", async () => {
		const octet = fc.integer({ min: 0, max: 255 });
		const privateAddress = fc.oneof(
			fc.tuple(octet, octet, octet).map(([b, c, d]) => `127.${b}.${c}.${d}`),
			fc.tuple(octet, octet, octet).map(([b, c, d]) => `10.${b}.${c}.${d}`),
			fc.tuple(octet, octet).map(([c, d]) => `192.168.${c}.${d}`),
			fc
				.tuple(fc.integer({ min: 16, max: 31 }), octet, octet)
				.map(([b, c, d]) => `172.${b}.${c}.${d}`),
		);
		await fc.assert(
			fc.asyncProperty(privateAddress, async (address) => {
				expect(classifyAddress(address)).toMatch(/^(loopback|private)$/);
				expect(classifyAddress(`::ffff:${address}`)).toMatch(/^(loopback|private)$/);
				await expect(assertUrlAllowed(new URL(`http://${address}/`), false)).rejects.toBeInstanceOf(
					BlockedUrlError,
				);
			}),
			{ seed: 42, numRuns: 3000 },
		);
	});
});

describe("assertUrlAllowed", () => {
	it.each([
		"http://127.0.0.1/",
		"http://2130706433/",
		"http://0x7f.0.0.1/",
		"http://017700000001/",
		"http://[::1]/",
		"http://[::ffff:10.0.0.1]/",
		"http://[fe80::1]/",
		"http://[fc00::1]/",
		"http://100.64.0.1/",
		"http://169.254.169.254/latest/meta-data/",
		"http://0.0.0.0/",
		"http://localhost/",
	])("refuses %s when private networks are not allowed", async (input) => {
		await expect(assertUrlAllowed(parseWatchUrl(input), false)).rejects.toBeInstanceOf(
			BlockedUrlError,
		);
	});

	it("allows loopback when private networks are allowed", async () => {
		await expect(
			assertUrlAllowed(parseWatchUrl("http://localhost/"), true),
		).resolves.toBeUndefined();
	});

	it("still refuses the cloud metadata address when private networks are allowed", async () => {
		const error = await assertUrlAllowed(parseWatchUrl("http://169.254.169.254/"), true).catch(
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(BlockedUrlError);
		expect(error).toMatchObject({ address: "169.254.169.254", range: "metadata" });
	});

	it("refuses a host when any one of its addresses is private", async () => {
		const error = await assertUrlAllowed(
			new URL("https://news.example/"),
			false,
			fakeResolver("93.184.216.34", "10.0.0.7"),
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BlockedUrlError);
		expect(error).toMatchObject({
			url: "https://news.example/",
			address: "10.0.0.7",
			range: "private",
		});
	});

	it("allows a host whose addresses are all public", async () => {
		await expect(
			assertUrlAllowed(new URL("https://news.example/"), false, fakeResolver("93.184.216.34")),
		).resolves.toBeUndefined();
	});

	it("turns a failed lookup into a FetchError naming the host and code", async () => {
		const failing: Resolver = async () => {
			throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
		};
		const error = await assertUrlAllowed(new URL("https://gone.example/"), false, failing).catch(
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(FetchError);
		expect((error as FetchError).message).toBe("Looking up gone.example failed (ENOTFOUND)");
	});
});

describe("createGuardedLookup", () => {
	it("calls back with a BlockedUrlError when any resolved address is private", async () => {
		const lookup = createGuardedLookup(false, fakeResolver("93.184.216.34", "127.0.0.1"));
		const { error } = await runLookup(lookup, "rebind.example", false);
		expect(error).toBeInstanceOf(BlockedUrlError);
		expect(error).toMatchObject({ url: "rebind.example", address: "127.0.0.1", range: "loopback" });
	});

	it("hands net the checked address in single-address mode", async () => {
		const lookup = createGuardedLookup(false, fakeResolver("93.184.216.34", "2606:2800:220:1::1"));
		expect(await runLookup(lookup, "news.example", false)).toEqual({
			error: null,
			address: "93.184.216.34",
			family: 4,
		});
	});

	it("hands net every checked address in all mode (autoSelectFamily)", async () => {
		const lookup = createGuardedLookup(false, fakeResolver("93.184.216.34", "2606:2800:220:1::1"));
		const { error, address } = await runLookup(lookup, "news.example", true);
		expect(error).toBeNull();
		expect(address).toEqual([
			{ address: "93.184.216.34", family: 4 },
			{ address: "2606:2800:220:1::1", family: 6 },
		]);
	});

	it("checks IP-literal host names too", async () => {
		const { error } = await runLookup(createGuardedLookup(false), "10.0.0.1", false);
		expect(error).toBeInstanceOf(BlockedUrlError);
	});

	it("refuses localhost through the real resolver", async () => {
		const { error } = await runLookup(createGuardedLookup(false), "localhost", true);
		expect(error).toBeInstanceOf(BlockedUrlError);
		expect((error as BlockedUrlError).range).toBe("loopback");
	});

	it("lets localhost through when private networks are allowed", async () => {
		const { error, address } = await runLookup(createGuardedLookup(true), "localhost", true);
		expect(error).toBeNull();
		expect((address as LookupAddress[]).length).toBeGreaterThan(0);
	});

	it("passes DNS errors through untouched", async () => {
		const dnsError = Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
		const lookup = createGuardedLookup(false, async () => {
			throw dnsError;
		});
		expect((await runLookup(lookup, "gone.example", false)).error).toBe(dnsError);
	});
});
