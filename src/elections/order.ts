import type { PartyKind, Share } from "./schema.ts";

/** How an election orders its parties: by seats (default), by votes, or as written in the file. */
export type PartyOrder = "seats" | "votes" | "file";

interface Ordered {
  kind: PartyKind;
  seats?: number;
  votes?: number;
  share?: Share;
}

const lowShare = (share: Share) => (typeof share === "number" ? share : share[0]);

/** Bigger first when both lines have the figure; 0 (no opinion) when either lacks it. */
function byFigure<T>(figure: (line: T) => number | undefined): (a: T, b: T) => number {
  return (a, b) => {
    const [x, y] = [figure(a), figure(b)];
    return x === undefined || y === undefined ? 0 : y - x;
  };
}

/** Lines that are not a party's: "others" then "against all", after every party. */
const LAST: Partial<Record<PartyKind, number>> = { others: 1, "against-all": 2 };

/**
 * The lines of one stage in reading order, so every chart and table of the stage agrees:
 * by seats, then votes, then share ("seats"); by votes, then share, then seats ("votes");
 * or as in the file. Others and against-all go last unless the order is "file". Stable.
 */
export function orderResults<T extends Ordered>(results: readonly T[], order: PartyOrder): T[] {
  if (order === "file") return [...results];
  const seats = byFigure<T>((r) => r.seats);
  const votes = byFigure<T>((r) => r.votes);
  const share = byFigure<T>((r) => (r.share === undefined ? undefined : lowShare(r.share)));
  // A line with a figure goes before one without it.
  const known = (figure: (line: T) => unknown) => (a: T, b: T) => Number(figure(b) !== undefined) - Number(figure(a) !== undefined);
  const chain = order === "seats" ? [known((r) => r.seats), seats, votes, share, known((r) => r.votes ?? r.share)] : [known((r) => r.votes ?? r.share), votes, share, seats, known((r) => r.seats)];
  return results
    .map((line, index) => ({ line, index }))
    .sort((a, b) => {
      const last = (LAST[a.line.kind] ?? 0) - (LAST[b.line.kind] ?? 0);
      if (last !== 0) return last;
      for (const compare of chain) {
        const c = compare(a.line, b.line);
        if (c !== 0) return c;
      }
      return a.index - b.index;
    })
    .map(({ line }) => line);
}
