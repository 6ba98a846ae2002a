/** Reads `_headers` and `_redirects` as a CDN would, so the preview server serves what production serves. */

export interface HeaderRule {
  pattern: string;
  set: Record<string, string>;
  detach: string[];
}

export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), set: {}, detach: [] });
      continue;
    }
    const rule = rules.at(-1);
    if (!rule) throw new Error(`_headers: a header line comes before any path: "${line.trim()}"`);
    const detached = line.trim().match(/^!\s*(\S+)$/);
    if (detached) rule.detach.push(detached[1]!.toLowerCase());
    else {
      const at = line.indexOf(":");
      if (at < 0) throw new Error(`_headers: expected "Name: value", got "${line.trim()}"`);
      rule.set[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}

function matches(pattern: string, pathname: string): boolean {
  return pattern.endsWith("*") ? pathname.startsWith(pattern.slice(0, -1)) : pattern === pathname;
}

/** Headers for a request path: every matching rule in order, detached names dropped before a rule adds its own. */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const headers = new Map<string, [string, string]>();
  for (const rule of rules.filter((r) => matches(r.pattern, pathname))) {
    for (const name of rule.detach) headers.delete(name);
    for (const [name, value] of Object.entries(rule.set)) {
      const previous = headers.get(name.toLowerCase());
      headers.set(name.toLowerCase(), [name, previous ? `${previous[1]}, ${value}` : value]);
    }
  }
  return Object.fromEntries(headers.values());
}

export function parseRedirects(text: string): Map<string, { to: string; status: number }> {
  const redirects = new Map<string, { to: string; status: number }>();
  for (const line of text.split("\n")) {
    const [from, to, status = "301"] = line.trim().split(/\s+/);
    if (!from || from.startsWith("#")) continue;
    if (!to) throw new Error(`_redirects: expected "/from /to 301", got "${line.trim()}"`);
    redirects.set(from, { to, status: Number(status) });
  }
  return redirects;
}
