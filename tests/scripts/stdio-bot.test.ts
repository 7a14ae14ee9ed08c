import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyAction, builtinScenario, newMatch, type MatchState } from "../../shared/index.js";
import { publicScenario, viewFor, type MatchView } from "../../shared/engine/views.js";
import { StdioBot, type StdioBotLimits } from "../../scripts/stdio-bot/stdio-bot.js";

/** The process driver against small Python programs that behave well, badly, or not at all. */

const scenario = builtinScenario("harbor-lease")!;
const dir = mkdtempSync(join(tmpdir(), "stdio-bot-"));
const bots: StdioBot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((bot) => bot.close(100)));
});

/** A program whose loop body sees `view` (a dict) for each line after the scenario. */
function program(name: string, body: string, prelude = ""): string {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, `import json, sys, time\n${prelude}\nsys.stdin.readline()\nfor line in sys.stdin:\n    view = json.loads(line)\n${body.replace(/^/gm, "    ")}\n`);
  return `python3 ${file}`;
}

function start(command: string, limits: Partial<StdioBotLimits> = {}): StdioBot {
  const bot = new StdioBot({ command, limits: { moveMs: 500, startupMs: 1000, ...limits } }, publicScenario(scenario));
  bots.push(bot);
  return bot;
}

function firstState(): MatchState {
  const created = newMatch(scenario, {
    seed: "s",
    players: scenario.sides.map((s) => ({ id: `p-${s.id}`, name: s.id, side: s.id, role: s.roles[0]!.id, bot: "x" })),
  });
  if (!created.ok) throw new Error(created.error.message);
  const started = applyAction(scenario, created.value, { type: "start" });
  if (!started.ok) throw new Error(started.error.message);
  return started.value;
}

const seatView = (state: MatchState, side: string): MatchView => viewFor(scenario, state, { kind: "seat", side, role: scenario.sides.find((s) => s.id === side)!.roles[0]!.id });
const mover = firstState().turn;
const firstView = seatView(firstState(), mover);
const best = Object.fromEntries(scenario.issues.map((issue) => [issue.id, issue.options.at(-1)!.id]));

/** The bots here are Python programs; without python3 (`apt-get install -y python3`) the suite is skipped. */
const suite = spawnSync("python3", ["--version"]).status === 0 ? describe : describe.skip;

