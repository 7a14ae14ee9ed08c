import { readFileSync } from "node:fs";
import path from "node:path";
import seedrandom from "seedrandom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayLog, stateHash } from "../../shared/index.js";
import { act, join, leaveAll, offerOf, scenario, sleep, startedPvp, startServer, until, type Player, type TestServer } from "./helpers.js";

/**
 * Thousands of random and malformed messages against live rooms. Every message has exactly
 * one visible outcome: an `error` reply to its sender, or one accepted action (seq + 1).
 * So after each batch, replies + accepted = sent; and the log on disk replays to the
 * server's state.
 */

const TOTAL = 5200;
const BATCH = 40;
const RATE = 1000;
const RATE_BURST = 200;

let server: TestServer;
beforeAll(async () => {
  // Batches stay under the limit; the flood below goes over it on purpose.
  // Chat per seat is lifted too: this test checks that every message is answered, not the chat pace (tests/server/limits-*.test.ts do).
  server = await startServer({ ratePerSecond: RATE, rateBurst: RATE_BURST, chatPerMinute: 60 * RATE, chatBurst: RATE_BURST, maxChatLines: 100_000 });
});
afterAll(async () => {
  await server.close();
});

const random = seedrandom("fuzz-2025");
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

function junkString(): string {
  const length = pick([0, 1, 5, 40, 300, 2_000, 20_000]);
  // Whole code points: a lone surrogate makes a type string Colyseus itself cannot decode (see the frame test below).
  const alphabet = [..."abcXYZ0123 _-./\\\"'{}[]<>\u0000\u00e9\u65e5\u{1f33e}"];
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)];
  return out;
}

function junk(depth = 0): unknown {
  switch (int(depth > 3 ? 6 : 9)) {
    case 0: return undefined;
    case 1: return null;
    case 2: return pick([0, -1, 1.5, 1e308, -0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]);
    case 3: return junkString();
    case 4: return random() < 0.5;
    case 5: return new Uint8Array(int(64));
    case 6: return Array.from({ length: int(5) }, () => junk(depth + 1));
    case 7: return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(["offer", "text", "to", "proposalId", "__proto__", "constructor", junkString().slice(0, 12)]), junk(depth + 1)]));
    default: {
      let nested: unknown = "deep";
      for (let i = 0; i < 60; i++) nested = { offer: nested };
      return nested;
    }
  }
}

function nearlyValidOffer(): unknown {
  const offer: Record<string, unknown> = { ...offerOf(int(7)) };
  const issue = pick(scenario.issues);
  switch (int(5)) {
    case 0: delete offer[issue.id]; break;
    case 1: offer[issue.id] = junk(); break;
    case 2: offer[junkString().slice(0, 8) || "Q"] = "x"; break;
    case 3: break; // valid: accepted when it is that side's move
    default: offer[issue.id] = pick(issue.options).id;
  }
  return offer;
}

/** One random message: mostly the real types with bad, odd or valid payloads; some unknown types. */
function randomMessage(standing: string): [string | number, unknown] {
  const roll = random();
  if (roll < 0.15) return [pick(["start", "timeout", "join", "inject", "", "__proto__", "READY", junkString().slice(0, 60)]), junk()];
  if (roll < 0.18) return [int(1000), junk()];
  const type = pick(["ready", "propose", "accept", "walkaway", "chat"] as const);
  switch (type) {
    case "ready": return [type, pick([undefined, {}, junk()])];
    // Never a valid walkaway: the match should live on for the fuzz.
    case "walkaway": return [type, pick([{ now: true }, 1, "x", [], junk()].filter((p) => p !== undefined && JSON.stringify(p) !== "{}")) ?? 1];
    case "propose": return [type, pick([{ offer: nearlyValidOffer() }, { offer: nearlyValidOffer(), x: 1 }, junk(), { offer: junk() }])];
    case "accept": return [type, pick([{ proposalId: pick(["p0", "p1", "p999", standing === "" ? "p1" : `${standing}x`]) }, { proposalId: junk() }, junk()])];
    case "chat": return [type, pick([{ text: junkString(), to: pick(["table", "team", "all", undefined]) }, { text: junk() }, junk()])];
  }
}

function replaysTo(code: string): string {
  const replay = replayLog(readFileSync(path.join(server.dataDir, "matches", `${code}.jsonl`), "utf8"));
  if (!replay.ok) throw new Error(`${replay.error.code} line ${replay.error.line}: ${replay.error.message}`);
  return stateHash(replay.value.final);
}

