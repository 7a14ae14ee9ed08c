import { readFileSync } from "node:fs";
import path from "node:path";
import seedrandom from "seedrandom";
import { replayLog } from "../../shared/index.js";
import { randomOffer, type Random } from "./random-messages.js";
import type { ServerProcess } from "./server-process.js";
import { SoakClient } from "./soak-client.js";

/**
 * Part 2: rounds of live play cut by `kill -9` at a random moment, then a restart. A client
 * counts an action as acknowledged when its own view shows it (its chat line, its proposal):
 * the server shows a move only after writing it to the log. After each restart every
 * acknowledged action must be in the log, and every started match must resume: both players
 * take their seats back with their seat tokens and see the state the log replays to.
 */

export type KillCounts = {
  rounds: number;
  restarts: number;
  acknowledged: number;
  missing: number;
  matchesStarted: number;
  resumeChecks: number;
  notResumed: number;
  crashes: number;
  seconds: number;
  problems: string[];
};

type Tracked = {
  code: string;
  tokens: { japan: string; us: string };
  started: boolean;
  ended: boolean;
  /** Chat texts and proposal ids the players saw applied. */
  ackedChat: Set<string>;
  ackedProposals: Set<string>;
  /** The highest seq a player saw. */
  seenSeq: number;
  clients: SoakClient[];
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function watch(match: Tracked, client: SoakClient): void {
  const seen = () => {
    const view = client.fold.view;
    if (!view) return;
    match.seenSeq = Math.max(match.seenSeq, view.seq);
    if (view.phase !== "briefing") match.started = true;
    if (view.phase === "ended") match.ended = true;
    const me = client.seat.spectator ? undefined : client.seat.playerId;
    for (const line of view.chat) if (line.by === me && line.text.startsWith("ack ")) match.ackedChat.add(line.text);
    for (const proposal of view.proposals) if (proposal.by === me) match.ackedProposals.add(proposal.id);
  };
  client.listeners.add(seen);
  seen();
}

function tokenOf(client: SoakClient): string {
  if (client.seat.spectator) throw new Error(`a player of ${client.code} was seated as a spectator`);
  return client.seat.token;
}

async function openMatch(server: ServerProcess, seed: string): Promise<Tracked> {
  const japan = await SoakClient.create(server.url, { mode: "pvp", side: "japan", name: "Kill J", seed });
  const us = await SoakClient.join(server.url, japan.code, { side: "us", name: "Kill U" });
  const match: Tracked = { code: japan.code, tokens: { japan: tokenOf(japan), us: tokenOf(us) }, started: false, ended: false, ackedChat: new Set(), ackedProposals: new Set(), seenSeq: 0, clients: [japan, us] };
  for (const client of match.clients) watch(match, client);
  return match;
}

/** Plays as fast as a person clicks: ready, then the side to move proposes, the other chats; each chat line unique. */
async function play(match: Tracked, random: Random, until: () => boolean, tag: string): Promise<void> {
  let n = 0;
  await Promise.all(
    match.clients.map(async (client) => {
      while (!until() && !client.closed && client.fold.view && client.view.phase !== "ended") {
        const view = client.view;
        const mine = view.viewer.kind === "seat" && view.turn === view.viewer.side;
        if (view.phase === "briefing") client.send("ready", {});
        else if (mine && random() < 0.7) client.send("propose", { offer: randomOffer(random) });
        else client.send("chat", { text: `ack ${tag} ${match.code} ${n++}` });
        await sleep(40 + random() * 80);
      }
    }),
  );
}

export async function killRounds(server: ServerProcess, options: { seed: string; rounds: number; matches: number }): Promise<KillCounts> {
  const started = Date.now();
  const random = seedrandom(`${options.seed}/kill`);
  const counts: KillCounts = { rounds: 0, restarts: 0, acknowledged: 0, missing: 0, matchesStarted: 0, resumeChecks: 0, notResumed: 0, crashes: 0, seconds: 0, problems: [] };
  let live: Tracked[] = [];
  const all: Tracked[] = [];
  const everStarted = new Set<string>();
  /** Acknowledged actions found missing after a restart, as "code text" or "code proposal-id" (each counted once). */
  const missing = new Set<string>();

  /** After a restart: every acknowledged action in the log, every started match back in its seats. */
  async function checkResumed(): Promise<void> {
    const next: Tracked[] = [];
    for (const match of live) {
      const text = readFileSync(path.join(server.dataDir, "matches", `${match.code}.jsonl`), "utf8");
      const replay = replayLog(text);
      if (!replay.ok) {
        counts.problems.push(`${match.code}: the log does not replay: ${replay.error.message}`);
        for (const what of [...match.ackedChat, ...match.ackedProposals]) missing.add(`${match.code} ${what}`);
        continue;
      }
      const final = replay.value.final;
      const chat = new Set(final.chat.map((line) => line.text));
      const proposals = new Set(final.proposals.map((p) => p.id));
      const lost = [...[...match.ackedChat].filter((t) => !chat.has(t)), ...[...match.ackedProposals].filter((id) => !proposals.has(id))];
      if (match.seenSeq > final.seq) lost.push(`seq ${final.seq + 1}…${match.seenSeq}`);
      if (lost.length > 0) counts.problems.push(`${match.code}: acknowledged but missing from the log: ${lost.slice(0, 5).join("; ")} (seen seq ${match.seenSeq}, log seq ${final.seq})`);
      for (const what of lost) missing.add(`${match.code} ${what}`);
      if (!match.started || final.phase === "ended") continue;
      // A started, unfinished match: both players take their seats back.
      counts.resumeChecks++;
      try {
        const japan = await SoakClient.join(server.url, match.code, { seat: match.tokens.japan });
        const us = await SoakClient.join(server.url, match.code, { seat: match.tokens.us });
        if (japan.view.seq !== final.seq || us.view.seq !== final.seq) throw new Error(`resumed at seq ${japan.view.seq}/${us.view.seq}, the log says ${final.seq}`);
        match.clients = [japan, us];
        for (const client of match.clients) watch(match, client);
        next.push(match);
      } catch (error) {
        counts.notResumed++;
        counts.problems.push(`${match.code}: did not resume: ${(error as Error).message}`);
      }
    }
    live = next;
  }

  const progress = setInterval(() => process.stderr.write(`\r  kill: round ${counts.rounds}/${options.rounds}, ${all.length} matches, ${Math.round((Date.now() - started) / 1000)} s   `), 2000);
  try {
    await server.start();
    for (let round = 0; round < options.rounds; round++) {
      counts.rounds++;
      // Keep `matches` live matches: open new ones for those that ended.
      live = live.filter((m) => !m.ended);
      while (live.length < options.matches) {
        const match = await openMatch(server, `${options.seed}/k${round}/${live.length}`);
        live.push(match);
        all.push(match);
      }
      // Kill at a random moment of live play: 0.1 to 1.5 s in.
      const killAt = Date.now() + 100 + random() * 1400;
      await Promise.all(live.map((match, i) => play(match, seedrandom(`${options.seed}/r${round}/m${i}`), () => Date.now() >= killAt, `r${round}`)));
      for (const match of live) if (match.started) everStarted.add(match.code);
      await server.kill9();
      for (const match of live) for (const client of match.clients) client.closed = true;
      await server.start();
      counts.restarts++;
      await checkResumed();
    }
  } finally {
    clearInterval(progress);
    process.stderr.write("\n");
    for (const match of live) for (const client of match.clients) await client.leave();
  }
  counts.matchesStarted = everStarted.size;
  counts.acknowledged = all.reduce((n, m) => n + m.ackedChat.size + m.ackedProposals.size, 0);
  counts.missing = missing.size;
  counts.crashes = server.crashes.length;
  counts.seconds = Math.round((Date.now() - started) / 100) / 10;
  return counts;
}
