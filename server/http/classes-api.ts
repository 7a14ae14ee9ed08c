import { matchMaker } from "@colyseus/core";
import { classClaim } from "../classroom/class-boot.js";
import { KeyedBuckets } from "../room/rate-limit.js";
import { classDebrief, classSummary } from "../classroom/class-dashboard.js";
import { classCodeSchema, type ClassRecord } from "../classroom/class-record.js";
import type { ClassService } from "../classroom/class-service.js";
import { CLASSROOM_ROOM } from "../../shared/index.js";
import type { ClassroomDeps } from "../classroom/ClassroomRoom.js";
import { debriefCsv } from "./debrief-csv.js";
import type { HttpHandler, HttpRequest, HttpResponse } from "./express-types.js";
import { zipStore } from "./zip-store.js";
import { studentReports } from "../classroom/student-report.js";
import { studentReportPage, studentsCsv } from "./student-report-page.js";

/**
 * The classroom's HTTP side (docs/protocol.md, "Classroom"): open a class, and the instructor's
 * read endpoints behind `Authorization: Bearer KEY` (401 without a key, 403 with a wrong one).
 */

type Request = HttpRequest & { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string }; on(event: string, cb: (chunk?: Buffer) => void): unknown };
type App = { get(path: string, h: HttpHandler): unknown; post(path: string, h: HttpHandler): unknown; put(path: string, h: HttpHandler): unknown };
const MAX_BODY = 16 * 1024;
/** A scenario file: the default one is 40 KB; room for far bigger cases. */
const MAX_SCENARIO = 1024 * 1024;

const fail = (res: HttpResponse, status: number, code: string, message: string) => res.status(status).json({ code, message });
const source = (req: Request) => req.socket?.remoteAddress ?? "?";

function readJson(req: Request, maxBytes = MAX_BODY): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk!.length;
      if (size > maxBytes) reject(new Error("too large"));
      else chunks.push(chunk!);
    });
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8").trim();
      try {
        resolve(text === "" ? {} : JSON.parse(text));
      } catch {
        reject(new Error("not JSON"));
      }
    });
    req.on("error", () => reject(new Error("aborted")));
  });
}

