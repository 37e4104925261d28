/** Token masking, apart from the logger so a command that does not log (watch --once) skips pino. */

// Bot API URLs carry the token in the path (/bot<token>/method); network errors quote those URLs.
const SECRET_PATTERNS: RegExp[] = [/\/bot[^/\s"']+/g, /\b\d{5,}:[A-Za-z0-9_-]{20,}\b/g];

/** Masks bot tokens (and URL paths that carry them) in a text bound for a log line or a message. */
export function redactSecrets(text: string): string {
	let out = text;
	for (const pattern of SECRET_PATTERNS)
		out = out.replace(pattern, (m) => (m.startsWith("/bot") ? "/bot<redacted>" : "<redacted>"));
	return out;
}
