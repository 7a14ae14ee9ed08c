import { createInterface } from "node:readline";
import { Client, type Room } from "@colyseus/sdk";
import { builtinScenario, DEFAULT_SCENARIO_ID, stepMessageSchema, viewMessageSchema, ViewFold, type Offer } from "../../shared/index.js";
import { diffGcPauses, watchGcPauses, type GcPauses } from "./gc-pauses.js";
import { percentile } from "./stats.js";

/**
 * The load generator, in its own process: N matches of two plain SDK clients, each client acting
 * once per second (the side to move proposes, the other side chats; in the comparison rooms every
 * client just sends), spread evenly over each second. Latency is from `send` to the sender's view
 * showing the action (seq + 1). The game's clients fold `view` and `step` messages with the
 * protocol's ViewFold, as any client of docs/protocol.md would; the comparison rooms sync a schema.
 * Talks to the orchestrator through stdout lines: `connected`, `measure-start`, `measure-end`,
 * `result {json}`; after the result it keeps every match open until the orchestrator sends
 * SIGUSR2 (it reads the server's live memory meanwhile), or 15 s have passed.
 */

type Options = {
  port: number;
  room: "negotiation" | "bench-baseline" | "bench-record";
  matches: number;
  warmupSeconds: number;
  seconds: number;
  chatEvery: number;
  ports?: number[];
  /** One of several load processes (run.ts): the index of its first match, and it starts playing only when `go` arrives on stdin, with the others. */
  first?: number;
  waitForGo?: boolean;
};
const options = JSON.parse(process.argv[2] ?? "{}") as Options;
const url = `ws://127.0.0.1:${options.port}`;
/** bench:cluster: match i is created through process i mod n, as a proxy in front of a cluster spreads requests. */
const urlFor = (i: number): string => (options.ports && options.ports.length > 0 ? `ws://127.0.0.1:${options.ports[i % options.ports.length]}` : url);
// Listening from the start: unhandled, the orchestrator's SIGUSR2 would end the process.
const released = new Promise<void>((resolve) => process.once("SIGUSR2", () => resolve()));

const scenario = builtinScenario(DEFAULT_SCENARIO_ID)!;
const offers: Offer[] = [0, 1, 2, 3].map((k) =>
  Object.fromEntries(scenario.issues.map((issue) => [issue.id, issue.options[(k + issue.id.charCodeAt(0)) % issue.options.length]!.id])),
);

/** One client: what it knows of the match (seq, whose move), and its action in flight. */
type Seat = {
  room: Room;
  side: string;
  seq: () => number;
  turn: () => string;
  /** The view (game rooms only). */
  fold: ViewFold | null;
  changed: Set<() => void>;
  count: number;
  nextAt: number;
  /** The action in flight, and how to tell that the sender sees it applied. */
  pending: { sentAt: number; done: () => boolean } | null;
};

let recording = false;
/** Actions sent before this are not counted, even when their state arrives in the window. */
let windowStart = Number.POSITIVE_INFINITY;
const latencies: number[] = [];
let errors = 0;
let timeouts = 0;
let completedInWindow = 0;
// The latency includes this process decoding the messages, so its own pauses are reported too.
const gcPauses = watchGcPauses();
let gcAtStart: GcPauses | undefined;

function seatOf(room: Room, side: string): Seat {
  const changed = new Set<() => void>();
  const seat: Seat = { room, side, seq: () => -1, turn: () => "", fold: null, changed, count: 0, nextAt: 0, pending: null };
  if (options.room === "negotiation") {
    const fold = (seat.fold = new ViewFold());
    seat.seq = () => fold.view?.seq ?? -1;
    seat.turn = () => fold.view?.turn ?? "";
    room.onMessage("view", (message: unknown) => {
      fold.take(viewMessageSchema.parse(message));
      for (const f of changed) f();
    });
    room.onMessage("step", (message: unknown) => {
      if (!fold.step(stepMessageSchema.parse(message))) room.send("sync", {});
      for (const f of changed) f();
    });
  } else {
    seat.seq = () => (room.state as { seq?: number } | undefined)?.seq ?? -1;
    room.onStateChange(() => {
      for (const f of changed) f();
    });
  }
  room.onMessage("error", () => errors++);
  changed.add(() => {
    const pending = seat.pending;
    if (!pending || !pending.done()) return;
    seat.pending = null;
    if (recording && pending.sentAt >= windowStart) {
      latencies.push(performance.now() - pending.sentAt);
      completedInWindow++;
    }
  });
  return seat;
}

