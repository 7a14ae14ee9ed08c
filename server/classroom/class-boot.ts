import { matchMaker } from "@colyseus/core";
import { secretMatches } from "./class-record.js";
import { ClassService } from "./class-service.js";
import { liveTable, stopTables } from "./class-tables.js";
import { CLASSROOM_ROOM } from "../../shared/index.js";
import type { ClassroomDeps } from "./ClassroomRoom.js";
import type { RoomDeps } from "../room/room-deps.js";

/** The classroom's wiring for server/app.ts: its shared pieces, and the reopening of classes at boot. */
export async function classroomDeps(deps: RoomDeps): Promise<ClassroomDeps> {
  const service = new ClassService(deps);
  await service.restore();
  return { service, openable: new Set(), open: new Set(), attempts: deps.failures, cluster: deps.config.redisUrl !== undefined };
}

/** True when join options carry this class's instructor key or one of its students' tokens (checked). */
export function classVouches(service: ClassService, code: string, options: Record<string, unknown>): boolean {
  const record = service.get(code);
  if (!record) return false;
  if (typeof options.key === "string") return service.authorize(code, options.key) === "ok";
  return typeof options.token === "string" && record.students.some((s) => secretMatches(record.salt, s.tokenHash, options.token as string));
}

/**
 * After the matches have resumed: every class that has not ended gets its room back, and a
 * paused class pauses its tables again (pausing is hosting, not in the logs). An ended class
 * whose file predates stopping tables may still have one playing: it is stopped now. Returns
 * the codes reopened.
 */
export async function reopenClasses(cdeps: ClassroomDeps): Promise<string[]> {
  const reopened: string[] = [];
  for (const code of cdeps.service.codes()) if (await reopenClass(cdeps, code)) reopened.push(code);
  return reopened;
}

/** The claim key of a class (server/cluster/hosting-claims.ts): one process hosts its room. */
export const classClaim = (code: string): string => `class:${code}`;

/** One class's room back (boot, or a cluster taking over a dead process's class); true if opened here. */
export async function reopenClass(cdeps: ClassroomDeps, code: string): Promise<boolean> {
  const record = cdeps.service.get(code);
  if (!record) return false;
  if (record.status === "ended") {
    // Every unfinished match has its room by now: a table without one has ended.
    const loaded = record.tables.filter((t) => cdeps.service.deps.matches.has(t.matchCode));
    if (loaded.length > 0) await stopTables(cdeps.service.deps, { ...record, tables: loaded });
    return false;
  }
  if (cdeps.open.has(code)) return false;
  if (!(await cdeps.service.deps.claims.claim(classClaim(code)))) return false;
  cdeps.openable.add(code);
  try {
    await matchMaker.createRoom(CLASSROOM_ROOM, { classCode: code });
  } catch (error) {
    cdeps.openable.delete(code);
    console.warn(`Class ${code} could not be reopened: ${(error as Error).message}`);
    return false;
  }
  if (record.paused) for (const table of record.tables) await (await liveTable(cdeps.service.deps, table.matchCode))?.setPaused(true);
  return true;
}
