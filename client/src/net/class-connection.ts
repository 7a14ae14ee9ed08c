import { Client, type Room } from "@colyseus/sdk";
import { rejoin, SDK_RECONNECT_RETRIES } from "./rejoin.js";
import { type Assignment, type ClassDebrief, type ClassSettingsBody, type ClassSummary, type InstructorMessage, type PublicScenario } from "../../../shared/index.js";

/**
 * Classroom mode over the wire (docs/protocol.md, "Classroom"): open a class over HTTP, then
 * the `classroom` room as instructor (key) or student (name, or the rejoin token after a
 * reload). No rules here: the server sends dashboards, debriefs and assignments ready to draw.
 * After a drop the SDK reconnects and the server sends the whole picture again; if the SDK gives
 * up, the link joins afresh with the key or token. While away, a command is refused in words.
 */

export type { Assignment, ClassDebrief, ClassSettingsBody, ClassSummary, EventChoice, RosterEntry, SeatingTable, TableRow } from "../../../shared/index.js";
export type ServerError = { code: string; message: string };
export type LinkStatus = "open" | "reconnecting" | "lost";

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

/**
 * `PUT /api/classes/:code/scenario` with the instructor's key: the class plays this file. A bad
 * file comes back with its problems (`path: reason`), the class unchanged; other refusals throw.
 */
