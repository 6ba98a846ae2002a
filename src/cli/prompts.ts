import { CANCELLED, isCancel, type Prompter } from "./ask.ts";

/** The questions of src/cli/ask.ts put to the editor in the terminal. Loaded only when a tool prompts. */
export async function terminalPrompter(): Promise<Prompter> {
  const { checkbox, input, select } = await import("@inquirer/prompts");
  return {
    input: (question) => input(question),
    select: (question) => select(question),
    checkbox: (question) => checkbox(question),
  };
}

/** Runs the questions; Ctrl-C at a prompt ends the tool with exit code 130 before anything is written. */
export async function askOrExit<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (!isCancel(error)) throw error;
    process.stderr.write("Cancelled. Nothing written.\n");
    process.exit(CANCELLED);
  }
}
