import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { launch } from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";
import { CHROMIUM_FLAGS, chromiumPath } from "./chromium.ts";
import { parseFlags } from "./flags.ts";

/**
 * `npm run audit`: Lighthouse, mobile settings (its defaults: a mid-range phone on a slow 4G
 * link, simulated), on the front page, the lead story, the results page and the live page of the production
 * build, served on 127.0.0.1 by the preview server. Prints figures; judges nothing.
 */
const USAGE = `Usage: npm run audit -- [--dir FOLDER] [--skip-build] [--details]
  --dir FOLDER   the build to audit (default _site), built first unless --skip-build
  --skip-build   audit the build as it is
  --details      also print the warnings Lighthouse gave for each page`;
const { values } = parseFlags(USAGE, {
  dir: { type: "string", default: "_site" },
  "skip-build": { type: "boolean", default: false },
  details: { type: "boolean", default: false },
});

const PAGES = ["/", "/asia/2023/03/19/ruling-party-sweeps-kazakh-election-exit-polls/", "/elections/kz-mazhilis-2023/", "/asia/2023/03/19/kazakhstan-election-day-live/"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const METRICS = [
  ["FCP", "first-contentful-paint"],
  ["LCP", "largest-contentful-paint"],
  ["TBT", "total-blocking-time"],
  ["CLS", "cumulative-layout-shift"],
  ["SI", "speed-index"],
] as const;
// Debian's chromium unless CHROME_PATH names another.
const CHROME_PATH = chromiumPath(process.env.CHROME_PATH);
const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_FLAGS];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `src/cli/preview.ts` and resolves once it says it is serving. */
function startPreview(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/preview.ts", "--dir", values.dir, "--port", String(port)], { stdio: ["ignore", "pipe", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the preview server exited with ${code}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Serving")) resolve(child);
    });
  });
}

/** The audits that cost a category points, with what Lighthouse says about each. */
function shortfalls(lhr: Result): string[] {
  return CATEGORIES.flatMap((id) =>
    (lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => {
        const audit = lhr.audits[ref.id]!;
        const items = audit.details && "items" in audit.details ? (audit.details.items as Record<string, unknown>[]) : [];
        const item = (entry: Record<string, unknown>) => ["description", "url", "source"].map((key) => entry[key]).filter((value) => typeof value === "string" && value).join(" ");
        return [`    ${id} - ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}, score ${audit.score}`, ...items.slice(0, 5).map((entry) => `      ${item(entry)}`)].join("\n");
      }),
  );
}

if (!values["skip-build"]) await run("npm", ["run", "--silent", "build", "--", "--quiet", "--output", values.dir], { BROADSHEET_PREVIEW: "0" });
const port = await freePort();
const preview = await startPreview(port);
const chrome = await launch({ ...(CHROME_PATH ? { chromePath: CHROME_PATH } : {}), chromeFlags: CHROME_FLAGS });
try {
  const rows: string[][] = [];
  const notes: string[] = [];
  let version = "";
  for (const page of PAGES) {
    const result = await lighthouse(`http://127.0.0.1:${port}${page}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
    const { lhr } = result;
    version = lhr.lighthouseVersion;
    if (lhr.runtimeError) throw new Error(`${page}: ${lhr.runtimeError.message}`);
    rows.push([
      page,
      ...CATEGORIES.map((id) => String(Math.round((lhr.categories[id]?.score ?? 0) * 100))),
      ...METRICS.map(([, id]) => lhr.audits[id]?.displayValue?.replace(/\s/g, " ") ?? "?"),
    ]);
    const missed = shortfalls(lhr);
    if (missed.length) notes.push(`  ${page}\n${missed.join("\n")}`);
    if (values.details) notes.push(...(lhr.runWarnings ?? []).map((warning) => `  ${page}: warning: ${warning}`));
  }
  const header = ["page", "Perf", "A11y", "Best", "SEO", ...METRICS.map(([name]) => name)];
  const widths = header.map((name, column) => Math.max(name.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  console.log(`\nLighthouse ${version} (mobile, simulated slow 4G and 4x CPU slowdown), Chromium at ${CHROME_PATH ?? "the default path"}:\n`);
  console.log([line(header), ...rows.map(line)].join("\n"));
  console.log(notes.length ? `\nWhat cost points:\n${notes.join("\n")}` : "\nNothing cost any points.");
} finally {
  await chrome.kill();
  preview.removeAllListeners("exit");
  preview.kill();
}
