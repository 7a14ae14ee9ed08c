import { builtinScenario, describeProblems, err, ok, parseScenario, publicScenario, type Action, type Assignment, type PublicScenario, type Result, type ScenarioEvent } from "../../shared/index.js";
import { emptyPlan, findStudent, moveStudent, seatStudent } from "../../shared/classroom/seating.js";
import type { RoomDeps } from "../room/room-deps.js";
import type { ErrorReply } from "../../shared/index.js";
import { classSettingsSchema, hashSecret, newClassCode, newSecret, secretMatches, type ClassRecord, type ClassSettings } from "./class-record.js";
import { ClassSaver } from "./class-saver.js";
import { classScenario } from "./class-scenario.js";
import { knownBot, liveTable, startTables, stopTables, tableToWatch, takeBotSeat } from "./class-tables.js";

/**
 * Every class of this server, in memory and on disk. Each change runs in the class's own queue,
 * then waits for a write of the class file that holds it (group commit, class-saver.ts) before
 * it is answered or announced, so a restart finds what the instructor and students were told.
 * The queue does not wait for the disk: changes that arrive while a write is in flight are
 * applied and then saved together by the next write.
 */

/** A seat's side and role by name in the class's scenario (built-in, installed or uploaded). */
function seatNames(record: ClassRecord, side: string, role: string): { sideName: string; roleName: string } {
  const found = classScenario(record).sides.find((s) => s.id === side);
  return { sideName: found?.name ?? "", roleName: found?.roles.find((r) => r.id === role)?.name ?? "" };
}

export type AuthResult = "ok" | "missing" | "wrong" | "unknown";

const unsaved: ErrorReply = { code: "SERVER_ERROR", message: "The class could not be saved, so this did not happen; it comes back from its file after a server restart." };

export class ClassService {
  /** Each class as last written to disk: what every read (assignments, dashboards, HTTP) sees. */
  private readonly classes = new Map<string, ClassRecord>();
  /** Each class with the changes applied but maybe not yet on disk: what the next change starts from. */
  private readonly working = new Map<string, ClassRecord>();
  private readonly savers = new Map<string, ClassSaver>();
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Told after every saved change (the classroom room pushes fresh dashboards and assignments). */
  /** Told after every saved change of a class (its classroom room pushes fresh dashboards and assignments). */
  private readonly listeners = new Map<string, () => void>();

  /** The class's room listens for its changes while it is open; returns the way to stop. */
  listen(code: string, listener: () => void): () => void {
    this.listeners.set(code, listener);
    return () => {
      if (this.listeners.get(code) === listener) this.listeners.delete(code);
    };
  }

  constructor(readonly deps: RoomDeps) {}

  async restore(): Promise<ClassRecord[]> {
    const records = await this.deps.storage.loadClasses();
    for (const record of records) this.remember(record);
    return records;
  }

  /** The class as storage holds it now (cluster: read on a process that does not host it, or when taking it over). */
  async reload(code: string): Promise<ClassRecord | undefined> {
    const record = await this.deps.storage.loadClass(code);
    if (record) this.remember(record);
    return record;
  }

  private remember(record: ClassRecord): void {
    this.classes.set(record.code, record);
    this.working.set(record.code, record);
  }

  /** The class's group-commit writer; after each write the saved record becomes the one reads see, then it is announced. */
  private saver(code: string): ClassSaver {
    let saver = this.savers.get(code);
    if (!saver) {
      saver = new ClassSaver((record) => this.deps.storage.saveClass(record), (record) => {
        this.classes.set(code, record);
        this.listeners.get(code)?.();
      });
      this.savers.set(code, saver);
    }
    return saver;
  }

  /** Writes of a class file so far (tests and the bench look at the batching). */
  writes(code: string): number {
    return this.savers.get(code)?.writes ?? 0;
  }

  get(code: string): ClassRecord | undefined {
    return this.classes.get(code);
  }

