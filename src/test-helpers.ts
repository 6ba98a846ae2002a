import { cp, mkdir, mkdtemp, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Runs `fn` inside a copy of the project whose files `edit` changed, so a test
 * can build bad or changed content while the real files stay as they are.
 * node:test runs each test file in its own process, so changing directory is safe.
 */
export async function inProjectCopy<T>(edit: (dir: string) => Promise<void>, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-project-"));
  for (const entry of ["package.json", ".eleventy.ts", "src", "_data", "_includes", "public"]) {
    await cp(entry, path.join(dir, entry), { recursive: true });
  }
  await symlink(path.resolve("node_modules"), path.join(dir, "node_modules"));
  // Share processed images: making AVIFs from scratch takes seconds per image.
  await mkdir(".cache", { recursive: true });
  await symlink(path.resolve(".cache"), path.join(dir, ".cache"));
  await edit(dir);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await fn(dir);
  } finally {
    process.chdir(cwd);
  }
}
