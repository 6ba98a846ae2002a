import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { askForImportFile, askForNew, canPrompt, isCancel, type Choice, type Prompter } from "./ask.ts";

const data = {
  sections: { asia: { name: "Asia", description: "" }, world: { name: "World", description: "" } },
  topics: { kazakhstan: { name: "Kazakhstan", description: "", aliases: [] }, elections: { name: "Elections", description: "", aliases: [] } },
  authors: { "nadia-arkwright": { name: "Nadia Arkwright", role: "", bio: "" } },
};

type Asked = { kind: "input" | "select" | "checkbox"; message: string; choices?: Choice[] };

/** Answers from a list, in order, and keeps what was asked; a validator refusing an answer fails the test. */
function scripted(answers: (string | string[])[]): { prompter: Prompter; asked: Asked[] } {
  const asked: Asked[] = [];
  const next = () => {
    if (answers.length === 0) throw new Error(`no answer left for question ${asked.length}: ${asked.at(-1)?.message}`);
    return answers.shift()!;
  };
  const prompter: Prompter = {
    async input({ message, validate }) {
      asked.push({ kind: "input", message });
      const answer = String(next());
      const valid = validate?.(answer) ?? true;
      if (valid !== true) throw new Error(`refused "${answer}": ${valid}`);
      return answer;
    },
    async select({ message, choices }) {
      asked.push({ kind: "select", message, choices });
      return String(next());
    },
    async checkbox({ message, choices }) {
      asked.push({ kind: "checkbox", message, choices });
      return [next()].flat();
    },
  };
  return { prompter, asked };
}

describe("askForNew", () => {
  it("asks for everything left out, offering the site's sections, topics and authors", async () => {
    const { prompter, asked } = scripted(["  Polls open  ", "asia", ["kazakhstan"], ["nadia-arkwright"], "Voters queue."]);
    const answers = await askForNew({ headline: "" }, data, prompter);
    assert.deepEqual(answers, { headline: "Polls open", section: "asia", topics: ["kazakhstan"], byline: ["nadia-arkwright"], summary: "Voters queue." });
    assert.deepEqual(
      asked.map(({ kind, message }) => `${kind}: ${message}`),
      ["input: Headline", "select: Section", "checkbox: Topics (space picks, enter goes on; none is fine)", "checkbox: Byline (space picks; none for a wire story)", "input: Summary, one sentence (enter leaves it for later)"],
    );
    assert.deepEqual(asked[1]?.choices, [
      { value: "asia", name: "Asia" },
      { value: "world", name: "World" },
    ]);
    assert.deepEqual(asked[2]?.choices?.map((choice) => choice.value), ["kazakhstan", "elections"]);
    assert.deepEqual(asked[3]?.choices, [{ value: "nadia-arkwright", name: "Nadia Arkwright" }]);
  });

  it("asks for a credit when no author is picked, and leaves an empty summary for later", async () => {
    const { prompter, asked } = scripted([[], "Reuters", ""]);
    const answers = await askForNew({ headline: "Polls open", section: "world", topics: [] }, data, prompter);
    assert.deepEqual(answers, { headline: "Polls open", section: "world", topics: [], byline: [], credit: "Reuters" });
    assert.deepEqual(asked.map(({ message }) => message.split(" ")[0]), ["Byline", "Credit", "Summary,"]);
  });

  it("asks nothing, not even for topics or a summary, when the needed flags were given", async () => {
    for (const given of [{ headline: "Polls open", section: "asia", credit: "AFP" }, { headline: "Polls open", section: "asia", byline: ["nadia-arkwright"] }]) {
      const { prompter, asked } = scripted([]);
      assert.deepEqual(await askForNew(given, data, prompter), given);
      assert.deepEqual(asked, []);
    }
  });

  it("refuses an empty headline or credit", async () => {
    await assert.rejects(askForNew({ headline: "" }, data, scripted(["   "]).prompter), /refused "   ": A headline is required/);
    await assert.rejects(askForNew({ headline: "H", section: "asia", topics: [] }, data, scripted([[], ""]).prompter), /A credit or a byline is required/);
  });
});

describe("askForImportFile", () => {
  it("asks for the file's path", async () => {
    const { prompter, asked } = scripted([" wire/story.json "]);
    assert.equal(await askForImportFile(prompter), "wire/story.json");
    assert.equal(asked[0]?.message, "The ninjs file to import (path)");
  });
});

describe("when to prompt", () => {
  it("prompts only when stdin and stdout are both terminals", () => {
    assert.equal(canPrompt({ isTTY: true }, { isTTY: true }), true);
    assert.equal(canPrompt({ isTTY: true }, {}), false);
    assert.equal(canPrompt({}, { isTTY: true }), false);
  });

  it("tells the prompt library's Ctrl-C from other errors", () => {
    const cancel = Object.assign(new Error("User force closed the prompt with SIGINT"), { name: "ExitPromptError" });
    assert.equal(isCancel(cancel), true);
    assert.equal(isCancel(new Error("disk full")), false);
    assert.equal(isCancel("ExitPromptError"), false);
  });
});
