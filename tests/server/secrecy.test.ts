import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleSheet, sideSheet, type MatchState } from "../../shared/index.js";
import { act, join, leaveAll, offerOf, scenario, startedPvp, startServer, until, type Player, type TestServer } from "./helpers.js";

/**
 * A Japan seat must not receive the US sheet in any form while the match runs: not in its
 * decoded state, and not in the raw bytes on its socket. Points travel as float64, so each
 * confidential number has one eight-byte encoding to look for.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

function float64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleLE(value);
  return bytes;
}

/** Every number on a side's sheet and on its roles' sheets (all roles, or just one), as the engine computes them now. */
function sideNumbers(state: MatchState, side: string, onlyRole?: string): Set<number> {
  const numbers = new Set<number>();
  const sheet = sideSheet(scenario, state, side);
  for (const options of Object.values(sheet.points)) for (const v of Object.values(options)) numbers.add(v);
  numbers.add(sheet.reservation);
  numbers.add(sheet.pressurePerRound);
  for (const role of scenario.sides.find((s) => s.id === side)!.roles) {
    if (onlyRole !== undefined && role.id !== onlyRole) continue;
    const rs = roleSheet(scenario, state, side, role.id);
    for (const options of Object.values(rs.points)) for (const v of Object.values(options)) numbers.add(v);
    for (const w of Object.values(rs.issueWeights)) numbers.add(w);
  }
  return numbers;
}

/** Texts only the US may read: its roles' briefs and its red lines' reasons. */
const usTexts = () => {
  const us = scenario.sides.find((s) => s.id === "us")!;
  return [...us.roles.map((r) => r.brief), ...us.redLines.map((r) => r.reason)];
};

const received = (player: Player): Buffer => Buffer.concat(player.frames.map((f) => Buffer.from(f)));

function plain(state: any): any {
  return JSON.parse(JSON.stringify(state.toJSON()));
}

describe("secrecy", () => {
  it("keeps the US sheet from Japan and spectators while running, and reveals both at the end", async () => {
    const { code, japan, us } = await startedPvp(server);
    const watcher = await join(server, code, { spectator: true });
    await act(us, "chat", { text: "TEAM-US-SECRET: our floor is the rice quota", to: "team" });
    await act(japan, "chat", { text: "TEAM-JP-SECRET: hold on cars", to: "team" });
    await act(japan, "propose", { offer: offerOf("last") });
    await act(us, "propose", { offer: offerOf("first") });
    await until(japan, (s) => s.seq === us.state().seq);
    await until(watcher, (s) => s.seq === us.state().seq);

    const live = server.room(code).matchState;
    const japanNumbers = sideNumbers(live, "japan");
    const usOnly = [...sideNumbers(live, "us")].filter((n) => !japanNumbers.has(n));
    expect(usOnly.length).toBeGreaterThan(10);

    // Decoded state: Japan has its own sheet, role and team channel, nothing of the US.
    const jp = plain(japan.state());
    expect(Object.keys(jp.sheets)).toEqual(["japan"]);
    expect(Object.keys(jp.roles)).toEqual([`japan/${(await japan.seat).role}`]);
    expect(Object.keys(jp.teams)).toEqual(["japan"]);
    expect(JSON.stringify(jp)).not.toContain("TEAM-US-SECRET");
    for (const text of usTexts()) expect(JSON.stringify(jp)).not.toContain(text.slice(0, 60));
    const spectator = plain(watcher.state());
    // A spectator is not even sent the (empty) private collections.
    expect(Object.keys(spectator.sheets ?? {})).toEqual([]);
    expect(Object.keys(spectator.roles ?? {})).toEqual([]);
    expect(Object.keys(spectator.teams ?? {})).toEqual([]);

    // Raw bytes: none of the US-only numbers or texts ever reached Japan's or the spectator's socket.
    for (const player of [japan, watcher]) {
      const bytes = received(player);
      for (const n of usOnly) expect(bytes.includes(float64(n)), `US number ${n} leaked`).toBe(false);
      for (const text of usTexts()) expect(bytes.includes(Buffer.from(text.slice(0, 40)))).toBe(false);
      expect(bytes.includes(Buffer.from("TEAM-US-SECRET"))).toBe(false);
    }
    // The search does find numbers where they belong (so the test could fail).
    expect([...japanNumbers].filter((n) => received(japan).includes(float64(n))).length).toBeGreaterThan(10);
    const usSeatNumbers = [...sideNumbers(live, "us", (await us.seat).role)].filter((n) => !japanNumbers.has(n));
    expect(usSeatNumbers.filter((n) => received(us).includes(float64(n))).length).toBe(usSeatNumbers.length);
    expect(received(us).includes(Buffer.from("TEAM-JP-SECRET"))).toBe(false);

    // HTTP does not leak it either.
    const listing = await (await fetch(`${server.url}/api/matches`)).text();
    for (const text of usTexts()) expect(listing).not.toContain(text.slice(0, 40));
    const log = await fetch(`${server.url}/api/matches/${code}/log`);
    expect(log.status).toBe(409);
    expect(await log.json()).toMatchObject({ code: "MATCH_RUNNING" });

    // The end reveals everything to everyone at the table.
    await act(japan, "walkaway");
    for (const player of [japan, us, watcher]) {
      await until(player, (s) => s.phase === "ended" && s.sheets?.size === 2 && s.roles?.size === 6 && s.teams?.size === 2, 5000, "the reveal");
    }
    const revealed = plain(japan.state());
    const ended = server.room(code).matchState;
    const usSheet = sideSheet(scenario, ended, "us");
    expect(revealed.sheets.us.reservation).toBe(usSheet.reservation);
    // Points are flat, in scenario order (issue by issue, option by option).
    const flat = scenario.issues.flatMap((issue) => issue.options.map((option) => usSheet.points[issue.id]![option.id]));
    expect(revealed.sheets.us.points).toEqual(flat);
    expect(revealed.teams.us.chat.map((l: { text: string }) => l.text)).toContain("TEAM-US-SECRET: our floor is the rice quota");
    expect(plain(watcher.state()).sheets.japan.reservation).toBe(sideSheet(scenario, ended, "japan").reservation);
    const published = await fetch(`${server.url}/api/matches/${code}/log`);
    expect(published.status).toBe(200);
    await leaveAll(japan, us, watcher);
  });
});
