import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { sha256 } from "../cdn/files.ts";

/**
 * What a build's output depends on besides the content: code, templates,
 * configuration, dependencies and the runtime. A change to any of it may change
 * any page, so an incremental build cannot prove itself safe and builds in full.
 */
export interface CodeFingerprint {
  runtime: string;
  /** Project-relative path to the SHA-256 of its bytes. */
  files: Record<string, string>;
}

/** Folders and files whose every byte counts; story files and tests do not. */
const CODE = ["package.json", "package-lock.json", "tsconfig.json", ".eleventy.ts", "src", "_includes", "public"];
const SKIPPED = [/^src\/content\/articles\//, /\.test\.ts$/, /\/\./];

/** Stats before reading: unchanged size and mtime reuse the hash a previous fingerprint took. */
export function codeFingerprint(root: string, previous?: CodeFingerprint & { stats?: Record<string, string> }): CodeFingerprint & { stats: Record<string, string> } {
  const files: Record<string, string> = {};
  const stats: Record<string, string> = {};
  const visit = (relative: string) => {
    if (SKIPPED.some((pattern) => pattern.test(relative))) return;
    const full = path.join(root, relative);
    let info;
    try {
      info = statSync(full);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(full).sort()) visit(`${relative}/${name}`);
      return;
    }
    const stamp = `${info.size}:${info.mtimeMs}:${info.ino}`;
    stats[relative] = stamp;
    const known = previous?.stats?.[relative] === stamp ? previous.files[relative] : undefined;
    files[relative] = known ?? sha256(readFileSync(full));
  };
  for (const entry of CODE) visit(entry);
  // A staging build (drafts shown) is another site; a strict build checks stories an earlier build let through.
  const mode = `preview=${process.env.BROADSHEET_PREVIEW ?? ""} strict=${process.env.BROADSHEET_STRICT ?? ""}`;
  return { runtime: `node ${process.version} ${process.platform}-${process.arch} ${mode}`, files, stats };
}

/** Why a build on `previous` cannot be reused, or undefined when the code is the same. */
export function codeChange(previous: CodeFingerprint, current: CodeFingerprint): string | undefined {
  if (previous.runtime !== current.runtime) return `the runtime changed (${previous.runtime} to ${current.runtime})`;
  for (const [file, hash] of Object.entries(current.files)) {
    if (previous.files[file] === undefined) return `${file} was added`;
    if (previous.files[file] !== hash) return `${file} changed`;
  }
  const removed = Object.keys(previous.files).find((file) => current.files[file] === undefined);
  return removed ? `${removed} was removed` : undefined;
}
