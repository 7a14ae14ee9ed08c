import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeSpace, newMatch, parseScenario, type Scenario } from "../../../shared/index.js";
import { act, leaveAll, startServer, type TestServer } from "../helpers.js";
import { command, getClass, instructor, openClass, sitAtTable, student, type Assignment } from "./class-helpers.js";

/** An instructor's own scenario for one class: uploaded with the class key, checked, played, debriefed. */

const root = path.join(import.meta.dirname, "../../..");
const jobOffer = () => JSON.parse(readFileSync(path.join(root, "examples/scenarios/job-offer.json"), "utf8"));

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ botDelayMs: 60_000, scenariosDir: path.join(root, "no-such-folder") });
});
afterAll(async () => server.close());

const upload = (code: string, body: unknown, key?: string) =>
  fetch(`${server.url}/api/classes/${code}/scenario`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", ...(key === undefined ? {} : { Authorization: `Bearer ${key}` }) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("PUT /api/classes/:code/scenario", () => {
  it("needs the class key, and answers a bad file with every problem as path and reason", async () => {
    const { code, key } = await openClass(server, { playersPerSide: 1, bots: false, events: "none" });
    expect((await upload(code, jobOffer())).status).toBe(401);
    expect((await upload(code, jobOffer(), "wrong")).status).toBe(403);
    const bad = jobOffer();
    delete bad.issues[1].payoff.evaluations.firm["2"];
    bad.firstMover = "nobody";
    const refused = await upload(code, bad, key);
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.code).toBe("BAD_SCENARIO");
    expect(body.problems).toEqual(
      expect.arrayContaining([
        { path: "firstMover", message: 'unknown side "nobody" (known sides: firm, candidate)' },
        { path: "issues[1].payoff.evaluations.firm", message: 'no evaluation for option "2" of issue remote' },
      ]),
    );
    expect((await upload(code, "{ not json", key)).status).toBe(400);
    const clash = await upload(code, { ...jobOffer(), id: "harbor-lease" }, key);
    expect((await clash.json()).message).toContain('a scenario "harbor-lease" is already on this server');
    // Nothing changed: the class still plays the default.
    expect((await (await getClass(server, code, key)).json()).settings.scenario).toBe("tariff-talks-2025");
  });

  it("plays a class on the uploaded three-issue scenario to a debrief, and shows it to that class only", async () => {
    const { code, key } = await openClass(server, { playersPerSide: 1, bots: false, events: "none" });
    const uploaded = await upload(code, jobOffer(), key);
    expect(uploaded.status).toBe(200);
    expect((await uploaded.json()).scenario.issues.map((i: { id: string }) => i.id)).toEqual(["salary", "remote", "start"]);
    const summary = await (await getClass(server, code, key)).json();
    expect(summary.settings.scenario).toBe("job-offer");
    expect(summary.scenario.sides.map((s: { id: string }) => s.id)).toEqual(["firm", "candidate"]);
    // Not offered to anyone else: not in the public list, and another class cannot name it.
    const listed = await (await fetch(`${server.url}/api/scenarios`)).json();
    expect(listed.scenarios.map((s: { id: string }) => s.id)).not.toContain("job-offer");
    const other = await fetch(`${server.url}/api/classes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ scenario: "job-offer" }) });
    expect(other.status).toBe(400);

    const teacher = await instructor(server, code, key);
    const kids = [await student(server, code, "Kim"), await student(server, code, "Dana")];
    expect((await upload(code, jobOffer(), key)).status).toBe(409); // students have joined: the seats are made
    await command(teacher, "start");
    const at: Assignment[] = await Promise.all(kids.map((k) => k.next("assignment", (a: Assignment) => Boolean(a.matchCode))));
    expect(at.map((a) => a.side).sort()).toEqual(["candidate", "firm"]);
    // The seat by name in the uploaded case (the student's screen has no other way to know it).
    expect(at.map((a) => [a.sideName, a.roleName]).sort()).toEqual([["Dana Ortiz", "Dana"], ["Kestrel Robotics", "Head of engineering"]]);
    const firm = await sitAtTable(server, at.find((a) => a.side === "firm")!);
    const candidate = await sitAtTable(server, at.find((a) => a.side === "candidate")!);
    const offer = { salary: "130k", remote: "2", start: "1m" };
    await act(firm, "propose", { offer });
    await act(candidate, "accept", { proposalId: "p1" });

    const debrief = await (await getClass(server, code, key, "/debrief")).json();
    const parsed = parseScenario(jobOffer());
    if (!parsed.ok) throw new Error("job-offer does not parse");
    const scenario: Scenario = parsed.value;
    const base = newMatch(scenario, { seed: "x", settings: { events: "none" } });
    if (!base.ok) throw new Error(base.error.message);
    const space = analyzeSpace(scenario, base.value);
    expect(debrief.frontier).toEqual(space.frontier.map((p) => ({ a: p.a, b: p.b })));
    expect(debrief.nash).toEqual({ a: space.nash!.a, b: space.nash!.b });
    expect(debrief.noDeal).toEqual({ a: 20, b: 25 });
    expect(debrief.tables[0].dealPoints).toEqual({ a: 15 + 10 + 25, b: 24 + 30 + 4 });
    await leaveAll(firm, candidate);
    for (const m of [teacher, ...kids]) await m.room.leave();
  });
});

describe("the class form's upload (client/src/net/class-connection.ts) against the server", () => {
  it("gives back the public scenario, or the server's problems with the class unchanged, or throws a refusal in words", async () => {
    const { uploadClassScenario } = await import("../../../client/src/net/class-connection.js");
    const { code, key } = await openClass(server);
    // An id the server already has: the browser's own check knows the listed ids, but the server has the last word.
    const clash = await uploadClassScenario(server.url, code, key, { ...jobOffer(), id: "harbor-lease" });
    expect(clash).toMatchObject({ ok: false, problems: [{ path: "id", message: expect.stringContaining("already on this server") }] });
    expect((await (await getClass(server, code, key)).json()).settings.scenario).toBe("tariff-talks-2025");
    await expect(uploadClassScenario(server.url, code, "not-the-key", jobOffer())).rejects.toThrow(/^FORBIDDEN: /);
    const uploaded = await uploadClassScenario(server.url, code, key, jobOffer());
    expect(uploaded.ok && uploaded.scenario.issues.map((i) => i.name)).toEqual(["Salary", "Remote days a week", "Start date"]);
    expect((await (await getClass(server, code, key)).json()).settings.scenario).toBe("job-offer");
  });
});
