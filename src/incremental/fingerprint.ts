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
  /** Project-relative path to its `hashFiles` entry. */
  files: Record<string, string>;
}

/** Folders and files whose every byte counts; story files and tests do not. */
const CODE = ["package.json", "package-lock.json", "tsconfig.json", ".eleventy.ts", "src", "_includes", "public"];
const SKIPPED = [/^src\/content\/articles\//, /\.test\.ts$/, /\/\./];

/**
 * Every file under `entries` (project-relative) as `size:mtime:inode sha256`. A file whose
 * size, modification time and inode are those `previous` recorded keeps its hash unread.
 */
export function hashFiles(root: string, entries: readonly string[], previous: Readonly<Record<string, string>> = {}, skipped: readonly RegExp[] = []): Record<string, string> {
  const hashes: Record<string, string> = {};
  const visit = (relative: string) => {
    if (skipped.some((pattern) => pattern.test(relative))) return;
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
    const known = previous[relative];
    hashes[relative] = known?.startsWith(`${stamp} `) ? known : `${stamp} ${sha256(readFileSync(full))}`;
  };
  for (const entry of entries) visit(entry);
  return hashes;
}

/** The content hash of a `hashFiles` entry. */
export const hashOf = (entry: string | undefined) => entry?.split(" ")[1];

export function codeFingerprint(root: string, previous?: CodeFingerprint): CodeFingerprint {
  // A staging build (drafts shown) is another site; a strict build checks stories an earlier build let through.
  // As the plugin reads them (a production build: unset and "0" are the same).
  const mode = `preview=${["1", "true"].includes(process.env.BROADSHEET_PREVIEW ?? "")} strict=${process.env.BROADSHEET_STRICT === "1"}`;
  return { runtime: `node ${process.version} ${process.platform}-${process.arch} ${mode}`, files: hashFiles(root, CODE, previous?.files, SKIPPED) };
}

/** Why a build on `previous` cannot be reused, or undefined when the code is the same. */
export function codeChange(previous: CodeFingerprint, current: CodeFingerprint): string | undefined {
  if (previous.runtime !== current.runtime) return `the runtime changed (${previous.runtime} to ${current.runtime})`;
  for (const [file, entry] of Object.entries(current.files)) {
    if (previous.files[file] === undefined) return `${file} was added`;
    if (hashOf(previous.files[file]) !== hashOf(entry)) return `${file} changed`;
  }
  const removed = Object.keys(previous.files).find((file) => current.files[file] === undefined);
  return removed ? `${removed} was removed` : undefined;
}
