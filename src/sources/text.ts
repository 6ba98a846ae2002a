/**
 * Editors' files as text: UTF-8 only, with a byte-order mark and CRLF line ends
 * taken as if absent (Windows editors write both). Any other bytes are refused
 * with their place and the fix, never decoded into replacement characters.
 */
export type DecodedText = { ok: true; text: string } | { ok: false; line: number; column: number; message: string };

const BOM = [0xef, 0xbb, 0xbf];
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const windows1252 = new TextDecoder("windows-1252");

/** The text of a file's bytes, or where and why they are not UTF-8. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, line: 1, column: 1, message: "the file is saved as UTF-16; save it as UTF-8 (in most editors: Save with Encoding, UTF-8)" };
  }
  const start = BOM.every((byte, index) => bytes[index] === byte) ? BOM.length : 0;
  const body = bytes.subarray(start);
  try {
    return { ok: true, text: normaliseLineEnds(strict.decode(body)) };
  } catch {
    return invalidAt(body, firstInvalidByte(body));
  }
}

/** A string already decoded (Eleventy's virtual templates, tests) as `decodeText` would give it. */
export function normaliseText(text: string): string {
  return normaliseLineEnds(text.startsWith("\uFEFF") ? text.slice(1) : text);
}

function normaliseLineEnds(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

function invalidAt(bytes: Uint8Array, offset: number): DecodedText {
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  const lineEnd = bytes.indexOf(0x0a, offset);
  const line = bytes.subarray(0, lineStart).reduce((count, byte) => count + (byte === 0x0a ? 1 : 0), 1);
  const column = [...new TextDecoder().decode(bytes.subarray(lineStart, offset))].length + 1;
  const asWindows = windows1252.decode(bytes.subarray(lineStart, lineEnd === -1 ? bytes.length : lineEnd)).trim();
  const hex = bytes[offset]!.toString(16).toUpperCase().padStart(2, "0");
  return {
    ok: false,
    line,
    column,
    message: `byte 0x${hex} is not UTF-8; the file looks saved as Latin-1 or Windows-1252 (the line would read "${clip(asWindows)}"); save it as UTF-8 (in most editors: Save with Encoding, UTF-8)`,
  };
}

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text);

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      i++;
      continue;
    }
    // Lead byte: sequence length and the allowed range of the second byte (no overlongs, surrogates or > U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (byte >= 0xc2 && byte <= 0xdf) length = 2;
    else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      if (byte === 0xe0) low = 0xa0;
      if (byte === 0xed) high = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      if (byte === 0xf0) low = 0x90;
      if (byte === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (next === undefined || next < min || next > max) return i;
    }
    i += length;
  }
  return -1;
}
