/** URL validation and the SSRF guard: which URLs we accept and which addresses we may connect to. */

import { promises as dnsPromises, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { BlockedUrlError, FetchError, InvalidUrlError } from "../errors.js";

/** Longest URL we accept; real article URLs are far shorter, and browsers start failing around here. */
export const MAX_URL_LENGTH = 2048;

/** Resolves a host name to every address it has; injectable so tests can fake DNS. */
export type Resolver = (
	hostname: string,
	options: { family: 0 | 4 | 6; hints?: number | undefined },
) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname, { family, hints }) =>
	dnsPromises.lookup(hostname, { all: true, family, ...(hints === undefined ? {} : { hints }) });

// Cloud metadata services hand out credentials, so they stay refused even when private networks are
// allowed. Azure's wireserver sits in public space, which is why it needs naming at all.
const METADATA_ADDRESSES = new Set([
	"169.254.169.254", // AWS, GCP, Azure IMDS, OpenStack, Oracle, DigitalOcean
	"169.254.170.2", // AWS ECS task credentials
	"100.100.100.200", // Alibaba Cloud
	"168.63.129.16", // Azure wireserver
	"fd00:ec2:0:0:0:0:0:254", // AWS IMDS over IPv6 (normalised form)
]);

const SCHEME = /^([a-z][a-z0-9+.-]*):(.*)$/is;
const PORT_AFTER_COLON = /^\d{1,5}(?:[/?#]|$)/;

/** Parses user input into an http(s) URL we are willing to watch, or throws InvalidUrlError. */
export function parseWatchUrl(input: string): URL {
	// Checked before trimming so a megabyte of padding never reaches a regex.
	if (input.length > MAX_URL_LENGTH * 4) throw new InvalidUrlError(input, "too long");
	const text = input.trim();
	if (text === "") throw new InvalidUrlError(input, "empty");
	if (text.length > MAX_URL_LENGTH) throw new InvalidUrlError(input, "too long");
	if (hasControlCharacter(text)) throw new InvalidUrlError(input, "contains control characters");

	const url = parseWithScheme(input, text);
	if (url.protocol !== "http:" && url.protocol !== "https:") {
		throw new InvalidUrlError(input, `only http and https are supported, not ${url.protocol}`);
	}
	if (url.username !== "" || url.password !== "") {
		throw new InvalidUrlError(input, "contains a user name or password");
	}
	if (url.href.length > MAX_URL_LENGTH) throw new InvalidUrlError(input, "too long");
	const host = stripBrackets(url.hostname);
	if (host === "") throw new InvalidUrlError(input, "no host");
	if (isIP(host) === 0 && host !== "localhost" && !host.replace(/\.$/, "").includes(".")) {
		// "intranet" or "news" would otherwise be looked up on the search domain of wherever we run.
		throw new InvalidUrlError(input, "host name has no dot");
	}
	return url;
}

/** C0 controls, DEL, C1 controls: the URL parser silently drops tabs and newlines ("java\nscript:"). */
function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
	}
	return false;
}