const until = (seat: Seat, test: () => boolean) =>
  new Promise<void>((resolve) => {
    if (test()) return resolve();
    const listener = () => {
      if (!test()) return;
      seat.changed.delete(listener);
      resolve();
    };
    seat.changed.add(listener);
  });

async function openMatch(i: number): Promise<[Seat, Seat]> {
  const client = new Client(urlFor(i));
  if (options.room === "negotiation") {
    const a = seatOf(await client.create(options.room, { side: "japan", name: `A${i}`, rounds: 100, seed: `bench-${i}` }), "japan");
    const b = seatOf(await client.joinById(a.room.roomId, { side: "us", name: `B${i}` }), "us");
    await until(a, () => a.seq() >= 0);
    await until(b, () => b.seq() >= 0);
    a.room.send("ready");
    await until(a, () => a.seq() >= 3);
    b.room.send("ready");
    await until(b, () => b.seq() >= 4);
    return [a, b];
  }
  const a = seatOf(await client.create(options.room), "a");
  const b = seatOf(await client.joinById(a.room.roomId), "b");
  await until(a, () => a.seq() >= 0);
  return [a, b];
}

async function connectAll(): Promise<Seat[]> {
  const seats: Seat[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.matches) seats.push(...(await openMatch((options.first ?? 0) + next++)));
  };
  await Promise.all(Array.from({ length: 20 }, worker));
  return seats;
}

function act(seat: Seat, now: number): void {
  if (seat.pending) {
    if (now - seat.pending.sentAt < 5000) return; // still waiting: this client skips a beat
    timeouts++;
    seat.pending = null;
  }
  const k = seat.count++;
  // In the game only the side to move may propose; the other side talks meanwhile.
  const propose = options.room === "negotiation" ? seat.turn() === seat.side && k % options.chatEvery !== options.chatEvery - 1 : k % options.chatEvery !== options.chatEvery - 1;
  const text = `line ${k} from ${seat.side}: we are still talking`;
  const view = seat.fold?.view;
  if (view) {
    // Done when the sender's own view holds its proposal or its chat line (the other client's moves do not count).
    const proposals = view.proposals.length;
    const lines = view.chat.length;
    const done = propose
      ? () => (seat.fold!.view!.proposals.length > proposals && seat.fold!.view!.proposals.at(-1)!.side === seat.side)
      : () => seat.fold!.view!.chat.slice(lines).some((line) => line.text === text);
    seat.pending = { sentAt: performance.now(), done };
  } else {
    const expected = seat.seq() + 1;
    seat.pending = { sentAt: performance.now(), done: () => seat.seq() >= expected };
  }
  if (propose) seat.room.send("propose", { offer: offers[k % offers.length] });
  else seat.room.send("chat", { text, to: "table" });
}

async function main(): Promise<void> {
  const connectStart = performance.now();
  const seats = await connectAll();
  const connectSeconds = (performance.now() - connectStart) / 1000;
  console.log("connected");
  if (options.waitForGo) await new Promise<void>((resolve) => createInterface({ input: process.stdin }).on("line", (line) => line === "go" && resolve()));
  const start = performance.now() + 200;
  seats.forEach((seat, i) => (seat.nextAt = start + (i / seats.length) * 1000));
  const measureFrom = start + options.warmupSeconds * 1000;
  const collectAt = measureFrom - Math.min(2500, options.warmupSeconds * 500);
  const measureTo = measureFrom + options.seconds * 1000;
  let collected = false;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (!collected && now >= collectAt) {
        // A full collection during the warm-up (when run.ts exposes it): the young generation
        // starts the window nearly empty and big enough for most of it, and the old one with room
        // to spare, so that mostly the server's pauses reach the latencies. Well before the window:
        // this pause (0.4 s with 4,000 clients) holds back a second's actions, and the server takes
        // a second more to work off that burst; at half a second ahead, the first second of the
        // 2,000-match window was that burst alone.
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
      for (const seat of seats) {
        if (now < seat.nextAt) continue;
        seat.nextAt += 1000;
        act(seat, now);
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
    // For the orchestrator to merge the percentiles of several load processes.
    ...(options.waitForGo ? { latencies: latencies.map((ms) => Math.round(ms * 1000) / 1000) } : {}),
  };
  console.log(`result ${JSON.stringify(result)}`);
  await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
  await Promise.all(seats.map((seat) => seat.room.leave().catch(() => undefined)));
  process.exit(0);
}

main().catch((error: Error) => {
  console.error(`load generator failed: ${error.message}`);
  process.exit(1);
});
