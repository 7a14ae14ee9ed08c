import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { builtinScenario, DEFAULT_SCENARIO_ID } from "../../shared/index.js";
import { numberOptionsOrExit } from "./cli-options.js";
import { cpuSeconds, percentile, rssBytes } from "./stats.js";

/**
 * `npm run bench:class [-- --classes 30 --students 20]`: that many classes at once on one fresh
 * server process (loopback): students join their class room, the instructors start every table
 * (2 per side, bots in odd seats), students sit down and play scripted moves to the end, the
 * instructors poll dashboards. Reports latencies and the server's memory. Hard limit: 5 minutes.
 */

const options = numberOptionsOrExit(
  "npm run bench:class",
  "Load test of classroom mode: that many classes at once on one fresh server process (loopback), played to the\nend by scripted students, while the instructors poll their dashboards. Hard limit: 5 minutes.",
  [
    { name: "classes", fallback: 30, min: 1, max: 200, help: "classes at once" },
    { name: "students", fallback: 20, min: 1, max: 200, help: "students per class" },
  ],
);
const classes = options.classes!;
const studentsPerClass = options.students!;
const root = path.resolve(import.meta.dirname, "../..");
const deal = builtinScenario(DEFAULT_SCENARIO_ID)!.references[0]!.offer;
// A table's `seat` message can arrive before a handler could be registered; the SDK's warning about it is noise here.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => (String(args[0]).includes("onMessage() not registered") ? undefined : warn(...args));
const hardStop = setTimeout(() => (console.error("bench:class: hard time limit reached"), process.exit(2)), 5 * 60_000);

const freePort = () => new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const port = (probe.address() as net.AddressInfo).port;
    probe.close(() => resolve(port));
  });
});
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `n=${s.length} p50=${percentile(s, 50).toFixed(1)} p95=${percentile(s, 95).toFixed(1)} p99=${percentile(s, 99).toFixed(1)} max=${(s.at(-1) ?? 0).toFixed(1)} ms`;
};
const nextMessage = (room: Room, type: string, test: (m: any) => boolean = () => true) =>
  new Promise<any>((resolve) => room.onMessage(type, (m: any) => test(m) && resolve(m)));

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-bench-class-"));
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root, stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, CLIENT_DIR: path.join(dataDir, "none"), BOT_DELAY_MS: "200", RATE_PER_SECOND: "1000", RATE_BURST: "1000", CREATES_PER_MINUTE: "100000", JOINS_PER_SECOND: "100000", JOIN_BURST: "100000", MAX_CLASS_STUDENTS: "10000" },
  });
  await new Promise<void>((resolve) => server.stdout!.on("data", (d: Buffer) => d.toString().includes("is running at") && resolve()));
  const pid = server.pid!;
  const rssIdle = rssBytes(pid);
  const cpu0 = cpuSeconds(pid);
  const url = `ws://127.0.0.1:${port}`;
  const joinMs: number[] = [], startMs: number[] = [], moveMs: number[] = [], dashMs: number[] = [];
  const started = process.hrtime.bigint();
  let endedSeats = 0;
  const progress = setInterval(() => console.error(`… joins ${joinMs.length}, classes started ${startMs.length}, moves ${moveMs.length}, seats at ended tables ${endedSeats}`), 10_000);

  const runClass = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 2, bots: true }) });
    const { code, key } = (await res.json()) as { code: string; key: string };
    const teacher = await new Client(url).joinById(code, { key });
    teacher.onMessage("dashboard", () => undefined);
    const kids = await Promise.all(Array.from({ length: studentsPerClass }, async (_, i) => {
      const t = process.hrtime.bigint();
      const room = await new Client(url).joinById(code, { name: `S${i + 1}` });
      room.onMessage("welcome", () => undefined);
      const first = await nextMessage(room, "assignment");
      joinMs.push(ms(t));
      return { room, first };
    }));
    const t = process.hrtime.bigint();
    const assigned = kids.map((k) => nextMessage(k.room, "assignment", (a) => a.matchCode));
    teacher.send("start", {});
    const assignments = await Promise.all(assigned);
    startMs.push(ms(t));
    const seats = await Promise.all(assignments.map((a) => new Client(url).joinById(a.matchCode, { seat: a.seatToken }).then((room) => (room.onMessage("error", () => undefined), { room, side: a.side as string }))));
    const askDashboard = () => {
      const d = process.hrtime.bigint();
      void nextMessage(teacher, "done", (m) => m.type === "dashboard").then(() => dashMs.push(ms(d)));
      teacher.send("dashboard", {});
    };
    askDashboard();
    const poll = setInterval(askDashboard, 1000);
    await Promise.all(seats.map(({ room, side }) => new Promise<void>((resolve) => {
      let acted = -1, sentAt = 0n;
      const onState = (s: any) => {
        if (sentAt !== 0n && s.seq > acted) (moveMs.push(ms(sentAt)), (sentAt = 0n));
        if (s.phase === "ended") return (endedSeats++, resolve());
        if (s.phase !== "negotiating" || s.turn !== side || s.seq === acted) return;
        acted = s.seq;
        sentAt = process.hrtime.bigint();
        const standing = s.proposals.find((p: any) => p.id === s.standingProposalId);
        if (standing && standing.side !== side && s.round >= 2) room.send("accept", { proposalId: standing.id });
        else room.send("propose", { offer: deal });
      };
      // The state may already be the one to act on (no later patch would come): look at it now too.
      room.onStateChange(onState);
      if (room.state?.phase) onState(room.state);
    })));
    clearInterval(poll);
    return { teacher, kids, seats };
  };

  const all = await Promise.all(Array.from({ length: classes }, runClass));
  clearInterval(progress);
  const seconds = ms(started) / 1000;
  const rssEnd = rssBytes(pid);
  const cpu = cpuSeconds(pid) - cpu0;
  console.log(`bench:class — ${classes} classes × ${studentsPerClass} students (2 per side, bots in odd seats), one server process, loopback, load generator on the same machine`);
  console.log(`  class join (name → seat assignment): ${stat(joinMs)}`);
  console.log(`  start all tables of a class (start → every student told their table): ${stat(startMs)}`);
  console.log(`  student move (send → state seq advances): ${stat(moveMs)}`);
  console.log(`  instructor dashboard (request → answer): ${stat(dashMs)}`);
  console.log(`  wall ${seconds.toFixed(1)} s; server CPU ${cpu.toFixed(1)} s; RSS idle ${(rssIdle / 2 ** 20).toFixed(0)} MB, with every class played ${(rssEnd / 2 ** 20).toFixed(0)} MB (${((rssEnd - rssIdle) / 1024 / (classes * studentsPerClass)).toFixed(0)} KB per student)`);
  for (const c of all) for (const r of [c.teacher, ...c.kids.map((k) => k.room), ...c.seats.map((s) => s.room)]) void r.leave().catch(() => undefined);
  server.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
  clearTimeout(hardStop);
  process.exit(0);
}

main().catch((error: Error) => {
  console.error(`bench:class failed: ${error.message}`);
  process.exit(1);
});
