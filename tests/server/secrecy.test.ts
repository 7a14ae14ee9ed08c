import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleSheet, sideSheet, type MatchState } from "../../shared/index.js";
import { records, act, join, leaveAll, offerOf, scenario, sleep, startedPvp, startServer, until, type Player, type TestServer } from "./helpers.js";

/**
 * A Japan seat must not receive the US sheet in any form while the match runs: not in its
 * decoded state, and not in the raw bytes on its socket. A sheet's no-deal value and time
 * pressure travel as float64 (one eight-byte encoding to look for); its points travel as a JSON
 * array, so each point is looked for as an array element.
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

/** Whether `value` is in `bytes` as a float64 field or as an element of a JSON number array. */
function carries(bytes: Buffer, value: number): boolean {
  const text = JSON.stringify(value);
  return bytes.includes(float64(value)) || [`[${text},`, `,${text},`, `,${text}]`, `[${text}]`].some((form) => bytes.includes(Buffer.from(form)));
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
  }
  return numbers;
}

/** A side's roles' issue weights, as the JSON object each role sheet carries. */
const weightTexts = (side: string): string[] => scenario.sides.find((s) => s.id === side)!.roles.map((r) => JSON.stringify(r.issueWeights));

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
    // Japan's own numbers as its sheet stood in each round so far (round 2's events rescale some of them).
    const japanNumbers = new Set([...sideNumbers(live, "japan"), ...sideNumbers({ ...live, round: 1, events: live.events.filter((e) => e.round === 1) }, "japan")]);
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
      for (const n of usOnly) expect(carries(bytes, n), `US number ${n} leaked`).toBe(false);
      for (const text of weightTexts("us")) expect(bytes.includes(Buffer.from(text)), `US weights ${text} leaked`).toBe(false);
      for (const text of usTexts()) expect(bytes.includes(Buffer.from(text.slice(0, 40)))).toBe(false);
      expect(bytes.includes(Buffer.from("TEAM-US-SECRET"))).toBe(false);
    }
    // The search does find numbers where they belong (so the test could fail).
    expect([...japanNumbers].filter((n) => carries(received(japan), n)).length).toBeGreaterThan(10);
    const usRole = (await us.seat).role!;
    const usSeatNumbers = [...sideNumbers(live, "us", usRole)].filter((n) => !japanNumbers.has(n));
    expect(usSeatNumbers.filter((n) => carries(received(us), n)).length).toBe(usSeatNumbers.length);
    const usWeights = JSON.stringify(scenario.sides.find((s) => s.id === "us")!.roles.find((r) => r.id === usRole)!.issueWeights);
    expect(received(us).includes(Buffer.from(usWeights))).toBe(true);
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
    expect(JSON.parse(revealed.sheets.us.points)).toEqual(flat);
    expect(revealed.teams.us.chat.map((l: { text: string }) => l.text)).toContain("TEAM-US-SECRET: our floor is the rice quota");
    expect(plain(watcher.state()).sheets.japan.reservation).toBe(sideSheet(scenario, ended, "japan").reservation);
    const published = await fetch(`${server.url}/api/matches/${code}/log`);
    expect(published.status).toBe(200);
    await leaveAll(japan, us, watcher);
  });

  it("reveals a long team channel whole at the end (one object per line, each far below the encoder's 16 KB)", async () => {
    const { japan, us } = await startedPvp(server);
    // 40 lines of 490 characters: 19.6 KB of team chat, more than one reveal buffer holds.
    for (let i = 0; i < 40; i++) {
      if (i >= 25) await sleep(110); // within the default rate limit (10/s after a burst of 30)
      await act(us, "chat", { text: `${i} `.padEnd(490, "x"), to: "team" });
    }
    await act(japan, "walkaway");
    await until(japan, (s) => s.phase === "ended" && s.teams?.get("us")?.chat.length === 40, 5000, "the US team channel");
    const lines = plain(japan.state()).teams.us.chat as { text: string }[];
    expect(lines.map((l) => l.text.split(" ")[0])).toEqual(Array.from({ length: 40 }, (_, i) => String(i)));
    expect(lines.every((l) => l.text.length === 490)).toBe(true);
    await leaveAll(japan, us);
  });
});
