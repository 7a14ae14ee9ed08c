import { Client, type Room } from "@colyseus/sdk";

/**
 * Classroom mode over the wire (docs/protocol.md, "Classroom"): open a class over HTTP, then
 * the `classroom` room as instructor (key) or student (name). No rules here: the server sends
 * dashboards, debriefs and assignments ready to draw.
 */

export type ClassSettings = { playersPerSide: number; roles: boolean; bots: boolean; events: "historical" | "random" | "both" | "none"; turnSeconds: number };
export type TableRow = {
  tableId: string; matchCode: string; phase: string; round: number; maxRounds: number; turn: string; paused: boolean; turnEndsAt: number;
  standing: { id: string; side: string; points: Record<string, number> } | null;
  players: { name: string; side: string; bot: string | null; connected: boolean }[];
  outcome: { kind: string; points: Record<string, number> } | null;
};
export type ClassSummary = { code: string; status: string; paused: boolean; roster: { id: string; name: string; table: string | null }[]; tables: TableRow[] };
export type ClassDebriefRow = { tableId: string; matchId: string; outcome: string; points: Record<string, number> | null; dealPoints: { a: number; b: number } | null; jointGainShare: number | null; distanceToFrontier: number | null; rounds: number; firstConcession: string | null; ratified: boolean | null };
export type ClassDebrief = { sides: [string, string]; frontier: { a: number; b: number }[]; nash: { a: number; b: number } | null; noDeal: { a: number; b: number }; realDeal: { a: number; b: number } | null; tables: ClassDebriefRow[] };
export type Assignment = { classCode: string; table: string; side: string; role: string; status: string; matchCode: string | null; seatToken: string | null };

const httpBase = (endpoint: string) => endpoint.replace(/^ws/, "http");

export async function openClass(endpoint: string, settings: ClassSettings): Promise<{ code: string; key: string }> {
  const res = await fetch(`${httpBase(endpoint)}/api/classes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(settings) });
  const body = (await res.json()) as { code: string; key: string; message?: string };
  if (res.status !== 201) throw new Error(`${(body as { code?: string }).code}: ${body.message}`);
  return body;
}

/** The instructor's side of a class: the latest dashboard, commands, the debrief. */
export class InstructorLink {
  dashboard: ClassSummary | null = null;
  onChange: () => void = () => {};
  onError: (code: string, message: string) => void = () => {};

  private constructor(readonly room: Room, readonly code: string, readonly key: string) {
    room.onMessage("dashboard", (d: ClassSummary) => {
      this.dashboard = d;
      this.onChange();
    });
    room.onMessage("error", (e: { code: string; message: string }) => this.onError(e.code, e.message));
    room.onMessage("done", () => undefined);
  }

  static async open(endpoint: string, code: string, key: string): Promise<InstructorLink> {
    return new InstructorLink(await new Client(endpoint).joinById(code, { key }), code, key);
  }

  send(type: "start" | "pause" | "resume" | "end" | "inject" | "extend", payload: Record<string, unknown> = {}): void {
    this.room.send(type, payload);
  }

  debrief(): Promise<ClassDebrief> {
    return new Promise((resolve) => {
      const off = this.room.onMessage("done", (m: { type: string; result: ClassDebrief }) => {
        if (m.type !== "debrief") return;
        off();
        resolve(m.result);
      });
      this.room.send("debrief", {});
    });
  }
}

/** A student in a class: waits for the assignment that carries their table's match code and seat token. */
export async function joinClass(endpoint: string, code: string, name: string, onAssignment: (a: Assignment) => void): Promise<Room> {
  const classCode = code.trim().toUpperCase();
  const room = await new Client(endpoint).joinById(classCode, { name });
  room.onMessage("welcome", (w: { token: string }) => sessionStorage.setItem(`tt-class-${classCode}`, w.token));
  room.onMessage("assignment", onAssignment);
  room.onMessage("error", () => undefined);
  return room;
}