export async function uploadClassScenario(endpoint: string, code: string, key: string, source: unknown): Promise<{ ok: true; scenario: PublicScenario } | { ok: false; message: string; problems: { path: string; message: string }[] }> {
  const res = await fetch(`${httpBase(endpoint)}/api/classes/${encodeURIComponent(code)}/scenario`, { method: "PUT", headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" }, body: JSON.stringify(source) });
  if (res.ok) return { ok: true, scenario: ((await res.json()) as { scenario: PublicScenario }).scenario };
  if (res.status !== 400) throw await refusal(res);
  const body = (await res.json().catch(() => ({}))) as Partial<ServerError> & { problems?: { path: string; message: string }[] };
  return { ok: false, message: body.message ?? res.statusText, problems: body.problems ?? [{ path: "(file)", message: body.message ?? res.statusText }] };
}

export type ClassFile = "debrief.csv" | "logs.zip";

/** One of the instructor's files, fetched with the key (the endpoints want `Authorization: Bearer KEY`). */
export async function fetchClassFile(endpoint: string, code: string, key: string, file: ClassFile): Promise<{ blob: Blob; filename: string }> {
  const res = await fetch(`${httpBase(endpoint)}/api/classes/${encodeURIComponent(code)}/${file}`, { headers: { Authorization: `Bearer ${key}` } });
  if (!res.ok) throw await refusal(res);
  return { blob: await res.blob(), filename: file === "logs.zip" ? `class-${code}-logs.zip` : `class-${code}.csv` };
}

/** The printable per-student report (one page per student), as HTML to open in a tab of its own. */
export async function fetchStudentReport(endpoint: string, code: string, key: string, language: string): Promise<string> {
  const res = await fetch(`${httpBase(endpoint)}/api/classes/${encodeURIComponent(code)}/report.html?lang=${language === "ja" ? "ja" : "en"}`, { headers: { Authorization: `Bearer ${key}` } });
  if (!res.ok) throw await refusal(res);
  return res.text();
}

const OFFLINE: ServerError = { code: "OFFLINE", message: "You are offline; nothing was sent. Try again once the connection is back." };

/**
 * A classroom room that stays joined: status while the SDK reconnects, and a fresh join
 * (`rejoinOptions`) if it gives up. `wire` attaches the message handlers to each room joined.
 */
class ClassLink {
  status: LinkStatus = "open";
  onStatus: (status: LinkStatus) => void = () => {};
  private closed = false;

  protected constructor(
    public room: Room,
    private readonly endpoint: string,
    readonly code: string,
    private readonly rejoinOptions: () => Record<string, unknown>,
  ) {}

  /** Called when the connection is back (the SDK reconnected, or a fresh join): resend what is still waiting. */
  protected onBack(): void {}

  protected watch(wire: (room: Room) => void): void {
    const attach = (room: Room) => {
      this.room = room;
      room.reconnection.minUptime = 0;
      room.reconnection.maxRetries = SDK_RECONNECT_RETRIES;
      wire(room);
      room.onDrop(() => this.setStatus("reconnecting"));
      room.onReconnect(() => {
        this.setStatus("open");
        this.onBack();
      });
      room.onLeave((code: number) => {
        if (this.closed || code === 1000) return;
        this.setStatus("reconnecting");
        void rejoin(() => new Client(this.endpoint).joinById(this.code, this.rejoinOptions()), () => this.closed).then((fresh) => {
          if (this.closed) return void fresh?.leave().catch(() => undefined);
          if (!fresh) return this.setStatus("lost");
          attach(fresh);
          this.setStatus("open");
          this.onBack();
        });
      });
    };
    attach(this.room);
  }

  private setStatus(status: LinkStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.onStatus(status);
  }

  leave(): void {
    this.closed = true;
    void this.room.leave().catch(() => undefined);
  }
}

/** The instructor's side of a class: the latest dashboard, commands, the debrief. */
export class InstructorLink extends ClassLink {
  dashboard: ClassSummary | null = null;
  onChange: () => void = () => {};
  onError: (code: string, message: string, type: string) => void = () => {};
  /** An instructor message succeeded (`result` e.g. `{tables: ["T1"]}` for inject and extend). */
  onDone: (type: string, result: unknown) => void = () => {};
  private debriefWaiters: ((debrief: ClassDebrief) => void)[] = [];

  private constructor(room: Room, endpoint: string, code: string, readonly key: string) {
    super(room, endpoint, code, () => ({ key }));
    this.watch((r) => {
      r.onMessage("dashboard", (d: ClassSummary) => {
        this.dashboard = d;
        this.onChange();
      });
      r.onMessage("error", (e: ServerError & { type: string }) => this.onError(e.code, e.message, e.type));
      r.onMessage("done", (m: { type: string; result?: unknown }) => {
        if (m.type === "debrief") for (const resolve of this.debriefWaiters.splice(0)) resolve(m.result as ClassDebrief);
        else this.onDone(m.type, m.result);
      });
    });
  }

  static async open(endpoint: string, code: string, key: string): Promise<InstructorLink> {
    return new InstructorLink(await new Client(endpoint).joinById(code, { key }), endpoint, code, key);
  }

  /** Sends now; while away, says so instead (a queued command would run at a moment nobody chose). */
  send(type: Exclude<InstructorMessage, "dashboard" | "debrief">, payload: Record<string, unknown> = {}): void {
    if (this.status !== "open") return this.onError(OFFLINE.code, OFFLINE.message, type);
    this.room.send(type, payload);
  }

  /** A debrief asked for just before a drop is asked for again: its answer may have been lost. */
  protected override onBack(): void {
    if (this.debriefWaiters.length > 0) this.room.send("debrief", {});
  }

  debrief(): Promise<ClassDebrief> {
    if (this.status !== "open") return Promise.reject(new Error(`${OFFLINE.code}: ${OFFLINE.message}`));
    return new Promise((resolve) => {
      this.debriefWaiters.push(resolve);
      this.room.send("debrief", {});
    });
  }
}

export type StudentHandlers = { onAssignment: (a: Assignment) => void; onWelcome: (studentId: string, token: string) => void; onError: (e: ServerError) => void; onStatus?: (status: LinkStatus) => void };

/** A student in a class; comes back with the rejoin token if the connection is lost for good. */
export class StudentLink extends ClassLink {
  private token: string | undefined;

  private constructor(room: Room, endpoint: string, code: string, who: { name?: string; token?: string }, handlers: StudentHandlers) {
    super(room, endpoint, code, () => (this.token ? { token: this.token } : who));
    this.token = who.token;
    if (handlers.onStatus) this.onStatus = handlers.onStatus;
    this.watch((r) => {
      r.onMessage("welcome", (w: { studentId: string; token: string }) => {
        this.token = w.token;
        handlers.onWelcome(w.studentId, w.token);
      });
      r.onMessage("assignment", handlers.onAssignment);
      r.onMessage("error", handlers.onError);
    });
  }

  /**
   * `{name}` the first time, `{name, token}` or `{token}` to come back to the same seat (after a
   * reload). The assignment that follows carries the table's match code and seat token.
   */
  static async join(endpoint: string, code: string, who: { name?: string; token?: string }, handlers: StudentHandlers): Promise<StudentLink> {
    const room = await new Client(endpoint).joinById(code.trim().toUpperCase(), who);
    return new StudentLink(room, endpoint, code.trim().toUpperCase(), who, handlers);
  }
}
