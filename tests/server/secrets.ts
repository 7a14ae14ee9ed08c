import { roleSheet, sideSheet, type MatchState } from "../../shared/index.js";
import { scenario } from "./helpers.js";

/**
 * What a side keeps secret, and how to look for it in the bytes a client received: messages
 * travel as msgpack, where a fractional number is a float64 in big-endian order after 0xcb.
 */

/** Whether `value` (a fractional number) is in `bytes` as msgpack writes it. */
export function carries(bytes: Buffer, value: number): boolean {
  const encoded = Buffer.alloc(9);
  encoded[0] = 0xcb;
  encoded.writeDoubleBE(value, 1);
  return bytes.includes(encoded);
}

/** Every number on a side's sheet and on its roles' sheets (all roles, or just one), as the engine computes them now. */
export function sideNumbers(state: MatchState, side: string, onlyRole?: string): Set<number> {
  const numbers = new Set<number>();
  const sheet = sideSheet(scenario, state, side);
  for (const options of Object.values(sheet.points)) for (const v of Object.values(options)) numbers.add(v);
  numbers.add(sheet.reservation);
  numbers.add(sheet.pressurePerRound);
  for (const role of scenario.sides.find((s) => s.id === side)!.roles) {
    if (onlyRole !== undefined && role.id !== onlyRole) continue;
    const rs = roleSheet(scenario, state, side, role.id);
    for (const options of Object.values(rs.points)) for (const v of Object.values(options)) numbers.add(v);
    for (const weight of Object.values(rs.issueWeights)) numbers.add(weight);
  }
  return new Set([...numbers].filter((n) => !Number.isInteger(n)));
}

