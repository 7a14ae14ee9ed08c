import { promises as fs } from "node:fs";
import { builtinScenario, builtinScenarioIds, publicScenario } from "../../shared/index.js";
import type { HttpApp, HttpRequest as Request, HttpResponse as Response } from "./express-types.js";
import { listMatches, logPath, matchCodeSchema, summarizeLog } from "../store/match-catalog.js";
import { mountNotesApi, type InstructorCheck, type NotesHttpApp } from "../notes/notes-api.js";

/**
 * The read-only HTTP API (docs/protocol.md, "HTTP"). A match in progress never leaks a sheet:
 * its log holds the full scenario file, so the log is refused (409) until the match ends;
 * the listing shows only public facts.
 */

type ApiError = { code: string; message: string };
const fail = (res: Response, status: number, error: ApiError) => res.status(status).json(error);

export function mountApi(app: HttpApp, dataDir: string, isInstructor?: InstructorCheck): void {
  app.get("/api/scenarios", (_req: Request, res: Response) => {
    res.json({ scenarios: builtinScenarioIds().map((id) => publicScenario(builtinScenario(id)!)) });
  });

  app.get("/api/matches", async (_req: Request, res: Response) => {
    res.json({ matches: await listMatches(dataDir) });
  });

  app.get("/api/matches/:id/log", async (req: Request, res: Response) => {
    const id = matchCodeSchema.safeParse(req.params.id);
    if (!id.success) return fail(res, 400, { code: "BAD_ID", message: "A match code is letters, digits, _ or -." });
    const text = await fs.readFile(logPath(dataDir, id.data), "utf8").catch(() => undefined);
    const summary = text === undefined ? undefined : summarizeLog(id.data, text);
    if (text === undefined || !summary) return fail(res, 404, { code: "NOT_FOUND", message: `There is no match ${id.data}.` });
    if (summary.status !== "ended") {
      return fail(res, 409, { code: "MATCH_RUNNING", message: `Match ${id.data} is still running; its log (which holds both sides' sheets) is published when it ends.` });
    }
    res.type("application/x-ndjson").send(text);
  });

  mountNotesApi(app as NotesHttpApp, dataDir, isInstructor);

  app.use("/api", (_req: Request, res: Response) => fail(res, 404, { code: "NOT_FOUND", message: "No such API endpoint." }));
}
