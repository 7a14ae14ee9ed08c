import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Client, type Room as ClientRoom } from "@colyseus/sdk";
import { join, scenario, sdk, sleep, type Player, type TestServer } from "../helpers.js";

/** Classroom test pieces: open a class over HTTP, an instructor and scripted students over the SDK. */

export type Assignment = { classCode: string; studentId: string; table: string; side: string; role: string; status: string; matchCode: string | null; seatToken: string | null; spectator: boolean; watchToken: string | null; sideName?: string; roleName?: string };

/** Tables start negotiating at once unless a test asks for a briefing (`briefingSeconds`; undefined = the server's default). */
export async function openClass(server: TestServer, settings: Record<string, unknown> = {}): Promise<{ code: string; key: string }> {
  const res = await fetch(`${server.url}/api/classes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ briefingSeconds: 0, ...settings }) });
  if (res.status !== 201) throw new Error(`POST /api/classes: ${res.status} ${await res.text()}`);
  return (await res.json()) as { code: string; key: string };
}

export const getClass = (server: TestServer, code: string, key?: string, suffix = "") =>
  fetch(`${server.url}/api/classes/${code}${suffix}`, key === undefined ? {} : { headers: { Authorization: `Bearer ${key}` } });

/** A classroom member: every message kept by type, the last of each at hand. */
export type Member = { room: ClientRoom<any, any>; last: Map<string, any>; errors: any[]; next(type: string, test?: (m: any) => boolean, ms?: number): Promise<any> };

export function member(room: ClientRoom<any, any>): Member {
  const last = new Map<string, any>();
  const errors: any[] = [];
  const waiters: { type: string; test: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  room.onMessage("*", (type: string | number, message: any) => {
    last.set(String(type), message);
    if (type === "error") errors.push(message);
    for (const w of [...waiters]) if (w.type === type && w.test(message)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(message);
    }
  });
  return {
    room, last, errors,
    next(type, test = () => true, ms = 10_000) {
      const have = last.get(type);
      if (have !== undefined && test(have)) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${type}" message in time`)), ms);
        waiters.push({ type, test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
  };
}

export const instructor = async (server: TestServer, code: string, key: string) => member(await sdk(server).joinById(code, { key }));
export const student = async (server: TestServer, code: string, name: string) => member(await new Client(`ws://127.0.0.1:${server.port}`).joinById(code, { name }));

/** A class with `names` joined and started: its instructor, the students, and each one's assignment with a match code. */
export async function startedClass(server: TestServer, settings: Record<string, unknown>, names: readonly string[]) {
  const { code, key } = await openClass(server, settings);
  const teacher = await instructor(server, code, key);
  const kids: Member[] = [];
  for (const name of names) kids.push(await student(server, code, name));
  await command(teacher, "start");
  const at: Assignment[] = await Promise.all(kids.map((k) => k.next("assignment", (a: Assignment) => Boolean(a.matchCode))));
  return { code, key, teacher, kids, at };
}

/** Sends an instructor message and waits for its `done` (or the error). */
export async function command(m: Member, type: string, payload: unknown = {}): Promise<any> {
  const errorsBefore = m.errors.length;
  m.last.delete("done");
  m.room.send(type, payload);
  for (let i = 0; i < 2000; i++) {
    const done = m.last.get("done");
    if (done?.type === type) return done;
    if (m.errors.length > errorsBefore) throw new Error(`${type} refused: ${m.errors.at(-1).code} ${m.errors.at(-1).message}`);
    await sleep(5);
  }
  throw new Error(`no answer to ${type}`);
}

/** A scripted student at their table: proposes the real deal when to move, accepts the other side's offer. */
export function playQuickly(player: Player, side: string): void {
  const deal = scenario.references[0]!.offer;
  let actedAt = -1;
  const move = (state: any) => {
    if (state.phase !== "negotiating" || state.turn !== side || state.seq === actedAt) return;
    actedAt = state.seq;
    const standing = state.proposals.find((p: any) => p.id === state.standingProposalId);
    if (standing && standing.side !== side) player.room.send("accept", { proposalId: standing.id });
    else player.room.send("propose", { offer: deal });
  };
  player.listeners.add(move);
  move(player.state());
}

export async function sitAtTable(server: TestServer, assignment: Assignment): Promise<Player> {
  return join(server, assignment.matchCode!, { seat: assignment.seatToken! });
}

/** A real server process (tsx) on `port` with `dataDir`, for kill -9 tests; resolves once it listens. */
export function spawnServer(port: number, dataDir: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: path.resolve(import.meta.dirname, "../../.."),
      env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DATA_DIR: dataDir, BOT_DELAY_MS: "0", CLIENT_DIR: path.join(dataDir, "no-client"), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${text}`)), 30_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("is running at")) (clearTimeout(timer), resolve(child));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
  });
}
