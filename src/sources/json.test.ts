import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jsonFromBytes, parseJson } from "./json.ts";

describe("parseJson: where a mistake is, on every Node version", () => {
  const cases: [string, string, number, number, RegExp][] = [
    ["a trailing comma", '{\n  "a": 1,\n}', 3, 1, /comma too many/],
    ["a missing comma", '{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected "," between/],
    ["a bare word", '{ "a": tru }', 1, 8, /unexpected character/],
    ["a file cut short", '{ "a": [1, 2', 1, 13, /expected "\]" to close the list/],
    ["a comment", '{ "a": 1 // note\n}', 1, 10, /comments are not allowed/],
    ["an empty file", "", 1, 1, /expected a value/],
  ];
  for (const [name, text, line, column, message] of cases) {
    it(name, () => {
      const result = parseJson(text);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual([result.line, result.column], [line, column]);
      assert.match(result.message, message);
    });
  }

  it("valid JSON is JSON.parse's value", () => {
    assert.deepEqual(parseJson('{"a":[1,"б"]}'), { ok: true, value: { a: [1, "б"] } });
  });
});

describe("jsonFromBytes", () => {
  it("accepts a BOM and CRLF", () => {
    assert.deepEqual(jsonFromBytes("x.json", Buffer.from('\uFEFF{\r\n"a": 1\r\n}', "utf8")), { ok: true, value: { a: 1 } });
  });

  it("names the file, line and column of bad JSON and of bytes that are not UTF-8", () => {
    assert.deepEqual(jsonFromBytes("_data/site.json", Buffer.from('{\n"a": 1,\n}')), {
      ok: false,
      problem: { file: "_data/site.json", line: 3, column: 1, field: "(file)", message: 'not valid JSON: expected a property name in double quotes (a name without quotes, or a comma too many before "}"?)' },
    });
    const latin1 = jsonFromBytes("_data/authors.json", Buffer.from('{"a": "Ren\xe9"}', "latin1"));
    assert.equal(latin1.ok, false);
    if (!latin1.ok) assert.deepEqual([latin1.problem.line, latin1.problem.column], [1, 11]);
  });
});