  codes(): string[] {
    return [...this.classes.keys()];
  }

  async create(body: unknown): Promise<Result<{ code: string; key: string; record: ClassRecord }, ErrorReply>> {
    // No body means the defaults; a JSON `null` (or any non-object) is refused like any bad body.
    const parsed = classSettingsSchema.safeParse(body === undefined ? {} : body);
    if (!parsed.success) return err({ code: "BAD_OPTIONS", message: parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ") });
    const settings: ClassSettings = parsed.data;
    if (!builtinScenario(settings.scenario)) return err({ code: "UNKNOWN_SCENARIO", message: `There is no scenario "${settings.scenario}".` });
    if (!knownBot(settings.botStrategy)) return err({ code: "UNKNOWN_BOT", message: `There is no bot "${settings.botStrategy}".` });
    let code = newClassCode();
    while (this.classes.has(code)) code = newClassCode();
    const key = newSecret();
    const salt = newSecret();
    const record: ClassRecord = {
      code, salt, keyHash: hashSecret(salt, key), createdAt: new Date().toISOString(), status: "seating", paused: false,
      settings, students: [], plan: emptyPlan(settings.playersPerSide, settings.roles), tables: [], watching: {}, injected: [],
    };
    try {
      await this.deps.storage.saveClass(record);
    } catch (error) {
      console.error(`Could not save the new class ${code}: ${(error as Error).message}`);
      return err({ code: "SERVER_ERROR", message: "The server could not save the class; try again." });
    }
    this.remember(record);
    return ok({ code, key, record });
  }

  authorize(code: string, key: string | undefined): AuthResult {
    // "missing" before "unknown": a request without a key must look the same for every code, known or not.
    if (key === undefined || key === "") return "missing";
    const record = this.classes.get(code);
    if (!record) return "unknown";
    return secretMatches(record.salt, record.keyHash, key) ? "ok" : "wrong";
  }

  /**
   * A change to one class: run after the previous one (not after its write), then answered once
   * a write that holds it is on disk. A refused change writes nothing.
   */
  private change<T>(code: string, job: (record: ClassRecord) => Promise<Result<{ record: ClassRecord; value: T }, ErrorReply>>): Promise<Result<T, ErrorReply>> {
    const previous = this.queues.get(code) ?? Promise.resolve();
    const applied = previous.then(async (): Promise<Result<{ value: T; saved: Promise<void> }, ErrorReply>> => {
      const record = this.working.get(code);
      if (!record) return err({ code: "UNKNOWN_CLASS", message: `There is no class ${code}.` });
      if (this.saver(code).failed) return err(unsaved);
      const done = await job(record);
      if (!done.ok) return done;
      // A change that changed nothing (a student back with their token) writes nothing, but still waits for what it read to be on disk.
      if (done.value.record === record) return ok({ value: done.value.value, saved: this.saver(code).synced() });
      this.working.set(code, done.value.record);
      return ok({ value: done.value.value, saved: this.saver(code).save(done.value.record) });
    });
    this.queues.set(code, applied.catch(() => undefined));
    return applied.then(async (result): Promise<Result<T, ErrorReply>> => {
      if (!result.ok) return result;
      try {
        await result.value.saved;
      } catch (error) {
        console.error(`Could not save class ${code}: ${(error as Error).message}`);
        return err(unsaved);
      }
      return ok(result.value.value);
    });
  }

  /** A student arrives (or comes back with their token): seated by the pure seating plan. */
  join(code: string, name: string, token: string | undefined): Promise<Result<{ studentId: string; token: string }, ErrorReply>> {
    return this.change(code, async (record) => {
      if (token !== undefined) {
        const student = record.students.find((s) => secretMatches(record.salt, s.tokenHash, token));
        if (!student) return err({ code: "BAD_STUDENT_TOKEN", message: "That rejoin token does not belong to this class." });
        return ok({ record, value: { studentId: student.id, token } });
      }
      if (record.status === "ended") return err({ code: "CLASS_ENDED", message: "This class has ended." });
      const cap = this.deps.config.maxClassStudents;
      if (record.students.length >= cap) return err({ code: "CLASS_FULL", message: `This class already has ${cap} students; returning students come back with their token.` });
      const scenario = classScenario(record);
      const studentId = `s${record.students.length + 1}`;
      const fresh = newSecret();
      const students = [...record.students, { id: studentId, name, tokenHash: hashSecret(record.salt, fresh) }];
      if (record.status === "running") {
        // A latecomer takes a bot's seat if a table has one; otherwise they watch a table as a spectator.
        const taken = await takeBotSeat(this.deps, record, studentId, name);
        if (taken) return ok({ record: { ...taken, students }, value: { studentId, token: fresh } });
        const watch = await tableToWatch(this.deps, record);
        const watching = watch === undefined ? record.watching : { ...record.watching, [studentId]: watch };
        return ok({ record: { ...record, students, watching }, value: { studentId, token: fresh } });
      }
      const plan = seatStudent(scenario, record.plan, studentId);
      return ok({ record: { ...record, students, plan }, value: { studentId, token: fresh } });
    });
  }

  assignment(code: string, studentId: string): Assignment | undefined {
    const record = this.classes.get(code);
    const student = record?.students.find((s) => s.id === studentId);
    if (!record || !student) return undefined;
    const seat = findStudent(record.plan, studentId);
    const table = seat ? record.tables.find((t) => t.tableId === seat.table.id) : undefined;
    const playerId = table?.players[studentId];
    const watched = seat ? undefined : record.tables.find((t) => t.tableId === record.watching[studentId]);
    return {
      classCode: code, studentId, name: student.name, table: seat?.table.id ?? watched?.tableId ?? "", side: seat?.seat.side ?? "", role: seat?.seat.role ?? "",
      status: record.status, matchCode: table?.matchCode ?? watched?.matchCode ?? null,
      seatToken: table && playerId ? this.deps.tokens.tokenFor(table.matchCode, playerId) : null,
      spectator: watched !== undefined,
      watchToken: watched ? this.deps.tokens.watchTokenFor(watched.matchCode) : null,
      ...seatNames(record, seat?.seat.side ?? "", seat?.seat.role ?? ""),
    };
  }

  move(code: string, studentId: string, target: { table: string; side: string; role: string }): Promise<Result<null, ErrorReply>> {
    return this.change(code, async (record) => {
      if (record.status !== "seating") return err({ code: "WRONG_PHASE", message: "Students can be moved only before the class starts." });
      const moved = moveStudent(record.plan, studentId, target);
      return moved.ok ? ok({ record: { ...record, plan: moved.plan }, value: null }) : err(moved.error);
    });
  }

  start(code: string): Promise<Result<null, ErrorReply>> {
    return this.change(code, async (record) => {
      if (record.status !== "seating") return err({ code: "WRONG_PHASE", message: "The class has already started." });
      if (record.students.length === 0) return err({ code: "NO_STUDENTS", message: "Nobody has joined yet." });
      const tables = await startTables(this.deps, record, (code) => this.deps.matches.has(code));
      if (!tables.ok) return tables;
      for (const table of tables.value) await liveTable(this.deps, table.matchCode);
      return ok({ record: { ...record, status: "running" as const, tables: tables.value }, value: null });
    });
  }

  /** Pause or resume every table (remembered, so a restart re-applies it). */
  /**
   * The instructor's own scenario file for this class, checked like any (every problem as
   * `path: reason`); only before any student joins, since seats are made from the scenario's sides.
   */
  uploadScenario(code: string, raw: unknown): Promise<Result<PublicScenario, ErrorReply & { problems?: { path: string; message: string }[] }>> {
    return this.change(code, async (record) => {
      if (record.status !== "seating" || record.students.length > 0) {
        return err({ code: "WRONG_PHASE", message: "Upload the scenario before any student joins the class." });
      }
      const parsed = parseScenario(raw);
      if (!parsed.ok) return err({ code: "BAD_SCENARIO", message: `The scenario has ${parsed.error.length} problem${parsed.error.length === 1 ? "" : "s"}: ${describeProblems(parsed.error)}`, problems: parsed.error });
      const id = parsed.value.id;
      if (builtinScenario(id)) return err({ code: "BAD_SCENARIO", message: `id: a scenario "${id}" is already on this server; give yours another id.`, problems: [{ path: "id", message: `a scenario "${id}" is already on this server` }] });
      const next = { ...record, scenarioSource: raw, settings: { ...record.settings, scenario: id } };
      return ok({ record: next, value: publicScenario(classScenario(next)) });
    });
  }

  setPaused(code: string, paused: boolean): Promise<Result<null, ErrorReply>> {
    return this.change(code, async (record) => {
      if (record.status !== "running") return err({ code: "WRONG_PHASE", message: "Only a running class can be paused or resumed." });
      for (const table of record.tables) await (await liveTable(this.deps, table.matchCode))?.setPaused(paused);
      return ok({ record: { ...record, paused }, value: null });
    });
  }

  /** An event (from the deck or written on the spot) into one table or all, through the engine. */
  inject(code: string, target: string, event: ScenarioEvent): Promise<Result<{ tables: string[] }, ErrorReply>> {
    return this.systemAction(code, target, { type: "inject", event }, (record) => ({ ...record, injected: [...record.injected, { at: new Date().toISOString(), target, event }] }));
  }

  extend(code: string, target: string, rounds: number): Promise<Result<{ tables: string[] }, ErrorReply>> {
    return this.systemAction(code, target, { type: "extend", rounds }, (record) => record);
  }

  /** Ends the briefing at one table or all (the engine's `start`, which only a table in its briefing takes): their turn clocks run from now. */
  async startClocks(code: string, target: string): Promise<Result<{ tables: string[] }, ErrorReply>> {
    const result = await this.systemAction(code, target, { type: "start" }, (record) => record);
    if (!result.ok && result.error.code === "WRONG_PHASE" && this.classes.get(code)?.status === "running") {
      return err({ code: "WRONG_PHASE", message: target === "all" ? "No table is in its briefing." : `${target} is not in its briefing.` });
    }
    return result;
  }

  private systemAction(code: string, target: string, action: Action, note: (r: ClassRecord) => ClassRecord): Promise<Result<{ tables: string[] }, ErrorReply>> {
    return this.change(code, async (record) => {
      if (record.status !== "running") return err({ code: "WRONG_PHASE", message: "The class is not running." });
      const targets = record.tables.filter((t) => target === "all" || t.tableId === target);
      if (targets.length === 0) return err({ code: "UNKNOWN_TABLE", message: `There is no table ${target}.` });
      const reached: string[] = [];
      for (const table of targets) {
        const room = await liveTable(this.deps, table.matchCode);
        if (room && (await room.systemAction(action)).ok) reached.push(table.tableId);
      }
      if (reached.length === 0) return err({ code: "WRONG_PHASE", message: "No running table took it (the tables have ended?)." });
      return ok({ record: note(record), value: { tables: reached } });
    });
  }

  /**
   * Ends the class: no new students, and every table still playing is stopped (engine `stop`,
   * logged; no deal). The tables are stopped before the class file says "ended", so a crash in
   * between leaves a running class whose instructor can end it again.
   */
  end(code: string): Promise<Result<{ tables: string[] }, ErrorReply>> {
    return this.change(code, async (record) => {
      if (record.status === "ended") return err({ code: "WRONG_PHASE", message: "The class has already ended." });
      const tables = await stopTables(this.deps, record);
      return ok({ record: { ...record, status: "ended" as const, paused: false, endedAt: new Date().toISOString() }, value: { tables } });
    });
  }
}
