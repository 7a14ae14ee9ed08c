import { ErrorCode, Room, ServerError, type AuthContext, type Client } from "@colyseus/core";
import {
  CLASSROOM_ROOM,
  classJoinSchema,
  describeProblems,
  instructorMessages,
  instructorMessageTypes,
  problemsFromZod,
  refusalText,
  type ErrorReply,
  type InstructorMessage,
  type Result,
  type Scenario,
  type ScenarioEvent,
} from "../../shared/index.js";
import { AttemptLimiter } from "./attempt-limiter.js";
import { admit, type GateRules, type JoinAuth } from "../room/matchmake-gate.js";
import { classDebrief, classSummary } from "./class-dashboard.js";
import type { ClassService } from "./class-service.js";
import { classScenario } from "./class-scenario.js";

/**
 * What the classroom rooms share: the class service, the codes the server itself may open,
 * the codes whose room is open in this process, failed attempts.
 */
export type ClassroomDeps = { service: ClassService; openable: Set<string>; open: Set<string>; attempts: AttemptLimiter; cluster?: boolean };

type Member = { kind: "instructor" } | { kind: "student"; studentId: string };

const refusal = (reply: ErrorReply): ServerError => new ServerError(ErrorCode.APPLICATION_ERROR, refusalText(reply));

/**
 * One `classroom` room per class, its room id the class code. Students join with a name and are
 * told their table, side, role and the seat token of their table's match (nothing about other
 * tables); the instructor joins with the key and drives the class. State travels as messages,
 * not synced schema, so what a student receives is exactly their own assignment. A dropped
 * connection keeps its place for the reconnection window; when it comes back it gets its whole
 * picture again (dashboard, or welcome and assignment), since it may have missed changes.
 */
export class ClassroomRoom extends Room {
  protected cdeps!: ClassroomDeps;
  private code = "";
  private stopListening: () => void = () => {};

  override async onCreate(options: unknown): Promise<void> {
    const code = (options as { classCode?: unknown } | undefined)?.classCode;
    // Only the server opens classroom rooms (on POST /api/classes and at boot): a client create is refused.
    if (typeof code !== "string" || !this.cdeps.openable.delete(code)) throw refusal({ code: "BAD_OPTIONS", message: "Classes are opened with POST /api/classes." });
    this.roomId = this.code = code;
    this.autoDispose = false;
    this.maxClients = this.cdeps.service.deps.config.maxRoomClients;
    // Entered by the class code only (joinById): the matchmaker's join/joinOrCreate never find it.
    await this.setPrivate(true);
    for (const type of instructorMessageTypes) this.onMessage(type, (client: Client, payload: unknown) => void this.onInstructorMessage(client, type, payload));
    this.onMessage("*", (client: Client, type: string | number) => this.reply(client, { code: "UNKNOWN_MESSAGE", message: `There is no message "${String(type)}" (messages: ${instructorMessageTypes.join(", ")}).` }, String(type)));
    this.clock.setInterval(() => void this.pushDashboards(), 1000);
    this.cdeps.open.add(code);
    this.stopListening = this.cdeps.service.listen(code, () => this.announce());
  }

  override onDispose(): void {
    this.stopListening();
    this.cdeps.open.delete(this.code);
  }

  override onDrop(client: Client): void {
    const seconds = this.cdeps.service.deps.config.reconnectSeconds;
    if (seconds > 0) this.allowReconnection(client, seconds).catch(() => undefined);
  }

  /** Back after a drop: the whole picture again, as on a first join. */
  override async onReconnect(client: Client): Promise<void> {
    this.cdeps.service.deps.heartbeat.watch(client);
    const member = client.userData as Member | undefined;
    if (member?.kind === "instructor") await this.pushDashboard(client);
    else if (member?.kind === "student") client.send("assignment", this.cdeps.service.assignment(this.code, member.studentId));
  }

  /** A wrong secret: counted per source and per class; past the limit it is answered RATE_LIMITED (a right one still gets in). */
  private wrongSecret(source: string, reply: ErrorReply): ServerError {
    const over = this.cdeps.attempts.fail([`source:${source}`, `class:${this.code}`]);
    return refusal(over ? { code: "RATE_LIMITED", message: "Too many wrong keys or tokens for this class; wait a minute." } : reply);
  }

