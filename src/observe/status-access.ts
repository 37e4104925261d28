/** Who may read the status page: anyone on loopback without a token, else the STATUS_TOKEN holder. */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** The token a request presents: `Authorization: Bearer <t>` or `?token=<t>`. */
function presentedToken(req: IncomingMessage): string | undefined {
	const header = req.headers.authorization;
	if (header) {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
		if (match?.[1]) return match[1];
	}
	const query = new URL(req.url ?? "/", "http://status.invalid").searchParams.get("token");
	return query ?? undefined;
}

/** Compares hashes so neither the length nor a prefix of the token leaks through timing. */
function sameToken(a: string, b: string): boolean {
	const digest = (s: string) => createHash("sha256").update(s).digest();
	return timingSafeEqual(digest(a), digest(b));
}

/** Whether `req` may see the page; with no token configured (loopback only, checked at start) all may. */
export function mayReadStatus(req: IncomingMessage, token: string | undefined): boolean {
	if (token === undefined) return true;
	const presented = presentedToken(req);
	return presented !== undefined && sameToken(presented, token);
}
