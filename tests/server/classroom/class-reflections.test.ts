import { promises as fs } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reflectionQuestions, replayLog } from "../../../shared/index.js";
import { logPath } from "../../../server/store/match-catalog.js";
import { act, leaveAll, refused, scenario, startServer, until, type TestServer } from "../helpers.js";
import { getClass, sitAtTable, startedClass } from "./class-helpers.js";

/**
 * Issue 20: the result screen's reflection answers are kept with the match (reflection lines
 * after the result line of its log) and reach the instructor: the class CSV, students.csv, the
 * zip and the printable per-student report.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ botDelayMs: 60_000 });
});
afterAll(async () => server.close());

/** The CSV's cells, RFC 4180 (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  return rows;
}

describe("reflection answers", () => {
  it("are refused before the end and from spectators, logged after the result, and exported per student and per table", async () => {
    const { code, key, at } = await startedClass(server, { playersPerSide: 1, bots: false, events: "none" }, ["Aki", "Sam"]);
    const [x, y] = at;
    const seats = [await sitAtTable(server, x!), await sitAtTable(server, y!)];
    const japan = seats[x!.side === "japan" ? 0 : 1]!;
    const us = seats[x!.side === "japan" ? 1 : 0]!;
    const japanName = x!.side === "japan" ? "Aki" : "Sam";
    const usName = japanName === "Aki" ? "Sam" : "Aki";
    const matchCode = x!.matchCode!;

    const answers = ["Rice access, and yes.", 'A trade on "autos", with commas, and\na second line', "Round 3: offer F earlier."];
    expect((await refused(japan, "reflect", { answers })).code).toBe("WRONG_PHASE");
    expect((await refused(japan, "reflect", { answers: ["only one"] })).code).toBe("BAD_MESSAGE");
    expect((await refused(japan, "reflect", { answers: ["x".repeat(1001), "", ""] })).code).toBe("BAD_MESSAGE");

    await act(japan, "propose", { offer: scenario.references[0]!.offer });
    await act(us, "accept", { proposalId: "p1" });
    await until(japan, (v) => v.phase === "ended", 5000, "the end");
    expect(japan.state().table.reflected).toEqual([]);

    // A first try, then the answers that count (the latest line wins); the table learns who answered, not what.
    japan.room.send("reflect", { answers: ["draft", "", ""] });
    await until(japan, (v) => (v.table.reflected ?? []).length === 1, 5000, "the first reflection");
    japan.room.send("reflect", { answers });
    us.room.send("reflect", { answers: ["Autos at 15%.", "", "From round 1."] });
    await until(us, (v) => (v.table.reflected ?? []).length === 2, 5000, "both reflections");
    expect(JSON.stringify(us.messages)).not.toContain("Rice access");

    // The log: the result line, then three reflection lines in a chain that replays.
    const text = await fs.readFile(logPath(server.dataDir, matchCode), "utf8");
    const replay = replayLog(text);
    expect(replay.ok).toBe(true);
    if (!replay.ok) return;
    expect(replay.value.result).toBeDefined();
    expect(replay.value.reflections.map((r) => [r.side, r.answers[0]])).toEqual([["japan", "draft"], ["japan", answers[0]], ["us", "Autos at 15%."]]);
    const lines = text.trim().split("\n").map((l) => JSON.parse(l).kind);
    expect(lines.slice(-5)).toEqual(["result", "signature", "reflection", "reflection", "reflection"]);
    // An edited reflection breaks the chain like any other line.
    const edited = text.replace("Rice access", "Rice ACCESS");
    expect(replayLog(edited.replace(/\n$/, "") + "\n" + text.trim().split("\n").at(-1)).ok).toBe(false);

    // The class CSV gains the value left on the table and each side's answers.
    const csv = parseCsv(await (await getClass(server, code, key, "/debrief.csv")).text());
    const header = csv[0]!;
    const row = csv[1]!;
    expect(header.slice(-3)).toEqual(["value_left_on_table", "japan_reflections", "us_reflections"]);
    expect(row[header.indexOf("japan_reflections")]).toBe(`${japanName}: 1) ${answers[0]} 2) ${answers[1]} 3) ${answers[2]}`);
    expect(row[header.indexOf("us_reflections")]).toBe(`${usName}: 1) Autos at 15%. 2)  3) From round 1.`);
    expect(Number(row[header.indexOf("value_left_on_table")])).toBeGreaterThanOrEqual(0);

    // students.csv: one row per student with the report's figures.
    const students = parseCsv(await (await getClass(server, code, key, "/students.csv")).text());
    expect(students[0]).toEqual(["student", "table", "match", "side", "role", "outcome", "deal", "points_after_delay", "no_deal_points", "points_over_no_deal", "delay_cost", "value_left_on_table", "distance_to_frontier", "joint_gain_share", "reflection_1", "reflection_2", "reflection_3"]);
    const japanRow = students.find((r) => r[0] === japanName)!;
    const final = server.match(matchCode).state;
    expect(japanRow.slice(1, 6)).toEqual(["T1", matchCode, "japan", japanRow[4], "agreement"]);
    expect(Number(japanRow[7])).toBeCloseTo(final.outcome!.points.japan!, 3);
    expect(Number(japanRow[9])).toBeCloseTo(Number(japanRow[7]) - Number(japanRow[8]), 3);
    expect(japanRow.slice(-3)).toEqual(answers);
    expect(japanRow[6]).toContain("A=");

    // The printable report: a page per student, the answers escaped, behind the key.
    expect((await getClass(server, code, undefined, "/report.html")).status).toBe(401);
    const page = await (await getClass(server, code, key, "/report.html")).text();
    expect(page.match(/<section class="student">/g)).toHaveLength(2);
    expect(page).toContain("A trade on &quot;autos&quot;, with commas, and\na second line");
    expect(page).toContain(reflectionQuestions.en[1]);
    expect(page).toContain("Value left on the table");
    const pageJa = await (await getClass(server, code, key, "/report.html?lang=ja")).text();
    expect(pageJa).toContain(reflectionQuestions.ja[0]);
    expect(pageJa).toContain("取り残された価値");

    // The zip carries students.csv beside the logs.
    const zip = Buffer.from(await (await getClass(server, code, key, "/logs.zip")).arrayBuffer());
    expect(zip.includes(Buffer.from("students.csv"))).toBe(true);
    expect(zip.includes(Buffer.from("Rice access, and yes."))).toBe(true);
    await leaveAll(japan, us);
  });
});
