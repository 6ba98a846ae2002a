import assert from "node:assert/strict";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import nunjucks from "nunjucks";
import { loadLayoutChain, outputPathOf, PageWriter, readJsonDataFiles, renderInLayouts } from "./story-pages.ts";

let dir: string;
const includes = () => path.join(dir, "_includes");
const write = async (file: string, text: string) => {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), text);
};
const environment = () => {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([includes()]));
  env.addFilter("shout", (text: string) => text.toUpperCase());
  return env;
};

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "story-pages-"));
  await write("_includes/layouts/base.njk", "---\nlang: en\nheading: Base\n---\n<html lang=\"{{ lang }}\"><title>{{ title | shout }}</title>{% include \"partials/nav.njk\" %}<main>{{ content | safe }}</main></html>");
  await write("_includes/layouts/story.njk", "---\nlayout: layouts/base\nheading: Story\n---\n<h1>{{ heading }}: {{ title }}</h1><p>{{ page.url }}</p>{{ content | safe }}");
  await write("_includes/partials/nav.njk", "<nav>{{ site.name }}</nav>");
  await write("_includes/layouts/loop.njk", "---\nlayout: layouts/loop.njk\n---\n{{ content }}");
  await write("_includes/layouts/orphan.njk", "---\nlayout: layouts/missing.njk\n---\n{{ content }}");
});
after(() => rm(dir, { recursive: true, force: true }));

describe("story page layouts", () => {
  it("renders the content through the layout and the layouts it sits in, with includes and filters", async () => {
    const chain = await loadLayoutChain(nunjucks, environment(), includes(), "layouts/story.njk");
    assert.deepEqual(chain.map((layout) => path.basename(layout.file)), ["story.njk", "base.njk"]);
    const html = await renderInLayouts(chain, { title: "Polls close", site: { name: "Broadsheet" }, page: { url: "/asia/polls-close/" } }, "<p>Body &amp; more</p>");
    assert.equal(
      html,
      '<html lang="en"><title>POLLS CLOSE</title><nav>Broadsheet</nav><main><h1>Story: Polls close</h1><p>/asia/polls-close/</p><p>Body &amp; more</p></main></html>',
    );
  });

  it("lets the page's data win over a layout's, and an inner layout's over an outer one's", async () => {
    const chain = await loadLayoutChain(nunjucks, environment(), includes(), "layouts/story.njk");
    assert.match(await renderInLayouts(chain, { title: "T", lang: "kk" }, ""), /^<html lang="kk">.*<h1>Story: T<\/h1>/);
  });

  it("names a missing layout and the layout that asked for it", async () => {
    await assert.rejects(loadLayoutChain(nunjucks, environment(), includes(), "layouts/none.njk"), /layout "layouts\/none.njk": no such file in /);
    await assert.rejects(loadLayoutChain(nunjucks, environment(), includes(), "layouts/orphan.njk"), /layout "layouts\/missing.njk" \(used by .*orphan\.njk\): no such file/);
  });

  it("refuses a layout that sits in itself", async () => {
    await assert.rejects(loadLayoutChain(nunjucks, environment(), includes(), "layouts/loop.njk"), /loop\.njk: it includes itself/);
  });

  it("names the layout a rendering error comes from", async () => {
    await write("_includes/layouts/broken.njk", "{{ title | nosuchfilter }}");
    const chain = await loadLayoutChain(nunjucks, environment(), includes(), "layouts/broken.njk");
    await assert.rejects(renderInLayouts(chain, { title: "T" }, ""), /broken\.njk[\s\S]*filter not found: nosuchfilter/);
  });
});

describe("story page data and output", () => {
  it("reads JSON data files under their paths, folders as nested objects", async () => {
    await write("_data/site.json", '{ "name": "Broadsheet" }');
    await write("_data/elections/kz-2023.json", '{ "turnout": 54.21 }');
    await write("_data/notes.txt", "not data");
    assert.deepEqual(await readJsonDataFiles(path.join(dir, "_data")), { elections: { "kz-2023": { turnout: 54.21 } }, site: { name: "Broadsheet" } });
  });

  it("writes a page URL to its folder's index.html, and refuses one that leaves the output folder", () => {
    assert.equal(outputPathOf("/site", "/asia/2023/03/19/polls/"), "/site/asia/2023/03/19/polls/index.html");
    assert.throws(() => outputPathOf("/site", "/../../etc/"), /page URL \/..\/..\/etc\/: it would be written outside \/site/);
  });

  it("writes pages, making their folders, and names the file it cannot write", async () => {
    const writer = new PageWriter();
    writer.write(path.join(dir, "out/asia/one/index.html"), "<p>one</p>");
    writer.write(path.join(dir, "out/asia/two/index.html"), "<p>two</p>");
    assert.equal(await readFile(path.join(dir, "out/asia/two/index.html"), "utf8"), "<p>two</p>");
    await write("out/blocked", "a file where a folder should be");
    assert.throws(() => writer.write(path.join(dir, "out/blocked/three/index.html"), ""), /out\/blocked\/three\/index\.html: /);
  });
});
