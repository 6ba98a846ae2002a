import { findNodeAtLocation, parseTree, type Node } from "jsonc-parser";

/**
 * Decimals as the file wrote them: JSON reads 2.0 as 2, but a source that published
 * "2.0" beside "53.9" should be shown so. Returns, for a path to a number (or a
 * [low, high] range), the most decimals written there; undefined for no such number.
 */
export function publishedDecimals(text: string): (path: (string | number)[]) => number | undefined {
  const tree = parseTree(text);
  return (path) => {
    const node = tree ? findNodeAtLocation(tree, path) : undefined;
    if (!node) return undefined;
    const numbers = node.type === "array" ? (node.children ?? []) : [node];
    const decimals = numbers.filter((n: Node) => n.type === "number").map((n) => decimalsOf(text.slice(n.offset, n.offset + n.length)));
    return decimals.length > 0 ? Math.max(...decimals) : undefined;
  };
}

/** "53.90" has 2, "54" 0; an exponent ("5.39e1") has as many as its value needs. */
export function decimalsOf(raw: string): number {
  if (/e/i.test(raw)) return (String(Number(raw)).split(".")[1] ?? "").length;
  return (raw.split(".")[1] ?? "").length;
}