export function mountClassesApi(app: App, cdeps: ClassroomDeps): void {
  const service: ClassService = cdeps.service;
  const config = service.deps.config;
  const creations = new KeyedBuckets(config.createsPerMinute / 60, Math.max(1, Math.floor(config.createsPerMinute)));
  const keyFailures = cdeps.attempts;

  app.post("/api/classes", async (raw, res) => {
    const req = raw as Request;
    if (!creations.take(source(req))) return fail(res, 429, "RATE_LIMITED", "Too many classes opened from here; wait a minute.");
    const body = await readJson(req).catch((e: Error) => e);
    if (body instanceof Error) return fail(res, 400, "BAD_OPTIONS", `The body must be a JSON object under 16 KB (${body.message}).`);
    const created = await service.create(body);
    if (!created.ok) return fail(res, created.error.code === "SERVER_ERROR" ? 500 : 400, created.error.code, created.error.message);
    await service.deps.claims.claim(classClaim(created.value.code));
    cdeps.openable.add(created.value.code);
    await matchMaker.createRoom(CLASSROOM_ROOM, { classCode: created.value.code });
    res.status(201).json({ code: created.value.code, key: created.value.key });
  });

  /** The class for its instructor, or an error already sent. */
  const authorized = async (raw: HttpRequest, res: HttpResponse): Promise<ClassRecord | undefined> => {
    const req = raw as Request;
    const code = classCodeSchema.safeParse(req.params.code);
    if (!code.success) return void fail(res, 400, "BAD_ID", "A class code is 8 letters and digits.");
    // Cluster: a class hosted by another process (or created after this one started) is read from storage.
    if (cdeps.cluster && !cdeps.open.has(code.data)) await service.reload(code.data);
    const header = req.headers.authorization;
    const key = typeof header === "string" && header.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
    const auth = service.authorize(code.data, key);
    if (auth === "missing") return void fail(res, 401, "UNAUTHORIZED", "Send the instructor key as `Authorization: Bearer KEY`.");
    if (auth !== "ok") {
      // Counted per source and per class; past the limit a wrong key gets 429, a right one is still let in.
      if (keyFailures.fail([`source:${source(req)}`, `class:${code.data}`])) return void fail(res, 429, "RATE_LIMITED", "Too many wrong keys; wait a minute.");
      // An unknown class and a wrong key look the same, so codes cannot be probed with keys.
      return void fail(res, 403, "FORBIDDEN", "That key does not open this class.");
    }
    return service.get(code.data);
  };

  app.get("/api/classes/:code", async (req, res) => {
    const record = await authorized(req, res);
    if (record) res.json(await classSummary(service.deps, record));
  });

  /** The instructor's own scenario for this class (server/classroom/class-service.ts, `uploadScenario`). */
  app.put("/api/classes/:code/scenario", async (raw, res) => {
    const record = await authorized(raw, res);
    if (!record) return;
    const body = await readJson(raw as Request, MAX_SCENARIO).catch((e: Error) => e);
    if (body instanceof Error) return fail(res, 400, "BAD_SCENARIO", `The body must be a scenario file (JSON) under 1 MB (${body.message}).`);
    // Cluster: the process hosting the class's room holds its changes; the upload goes there.
    const remote = cdeps.cluster && !cdeps.open.has(record.code);
    const uploaded = (remote ? await matchMaker.remoteRoomCall(record.code, "remoteUploadScenario", [body]) : await service.uploadScenario(record.code, body)) as Awaited<ReturnType<ClassService["uploadScenario"]>>;
    if (!uploaded.ok) return res.status(uploaded.error.code === "WRONG_PHASE" ? 409 : 400).json(uploaded.error);
    res.json({ scenario: uploaded.value });
  });

  app.get("/api/classes/:code/debrief", async (req, res) => {
    const record = await authorized(req, res);
    if (record) res.json(await classDebrief(service.deps, record));
  });

  app.get("/api/classes/:code/debrief.csv", async (req, res) => {
    const record = await authorized(req, res);
    if (!record) return;
    res.setHeader("Content-Disposition", `attachment; filename="class-${record.code}.csv"`);
    res.type("text/csv").send(debriefCsv(await classDebrief(service.deps, record), await studentReports(service.deps, record)));
  });

  app.get("/api/classes/:code/logs.zip", async (req, res) => {
    const record = await authorized(req, res);
    if (!record) return;
    const entries = [];
    for (const table of record.tables) {
      const text = await service.deps.storage.readLog(table.matchCode);
      const data = text === undefined ? undefined : Buffer.from(text, "utf8");
      if (data) entries.push({ name: `${table.tableId}-${table.matchCode}.jsonl`, data });
    }
    entries.push({ name: "students.csv", data: Buffer.from(studentsCsv(await studentReports(service.deps, record)), "utf8") });
    res.setHeader("Content-Disposition", `attachment; filename="class-${record.code}-logs.zip"`);
    res.type("application/zip").send(zipStore(entries));
  });

  /** One row per student: the per-student report's figures and reflection answers. */
  app.get("/api/classes/:code/students.csv", async (req, res) => {
    const record = await authorized(req, res);
    if (!record) return;
    res.setHeader("Content-Disposition", `attachment; filename="class-${record.code}-students.csv"`);
    res.type("text/csv").send(studentsCsv(await studentReports(service.deps, record)));
  });

  /** The printable per-student report: one page per student (`?lang=ja` for Japanese labels). */
  app.get("/api/classes/:code/report.html", async (req, res) => {
    const record = await authorized(req, res);
    if (!record) return;
    const lang = (req as Request & { query?: Record<string, unknown> }).query?.lang === "ja" ? "ja" : "en";
    res.type("text/html").send(studentReportPage(await studentReports(service.deps, record), record.code, lang));
  });
}