/** Adds https:// to scheme-less input that looks like a host, and refuses other schemes early. */
function parseWithScheme(input: string, text: string): URL {
	let candidate = text;
	const scheme = SCHEME.exec(text);
	if (text.startsWith("//")) {
		candidate = `https:${text}`;
	} else if (scheme) {
		const name = (scheme[1] ?? "").toLowerCase();
		const rest = scheme[2] ?? "";
		if (name !== "http" && name !== "https") {
			// "example.com:8080/live" parses as scheme "example.com"; a port after the colon says host.
			if (!PORT_AFTER_COLON.test(rest)) {
				throw new InvalidUrlError(input, `only http and https are supported, not ${name}:`);
			}
			candidate = `https://${text}`;
		}
	} else if (/^[^\s/?#\\]+(?:[/?#]|$)/.test(text)) {
		candidate = `https://${text}`;
	} else {
		throw new InvalidUrlError(input, "not a web address");
	}
	try {
		return new URL(candidate);
	} catch {
		// The URL parser's own message is just "Invalid URL"; our reason says the same, shorter.
		throw new InvalidUrlError(input, "not a valid URL");
	}
}

/** Returns the blocked range an address falls in (e.g. "loopback", "metadata"), or undefined for public unicast. */
export function classifyAddress(ip: string): string | undefined {
	const literal = stripBrackets(ip);
	// net.isIP is strict dotted-quad; ipaddr alone would also take "0x7f.1", which DNS never returns.
	if (isIP(literal) === 0) return "invalid";
	let address: ipaddr.IPv4 | ipaddr.IPv6;
	try {
		// process() turns ::ffff:a.b.c.d into plain IPv4, so mapped addresses get IPv4 rules.
		address = ipaddr.process(literal);
	} catch {
		// isIP accepted it but ipaddr did not: fail closed rather than guess.
		return "invalid";
	}
	return address.kind() === "ipv4"
		? classifyIPv4(address as ipaddr.IPv4)
		: classifyIPv6(address as ipaddr.IPv6);
}

function classifyIPv4(address: ipaddr.IPv4): string | undefined {
	if (METADATA_ADDRESSES.has(address.toString())) return "metadata";
	const range = address.range();
	return range === "unicast" ? undefined : range;
}

function classifyIPv6(address: ipaddr.IPv6): string | undefined {
	if (METADATA_ADDRESSES.has(address.toNormalizedString())) return "metadata";
	const parts = address.parts;
	const range = address.range();
	switch (range) {
		case "rfc6145": // ::ffff:0:a.b.c.d, IPv4-translated
			return classifyEmbedded(parts[6], parts[7]);
		case "rfc6052":
			// 64:ff9b::/96 carries the IPv4 in the low 32 bits; the local-use 64:ff9b:1::/48 maps to
			// whatever the operator chose, so it is refused outright.
			return parts[2] === 0 ? classifyEmbedded(parts[6], parts[7]) : "rfc6052";
		case "6to4": // 2002:AABB:CCDD::/48
			return classifyEmbedded(parts[1], parts[2]);
		case "teredo": {
			// The client IPv4 is stored inverted in the low 32 bits; the relay delivers to it.
			const high = (parts[6] ?? 0) ^ 0xffff;
			const low = (parts[7] ?? 0) ^ 0xffff;
			return classifyEmbedded(parts[2], parts[3]) ?? classifyEmbedded(high, low);
		}
		case "unicast":
			// ::a.b.c.d (deprecated IPv4-compatible) is unicast to ipaddr but may reach the IPv4 host.
			if (parts.slice(0, 6).every((part) => part === 0)) return "ipv4Compatible";
			// All public IPv6 is in 2000::/3 today; anything else is unallocated.
			return ((parts[0] ?? 0) & 0xe000) === 0x2000 ? undefined : "reserved";
		default:
			return range;
	}
}

function classifyEmbedded(high: number | undefined, low: number | undefined): string | undefined {
	const h = high ?? 0;
	const l = low ?? 0;
	return classifyIPv4(new ipaddr.IPv4([h >> 8, h & 0xff, l >> 8, l & 0xff]));
}

/** The range that makes an address off-limits under this policy, or undefined if we may connect. */
export function refusedRange(ip: string, allowPrivateNetwork: boolean): string | undefined {
	const range = classifyAddress(ip);
	if (range === undefined) return undefined;
	// Metadata stays refused and garbage stays garbage, whatever the private-network setting says.
	if (allowPrivateNetwork && range !== "metadata" && range !== "invalid") return undefined;
	return range;
}

/** A dns.lookup-compatible function for undici's connect.lookup that refuses blocked addresses. */
export function createGuardedLookup(
	allowPrivateNetwork: boolean,
	resolve: Resolver = systemResolver,
): LookupFunction {
	return (hostname, options, callback) => {
		resolve(stripBrackets(hostname), {
			family: toFamily(options.family),
			hints: options.hints,
		}).then(
			(addresses) => {
				// Every address is checked, not just the one we return: round-robin DNS with one private
				// answer would otherwise win on a later connection.
				for (const { address } of addresses) {
					const range = refusedRange(address, allowPrivateNetwork);
					if (range !== undefined) {
						callback(new BlockedUrlError(hostname, address, range), []);
						return;
					}
				}
				const first = addresses[0];
				if (first === undefined) {
					callback(
						Object.assign(new Error(`No addresses for ${hostname}`), { code: "ENOTFOUND" }),
						[],
					);
				} else if (options.all) {
					callback(null, addresses);
				} else {
					callback(null, first.address, first.family);
				}
			},
			(error: NodeJS.ErrnoException) => callback(error, []),
		);
	};
}

/** dns.LookupOptions.family allows "IPv4"/"IPv6" strings too. */
function toFamily(family: number | string | undefined): 0 | 4 | 6 {
	if (family === 4 || family === "IPv4") return 4;
	if (family === 6 || family === "IPv6") return 6;
	return 0;
}

/** Pre-flight check (resolve + classify) so callers can refuse a URL with a clear error before fetching. */
export async function assertUrlAllowed(
	url: URL,
	allowPrivateNetwork: boolean,
	resolve: Resolver = systemResolver,
): Promise<void> {
	const host = stripBrackets(url.hostname);
	let addresses: { address: string }[];
	if (isIP(host) !== 0) {
		addresses = [{ address: host }];
	} else {
		try {
			addresses = await resolve(host, { family: 0 });
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
			throw new FetchError(url.href, `Looking up ${host} failed (${code})`, { cause: error });
		}
	}
	for (const { address } of addresses) {
		const range = refusedRange(address, allowPrivateNetwork);
		if (range !== undefined) throw new BlockedUrlError(url.href, address, range);
	}
}

/** "[::1]" → "::1": URL keeps brackets on IPv6 hosts, address parsers do not want them. */
export function stripBrackets(host: string): string {
	return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}
