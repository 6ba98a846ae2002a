// The part of markdown-it Broadsheet uses (the library Eleventy renders Markdown with).
declare module "markdown-it" {
  interface MarkdownIt {
    render(source: string): string;
    disable(rule: string): MarkdownIt;
  }
  export default function markdownIt(options?: { html?: boolean }): MarkdownIt;
}
