import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeText, firstInvalidByte, normaliseText } from "./text.ts";

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "utf8") : Buffer.from(part))));

describe("decodeText: UTF-8 only, BOM and CRLF as if absent", () => {
  it("a byte-order mark is dropped and CRLF (and a lone CR) become LF", () => {
    assert.deepEqual(decodeText(bytes([0xef, 0xbb, 0xbf], "---\r\ntitle: x\r\n---\rBody")), { ok: true, text: "---\ntitle: x\n---\nBody" });
  });

  it("Kazakh and Russian text in UTF-8 is kept as it is", () => {
    assert.deepEqual(decodeText(bytes("Қазақстан сайлауы: Токаев 🗳")), { ok: true, text: "Қазақстан сайлауы: Токаев 🗳" });
  });

  it("a Latin-1 byte is refused with its line, column, value and the line as Windows-1252 reads it", () => {
    const result = decodeText(Buffer.from("---\ntitle: Caf\xe9 society\n---\n", "latin1"));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.line, 2);
    assert.equal(result.column, 11);
    assert.match(result.message, /^byte 0xE9 is not UTF-8; the file looks saved as Latin-1 or Windows-1252 \(the line would read "title: Café society"\); save it as UTF-8/);
  });

  it("the column counts characters, not bytes, before the bad byte", () => {
    const result = decodeText(bytes("ок ", [0xff]));
    assert.deepEqual(result.ok ? undefined : [result.line, result.column], [1, 4]);
  });

  it("UTF-16 (either byte order) is named as such", () => {
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      const result = decodeText(bytes(bom, "x"));
      assert.match(result.ok ? "" : result.message, /saved as UTF-16/);
    }
  });
});

describe("firstInvalidByte: well-formed UTF-8 as RFC 3629 defines it", () => {
  const cases: [string, number[], number][] = [
    ["ASCII", [0x61, 0x62], -1],
    ["a four-byte emoji", [0xf0, 0x9f, 0x97, 0xb3], -1],
    ["a lone continuation byte", [0x61, 0x80], 1],
    ["an overlong two-byte form", [0xc0, 0xaf], 0],
    ["an overlong three-byte form", [0xe0, 0x80, 0xaf], 0],
    ["a UTF-16 surrogate", [0xed, 0xa0, 0x80], 0],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["a sequence cut short at the end", [0x61, 0xe2, 0x82], 1],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(firstInvalidByte(Uint8Array.from(input)), expected));
  }
});

describe("normaliseText", () => {
  it("drops a leading BOM character and CRLF from text already decoded", () => {
    assert.equal(normaliseText("\uFEFF---\r\nx\r\n"), "---\nx\n");
  });
});
