import { stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { previewServer } from "../cdn/preview-server.ts";

/** `npm run preview`: serves a built site as its CDN would (see src/cdn/preview-server.ts). */
function fail(message: string): never {
  console.error(`preview: ${message}`);
  process.exit(1);
}

let values: { dir: string; host: string; port: string };
try {
  ({ values } = parseArgs({
    options: {
      dir: { type: "string", default: "_site" },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "8081" },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}

const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port < 1 || port > 65_535) fail(`--port must be a whole number from 1 to 65535, got "${values.port}"`);
const root = path.resolve(values.dir);
const shown = path.relative(process.cwd(), root) || ".";
// Through the symlink: the folder of the current build.
if (!(await stat(root).catch(() => undefined))?.isDirectory()) fail(`no site at ${shown}/: run npm run build first, or name the folder with --dir`);

const server = previewServer(root);
server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") fail(`port ${port} on ${values.host} is in use: stop what uses it, or pass --port N`);
  if (error.code === "EACCES") fail(`no permission to listen on port ${port}: use a port above 1023`);
  if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") fail(`cannot listen on ${values.host}: not an address of this machine`);
  fail(error.message);
});
server.listen(port, values.host, () => {
  console.log(`Serving ${shown} at http://${values.host}:${port}/ (rebuilds are served as soon as they are swapped in)`);
});
