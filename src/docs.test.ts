import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";

/** The README is the front door: what Broadsheet is, the two commands, writing a story, links to the guides. */
const README_LIMIT = 15_000;

const guides = readdirSync("docs").filter((name) => name.endsWith(".md")).sort();
const pages = ["README.md", ...guides.map((name) => `docs/${name}`)];
const text = (file: string) => readFileSync(file, "utf8");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

/** Relative links of a Markdown page, outside code blocks: [text](target#anchor). */
export function relativeLinks(markdown: string): { target: string; anchor: string | undefined }[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((href) => !/^[a-z]+:/i.test(href))
    .map((href) => {
      const [target = "", anchor] = href.split("#");
      return { target, anchor };
    });
}

const headingsOf = (file: string) => new Set([...text(file).replace(/```[\s\S]*?```/g, "").matchAll(/^#+ (.+)$/gm)].map((match) => anchorOf(match[1]!)));

describe("README and guides", () => {
  it(`README.md is at most ${README_LIMIT.toLocaleString("en")} characters`, () => {
    const length = [...text("README.md")].length;
    assert.ok(length <= README_LIMIT, `README.md has ${length} characters; move detail to a guide in docs/`);
  });

  it("every npm command in README.md and docs/*.md names a script in package.json", () => {
    const scripts = Object.keys((JSON.parse(text("package.json")) as { scripts: Record<string, string> }).scripts);
    const unknown = pages.flatMap((file) =>
      [...text(file).matchAll(/\bnpm (?:run (?!-)([\w:.-]+)|(start|test)\b)/g)].map((match) => match[1] ?? match[2]!).filter((name) => !scripts.includes(name)).map((name) => `${file}: npm run ${name}`),
    );
    assert.deepEqual(unknown, []);
  });

  it("every relative link in README.md and docs/*.md leads to a file, and its #anchor to a heading there", () => {
    const broken = pages.flatMap((file) =>
      relativeLinks(text(file)).flatMap(({ target, anchor }) => {
        const resolved = target === "" ? file : path.join(path.dirname(file), target);
        if (!existsSync(resolved)) return [`${file}: ${target} does not exist`];
        if (anchor && resolved.endsWith(".md") && !headingsOf(resolved).has(anchor)) return [`${file}: ${resolved} has no heading #${anchor}`];
        return [];
      }),
    );
    assert.deepEqual(broken, []);
  });

  it("README.md links every guide in docs/", () => {
    const linked = new Set(relativeLinks(text("README.md")).map(({ target }) => target));
    assert.deepEqual(guides.filter((name) => !linked.has(`docs/${name}`)), []);
  });
});

describe("anchorOf", () => {
  it("makes GitHub's anchors, code and punctuation dropped", () => {
    assert.equal(anchorOf("`npm start`: errors and deleted stories"), "npm-start-errors-and-deleted-stories");
    assert.equal(anchorOf("The page's security policy"), "the-pages-security-policy");
    assert.equal(anchorOf("Site data (`_data/`)"), "site-data-_data");
  });
});
