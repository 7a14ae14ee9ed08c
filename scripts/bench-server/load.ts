import { Client, type Room } from "@colyseus/sdk";
import { installFlatStringDecoder } from "../../client/src/net/flat-strings.js";
import { builtinScenario, DEFAULT_SCENARIO_ID, type Offer } from "../../shared/index.js";
import { diffGcPauses, watchGcPauses, type GcPauses } from "./gc-pauses.js";
import { percentile } from "./stats.js";

/**
 * The load generator, in its own process: N matches of two SDK clients, one action per second
 * per match (the side to move proposes; every few seconds a chat line instead), spread evenly
 * over each second. Latency is from `send` to the sender's state showing the action (seq + 1).
 * Talks to the orchestrator through stdout lines: `connected`, `measure-start`, `measure-end`,
 * `result {json}`; after the result it keeps every match open until the orchestrator sends
 * SIGUSR2 (it reads the server's live memory meanwhile), or 15 s have passed.
 */

type Options = { port: number; room: "negotiation" | "bench-baseline" | "bench-record"; matches: number; warmupSeconds: number; seconds: number; chatEvery: number };
const options = JSON.parse(process.argv[2] ?? "{}") as Options;
// The server's `seat` message can arrive before the handler below is registered; the SDK's warning about it is noise here.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => (String(args[0]).includes("onMessage() not registered") ? undefined : warn(...args));
const url = `ws://127.0.0.1:${options.port}`;
// These clients stand in for the game's own, which decode synced strings flat (client/src/main.ts).
installFlatStringDecoder();
// Listening from the start: unhandled, the orchestrator's SIGUSR2 would end the process.
const released = new Promise<void>((resolve) => process.once("SIGUSR2", () => resolve()));

const scenario = builtinScenario(DEFAULT_SCENARIO_ID)!;
const offers: Offer[] = [0, 1, 2, 3].map((k) =>
  Object.fromEntries(scenario.issues.map((issue) => [issue.id, issue.options[(k + issue.id.charCodeAt(0)) % issue.options.length]!.id])),
);

type Pending = { room: Room; expected: number; sentAt: number };
type Match = { a: Room; b: Room; count: number; nextAt: number; pending: Pending | null };

let recording = false;
/** Actions sent before this are not counted, even when their state arrives in the window. */
let windowStart = Number.POSITIVE_INFINITY;
const latencies: number[] = [];
let errors = 0;
let timeouts = 0;
let completedInWindow = 0;
// The latency includes this process decoding the patch, so its own pauses are reported too.
const gcPauses = watchGcPauses();
let gcAtStart: GcPauses | undefined;

function watch(match: Match, room: Room): void {
  room.onMessage("error", () => errors++);
  room.onMessage("seat", () => undefined);
  room.onStateChange((state: { seq: number }) => {
    const pending = match.pending;
    if (!pending || pending.room !== room || state.seq < pending.expected) return;
    match.pending = null;
    if (recording && pending.sentAt >= windowStart) {
      latencies.push(performance.now() - pending.sentAt);
      completedInWindow++;
    }
  });
}

const until = (room: Room, test: (state: any) => boolean) =>
  new Promise<void>((resolve) => {
    if (test(room.state)) return resolve();
    const listener = (state: unknown) => {
      if (!test(state)) return;
      room.onStateChange.remove(listener);
      resolve();
    };
    room.onStateChange(listener);
  });

async function openMatch(i: number): Promise<Match> {
  const client = new Client(url);
  if (options.room === "negotiation") {
    const a = await client.create(options.room, { side: "japan", name: `A${i}`, rounds: 100, seed: `bench-${i}` });
    const b = await client.joinById(a.roomId, { side: "us", name: `B${i}` });
    const match: Match = { a, b, count: 0, nextAt: 0, pending: null };
    watch(match, a);
    watch(match, b);
    a.send("ready");
    b.send("ready");
    await until(a, (s) => s?.phase === "negotiating");
    return match;
  }
  const a = await client.create(options.room);
  const b = await client.joinById(a.roomId);
  const match: Match = { a, b, count: 0, nextAt: 0, pending: null };
  watch(match, a);
  watch(match, b);
  await until(a, (s) => s?.seq !== undefined);
  return match;
}

async function connectAll(): Promise<Match[]> {
  const matches: Match[] = new Array(options.matches);
  let next = 0;
  const worker = async () => {
    while (next < options.matches) {
      const i = next++;
      matches[i] = await openMatch(i);
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
  return matches;
}

function act(match: Match, now: number): void {
  if (match.pending) {
    if (now - match.pending.sentAt < 5000) return; // still waiting: this match skips a beat
    timeouts++;
    match.pending = null;
  }
  const k = match.count++;
  const chat = k % options.chatEvery === options.chatEvery - 1;
  const state = match.a.state as { turn?: string; seq: number };
  const room = chat ? (k % 2 === 0 ? match.a : match.b) : options.room === "negotiation" ? (state.turn === "japan" ? match.a : match.b) : k % 2 === 0 ? match.a : match.b;
  const expected = (room.state as { seq: number }).seq + 1;
  match.pending = { room, expected, sentAt: performance.now() };
  if (chat) room.send("chat", { text: `line ${k}: we are still talking`, to: "table" });
  else room.send("propose", { offer: offers[k % offers.length] });
}

async function main(): Promise<void> {
  const connectStart = performance.now();
  const matches = await connectAll();
  const connectSeconds = (performance.now() - connectStart) / 1000;
  console.log("connected");
  const start = performance.now() + 200;
  matches.forEach((match, i) => (match.nextAt = start + (i / matches.length) * 1000));
  const measureFrom = start + options.warmupSeconds * 1000;
  const measureTo = measureFrom + options.seconds * 1000;
  let collected = false;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (!collected && now >= measureFrom - 500) {
        // A full collection just before the window (when run.ts exposes it): the young generation
        // starts the window empty and big enough to hold it, and the old one with room to spare,
        // so this process collects no garbage during the window and only the server's pauses
        // reach the latencies. Half a second early, so that neither this pause nor the actions
        // it delayed are counted.
        collected = true;
        (globalThis as { gc?: () => void }).gc?.();
      }
      if (!recording && now >= measureFrom) {
        recording = true;
        windowStart = performance.now();
        gcAtStart = gcPauses();
        console.log("measure-start");
      }
      if (now >= measureTo) {
        recording = false;
        clearInterval(timer);
        return resolve();
      }
      for (const match of matches) {
        if (now < match.nextAt) continue;
        match.nextAt += 1000;
        act(match, now);
      }
    }, 2);
  });
  console.log("measure-end");
  const gc = diffGcPauses(gcAtStart!, gcPauses());
  latencies.sort((x, y) => x - y);
  const result = {
    samples: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    actionsPerSecond: completedInWindow / options.seconds,
    errors,
    timeouts,
    connectSeconds,
    gc,
  };
  console.log(`result ${JSON.stringify(result)}`);
  await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
  await Promise.all(matches.flatMap((m) => [m.a.leave(), m.b.leave()]).map((p) => p.catch(() => undefined)));
  process.exit(0);
}

main().catch((error: Error) => {
  console.error(`load generator failed: ${error.message}`);
  process.exit(1);
});
