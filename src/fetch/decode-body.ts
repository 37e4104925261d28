/** Body decoding: bytes to text by the browser's charset precedence, and which content types are text. */

import { TextDecoder } from "node:util";

const META_SNIFF_BYTES = 2048;
const TEXT_TYPES = new Set(["application/xhtml+xml", "application/xml", "application/json"]);

/** Charset by precedence: BOM (as browsers do), Content-Type, <meta> in the first 2 KB, then UTF-8. */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): string {
	const label = bomCharset(bytes) ?? headerCharset(contentType) ?? metaCharset(bytes) ?? "utf-8";
	let decoder: TextDecoder;
	try {
		decoder = new TextDecoder(label);
	} catch {
		// Unknown label (RangeError): the page still decodes as UTF-8 rather than failing the poll.
		decoder = new TextDecoder("utf-8");
	}
	// Every latin1/ascii label means windows-1252 on the web, and Node 20 decodes that as plain
	// ISO-8859-1, turning smart quotes and € into C1 controls (nodejs/node#56542).
	return decoder.encoding === "windows-1252" ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

// WHATWG index-windows-1252 for 0x80–0x9F; the rest of the code page is identical to latin1.
const WINDOWS_1252_C1 = [
	0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
	0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
	0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
		.toString("latin1")
		.replace(/[\u0080-\u009f]/g, (c) =>
			String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)),
		);
}

function bomCharset(bytes: Uint8Array): string | undefined {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
	return undefined;
}

function headerCharset(contentType: string | undefined): string | undefined {
	return contentType?.match(/;\s*charset\s*=\s*["']?([^"';\s]+)/i)?.[1];
}

function metaCharset(bytes: Uint8Array): string | undefined {
	// latin1 maps bytes 1:1, so ASCII markup survives whatever the real encoding is.
	const head = Buffer.from(bytes.subarray(0, META_SNIFF_BYTES)).toString("latin1");
	const label = head.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?([\w.:-]+)/i)?.[1];
	// The HTML spec ignores UTF-16 claimed from inside the document: the markup we just read was ASCII.
	return label !== undefined && /^utf-?16/i.test(label) ? "utf-8" : label;
}

/** The MIME type of a Content-Type header, lower-cased, without parameters. */
export function mimeType(contentType: string | undefined): string {
	return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Whether a Content-Type names something the extractor can read as text. */
export function isTextContentType(contentType: string | undefined): boolean {
	const mime = mimeType(contentType);
	// No Content-Type at all is common on small sites; the extractor decides what it is.
	if (mime === "") return true;
	return (
		mime.startsWith("text/") ||
		TEXT_TYPES.has(mime) ||
		mime.endsWith("+xml") ||
		mime.endsWith("+json")
	);
}
