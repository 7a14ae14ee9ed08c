import { promises as fs } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeSpace, builtinScenario, newMatch, packageMetrics, packagePointPair, replayLog, type MatchState } from "../../../shared/index.js";
import { logPath } from "../../../server/store/match-catalog.js";
import { act, leaveAll, scenario, startServer, type TestServer } from "../helpers.js";
import { command, getClass, sitAtTable, startedClass } from "./class-helpers.js";

/** Issue 6: the class debrief's chart is the space of the events every table had; each row is measured in its own space. */

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ botDelayMs: 60_000 });
});
afterAll(async () => server.close());

const deal = scenario.references[0]!.offer;
const snap = { id: "snap", title: "Snap election", headline: "Tokyo votes.", effects: [{ kind: "reservation", side: "us", delta: 3 }] };
const carShock = { id: "car-shock", title: "Car shock", headline: "Toyota warns.", effects: [{ kind: "scale", side: "japan", issue: "A", factor: 2 }, { kind: "reservation", side: "japan", delta: -5 }] };

async function finalState(matchCode: string): Promise<MatchState> {
  const replay = replayLog(await fs.readFile(logPath(server.dataDir, matchCode), "utf8"));
  if (!replay.ok) throw new Error(replay.error.message);
  return replay.value.final;
}

describe("class debrief with an event injected into one table", () => {
  it("draws the common space, places every deal in it, and measures each table in its own", async () => {
    const { code, key, teacher, kids, at } = await startedClass(server, { playersPerSide: 1, bots: false, events: "none" }, ["Aki", "Sam", "Kei", "Lee"]);
    await command(teacher, "inject", { table: "all", event: snap });
    await command(teacher, "inject", { table: "T1", event: carShock });
    const players = [];
    for (const table of ["T1", "T2"]) {
      const japan = await sitAtTable(server, at.find((a) => a.table === table && a.side === "japan")!);
      const us = await sitAtTable(server, at.find((a) => a.table === table && a.side === "us")!);
      await act(japan, "propose", { offer: deal });
      await act(us, "accept", { proposalId: "p1" });
      players.push(japan, us);
    }

    const debrief = await (await getClass(server, code, key, "/debrief")).json();
    expect(debrief.space).toEqual({ events: [{ id: "snap", title: "Snap election" }], privateVariant: false });
    // The chart: the scenario's sheets with the event both tables had, not the one only T1 had.
    const t1 = await finalState(at.find((a) => a.table === "T1")!.matchCode!);
    const t2 = await finalState(at.find((a) => a.table === "T2")!.matchCode!);
    const space = analyzeSpace(scenario, t2);
    expect(debrief.frontier).toEqual(space.frontier.map((p) => ({ a: p.a, b: p.b })));
    expect(debrief.noDeal).toEqual(space.reservation);
    expect(debrief.nash).toEqual({ a: space.nash!.a, b: space.nash!.b });
    const base = newMatch(builtinScenario(scenario.id)!, { seed: "x", settings: { events: "none" } });
    if (!base.ok) throw new Error();
    expect(debrief.noDeal).not.toEqual(analyzeSpace(scenario, base.value).reservation);
    expect(debrief.realDeal).toEqual(packagePointPair(scenario, t2, deal));

    const [row1, row2] = debrief.tables;
    // T1: its mark is the deal in the chart's units; its metrics are against its own frontier (with the car shock).
    const own1 = analyzeSpace(scenario, t1);
    const metrics1 = packageMetrics(scenario, t1, own1, deal)!;
    expect(row1.own.extraEvents).toEqual(["car-shock"]);
    expect(row1.dealPoints).toEqual(packagePointPair(scenario, t2, deal));
    expect(row1.own.dealPoints).toEqual(metrics1.points);
    expect(row1.own.dealPoints).not.toEqual(row1.dealPoints);
    expect(row1.own.noDeal).toEqual(own1.reservation);
    expect(row1.jointGainShare).toBeCloseTo(metrics1.jointGainShare, 9);
    expect(row1.distanceToFrontier).toBeCloseTo(metrics1.distanceToFrontier, 9);
    expect(row1.points).toEqual(t1.outcome!.points);
    // T2 had only the common event: its space is the chart's.
    expect(row2.own.extraEvents).toEqual([]);
    expect(row2.own.dealPoints).toEqual(row2.dealPoints);
    expect(debrief.counts).toEqual({ tables: 2, playing: 0, agreements: 2, noDeal: 0, stopped: 0 });
    const csv = (await (await getClass(server, code, key, "/debrief.csv")).text()).trim().split("\r\n");
    expect(csv[0]).toContain("japan_own_deal_points");
    // Simple cells here (no quotes): the row's extra_events column names the event only T1 had.
    expect(csv[1]!.split(",")[csv[0]!.split(",").indexOf("extra_events")]).toBe("car-shock");

    await leaveAll(...players);
    await Promise.all([teacher, ...kids].map((m) => m.room.leave().catch(() => undefined)));
  });
});
