import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { parse as parseTolerant, type ParseError, ParseErrorCode } from "jsonc-parser";
import type { Problem } from "../articles/front-matter.ts";
import { decodeText } from "./text.ts";

export type ParsedJson = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

/** What a JSON mistake means, in the words of someone who just typed it. */
const MISTAKES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: "unexpected character",
  [ParseErrorCode.InvalidNumberFormat]: "not a valid number",
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes (a name without quotes, or a comma too many before "}"?)',
  [ParseErrorCode.ValueExpected]: 'expected a value (is there a comma too many before "]" or "}"?)',
  [ParseErrorCode.ColonExpected]: 'expected ":" after the property name',
  [ParseErrorCode.CommaExpected]: 'expected "," between two values or properties',
  [ParseErrorCode.CloseBraceExpected]: 'expected "}" to close the object',
  [ParseErrorCode.CloseBracketExpected]: 'expected "]" to close the list',
  [ParseErrorCode.EndOfFileExpected]: "expected the end of the file after the first value",
  [ParseErrorCode.InvalidCommentToken]: "comments are not allowed in JSON",
  [ParseErrorCode.UnexpectedEndOfComment]: "comments are not allowed in JSON",
  [ParseErrorCode.UnexpectedEndOfString]: "a string is not closed with a double quote",
  [ParseErrorCode.UnexpectedEndOfNumber]: "a number is cut short",
  [ParseErrorCode.InvalidUnicode]: "an invalid \\u escape",
  [ParseErrorCode.InvalidEscapeCharacter]: "an invalid escape after a backslash",
  [ParseErrorCode.InvalidCharacter]: "a control character inside a string (a tab or line break must be written \\t or \\n)",
};

/**
 * JSON.parse, and when it fails, where: V8's messages give no position for some
 * mistakes (and none for others on Node 20), so the tolerant parser locates it.
 */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first?.offset ?? text.length;
    const before = text.slice(0, offset).split("\n");
    const reason = (first && MISTAKES[first.error]) ?? (error as Error).message.replace(/ in JSON at position \d+.*$/, "");
    return { ok: false, line: before.length, column: before.at(-1)!.length + 1, message: reason };
  }
}

/** A file's JSON, or one problem naming the file, line and column. */
export function jsonFromBytes(file: string, bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, problem: { file, line: decoded.line, column: decoded.column, field: "(file)", message: decoded.message } };
  const parsed = parseJson(decoded.text);
  if (!parsed.ok) return { ok: false, problem: { file, line: parsed.line, column: parsed.column, field: "(file)", message: `not valid JSON: ${parsed.message}` } };
  return parsed;
}

export async function readJsonFile(file: string): Promise<{ ok: true; value: unknown } | { ok: false; problem: Problem }> {
  return jsonFromBytes(file, await readFile(file));
}

export function readJsonFileSync(file: string): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  return jsonFromBytes(file, readFileSync(file));
}
