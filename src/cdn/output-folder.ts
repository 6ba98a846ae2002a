import { existsSync, lstatSync } from "node:fs";
import path from "node:path";

/** The project's own folders: what sites are built from and with, never a place to build into. */
const PROJECT_FOLDERS = [".cache", ".ci", ".git", ".github", "_data", "_includes", "docs", "e2e", "node_modules", "public", "schemas", "src"];

/**
 * Why `output` cannot take a build, or undefined if it can. A build puts a symlink in its
 * place and moves a real folder there aside into its versions folder, whose old versions
 * are recycled and removed: so the output must be a folder of its own, never the project,
 * a folder holding it, one of its folders, or a folder that is not a built site.
 */
export function outputProblem(output: string, root: string = process.cwd()): string | undefined {
  if (output.trim() === "") return "--output is empty: name a folder, such as _site";
  const resolved = path.resolve(root, output);
  const fromRoot = path.relative(resolved, root);
  if (fromRoot === "" || !fromRoot.startsWith("..")) return `--output ${output}: that folder holds the project; name a folder of its own, such as _site`;
  const inside = path.relative(root, resolved);
  const top = inside.split(path.sep)[0] ?? "";
  if (!inside.startsWith("..") && !path.isAbsolute(inside) && PROJECT_FOLDERS.includes(top)) {
    return `--output ${output}: ${top}/ is part of the project, not a place for a build; name a folder of its own, such as _site`;
  }
  let found: ReturnType<typeof lstatSync> | undefined;
  try {
    found = lstatSync(resolved);
  } catch {
    return undefined;
  }
  if (found.isSymbolicLink()) return undefined;
  if (!found.isDirectory()) return `--output ${output}: is a file, not a folder; move it away or name another folder`;
  if (!existsSync(path.join(resolved, "manifest.json"))) {
    return `--output ${output}: is a folder that holds no built site (no manifest.json), which a build would move aside; move it away or name another folder`;
  }
  return undefined;
}
