import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import sirv from "sirv";
import { headersFor, parseHeaders, parseRedirects } from "../cdn/serve-rules.ts";

/** Serves a built site as its CDN would: `_headers`, `_redirects`, and 404.html with status 404. */
const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "_site" },
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "8081" },
  },
});

const root = path.resolve(values.dir);
const optional = (name: string) => readFile(path.join(root, name), "utf8").catch(() => "");
const notFound = await readFile(path.join(root, "404.html")).catch(() => Buffer.from("Not found"));
const rules = parseHeaders(await optional("_headers"));
const redirects = parseRedirects(await optional("_redirects"));
const files = sirv(root, { dev: false, etag: true });

const server = createServer((request, response) => {
  const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
  for (const [name, value] of Object.entries(headersFor(rules, pathname))) response.setHeader(name, value);
  const redirect = redirects.get(pathname);
  if (redirect) {
    response.writeHead(redirect.status, { Location: redirect.to });
    response.end();
    return;
  }
  // The CDN's own files: never served.
  if (pathname === "/_headers" || pathname === "/_redirects") {
    response.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
    response.end(notFound);
    return;
  }
  files(request, response, () => {
    response.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
    response.end(notFound);
  });
});

server.listen(Number(values.port), values.host, () => {
  console.log(`Serving ${path.relative(process.cwd(), root) || "."} at http://${values.host}:${values.port}/`);
});
