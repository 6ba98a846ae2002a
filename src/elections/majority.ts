/** The largest party's standing against all the others together, from the seats of one stage. */
export type Majority =
  | { kind: "majority"; party: string; seats: number; /** Seats more than all other members together. */ margin: number; /** Not every seat is declared: the margin can still grow. */ atLeast: boolean }
  | { kind: "none" };

interface SeatLine {
  party: string;
  kind: string;
  seats?: number;
}

/**
 * "Majority of 26" (62 of 98 seats: 62 - 36) or "no overall majority", once it is known:
 * when every seat is declared, or earlier when the largest party already holds a majority.
 * Undefined while the stage cannot tell. Only a party's seats count, not independents'.
 */
export function overallMajority(results: readonly SeatLine[], chamber: { seats: number; majority: number }): Majority | undefined {
  const declared = results.reduce((sum, r) => sum + (r.seats ?? 0), 0);
  const largest = results.filter((r) => r.kind === "party" && r.seats !== undefined).reduce<SeatLine | undefined>((best, r) => ((r.seats ?? 0) > (best?.seats ?? -1) ? r : best), undefined);
  if (!largest || largest.seats === undefined) return undefined;
  const margin = 2 * largest.seats - chamber.seats;
  if (largest.seats >= chamber.majority && margin > 0) return { kind: "majority", party: largest.party, seats: largest.seats, margin, atLeast: declared < chamber.seats };
  return declared >= chamber.seats ? { kind: "none" } : undefined;
}
