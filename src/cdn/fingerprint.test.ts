import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { assetUrl, fingerprintSources, ASSET_MAP_VARIABLE } from "./fingerprint.ts";

describe("fingerprinting", () => {
  it("minifies CSS and JS into content-hashed names that change with the content", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-fp-"));
    await mkdir(path.join(dir, "public/css"), { recursive: true });
    await writeFile(path.join(dir, "public/css/site.css"), "body {\n  color: red;\n}\n");
    const first = await fingerprintSources(path.join(dir, "public"), path.join(dir, "out"));
    assert.match(first["/css/site.css"] ?? "", /^\/assets\/site\.[0-9a-f]{10}\.css$/);
    assert.equal(await readFile(path.join(dir, "out", first["/css/site.css"]!), "utf8"), "body{color:red}\n");
    await writeFile(path.join(dir, "public/css/site.css"), "body { color: blue; }");
    const second = await fingerprintSources(path.join(dir, "public"), path.join(dir, "out"));
    assert.notEqual(second["/css/site.css"], first["/css/site.css"]);
  });

  it("gives pages the hashed name in production builds and the plain one elsewhere", () => {
    const environment = { [ASSET_MAP_VARIABLE]: JSON.stringify({ "/css/site.css": "/assets/site.0123456789.css" }) };
    assert.equal(assetUrl("/css/site.css", environment), "/assets/site.0123456789.css");
    assert.equal(assetUrl("/js/other.js", environment), "/js/other.js");
    assert.equal(assetUrl("/css/site.css", {}), "/css/site.css");
  });
});
