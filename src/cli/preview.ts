import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import sirv from "sirv";

/** Serves a built site as a CDN would: static files, and 404.html with status 404. */
const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "_site" },
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "8081" },
  },
});

const root = path.resolve(values.dir);
const notFound = await readFile(path.join(root, "404.html")).catch(() => Buffer.from("Not found"));
const files = sirv(root, { dev: false, etag: true });

const server = createServer((request, response) => {
  files(request, response, () => {
    response.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
    response.end(notFound);
  });
});

server.listen(Number(values.port), values.host, () => {
  console.log(`Serving ${path.relative(process.cwd(), root) || "."} at http://${values.host}:${values.port}/`);
});