  override async onJoin(client: Client, options: unknown, auth?: { source: string }): Promise<void> {
    this.cdeps.service.deps.heartbeat.watch(client);
    const source = auth?.source ?? "?";
    const parsed = classJoinSchema.safeParse(options ?? {});
    if (!parsed.success) throw refusal({ code: "BAD_OPTIONS", message: describeProblems(problemsFromZod(parsed.error)) });
    const service = this.cdeps.service;
    if ("key" in parsed.data) {
      if (service.authorize(this.code, parsed.data.key) !== "ok") throw this.wrongSecret(source, { code: "FORBIDDEN", message: "That is not this class's instructor key." });
      client.userData = { kind: "instructor" } satisfies Member;
      await this.pushDashboard(client);
      return;
    }
    const name = "name" in parsed.data ? parsed.data.name : "";
    const joined = await service.join(this.code, name, parsed.data.token);
    if (!joined.ok) {
      if (joined.error.code === "BAD_STUDENT_TOKEN") throw this.wrongSecret(source, joined.error);
      throw refusal(joined.error);
    }
    client.userData = { kind: "student", studentId: joined.value.studentId } satisfies Member;
    client.send("welcome", { studentId: joined.value.studentId, token: joined.value.token });
    client.send("assignment", service.assignment(this.code, joined.value.studentId));
  }

  /** After any change to the class: every student gets their own assignment, instructors a fresh dashboard. */
  announce(): void {
    for (const client of this.clients) {
      const member = client.userData as Member | undefined;
      if (member?.kind === "student") client.send("assignment", this.cdeps.service.assignment(this.code, member.studentId));
    }
    void this.pushDashboards();
  }

  /** PUT /api/classes/:code/scenario reaching another process of a cluster is forwarded here (`matchMaker.remoteRoomCall`). */
  remoteUploadScenario(body: unknown): Promise<unknown> {
    return this.cdeps.service.uploadScenario(this.code, body);
  }

  private async pushDashboards(): Promise<void> {
    const instructors = this.clients.filter((c) => (c.userData as Member | undefined)?.kind === "instructor");
    if (instructors.length === 0) return;
    const record = this.cdeps.service.get(this.code);
    if (!record) return;
    const summary = await classSummary(this.cdeps.service.deps, record);
    for (const client of instructors) client.send("dashboard", summary);
  }

  private async pushDashboard(client: Client): Promise<void> {
    const record = this.cdeps.service.get(this.code);
    if (record) client.send("dashboard", await classSummary(this.cdeps.service.deps, record));
  }

  private reply(client: Client, reply: ErrorReply, type: string): void {
    client.send("error", { ...reply, type: type.slice(0, 64) });
  }

  private async onInstructorMessage(client: Client, type: InstructorMessage, payload: unknown): Promise<void> {
    if ((client.userData as Member | undefined)?.kind !== "instructor") {
      return this.reply(client, { code: "NOT_INSTRUCTOR", message: `Only the instructor can send "${type}"; students play at their own table.` }, type);
    }
    const parsed = instructorMessages[type].safeParse(payload === undefined ? {} : payload);
    if (!parsed.success) return this.reply(client, { code: "BAD_MESSAGE", message: `Bad "${type}" message: ${describeProblems(problemsFromZod(parsed.error))}` }, type);
    const result = await this.run(type, parsed.data as Record<string, unknown>);
    if (!result.ok) return this.reply(client, result.error, type);
    client.send("done", { type, ...(result.value && typeof result.value === "object" ? { result: result.value } : {}) });
  }

  private async run(type: InstructorMessage, m: Record<string, unknown>): Promise<Result<unknown, ErrorReply>> {
    const service = this.cdeps.service;
    const record = service.get(this.code)!;
    switch (type) {
      case "dashboard":
        return { ok: true, value: await classSummary(service.deps, record) };
      case "debrief":
        return { ok: true, value: await classDebrief(service.deps, record) };
      case "move":
        return service.move(this.code, m.studentId as string, { table: m.table as string, side: m.side as string, role: m.role as string });
      case "start":
        return service.start(this.code);
      case "pause":
      case "resume":
        return service.setPaused(this.code, type === "pause");
      case "inject": {
        const event = (m.event as ScenarioEvent | undefined) ?? deckEvent(classScenario(record), m.eventId as string);
        if (!event) return { ok: false, error: { code: "UNKNOWN_EVENT", message: `The scenario has no event "${String(m.eventId)}".` } };
        return service.inject(this.code, m.table as string, event);
      }
      case "extend":
        return service.extend(this.code, m.table as string, m.rounds as number);
      case "startClock":
        return service.startClocks(this.code, m.table as string);
      case "end":
        return service.end(this.code);
    }
  }
}

function deckEvent(scenario: Scenario, id: string): ScenarioEvent | undefined {
  const events = scenario.events;
  return events.deck.find((e) => e.id === id) ?? events.timeline.find((t) => t.event.id === id)?.event;
}

export function classroomRoom(deps: ClassroomDeps, gate: GateRules): typeof ClassroomRoom {
  return class extends ClassroomRoom {
    protected override cdeps = deps;
    /** The matchmaking door (server/room/matchmake-gate.ts): where the request comes from, for onJoin. */
    static override onAuth(_token: string, options: unknown, context: AuthContext): Promise<JoinAuth> {
      return admit(gate, CLASSROOM_ROOM, options, context);
    }
  };
}
