import { Client, type Room } from "@colyseus/sdk";
import type { PublicScenario, ScenarioEvent } from "../../../shared/index.js";

/**
 * Classroom mode over the wire (docs/protocol.md, "Classroom"): open a class over HTTP, then
 * the `classroom` room as instructor (key) or student (name, or the rejoin token after a
 * reload). No rules here: the server sends dashboards, debriefs and assignments ready to draw.
 */

/** Body of `POST /api/classes` (server/classroom/class-record.ts, `classSettingsSchema`); absent fields take the server's defaults. */
export type ClassSettingsBody = {
  scenario: string;
  playersPerSide: number;
  roles: boolean;
  rounds?: number;
  turnSeconds: number;
  events: "historical" | "random" | "both" | "none";
  privateVariant: boolean;
  bots: boolean;
  botStrategy: string;
};
export type TableRow = {
  tableId: string; matchCode: string; phase: string; round: number; maxRounds: number; turn: string; paused: boolean; turnEndsAt: number;
  standing: { id: string; side: string; points: Record<string, number> } | null;
  events: string[];
  players: { id: string; name: string; side: string; role: string; bot: string | null; connected: boolean }[];
  outcome: { kind: string; points: Record<string, number> } | null;
};
export type SeatingTable = { id: string; seats: { side: string; role: string; studentId: string | null }[] };
export type RosterEntry = { id: string; name: string; table: string | null; side: string | null; role: string | null };
/** A scenario event the instructor may inject by id (the dashboard's `deck`: the random deck, then the timeline). */
export type EventChoice = { id: string; title: string; headline: string; origin?: "deck" | "timeline" };
export type ClassSummary = {
  code: string; status: "seating" | "running" | "ended"; paused: boolean; createdAt: string;
  settings: ClassSettingsBody; roster: RosterEntry[]; seating: SeatingTable[]; tables: TableRow[];
  injected: { at: string; target: string; event: ScenarioEvent }[];
  deck?: EventChoice[];
};
export type ClassDebriefRow = { tableId: string; matchId: string; outcome: string; points: Record<string, number> | null; dealPoints: { a: number; b: number } | null; jointGainShare: number | null; distanceToFrontier: number | null; rounds: number; firstConcession: string | null; ratified: boolean | null };
export type ClassDebrief = { sides: [string, string]; frontier: { a: number; b: number }[]; nash: { a: number; b: number } | null; noDeal: { a: number; b: number }; realDeal: { a: number; b: number } | null; tables: ClassDebriefRow[] };
export type Assignment = { classCode: string; studentId: string; name: string; table: string; side: string; role: string; status: string; matchCode: string | null; seatToken: string | null; spectator?: boolean; watchToken?: string | null };
export type ServerError = { code: string; message: string };

const httpBase = (endpoint: string) => endpoint.replace(/^ws/, "http");

/** The server's answer as an error with `code: message` (what the SDK's refusals look like too). */
async function refusal(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => ({}))) as Partial<ServerError>;
  return new Error(`${body.code ?? `HTTP_${res.status}`}: ${body.message ?? res.statusText}`);
}

export async function openClass(endpoint: string, settings: ClassSettingsBody): Promise<{ code: string; key: string }> {
  const res = await fetch(`${httpBase(endpoint)}/api/classes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(settings) });
  if (res.status !== 201) throw await refusal(res);
  return (await res.json()) as { code: string; key: string };
}

/** The public scenarios (`GET /api/scenarios`): names of sides, roles, issues for the form and the dashboard. */
export async function fetchScenarios(endpoint: string): Promise<PublicScenario[]> {
  const res = await fetch(`${httpBase(endpoint)}/api/scenarios`);
  if (!res.ok) throw await refusal(res);
  return ((await res.json()) as { scenarios: PublicScenario[] }).scenarios;
}

export type ClassFile = "debrief.csv" | "logs.zip";

/** One of the instructor's files, fetched with the key (the endpoints want `Authorization: Bearer KEY`). */
export async function fetchClassFile(endpoint: string, code: string, key: string, file: ClassFile): Promise<{ blob: Blob; filename: string }> {
  const res = await fetch(`${httpBase(endpoint)}/api/classes/${encodeURIComponent(code)}/${file}`, { headers: { Authorization: `Bearer ${key}` } });
  if (!res.ok) throw await refusal(res);
  return { blob: await res.blob(), filename: file === "logs.zip" ? `class-${code}-logs.zip` : `class-${code}.csv` };
}

type InstructorMessage = "start" | "pause" | "resume" | "end" | "inject" | "extend" | "move";

/** The instructor's side of a class: the latest dashboard, commands, the debrief. */
export class InstructorLink {
  dashboard: ClassSummary | null = null;
  onChange: () => void = () => {};
  onError: (code: string, message: string, type: string) => void = () => {};
  /** An instructor message succeeded (`result` e.g. `{tables: ["T1"]}` for inject and extend). */
  onDone: (type: string, result: unknown) => void = () => {};

  private constructor(readonly room: Room, readonly code: string, readonly key: string) {
    room.onMessage("dashboard", (d: ClassSummary) => {
      this.dashboard = d;
      this.onChange();
    });
    room.onMessage("error", (e: ServerError & { type: string }) => this.onError(e.code, e.message, e.type));
    room.onMessage("done", (m: { type: string; result?: unknown }) => this.onDone(m.type, m.result));
  }

  static async open(endpoint: string, code: string, key: string): Promise<InstructorLink> {
    return new InstructorLink(await new Client(endpoint).joinById(code, { key }), code, key);
  }

  send(type: InstructorMessage, payload: Record<string, unknown> = {}): void {
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

  leave(): void {
    void this.room.leave().catch(() => undefined);
  }
}

export type StudentHandlers = { onAssignment: (a: Assignment) => void; onWelcome: (studentId: string, token: string) => void; onError: (e: ServerError) => void };

/**
 * A student in a class: `{name}` the first time, `{name, token}` or `{token}` to come back to the
 * same seat (after a reload). Waits for the assignment that carries the table's match code and seat token.
 */
export async function joinClass(endpoint: string, code: string, who: { name?: string; token?: string }, handlers: StudentHandlers): Promise<Room> {
  const room = await new Client(endpoint).joinById(code.trim().toUpperCase(), who);
  room.onMessage("welcome", (w: { studentId: string; token: string }) => handlers.onWelcome(w.studentId, w.token));
  room.onMessage("assignment", handlers.onAssignment);
  room.onMessage("error", handlers.onError);
  return room;
}
