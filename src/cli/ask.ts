import type { SiteData } from "../articles/site-data.ts";

/**
 * What the editor tools ask in a terminal for what the command line left out. The
 * questions are plain data, so tests answer them without a terminal (a scripted
 * prompter) and src/cli/prompts.ts puts them to the editor with a prompt library.
 */
export interface Choice {
  value: string;
  name: string;
}

export interface Prompter {
  /** Free text; `validate` returns true or the message to show. */
  input(question: { message: string; validate?: (value: string) => true | string }): Promise<string>;
  select(question: { message: string; choices: Choice[] }): Promise<string>;
  checkbox(question: { message: string; choices: Choice[] }): Promise<string[]>;
}

/** True when both ends are a terminal: a script or CI gets the list of missing flags instead. */
export function canPrompt(stdin: { isTTY?: boolean }, stdout: { isTTY?: boolean }): boolean {
  return stdin.isTTY === true && stdout.isTTY === true;
}

/** The prompt library's Ctrl-C (or closed terminal): the tool exits 130, writing nothing. */
export function isCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError");
}

/** Exit code of a command stopped by Ctrl-C, as shells report it (128 + SIGINT). */
export const CANCELLED = 130;

/** What `npm run new` was given; undefined where the flag was left out. */
export interface NewGiven {
  headline: string;
  section?: string | undefined;
  topics?: string[] | undefined;
  byline?: string[] | undefined;
  credit?: string | undefined;
  summary?: string | undefined;
}

const required = (what: string) => (value: string) => value.trim() !== "" || `${what} is required`;

function choices(entries: Readonly<Record<string, { name: string }>>): Choice[] {
  return Object.entries(entries).map(([value, entry]) => ({ value, name: entry.name }));
}

/**
 * When a flag `new` needs is missing, asks for it and for every other field not given:
 * the headline, the section (from the site's sections), topics and authors (from its
 * lists; no author means a wire credit is asked for) and the standfirst, which may be
 * left for later. Given values are kept; with the needed flags all given, nothing is asked.
 */
export async function askForNew(given: NewGiven, data: Pick<SiteData, "sections" | "topics" | "authors">, prompter: Prompter): Promise<NewGiven> {
  const answers: NewGiven = { ...given };
  if (answers.headline.trim() && answers.section !== undefined && (answers.byline?.length || answers.credit !== undefined)) return answers;
  if (!answers.headline.trim()) answers.headline = (await prompter.input({ message: "Headline", validate: required("A headline") })).trim();
  answers.section ??= await prompter.select({ message: "Section", choices: choices(data.sections) });
  answers.topics ??= await prompter.checkbox({ message: "Topics (space picks, enter goes on; none is fine)", choices: choices(data.topics) });
  if (!answers.byline?.length && answers.credit === undefined) {
    answers.byline = await prompter.checkbox({ message: "Byline (space picks; none for a wire story)", choices: choices(data.authors) });
    if (answers.byline.length === 0) answers.credit = (await prompter.input({ message: "Credit (the agency, such as Reuters)", validate: required("A credit or a byline") })).trim();
  }
  if (answers.summary === undefined) {
    const summary = (await prompter.input({ message: "Summary, one sentence (enter leaves it for later)" })).trim();
    if (summary) answers.summary = summary;
  }
  return answers;
}

/** `import` without a file: asks for its path. */
export async function askForImportFile(prompter: Prompter): Promise<string> {
  return (await prompter.input({ message: "The ninjs file to import (path)", validate: required("A file") })).trim();
}
