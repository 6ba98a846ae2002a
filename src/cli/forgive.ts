/**
 * `npm run check --json` or `npm run new "Headline" --section=asia` (without `--`) give npm
 * the flags: npm passes them on only as `npm_config_<flag>` variables, "true" for a flag
 * without a value. Those are read back. `--section asia` is lost: npm keeps the flag and
 * passes "asia" on as a plain argument, and its own process title drops the flags, so
 * nothing tells which value was whose; the tool then says exactly what to type instead.
 */
export type TypedArguments = { ok: true; args: string[] } | { ok: false; message: string };

export function typedArguments(flags: Readonly<Record<string, "string" | "boolean">>, argv: readonly string[], env: NodeJS.ProcessEnv): TypedArguments {
  const script = env.npm_lifecycle_event;
  const taken = Object.entries(flags)
    .map(([flag, type]) => ({ flag, type, value: env[`npm_config_${flag.replace(/-/g, "_")}`] }))
    .filter((entry): entry is { flag: string; type: "string" | "boolean"; value: string } => entry.value !== undefined);
  if (!script || taken.length === 0) return { ok: true, args: [...argv] };
  const lost = taken.filter(({ type, value }) => type === "string" && value === "true");
  if (lost.length > 0) {
    const names = lost.map(({ flag }) => `--${flag}`).join(", ");
    return {
      ok: false,
      message: `npm kept ${names} for itself and passed their values on without them, so the tool cannot tell which is which.\nType the command again with -- after the script's name:\n  npm run ${script} -- ${argv.map(quoteArg).join(" ")} (each value after its flag)\nor write ${lost.map(({ flag }) => `--${flag}=...`).join(" ")}, or run npx broadsheet ${script} ... (it takes the flags as typed).`,
    };
  }
  return { ok: true, args: [...argv, ...taken.map(({ flag, type, value }) => (type === "boolean" ? `--${flag}` : `--${flag}=${value}`))] };
}

const quoteArg = (arg: string) => (/^[\w./:,@+-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, "\\$1")}"`);

/** Site data entries the tools accept by key or by name (`"Asia"`, `"Nadia Arkwright"`, a topic's alias). */
export type Named = Readonly<Record<string, { name: string; aliases?: readonly string[] }>>;

const fold = (text: string) => text.normalize("NFKC").toLocaleLowerCase("en").replace(/[\s_-]+/g, " ").trim();

/**
 * The key an editor meant: the key (case and spacing aside), or else the one entry whose
 * name or alias matches. Anything else is returned as typed, for the checks to explain.
 */
export function resolveKey(value: string, entries: Named): string {
  if (Object.hasOwn(entries, value)) return value;
  const wanted = fold(value);
  const keys = Object.keys(entries).filter((key) => fold(key) === wanted);
  if (keys.length === 1) return keys[0]!;
  const named = Object.entries(entries).filter(([, entry]) => fold(entry.name) === wanted || (entry.aliases ?? []).some((alias) => fold(alias) === wanted));
  return named.length === 1 ? named[0]![0] : value;
}
