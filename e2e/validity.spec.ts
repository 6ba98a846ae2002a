import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test } from "./test.ts";
import { BAD_FIXTURES_DIR, SITE_DIR } from "./site.ts";

// The Nu Html Checker jar that the vnu-jar package ships, run with the machine's Java
// (never the package's own launcher, which downloads a Java runtime when none is found).
const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");

/** One message of vnu's JSON output. */
interface VnuMessage {
  type: "error" | "info" | "non-document-error";
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

interface VnuReport {
  errors: string[];
  warnings: string[];
}

/** Checks HTML and CSS files with vnu in one Java process; errors and warnings as `file:line: message`. */
function vnu(files: readonly string[]): Promise<VnuReport> {
  // One short run: the client compiler alone and the serial collector halve vnu's CPU time,
  // and the client compiler's code needs a deeper stack for vnu's schema.
  const args = ["-Xss2m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", VNU_JAR, "--format", "json", "--stdout", "--also-check-css", ...files];
  return new Promise((resolve, reject) => {
    // vnu exits 1 when it finds errors: the JSON on stdout is the answer either way.
    execFile("java", args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      let messages: VnuMessage[];
      try {
        messages = (JSON.parse(stdout) as { messages: VnuMessage[] }).messages;
      } catch {
        reject(new Error(`vnu gave no JSON (is Java installed?): ${error?.message ?? ""}\n${stderr}`));
        return;
      }
      const line = (m: VnuMessage) => `${m.url ? path.relative(process.cwd(), new URL(m.url).pathname) : "?"}:${m.lastLine ?? "?"}: ${m.message}`;
      resolve({
        errors: messages.filter((m) => m.type !== "info").map(line),
        warnings: messages.filter((m) => m.type === "info" && m.subType === "warning").map(line),
      });
    });
  });
}

/** Every file under `dir` whose name ends with one of `extensions`. */
function filesIn(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => extensions.some((extension) => file.endsWith(extension)))
    .map((file) => path.join(dir, file))
    .sort();
}

const BAD_PAGE = path.join(BAD_FIXTURES_DIR, "invalid.html");

// Java and a hundred pages: well over the default 30 s when other work loads the machine.
test.describe.configure({ timeout: 120_000 });

/** One Java process for both tests (it takes seconds to start): the build's pages and stylesheets, and the known-bad page. */
let checked: Promise<{ pages: string[]; site: VnuReport; bad: string[] }> | undefined;
function checkAll() {
  checked ??= (async () => {
    const pages = filesIn(SITE_DIR, [".html"]);
    const { errors, warnings } = await vnu([...pages, ...filesIn(SITE_DIR, [".css"]), BAD_PAGE]);
    const isBad = (message: string) => message.startsWith(`${BAD_PAGE}:`);
    return { pages, site: { errors: errors.filter((m) => !isBad(m)), warnings: warnings.filter((m) => !isBad(m)) }, bad: errors.filter(isBad) };
  })();
  return checked;
}

test("every page of the build is valid HTML, and the stylesheets valid CSS, for the Nu Html Checker", async () => {
  const { pages, site } = await checkAll();
  expect(pages.length, "pages in the build").toBeGreaterThan(30);
  const { errors, warnings } = site;
  for (const warning of warnings) test.info().annotations.push({ type: "vnu warning", description: warning });
  expect(errors).toEqual([]);
});

test("the Nu Html Checker rejects a known-bad page", async () => {
  const { bad: errors } = await checkAll();
  const expected = [/Duplicate ID “headline”/, /“img” element must have an “alt” attribute/, /End tag “b” violates nesting rules/, /Element “p” not allowed as child of element “ul”/];
  for (const message of expected) expect(errors.some((error) => message.test(error)), `an error matching ${message} in:\n${errors.join("\n")}`).toBe(true);
});
