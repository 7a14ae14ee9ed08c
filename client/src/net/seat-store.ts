import type { SeatInfo } from "./match-connection.js";

/**
 * The seat this tab holds, kept in sessionStorage so a reload returns to it: the SDK's
 * reconnection token (fast path, while the server keeps the dropped connection) and the
 * server's seat token (takes the seat back with a fresh join, even after a restart).
 */

export type SavedSeat = { code: string; reconnectionToken: string; seatToken: string; seat: SeatInfo };

const KEY = "tariffTalks.seat";

export class SeatStore {
  constructor(private storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null) {}

  load(): SavedSeat | null {
    try {
      const raw = this.storage?.getItem(KEY);
      if (!raw) return null;
      const saved = JSON.parse(raw) as Partial<SavedSeat>;
      if (typeof saved.code !== "string" || !saved.seat || typeof saved.seat.side !== "string") return null;
      return { code: saved.code, reconnectionToken: saved.reconnectionToken ?? "", seatToken: saved.seatToken ?? "", seat: saved.seat };
    } catch {
      return null;
    }
  }

  save(seat: SavedSeat): void {
    this.storage?.setItem(KEY, JSON.stringify(seat));
  }

  clear(): void {
    this.storage?.removeItem(KEY);
  }
}
