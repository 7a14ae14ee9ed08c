import seedrandom from "seedrandom";
import { checkLogs, publishedKey } from "./check-logs.js";
import { randomMessage, type Random } from "./random-messages.js";
import type { ServerProcess } from "./server-process.js";
import { SoakClient } from "./soak-client.js";

/**
 * Part 1: live matches of two players and a spectator, every client sending random and
 * malformed messages at its own pace (now and then a flood). A table whose match ends is left
 * and a new one opened, so matches stay live. At the end every sent message is accounted for:
 * an error reply, a `view` (the answer to `sync`) or an action of that client in the log;
 * whatever is left over is unanswered, and an action no accepted message accounts for is a
 * state change by a refused one.
 */

export type FuzzCounts = {
  messages: number;
  answeredWithError: number;
  rateLimited: number;
  answeredWithView: number;
  applied: number;
  unanswered: number;
  refusedButChanged: number;
  matches: number;
  crashes: number;
  logs: number;
  logsEnded: number;
  logsDamaged: number;
  logsNotSigned: number;
  errorsByCode: Record<string, number>;
  seconds: number;
  problems: string[];
};

type Seat = { client: SoakClient; random: Random };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function fuzz(server: ServerProcess, options: { seed: string; messages: number; matches: number; seconds: number }): Promise<FuzzCounts> {
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const perTable = Math.ceil(options.messages / options.matches);
  const all: SoakClient[] = [];
  const problems: string[] = [];
  let sentTotal = 0;
  let tables = 0;

  async function openTable(tableSeed: string): Promise<Seat[]> {
    tables++;
    const japan = await SoakClient.create(server.url, { mode: "pvp", side: "japan", name: "Fuzz J", seed: tableSeed });
    const us = await SoakClient.join(server.url, japan.code, { side: "us", name: "Fuzz U" });
    const watcher = await SoakClient.join(server.url, japan.code, { spectator: true });
    all.push(japan, us, watcher);
    return [japan, us, watcher].map((client, i) => ({ client, random: seedrandom(`${tableSeed}/${i}`) }));
  }

  /** One table's share of the messages, over as many matches as it takes. */
  async function runTable(t: number): Promise<void> {
    let budget = perTable;
    let round = 0;
    while (budget > 0 && Date.now() < deadline && server.alive) {
      const seats = await openTable(`${options.seed}/t${t}/m${round++}`);
      // Each client sends ~15 messages a second (the server allows 10 a second, bursts of 30): some are rate-limited.
      await Promise.all(
        seats.map(async ({ client, random }) => {
          while (budget > 0 && Date.now() < deadline && !client.closed && client.view.phase !== "ended") {
            const flood = random() < 0.01 ? 40 : 1;
            for (let i = 0; i < flood && budget > 0; i++) {
              const message = randomMessage(random, client.view);
              client.send(message.type, message.payload);
              budget--;
              sentTotal++;
            }
            await sleep(random() * 130);
          }
        }),
      );
      // Every message sent so far is answered once the fence is: then leave the table.
      for (const { client } of seats) {
        if (!(await client.fence(`soak-fence-${client.code}`))) problems.push(`no answer to the fence of a client in ${client.code}${client.closed ? " (its connection closed)" : ""}`);
      }
      await Promise.all(seats.map(({ client }) => client.leave()));
    }
  }

  const progress = setInterval(() => process.stderr.write(`\r  fuzz: ${sentTotal} messages, ${tables} matches, ${Math.round((Date.now() - started) / 1000)} s   `), 2000);
  try {
    await Promise.all(Array.from({ length: options.matches }, (_, t) => runTable(t).catch((error: Error) => problems.push(`table ${t}: ${error.message}`))));
  } finally {
    clearInterval(progress);
    process.stderr.write("\n");
  }

  // The accounting, against the logs.
  const key = server.alive ? await publishedKey(server.httpUrl) : "";
  const logs = checkLogs(server.dataDir, key);
  const counts: FuzzCounts = {
    messages: 0, answeredWithError: 0, rateLimited: 0, answeredWithView: 0, applied: 0, unanswered: 0, refusedButChanged: 0,
    matches: tables, crashes: server.crashes.length, logs: logs.logs, logsEnded: logs.ended, logsDamaged: logs.damaged.length, logsNotSigned: logs.unsigned.length,
    errorsByCode: {}, seconds: 0, problems,
  };
  problems.push(...logs.damaged, ...logs.unsigned, ...server.crashes);
  for (const client of all) {
    const replay = logs.replays.get(client.code);
    const playerId = client.seat?.spectator === false ? client.seat.playerId : undefined;
    // The client's own actions in the log, but not its seat (joining is not a message).
    const applied = playerId && replay ? replay.actions.filter((a) => "by" in a.action && a.action.by === playerId).length : 0;
    const errors = client.errorCount();
    const answered = errors + client.views + applied;
    counts.messages += client.sent;
    counts.answeredWithError += errors;
    counts.rateLimited += client.errors.get("RATE_LIMITED") ?? 0;
    counts.answeredWithView += client.views;
    counts.applied += applied;
    if (answered < client.sent) counts.unanswered += client.sent - answered;
    if (answered > client.sent) counts.refusedButChanged += answered - client.sent;
    for (const [code, n] of client.errors) counts.errorsByCode[code] = (counts.errorsByCode[code] ?? 0) + n;
  }
  counts.seconds = Math.round((Date.now() - started) / 100) / 10;
  return counts;
}
