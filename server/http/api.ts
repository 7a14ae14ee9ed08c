import { builtinScenario, builtinScenarioIds, publicScenario } from "../../shared/index.js";
import type { HttpApp, HttpRequest as Request, HttpResponse as Response } from "./express-types.js";
import { matchCodeSchema, summarizeLog } from "../store/match-catalog.js";
import type { Storage } from "../store/storage.js";
import { mountNotesApi, type InstructorCheck, type NotesHttpApp } from "../notes/notes-api.js";

/**
 * The read-only HTTP API (docs/protocol.md, "HTTP"). A match in progress never leaks a sheet:
 * its log holds the full scenario file, so the log is refused (409) until the match ends;
 * the listing shows only public facts.
 */

type ApiError = { code: string; message: string };
const fail = (res: Response, status: number, error: ApiError) => res.status(status).json(error);

export function mountApi(app: HttpApp, storage: Storage, isInstructor?: InstructorCheck, maxListed = 500): void {
  app.get("/api/scenarios", (_req: Request, res: Response) => {
    res.json({ scenarios: builtinScenarioIds().map((id) => publicScenario(builtinScenario(id)!)) });
  });

  // Listing is not inviting: ended matches (to replay) only; of the others, just how many there are.
  app.get("/api/matches", async (_req: Request, res: Response) => {
    const all = await storage.listMatches();
    res.json({ matches: all.filter((m) => m.status === "ended").slice(0, maxListed), running: all.filter((m) => m.status === "running").length });
  });

  app.get("/api/matches/:id/log", async (req: Request, res: Response) => {
    const id = matchCodeSchema.safeParse(req.params.id);
    if (!id.success) return fail(res, 400, { code: "BAD_ID", message: "A match code is letters, digits, _ or -." });
    const text = await storage.readLog(id.data);
    const summary = text === undefined ? undefined : summarizeLog(id.data, text);
    if (text === undefined || !summary) return fail(res, 404, { code: "NOT_FOUND", message: `There is no match ${id.data}.` });
    if (summary.status !== "ended") {
      return fail(res, 409, { code: "MATCH_RUNNING", message: `Match ${id.data} is still running; its log (which holds both sides' sheets) is published when it ends.` });
    }
    res.type("application/x-ndjson").send(text);
  });

  mountNotesApi(app as NotesHttpApp, storage, isInstructor);

  app.use("/api", (_req: Request, res: Response) => fail(res, 404, { code: "NOT_FOUND", message: "No such API endpoint." }));
}