/** Sends `count` messages from each player, then waits until replies + accepted = sent. */
async function batch(code: string, players: Player[], count: number, flood = false): Promise<{ sent: number; replies: number; accepted: number; limited: number }> {
  const errorsBefore = players.map((p) => p.errors.length);
  const seqBefore = server.match(code).state.seq;
  let sent = 0;
  for (let i = 0; i < count; i++) {
    for (const player of flood ? players.slice(0, 1) : players) {
      const [type, payload] = randomMessage(String(player.state().standingProposalId ?? ""));
      player.room.send(type as string, payload);
      sent++;
    }
  }
  const settled = () => {
    const replies = players.reduce((n, p, i) => n + p.errors.length - errorsBefore[i]!, 0);
    return { replies, accepted: server.match(code).state.seq - seqBefore };
  };
  const deadline = Date.now() + 15_000;
  while (settled().replies + settled().accepted < sent && Date.now() < deadline) await sleep(10);
  const { replies, accepted } = settled();
  const newErrors = players.flatMap((p, i) => p.errors.slice(errorsBefore[i]));
  for (const reply of newErrors) {
    expect(typeof reply.code).toBe("string");
    expect(typeof reply.message).toBe("string");
    expect(reply.code).not.toBe("SERVER_ERROR");
  }
  return { sent, replies, accepted, limited: newErrors.filter((e) => e.code === "RATE_LIMITED").length };
}

describe("fuzz", () => {
  it(`answers ${TOTAL}+ random and malformed messages, never crashes, and the logs still replay`, async () => {
    let total = 0;
    let accepted = 0;
    let matches = 0;
    let limited = 0;
    while (total < TOTAL) {
      const { code, japan, us } = await startedPvp(server, { seed: `fuzz-${matches}` });
      const watcher = await join(server, code, { spectator: true });
      matches++;
      for (let round = 0; round < 12 && total < TOTAL; round++) {
        const result = await batch(code, [japan, us, watcher], BATCH);
        expect(result.replies + result.accepted, `batch ${round} of match ${code}`).toBe(result.sent);
        total += result.sent;
        accepted += result.accepted;
        limited += result.limited;
        expect(replaysTo(code)).toBe(stateHash(server.match(code).state));
        if (server.match(code).state.phase === "ended") break;
      }
      if (matches === 1) {
        // A flood from one client: over the limit, answered RATE_LIMITED, nothing else happens.
        const started = performance.now();
        const flood = await batch(code, [japan], 2000, true);
        const seconds = (performance.now() - started) / 1000;
        expect(flood.replies + flood.accepted).toBe(flood.sent);
        // At most the burst plus what the bucket refilled while the flood lasted got through.
        expect(flood.limited).toBeGreaterThan(0);
        expect(flood.sent - flood.limited).toBeLessThanOrEqual(RATE_BURST + RATE * seconds);
        total += flood.sent;
        limited += flood.limited;
        await sleep(300); // let the bucket refill
      }
      // The room still plays normally afterwards, and its clients agree with the server.
      const live = server.match(code).state;
      if (live.phase === "negotiating") {
        const mover = live.turn === "japan" ? japan : us;
        await act(mover, "chat", { text: "still here", to: "table" });
      }
      await until(japan, (s) => s.seq === server.match(code).state.seq);
      expect(replaysTo(code)).toBe(stateHash(server.match(code).state));
      await leaveAll(japan, us, watcher);
    }
    expect(total).toBeGreaterThanOrEqual(TOTAL);
    expect(accepted).toBeGreaterThan(0);
    expect(limited).toBeGreaterThan(0);
    console.log(`fuzz: ${total} messages over ${matches} matches, ${accepted} accepted, ${limited} rate-limited`);
  }, 120_000);

  it("closes a connection that sends an oversized or undecodable frame; the seat and the room live on", async () => {
    const { code, japan, us } = await startedPvp(server);
    const frames: Array<(player: Player) => void> = [
      (p) => p.room.send("chat", { text: "x".repeat(200_000) }), // above maxPayloadBytes: ws closes it
      (p) => p.room.send("\udf3e", {}), // a type with a lone surrogate: Colyseus cannot decode it
      (p) => p.room.connection.send(new Uint8Array([13, 0xc1, 0xc1, 0xc1])), // not a Colyseus frame
    ];
    let usNow = us;
    for (const send of frames) {
      const usSeat = await usNow.seat;
      const closed = new Promise<number>((resolve) => usNow.room.onLeave((closeCode: number) => resolve(closeCode)));
      usNow.room.reconnection.enabled = false;
      send(usNow);
      expect(await closed).toBeGreaterThan(0);
      // The seat is kept: its token takes it back.
      const back = await join(server, code, { seat: usSeat.token });
      expect((await back.seat).playerId).toBe(usSeat.playerId);
      usNow = back;
    }
    await act(japan, "propose", { offer: offerOf("first") });
    await until(usNow, (s) => s.turn === "us");
    await act(usNow, "propose", { offer: offerOf("last") });
    await until(japan, (s) => s.seq === server.match(code).state.seq);
    expect(japan.state().proposals.length).toBe(2);
    await leaveAll(japan, usNow);
  });
});
