import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinScenario, builtinScenarioSource, replayLog, stateHash, sidePointTable, offerIndices, packagePoints } from "../../shared/index.js";
import { configFromEnv } from "../../server/config.js";
import { act, create, leaveAll, startServer, until, type TestServer } from "./helpers.js";

/** SCENARIOS_DIR: scenario files installed at start beside the built-ins, playable like them. */

const root = path.join(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "tt-scenarios-"));
cpSync(path.join(root, "examples/scenarios/job-offer.json"), path.join(dir, "job-offer.json"));
writeFileSync(path.join(dir, "broken.json"), JSON.stringify({ ...(JSON.parse(readFileSync(path.join(dir, "job-offer.json"), "utf8")) as object), id: "broken", firstMover: "nobody" }));
writeFileSync(path.join(dir, "harbor-copy.json"), JSON.stringify(builtinScenarioSource("harbor-lease")));
writeFileSync(path.join(dir, "notes.txt"), "not a scenario");
mkdirSync(path.join(dir, "sub.json")); // a folder with a .json name: reported, not fatal

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ scenariosDir: dir });
});
afterAll(async () => {
  await server.close();
});

describe("SCENARIOS_DIR", () => {
  it("installs the good files and reports each bad one with path: reason, without stopping", () => {
    expect(server.game.scenarios.ids).toEqual(["job-offer"]);
    const problems = server.game.scenarios.problems;
    expect(problems).toContainEqual(`${path.join(dir, "broken.json")}: firstMover: unknown side "nobody" (known sides: firm, candidate)`);
    expect(problems).toContainEqual(`${path.join(dir, "harbor-copy.json")}: id: a scenario "harbor-lease" is already there (built in); give this one another id`);
    expect(problems).toContainEqual(expect.stringMatching(/sub\.json: \(file\): cannot read .*sub\.json: EISDIR/));
    expect(problems).toHaveLength(3);
    expect(builtinScenario("broken")).toBeUndefined();
  });

  it("lists the installed scenario in GET /api/scenarios", async () => {
    const body = (await (await fetch(`${server.url}/api/scenarios`)).json()) as { scenarios: { id: string; issues: { id: string }[] }[] };
    expect(body.scenarios.map((s) => s.id)).toEqual(["tariff-talks-2025", "harbor-lease", "job-offer"]);
    expect(body.scenarios[2]!.issues.map((i) => i.id)).toEqual(["salary", "remote", "start"]);
  });

  it("plays a solo match on it through the server, to an outcome that replays from the log", async () => {
    const human = await create(server, { mode: "solo", scenario: "job-offer", side: "candidate", bot: "easy", seed: "dir", name: "Dana" });
    await act(human, "ready");
    for (let moves = 0; moves < 20 && human.state().phase !== "ended"; moves++) {
      await until(human, (s) => s.phase === "ended" || s.turn === "candidate", 5000, "the candidate's turn");
      const state = human.state();
      if (state.phase === "ended") break;
      const standing = state.proposals.find((p) => p.id === state.standingProposalId && p.side === "firm");
      await act(human, "accept", { proposalId: standing!.id });
    }
    await until(human, (s) => s.phase === "ended", 5000, "the end");
    const outcome = human.state().outcome!;
    expect(outcome.kind).toBe("agreement");
    const scenario = builtinScenario("job-offer")!;
    const table = sidePointTable(scenario, "candidate");
    expect(outcome.points.candidate).toBeCloseTo(packagePoints(table, offerIndices(scenario, outcome.offer!)!), 9);
    const log = readFileSync(path.join(server.dataDir, "matches", `${human.room.roomId}.jsonl`), "utf8");
    const replay = replayLog(log);
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.value.scenario.id).toBe("job-offer");
    expect(stateHash(replay.value.final)).toBe(stateHash(server.match(human.room.roomId).state));
    await leaveAll(human);
  });

  it("accepts a class on it and refuses an unknown one", async () => {
    const post = (scenario: string) => fetch(`${server.url}/api/classes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ scenario }) });
    expect((await post("job-offer")).status).toBe(201);
    const refused = await post("nowhere");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: "UNKNOWN_SCENARIO" });
  });

  it("is read from SCENARIOS_DIR, by default ./data/scenarios", () => {
    const set = configFromEnv({ SCENARIOS_DIR: dir });
    expect(set.ok && set.value.scenariosDir).toBe(dir);
    const unset = configFromEnv({});
    expect(unset.ok && unset.value.scenariosDir).toBe(path.resolve("data/scenarios"));
  });
});