suite("StdioBot", () => {
  it("sends the scenario then the view, and turns the answer into the engine's action with its chat", async () => {
    const seen = join(dir, "seen.json");
    const bot = start(
      program("echo", `json.dump({"side": view["viewer"]["side"], "issues": len(view["scenario"]["issues"])}, open(${JSON.stringify(seen)}, "w"))\nprint(json.dumps({"type": "propose", "offer": ${JSON.stringify(best)}, "chat": "Our offer.", "seq": view["seq"]}), flush=True)`),
    );
    const answer = await bot.move(firstView, "me");
    expect(answer).toMatchObject({ kind: "move", action: { type: "propose", by: "me", offer: best }, chat: "Our offer." });
    expect(bot.faults).toEqual([]);
    const { readFileSync } = await import("node:fs");
    expect(JSON.parse(readFileSync(seen, "utf8"))).toEqual({ side: mover, issues: scenario.issues.length });
  });

  it("does not wait for an answer to a view on which the seat need not act", async () => {
    const bot = start(program("quiet", "pass"));
    const other = scenario.sides.find((s) => s.id !== mover)!.id;
    const started = performance.now();
    expect(await bot.move(seatView(firstState(), other), "me")).toBeNull();
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("loses the move of a bot that hangs, on time", async () => {
    const bot = start(program("hang", "time.sleep(60)"), { moveMs: 300, startupMs: 0 });
    const started = performance.now();
    const answer = await bot.move(firstView, "me");
    const elapsed = performance.now() - started;
    expect(answer).toMatchObject({ kind: "lost", fault: { kind: "timeout", message: "did not answer within 300 ms" } });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000); // a loaded machine may fire the timer late, never early
  });

  it("loses the move of a bot that exits, at once and with its last stderr line", async () => {
    const bot = start(program("crash", `raise SystemExit("no strategy yet")`), { moveMs: 5000 });
    const started = performance.now();
    const answer = await bot.move(firstView, "me");
    expect(performance.now() - started).toBeLessThan(3000);
    expect(answer).toMatchObject({ kind: "lost", fault: { kind: "exited" } });
    expect(answer?.kind === "lost" && answer.fault.message).toBe('exited (code 1); its last stderr line: "no strategy yet"');
    expect(bot.stderr).toContain("no strategy yet");
  });

  it("names what is wrong with garbage, a reply that is not an action, and an accept with nothing on the table", async () => {
    const cases: [string, RegExp][] = [
      ['print("hello", flush=True)', /^wrote a line that is not JSON: "hello"$/],
      ['print(json.dumps({"type": "propose"}), flush=True)', /which is not an action: offer: /],
      ['print(json.dumps({"type": "dance"}), flush=True)', /which is not an action: type: /],
      ['print(json.dumps({"type": "accept"}), flush=True)', /^accepted, but there is no proposal on the table$/],
    ];
    for (const [i, [body, message]] of cases.entries()) {
      const bot = start(program(`bad${i}`, body));
      const answer = await bot.move(firstView, "me");
      expect(answer?.kind).toBe("lost");
      expect(answer?.kind === "lost" && answer.fault.message).toMatch(message);
      expect(bot.faults).toHaveLength(1);
    }
  });

  it("drops a late answer that echoes an older view's seq and takes the next one", async () => {
    const bot = start(program("late", `print(json.dumps({"type": "walkaway", "seq": view["seq"] - 1}), flush=True)\nprint(json.dumps({"type": "walkaway", "seq": view["seq"]}), flush=True)`));
    expect(await bot.move(firstView, "me")).toMatchObject({ kind: "move", action: { type: "walkaway", by: "me" } });
    expect(bot.log.some((e) => e.message === `ignored a late answer to view ${firstView.seq - 1}`)).toBe(true);
  });

  it("stops a bot past its total budget and loses its later moves at once", async () => {
    // Answers the first view at once, then hangs: the second move uses up the budget.
    const bot = start(program("slow", `print(json.dumps({"type": "walkaway"}), flush=True)\ntime.sleep(60)`), { moveMs: 3000, startupMs: 0, budgetMs: 2500 });
    expect((await bot.move(firstView, "me"))?.kind).toBe("move");
    // What is left of the budget is less than a move's time: the move ends when the budget does.
    expect(await bot.move({ ...firstView, seq: firstView.seq + 2 }, "me")).toMatchObject({ kind: "lost", fault: { kind: "budget" } });
    const started = performance.now();
    expect(await bot.move({ ...firstView, seq: firstView.seq + 4 }, "me")).toMatchObject({ kind: "lost", fault: { kind: "budget", message: "used up its time budget of 2500 ms" } });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("loses a move whose answer has not come when a newer view needs one, and answers the newer view", async () => {
    // Answers only views newer than the first: the first move waits until the second view comes.
    const bot = start(program("picky", `if view["seq"] > ${firstView.seq}:\n    print(json.dumps({"type": "walkaway", "seq": view["seq"]}), flush=True)`), { moveMs: 5000 });
    const first = bot.move(firstView, "me");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = bot.move({ ...firstView, seq: firstView.seq + 2 }, "me");
    expect(await first).toMatchObject({ kind: "lost", fault: { kind: "superseded" } });
    expect(await second).toMatchObject({ kind: "move", action: { type: "walkaway" } });
  });

  it("keeps only the last stderrBytes of a chatty bot's stderr", async () => {
    const bot = start(program("chatty", `sys.stderr.write("x" * 100000 + "END")\nsys.stderr.flush()\nprint(json.dumps({"type": "walkaway"}), flush=True)`), { stderrBytes: 1000 });
    await bot.move(firstView, "me");
    await bot.close();
    expect(bot.stderr).toMatch(/^\[… \d+ earlier bytes dropped\]\n/);
    expect(bot.stderr.endsWith("END")).toBe(true);
    expect(bot.stderr.length).toBeLessThan(1100);
  });

  it("keeps a bounded log of a program that floods stdout with unrequested lines", async () => {
    const file = join(dir, "flood.py");
    writeFileSync(file, "import sys\nfor i in range(20000):\n    print('spam', i)\nsys.stdout.flush()\nsys.stdin.read()\n");
    const bot = start(`python3 ${file}`);
    for (let i = 0; i < 100 && bot.log.at(-1)?.message !== "more ignored lines: not logged"; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the rest of the flood
    expect(bot.log).toHaveLength(51);
    expect(bot.log.at(-1)?.message).toBe("more ignored lines: not logged");
  });

  it("reports a command that does not exist as a lost move, not a crash", async () => {
    const bot = start("/nonexistent/bot --flag");
    const answer = await bot.move(firstView, "me");
    expect(answer).toMatchObject({ kind: "lost", fault: { kind: "exited" } });
    expect(answer?.kind === "lost" && answer.fault.message).toMatch(/code 127.*not found/);
  });
});
